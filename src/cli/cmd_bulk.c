/* SPDX-License-Identifier: MIT */
/* caa bulk: CA-grade verdicts for a stream of names, one result per input line. */
#include <caa/caa.h>

#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bulk_input.h"
#include "bulk_output.h"
#include "cli.h"
#include "ctx_options.h"
#include "text_out.h"

static const char usage_text[] =
    "usage: caa bulk [options] [FILE|-]\n"
    "\n"
    "The verdict of caa check for every name of FILE (default: stdin), streamed: one result per\n"
    "input line, in input order, then a summary. A line is NAME [CA [METHOD]], columns separated\n"
    "by blanks or commas; '#' starts a comment; blank lines are skipped; CRLF is fine; a URL is\n"
    "reduced to its host; \"*.\" asks for a wildcard. CA is a CA of the table (letsencrypt) or an\n"
    "issuer domain. A result's \"index\" is its line number. A malformed line gets a result\n"
    "with code CAA_INPUT_INVALID.\n"
    "\n" CLI_CTX_USAGE "  --timeout SECONDS        deadline per name (default 10)\n"
    "  --resolver ADDR[@PORT]   forward to this resolver instead of resolving from the root\n"
    "  --trust-ad               with --resolver: believe its AD bit instead of validating\n"
    "  --format FORMAT          ndjson (default when stdout is not a terminal), csv, or text\n"
    "  --ordered                results in input order (default)\n"
    "  --unordered              results as they come (faster with slow zones)\n"
    "  --resume FILE            skip the lines a previous NDJSON output (possibly cut short)\n"
    "                           already answered; write the new results to another file;\n"
    "                           repeatable (every earlier part of the run)\n"
    "  --shard I/N              only lines whose name hashes to I modulo N (0 <= I < N); the\n"
    "                           hash (FNV-1a 64 of the lower-cased name) is stable across\n"
    "                           versions, so N machines can split one list\n"
    "  --window N               names in flight (default 1000)\n"
    "  --zone-limit N           lookups in flight per zone (default 64)\n"
    "  --cache N                label outcomes cached (default 20000)\n"
    "  --threads N              workers, each with its own resolver; all children of a parent\n"
    "                           go to one (default: one per CPU, at most 2; each adds\n"
    "                           3-5 MiB)\n"
    "  --engine ENGINE          wire (default, not with --resolver): CAA questions straight\n"
    "                           to each zone's servers, delegations and keys through\n"
    "                           libunbound once per zone, anything unusual handed to\n"
    "                           libunbound; unbound: every lookup through libunbound (the\n"
    "                           default with --resolver)\n"
    "  -q, --quiet              no progress line and no notes on stderr\n"
    "  -h, --help               this help\n"
    "\n"
    "example:\n"
    "  caa bulk --ca letsencrypt domains.txt > results.ndjson\n"
    "  jq -r 'select(.verdict != \"allowed\") | [.index, .name, .code] | @tsv' results.ndjson\n"
    "\n"
    "exit: 0 all allowed, 1 some denied, 2 some error (lookup failure or malformed line; wins\n"
    "      over 1), 64 usage, 65 unreadable input or resume file, 69 resolver unavailable,\n"
    "      70 internal error\n";

enum {
    OPT_FORMAT = 2000,
    OPT_ORDERED,
    OPT_UNORDERED,
    OPT_RESUME,
    OPT_SHARD,
    OPT_RESOLVER,
    OPT_TRUST_AD,
    OPT_WINDOW,
    OPT_ZONE_LIMIT,
    OPT_CACHE,
    OPT_THREADS,
    OPT_ENGINE,
};

struct bulk_cli {
    struct cli_ctx_options ctx;
    struct caa_bulk_options opts;
    enum bulk_format format;
    bool format_set;
    bool quiet;
    const char *resume_paths[BULK_RESUME_FILES_MAX];
    size_t resume_count;
    const char *input_path;
    uint64_t shard;
    uint64_t shard_count;
};

/* An item handed to the engine: its strings live here until its result is written. */
struct pending {
    struct pending *next;
    uint64_t index;
    bool malformed;
    const char *input;
    const char *name;
    const char *issuer;
    const char *method;
    const char *problem;
    uint64_t bytes_end; /* input bytes read up to the end of this line (progress) */
    bool pooled;        /* a PENDING_BLOCK_BYTES block, reused (pending_release) */
    char data[];
};

#define PENDING_BUCKETS 4096u
/* Lines whose item fits (names of up to 253 bytes with an issuer and a method: all but odd
 * ones) take a block of this size from the run's pool, so the steady state does not malloc
 * per line; the pool holds at most the lines in flight at once (bulk's window). */
#define PENDING_BLOCK_BYTES 512u

struct bulk_run {
    const struct bulk_cli *cli;
    struct bulk_reader reader;
    struct bulk_resume resume;
    struct pending *pending[PENDING_BUCKETS];
    struct pending *spare; /* released pooled blocks, linked by next */
    struct bulk_tally tally;
    struct bulk_progress progress;
    uint64_t bytes_answered; /* the furthest line end answered so far */
    char *default_ca;        /* the --ca issuer domains, blank-separated (CSV) */
    FILE *out;
    int failure; /* the exit code when the input could not be read */
};

static int parse_count(const char *option, const char *arg, unsigned long max, unsigned long *out)
{
    char *end = NULL;
    unsigned long v;

    errno = 0;
    v = strtoul(arg, &end, 10);
    if (arg[0] < '0' || arg[0] > '9' || *end != '\0' || errno != 0 || v == 0 || v > max) {
        return cli_usage_error("bulk", "%s takes a number from 1 to %lu", option, max);
    }
    *out = v;
    return 0;
}

static int bulk_option(struct bulk_cli *c, int ch, const char *arg)
{
    unsigned long v = 0;
    int rc = 0;

    switch (ch) {
    case OPT_FORMAT:
        c->format_set = true;
        return bulk_format_from_name(arg, &c->format) == 0
                   ? 0
                   : cli_usage_error("bulk", "unknown format '%s' (ndjson, csv, text)", arg);
    case OPT_ORDERED:
    case OPT_UNORDERED:
        c->opts.unordered = ch == OPT_UNORDERED;
        return 0;
    case OPT_RESUME:
        if (c->resume_count == BULK_RESUME_FILES_MAX) {
            return cli_usage_error("bulk", "at most %d --resume files", BULK_RESUME_FILES_MAX);
        }
        c->resume_paths[c->resume_count++] = arg;
        return 0;
    case OPT_SHARD:
        return bulk_shard_parse(arg, &c->shard, &c->shard_count) == 0
                   ? 0
                   : cli_usage_error("bulk", "--shard takes I/N with 0 <= I < N, not '%s'", arg);
    case OPT_RESOLVER:
        c->opts.resolver = arg;
        return 0;
    case OPT_TRUST_AD:
        c->opts.trust_ad = true;
        return 0;
    case OPT_WINDOW:
        rc = parse_count("--window", arg, 1000000, &v);
        c->opts.window = (unsigned)v;
        return rc;
    case OPT_ZONE_LIMIT:
        rc = parse_count("--zone-limit", arg, 65535, &v);
        c->opts.zone_limit = (unsigned)v;
        return rc;
    case OPT_CACHE:
        rc = parse_count("--cache", arg, 100000000, &v);
        c->opts.cache_entries = v;
        return rc;
    case OPT_THREADS:
        rc = parse_count("--threads", arg, 64, &v);
        c->opts.threads = (unsigned)v;
        return rc;
    case OPT_ENGINE:
        if (strcmp(arg, "wire") == 0 || strcmp(arg, "unbound") == 0) {
            c->opts.engine = arg[0] == 'w' ? CAA_BULK_ENGINE_WIRE : CAA_BULK_ENGINE_UNBOUND;
            return 0;
        }
        return cli_usage_error("bulk", "unknown engine '%s' (wire, unbound)", arg);
    case 'q':
        c->quiet = true;
        return 0;
    default:
        fputs(usage_text, stderr);
        return CLI_EXIT_USAGE;
    }
}

static int parse_options(int argc, char **argv, struct bulk_cli *c)
{
    static const struct option longopts[] = {
        CLI_CTX_LONGOPTS,
        {"format", required_argument, NULL, OPT_FORMAT},
        {"ordered", no_argument, NULL, OPT_ORDERED},
        {"unordered", no_argument, NULL, OPT_UNORDERED},
        {"resume", required_argument, NULL, OPT_RESUME},
        {"shard", required_argument, NULL, OPT_SHARD},
        {"resolver", required_argument, NULL, OPT_RESOLVER},
        {"trust-ad", no_argument, NULL, OPT_TRUST_AD},
        {"window", required_argument, NULL, OPT_WINDOW},
        {"zone-limit", required_argument, NULL, OPT_ZONE_LIMIT},
        {"cache", required_argument, NULL, OPT_CACHE},
        {"threads", required_argument, NULL, OPT_THREADS},
        {"engine", required_argument, NULL, OPT_ENGINE},
        {"quiet", no_argument, NULL, 'q'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    int ch;

    optind = 1;
    while ((ch = getopt_long(argc, argv, "hq", longopts, NULL)) != -1) {
        int rc = cli_ctx_option(&c->ctx, ch, optarg);
        if (rc == 1 && ch == 'h') {
            fputs(usage_text, stdout);
            return -1;
        }
        rc = rc == 1 ? bulk_option(c, ch, optarg) : rc;
        if (rc != 0) {
            return rc;
        }
    }
    if (argc - optind > 1) {
        return cli_usage_error("bulk", "give at most one input FILE (see --help)");
    }
    c->input_path = optind < argc ? argv[optind] : "-";
    if (c->opts.engine == CAA_BULK_ENGINE_WIRE && c->opts.resolver != NULL) {
        return cli_usage_error("bulk", "--engine wire resolves from the root: not with --resolver");
    }
    if (c->opts.trust_ad && c->opts.resolver == NULL) {
        return cli_usage_error("bulk", "--trust-ad needs --resolver");
    }
    c->opts.name_timeout_ms = c->ctx.timeout_ms;
    c->opts.lookup_failure = c->ctx.lookup_failure;
    return 0;
}

static struct pending **bucket_of(struct bulk_run *run, uint64_t index)
{
    return &run->pending[index % PENDING_BUCKETS];
}

/* Copies `s` (NULL stays NULL) into the pending item's data area at *cursor. */
static const char *stash(char **cursor, const char *s)
{
    char *copy = *cursor;
    size_t len;

    if (s == NULL) {
        return NULL;
    }
    len = strlen(s) + 1;
    memcpy(copy, s, len);
    *cursor += len;
    return copy;
}

static struct pending *pending_add(struct bulk_run *run, const struct bulk_line *line,
                                   const char *problem)
{
    size_t size = sizeof(struct pending) + strlen(line->name) + 1 +
                  (line->issuer != NULL ? strlen(line->issuer) + 1 : 0) +
                  (line->method != NULL ? strlen(line->method) + 1 : 0) +
                  (problem != NULL ? strlen(problem) + 1 : 0);
    bool pooled = size <= PENDING_BLOCK_BYTES;
    struct pending *p;
    char *cursor;
    struct pending **bucket = bucket_of(run, run->reader.line_no);

    if (pooled && run->spare != NULL) {
        p = run->spare;
        run->spare = p->next;
    } else if ((p = malloc(pooled ? PENDING_BLOCK_BYTES : size)) == NULL) {
        return NULL;
    }
    p->pooled = pooled;
    cursor = p->data;
    p->index = run->reader.line_no;
    p->malformed = problem != NULL;
    p->input = stash(&cursor, line->name);
    p->name = p->malformed ? "" : p->input;
    p->issuer = stash(&cursor, line->issuer);
    p->method = stash(&cursor, line->method);
    p->problem = stash(&cursor, problem);
    p->bytes_end = run->reader.bytes_read;
    p->next = *bucket;
    *bucket = p;
    return p;
}

static struct pending *pending_take(struct bulk_run *run, uint64_t index)
{
    for (struct pending **pp = bucket_of(run, index); *pp != NULL; pp = &(*pp)->next) {
        struct pending *p = *pp;
        if (p->index == index) {
            *pp = p->next;
            return p;
        }
    }
    return NULL;
}

/* A taken item (NULL: none) back to the pool, or to malloc when it was not pooled. */
static void pending_release(struct bulk_run *run, struct pending *p)
{
    if (p != NULL && p->pooled) {
        p->next = run->spare;
        run->spare = p;
    } else {
        free(p);
    }
}

static void pending_free_all(struct bulk_run *run)
{
    for (size_t b = 0; b < PENDING_BUCKETS; b++) {
        while (run->pending[b] != NULL) {
            struct pending *p = run->pending[b];
            run->pending[b] = p->next;
            free(p);
        }
    }
    while (run->spare != NULL) {
        struct pending *p = run->spare;
        run->spare = p->next;
        free(p);
    }
}

/* Whether the line is for this run: in our shard and not answered by the previous run. */
static bool line_wanted(struct bulk_run *run, const struct bulk_line *line)
{
    const struct bulk_cli *c = run->cli;

    if (c->shard_count > 1 && bulk_shard_hash(line->name) % c->shard_count != c->shard) {
        return false;
    }
    if (bulk_resume_has(&run->resume, run->reader.line_no)) {
        run->tally.resumed++;
        return false;
    }
    return true;
}

static int next_item(void *user, struct caa_bulk_item *item)
{
    struct bulk_run *run = user;
    int rc;

    if (ferror(run->out)) {
        /* The results cannot be written (disk full, closed pipe): stop asking the DNS. */
        run->failure = CLI_EXIT_SOFTWARE;
        return -1;
    }
    while ((rc = bulk_reader_next(&run->reader)) == 1) {
        struct bulk_line line;
        char problem[256];
        struct pending *p;
        enum bulk_line_kind kind = bulk_line_parse(run->reader.buf, run->reader.len, &line);
        if (kind == BULK_LINE_BLANK || !line_wanted(run, &line)) {
            continue;
        }
        if (run->reader.too_long) {
            snprintf(problem, sizeof(problem), "line %" PRIu64 ": longer than %d bytes",
                     run->reader.line_no, BULK_LINE_MAX);
        } else if (kind == BULK_LINE_MALFORMED) {
            snprintf(problem, sizeof(problem), "line %" PRIu64 ": %s", run->reader.line_no,
                     line.problem);
        }
        p = pending_add(run, &line,
                        run->reader.too_long || kind == BULK_LINE_MALFORMED ? problem : NULL);
        if (p == NULL) {
            run->failure = CLI_EXIT_SOFTWARE;
            return -1;
        }
        /* A malformed line goes through the engine with an empty name, which it reports as
         * CAA_INPUT_INVALID in its place in the order; our message replaces its own. */
        item->index = p->index;
        item->name = p->name;
        item->issuer = p->issuer;
        item->method = p->method;
        return 1;
    }
    if (rc < 0) {
        text_printf(stderr, "caa bulk: %s: read error at line %" PRIu64 "\n",
                    strcmp(run->cli->input_path, "-") == 0 ? "<stdin>" : run->cli->input_path,
                    run->reader.line_no + 1);
        run->failure = CLI_EXIT_DATAERR;
        return -1;
    }
    return 0;
}

static void emit_result(void *user, const struct caa_bulk_result *result)
{
    struct bulk_run *run = user;
    struct pending *p = pending_take(run, result->index);
    struct caa_bulk_result own;
    char message[512];

    if (p != NULL && !p->malformed && result->code == CAA_CODE_INPUT_INVALID) {
        /* The engine rejected the name: say which line, as for the lines rejected here. */
        snprintf(message, sizeof(message), "line %" PRIu64 ": %s", result->index, result->message);
        own = *result;
        own.message = message;
        own.dnssec = CAA_DNSSEC_UNKNOWN;
        result = &own;
    } else if (p != NULL && p->malformed) {
        own = *result;
        own.input = p->input;
        own.name = "";
        own.verdict = CAA_VERDICT_ERROR;
        own.code = CAA_CODE_INPUT_INVALID;
        own.message = p->problem;
        own.ca_message = "";
        own.owner = "";
        own.rrset = NULL;
        own.failing_label = "";
        own.dnssec = CAA_DNSSEC_UNKNOWN;
        own.lookups = 0;
        result = &own;
    }
    if (p != NULL && p->bytes_end > run->bytes_answered) {
        run->bytes_answered = p->bytes_end;
    }
    bulk_output_result(run->out, run->cli->format, result,
                       p != NULL && p->malformed        ? ""
                       : p != NULL && p->issuer != NULL ? p->issuer
                                                        : run->default_ca,
                       &run->tally);
    bulk_progress_update(&run->progress, &run->tally, run->bytes_answered);
    pending_release(run, p);
}

static int run_exit(const struct bulk_tally *t)
{
    return t->verdicts[CAA_VERDICT_ERROR] > 0    ? CLI_EXIT_FAILED
           : t->verdicts[CAA_VERDICT_DENIED] > 0 ? CLI_EXIT_DENIED
                                                 : CLI_EXIT_OK;
}

static int load_resume(struct bulk_run *run, const char *path)
{
    FILE *fp = fopen(path, "r");
    int rc = 0;
    struct bulk_resume_report report;

    if (fp == NULL) {
        text_printf(stderr, "caa bulk: --resume %s: %s\n", path, strerror(errno));
        return CLI_EXIT_DATAERR;
    }
    if (bulk_resume_load(&run->resume, fp, &report) != 0) {
        text_printf(stderr, "caa bulk: --resume %s: cannot read\n", path);
        rc = CLI_EXIT_DATAERR;
    } else if (report.torn > 0) {
        /* Two runs appended to one file, or a disk that filled and freed: a line that is not a
         * whole result is not trusted, so its names are checked again. */
        text_printf(stderr,
                    "caa bulk: warning: --resume %s: %" PRIu64 " torn line%s in the middle of the "
                    "file (first at line %" PRIu64 "); their names are checked again\n",
                    path, report.torn, report.torn == 1 ? "" : "s", report.first_torn_line);
    }
    fclose(fp);
    return rc;
}

static int status_exit(struct bulk_run *run, enum caa_status st, const struct caa_error *err)
{
    if (st == CAA_E_INVALID_ARG && run->failure != 0) {
        return run->failure;
    }
    text_printf(stderr, "caa bulk: %s\n",
                err->message[0] != '\0' ? err->message : caa_status_message(st));
    return st == CAA_E_IO ? CLI_EXIT_UNAVAILABLE : CLI_EXIT_SOFTWARE;
}

static uint64_t regular_file_size(FILE *fp)
{
    struct stat sb;

    return fstat(fileno(fp), &sb) == 0 && S_ISREG(sb.st_mode) ? (uint64_t)sb.st_size : 0;
}

static bool progress_wanted(const struct bulk_cli *c)
{
    const char *term = getenv("TERM");

    /* Results on the same terminal would be drawn over; they show the progress themselves. */
    return !c->quiet && isatty(STDERR_FILENO) && !isatty(STDOUT_FILENO) &&
           (term == NULL || strcmp(term, "dumb") != 0);
}

/* "letsencrypt.org" or "sectigo.com trust-provider.com": the --ca issuer domains. */
static char *join_issuers(const struct cli_issuers *issuers)
{
    size_t len = 1;
    char *text;
    char *p;

    for (size_t i = 0; i < issuers->count; i++) {
        len += strlen(issuers->domains[i]) + 1;
    }
    text = malloc(len);
    if (text == NULL) {
        return NULL;
    }
    p = text;
    for (size_t i = 0; i < issuers->count; i++) {
        size_t n = strlen(issuers->domains[i]);
        if (i > 0) {
            *p++ = ' ';
        }
        memcpy(p, issuers->domains[i], n);
        p += n;
    }
    *p = '\0';
    return text;
}

static int bulk_execute(struct bulk_cli *c, struct bulk_run *run, FILE *in)
{
    struct caa_ctx *ctx = NULL;
    struct caa_request req;
    struct caa_bulk_stats stats;
    struct caa_error err = {0, ""};
    enum caa_status st;
    uint64_t started = bulk_now_ms();
    int rc = cli_ctx_make(&c->ctx, &ctx);

    if (rc != 0) {
        return rc;
    }
    if ((run->default_ca = join_issuers(&c->ctx.issuers)) == NULL) {
        caa_ctx_free(ctx);
        return CLI_EXIT_SOFTWARE;
    }
    caa_bulk_stats_init(&stats);
    cli_ctx_request(&c->ctx, &req);
    bulk_reader_init(&run->reader, in);
    bulk_progress_init(&run->progress, stderr, progress_wanted(c), regular_file_size(in));
    /* One write per batch of results, not per line (bulk_output_result flushes by time).
     * glibc ignores the size when it picks the buffer itself (4 KiB on a pipe: a write every
     * ~15 results), so the buffer is given; static, as it must outlive every use of stdout. */
    static char out_buffer[1u << 16];
    (void)setvbuf(run->out, out_buffer, _IOFBF, sizeof(out_buffer));
    bulk_output_begin(run->out, c->format);
    st = caa_bulk_run(ctx, &req, &c->opts, next_item, emit_result, run, &stats, &err);
    bulk_progress_finish(&run->progress);
    if (st == CAA_OK) {
        /* The summary is for people: on stderr too, unless they see it on stdout already. */
        bool on_terminal = c->format == BULK_FORMAT_TEXT && isatty(STDOUT_FILENO);
        bulk_output_summary(run->out, c->quiet || on_terminal ? NULL : stderr, c->format,
                            &run->tally, &stats, (unsigned)(bulk_now_ms() - started));
        rc = run_exit(&run->tally);
    } else {
        rc = status_exit(run, st, &err);
    }
    caa_ctx_free(ctx);
    return rc;
}

int cmd_bulk(int argc, char **argv)
{
    struct bulk_cli c = {
        .ctx = {.command = "bulk", .profile = CAA_PROFILE_LETSENCRYPT},
        .shard_count = 1,
    };
    struct bulk_run *run = NULL;

    caa_bulk_options_init(&c.opts);
    FILE *in = NULL;
    bool is_stdin;
    int rc = parse_options(argc, argv, &c);

    if (rc != 0) {
        rc = rc < 0 ? CLI_EXIT_OK : rc;
        goto out;
    }
    if (!c.format_set) {
        c.format = isatty(STDOUT_FILENO) ? BULK_FORMAT_TEXT : BULK_FORMAT_NDJSON;
    }
    run = calloc(1, sizeof(*run));
    if (run == NULL) {
        rc = CLI_EXIT_SOFTWARE;
        goto out;
    }
    run->cli = &c;
    run->out = stdout;
    for (size_t i = 0; i < c.resume_count; i++) {
        if ((rc = load_resume(run, c.resume_paths[i])) != 0) {
            goto out;
        }
    }
    is_stdin = strcmp(c.input_path, "-") == 0;
    in = is_stdin ? stdin : fopen(c.input_path, "r");
    if (in == NULL) {
        text_printf(stderr, "caa bulk: %s: %s\n", c.input_path, strerror(errno));
        rc = CLI_EXIT_DATAERR;
        goto out;
    }
    /* A write error on stdout is reported by main(), as for every command. */
    rc = bulk_execute(&c, run, in);
    if (!is_stdin) {
        fclose(in);
    }
out:
    if (run != NULL) {
        pending_free_all(run);
        bulk_resume_cleanup(&run->resume);
        free(run->default_ca);
    }
    free(run);
    cli_ctx_options_cleanup(&c.ctx);
    return rc;
}
