/* SPDX-License-Identifier: MIT */
/* `caa serve` options: one table, one parser. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "service.h"

static const char usage_text[] =
    "usage: caa serve [options]\n"
    "\n"
    "The web checker, the JSON API (/api/v1/...) and the Prometheus probe (/probe) over HTTP.\n"
    "Listens on loopback only unless told otherwise: put it behind a reverse proxy.\n"
    "\n"
    "  --listen ADDR:PORT       address to serve (repeatable; [::1]:8053 for IPv6;\n"
    "                           default 127.0.0.1:8053)\n"
    "  --root-hints FILE        root hints (unbound format) for labs and private roots\n"
    "  --trust-anchor FILE      DS or DNSKEY lines for the root (or a private root)\n"
    "  --allow-private CIDR     nameservers in this private range may be asked (repeatable);\n"
    "                           every other private, loopback or special address never is\n"
    "  --trusted-proxy CIDR     honour Forwarded / X-Forwarded-For from here (repeatable)\n"
    "  --no-compare-servers     do not ask the deciding zone's servers the CAA question\n"
    "                           directly (as caa check does) to warn when they disagree\n"
    "  --workers N              checks run at once (default 8)\n"
    "  --queue N                checks waiting beyond that; 503 when full (default 64)\n"
    "  --http-threads N         threads answering HTTP (default 2)\n"
    "  --timeout SECONDS        deadline of one check (default 10)\n"
    "  --cache-ttl SECONDS      how long a result, and each worker's resolver with its\n"
    "                           DNS cache, is reused (default 60; 0 = never)\n"
    "  --client-rate R/BURST    checks per second per client address or v6 /64 (default 2/20)\n"
    "  --domain-rate R/BURST    checks per second per registrable domain (default 0.5/10)\n"
    "  --fresh-rate R/BURST     fresh=1 checks per second per client (default 0.1/3)\n"
    "  --connection-timeout S   idle connection timeout (default 10)\n"
    "  --per-ip-connections N   connections at once from one address (default 64)\n"
    "  --shutdown-timeout S     on SIGTERM, wait this long for requests in flight (default 10)\n"
    "  --state-dir DIR          permalink database (default $STATE_DIRECTORY, else\n"
    "                           $XDG_STATE_HOME/caa or ~/.local/state/caa)\n"
    "  --keep-days N            forget permalinks older than this (default 30)\n"
    "  --keep-max N             keep at most this many permalinks (default 100000)\n"
    "  --log FILE               access log (default stderr); SIGHUP reopens it\n"
    "  --log-format FORMAT      text (default) or json\n"
    "  -h, --help               this help\n"
    "\n"
    "SIGTERM or SIGINT: stop accepting, finish what is in flight, exit 0.\n";

enum {
    OPT_LISTEN = 1000,
    OPT_ROOT_HINTS,
    OPT_TRUST_ANCHOR,
    OPT_ALLOW_PRIVATE,
    OPT_TRUSTED_PROXY,
    OPT_WORKERS,
    OPT_QUEUE,
    OPT_HTTP_THREADS,
    OPT_TIMEOUT,
    OPT_CACHE_TTL,
    OPT_CLIENT_RATE,
    OPT_DOMAIN_RATE,
    OPT_FRESH_RATE,
    OPT_CONN_TIMEOUT,
    OPT_PER_IP,
    OPT_SHUTDOWN,
    OPT_STATE_DIR,
    OPT_KEEP_DAYS,
    OPT_KEEP_MAX,
    OPT_LOG,
    OPT_LOG_FORMAT,
    OPT_NO_COMPARE,
};

static const struct option longopts[] = {
    {"listen", required_argument, NULL, OPT_LISTEN},
    {"root-hints", required_argument, NULL, OPT_ROOT_HINTS},
    {"trust-anchor", required_argument, NULL, OPT_TRUST_ANCHOR},
    {"allow-private", required_argument, NULL, OPT_ALLOW_PRIVATE},
    {"trusted-proxy", required_argument, NULL, OPT_TRUSTED_PROXY},
    {"workers", required_argument, NULL, OPT_WORKERS},
    {"queue", required_argument, NULL, OPT_QUEUE},
    {"http-threads", required_argument, NULL, OPT_HTTP_THREADS},
    {"timeout", required_argument, NULL, OPT_TIMEOUT},
    {"cache-ttl", required_argument, NULL, OPT_CACHE_TTL},
    {"client-rate", required_argument, NULL, OPT_CLIENT_RATE},
    {"domain-rate", required_argument, NULL, OPT_DOMAIN_RATE},
    {"fresh-rate", required_argument, NULL, OPT_FRESH_RATE},
    {"connection-timeout", required_argument, NULL, OPT_CONN_TIMEOUT},
    {"per-ip-connections", required_argument, NULL, OPT_PER_IP},
    {"shutdown-timeout", required_argument, NULL, OPT_SHUTDOWN},
    {"state-dir", required_argument, NULL, OPT_STATE_DIR},
    {"keep-days", required_argument, NULL, OPT_KEEP_DAYS},
    {"keep-max", required_argument, NULL, OPT_KEEP_MAX},
    {"log", required_argument, NULL, OPT_LOG},
    {"log-format", required_argument, NULL, OPT_LOG_FORMAT},
    {"no-compare-servers", no_argument, NULL, OPT_NO_COMPARE},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

/* msg has one "%s", replaced by arg (no printf: the table's messages are data). */
static int usage_error(const char *msg, const char *arg)
{
    const char *at = strstr(msg, "%s");

    fputs("caa serve: ", stderr);
    if (at != NULL) {
        fwrite(msg, 1, (size_t)(at - msg), stderr);
        fputs(arg, stderr);
        fputs(at + 2, stderr);
    } else {
        fputs(msg, stderr);
    }
    fputs(" (see --help)\n", stderr);
    return 64;
}

static int parse_uint(const char *arg, unsigned long min, unsigned long max, unsigned long *out)
{
    char *end = NULL;
    unsigned long v;

    if (arg[0] < '0' || arg[0] > '9') {
        return -1;
    }
    v = strtoul(arg, &end, 10);
    if (*end != '\0' || v < min || v > max) {
        return -1;
    }
    *out = v;
    return 0;
}

static int parse_double(const char *arg, double min, double max, double *out)
{
    char *end = NULL;
    double v = strtod(arg, &end);

    if (end == arg || *end != '\0' || !(v >= min) || v > max) {
        return -1;
    }
    *out = v;
    return 0;
}

/* "RATE/BURST": tokens per second and bucket size. */
static int parse_rate(const char *arg, double *rate, double *burst)
{
    char buf[64];
    char *slash;

    if (strlen(arg) >= sizeof(buf)) {
        return -1;
    }
    memcpy(buf, arg, strlen(arg) + 1);
    slash = strchr(buf, '/');
    if (slash == NULL) {
        return -1;
    }
    *slash = '\0';
    return parse_double(buf, 0.0, 1e9, rate) == 0 && parse_double(slash + 1, 1.0, 1e9, burst) == 0
               ? 0
               : -1;
}

static int add_cidr(struct cidr *list, size_t *count, const char *arg, const char *what)
{
    if (*count == SERVE_CIDR_MAX) {
        return usage_error("too many --%s", what);
    }
    if (cidr_parse(arg, &list[*count]) != 0) {
        return usage_error("not an address range (CIDR, host bits zero): %s", arg);
    }
    (*count)++;
    return 0;
}

static int uint_opt(const char *arg, unsigned long min, unsigned long max, unsigned *out,
                    const char *what)
{
    unsigned long v;

    if (parse_uint(arg, min, max, &v) != 0) {
        return usage_error(what, arg);
    }
    *out = (unsigned)v;
    return 0;
}

static int one_option(struct serve_options *o, int ch, const char *arg)
{
    double d = 0;
    unsigned long ul = 0;

    switch (ch) {
    case OPT_LISTEN:
        if (o->listen_count == SERVE_LISTEN_MAX) {
            return usage_error("at most 8 --listen (%s)", arg);
        }
        o->listen[o->listen_count++] = arg;
        return 0;
    case OPT_ROOT_HINTS:
        o->root_hints = arg;
        return 0;
    case OPT_TRUST_ANCHOR:
        o->trust_anchor = arg;
        return 0;
    case OPT_ALLOW_PRIVATE:
        return add_cidr(o->allow_private, &o->allow_private_count, arg, "allow-private");
    case OPT_TRUSTED_PROXY:
        return add_cidr(o->trusted_proxy, &o->trusted_proxy_count, arg, "trusted-proxy");
    case OPT_WORKERS:
        return uint_opt(arg, 1, 256, &o->workers, "--workers takes 1..256, not %s");
    case OPT_QUEUE:
        return uint_opt(arg, 0, 100000, &o->queue, "--queue takes 0..100000, not %s");
    case OPT_HTTP_THREADS:
        return uint_opt(arg, 1, 64, &o->http_threads, "--http-threads takes 1..64, not %s");
    case OPT_TIMEOUT:
        if (parse_double(arg, 0.1, 120.0, &d) != 0) {
            return usage_error("--timeout takes seconds (0.1..120), not %s", arg);
        }
        o->check_timeout_ms = (unsigned)(d * 1000.0);
        return 0;
    case OPT_CACHE_TTL:
        return parse_double(arg, 0.0, 86400.0, &o->cache_ttl_s) == 0
                   ? 0
                   : usage_error("--cache-ttl takes seconds, not %s", arg);
    case OPT_CLIENT_RATE:
        return parse_rate(arg, &o->client_rate, &o->client_burst) == 0
                   ? 0
                   : usage_error("--client-rate takes RATE/BURST, not %s", arg);
    case OPT_DOMAIN_RATE:
        return parse_rate(arg, &o->domain_rate, &o->domain_burst) == 0
                   ? 0
                   : usage_error("--domain-rate takes RATE/BURST, not %s", arg);
    case OPT_FRESH_RATE:
        return parse_rate(arg, &o->fresh_rate, &o->fresh_burst) == 0
                   ? 0
                   : usage_error("--fresh-rate takes RATE/BURST, not %s", arg);
    case OPT_CONN_TIMEOUT:
        return uint_opt(arg, 1, 3600, &o->connection_timeout_s,
                        "--connection-timeout takes 1..3600 seconds, not %s");
    case OPT_PER_IP:
        return uint_opt(arg, 1, 100000, &o->per_ip_connections,
                        "--per-ip-connections takes 1..100000, not %s");
    case OPT_SHUTDOWN:
        return uint_opt(arg, 0, 3600, &o->shutdown_timeout_s,
                        "--shutdown-timeout takes 0..3600 seconds, not %s");
    case OPT_STATE_DIR:
        o->state_dir = arg;
        return 0;
    case OPT_KEEP_DAYS:
        return uint_opt(arg, 1, 36500, &o->keep_days, "--keep-days takes 1..36500, not %s");
    case OPT_KEEP_MAX:
        if (parse_uint(arg, 1, 100000000, &ul) != 0) {
            return usage_error("--keep-max takes 1..100000000, not %s", arg);
        }
        o->keep_max = ul;
        return 0;
    case OPT_LOG:
        o->log_path = arg;
        return 0;
    case OPT_LOG_FORMAT:
        if (strcmp(arg, "json") != 0 && strcmp(arg, "text") != 0) {
            return usage_error("--log-format is text or json, not %s", arg);
        }
        o->log_json = strcmp(arg, "json") == 0;
        return 0;
    case OPT_NO_COMPARE:
        o->compare_servers = false;
        return 0;
    default:
        fputs(usage_text, stderr);
        return 64;
    }
}

static void defaults(struct serve_options *o)
{
    memset(o, 0, sizeof(*o));
    o->workers = 8;
    o->queue = 64;
    o->http_threads = 2;
    o->check_timeout_ms = 10000;
    o->cache_ttl_s = 60.0;
    o->client_rate = 2.0;
    o->client_burst = 20.0;
    o->domain_rate = 0.5;
    o->domain_burst = 10.0;
    o->fresh_rate = 0.1;
    o->fresh_burst = 3.0;
    o->connection_timeout_s = 10;
    o->per_ip_connections = 64;
    o->shutdown_timeout_s = 10;
    o->keep_days = 30;
    o->keep_max = 100000;
    o->compare_servers = true;
}

int serve_options_parse(int argc, char **argv, struct serve_options *o)
{
    int ch;

    defaults(o);
    optind = 1;
    while ((ch = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
        if (ch == 'h') {
            fputs(usage_text, stdout);
            return -1;
        }
        int rc = one_option(o, ch, optarg);
        if (rc != 0) {
            return rc;
        }
    }
    if (optind < argc) {
        return usage_error("unexpected argument %s", argv[optind]);
    }
    if (o->listen_count == 0) {
        o->listen[o->listen_count++] = "127.0.0.1:8053";
    }
    return 0;
}
