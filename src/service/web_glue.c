/* SPDX-License-Identifier: MIT */
/* The web pages' state: the permalink store, opened at start and pruned now and then. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "service.h"
#include "state_dir.h"

#ifdef CAA_SERVICE_WEB
#include "web.h"

int service_web_open(struct service *svc)
{
    char *dir = state_dir_resolve(svc->opts->state_dir);

    if (dir == NULL || web_store_open(dir, &svc->store) != 0) {
        fprintf(stderr, "caa serve: cannot open the permalink store in %s\n",
                dir != NULL ? dir : "(no state directory: give --state-dir)");
        free(dir);
        return 73; /* EX_CANTCREAT */
    }
    free(dir);
    svc->html_error = web_page_error;
    service_housekeeping(svc);
    return 0;
}

void service_web_close(struct service *svc)
{
    web_store_close(svc->store);
    svc->store = NULL;
}

void service_housekeeping(struct service *svc)
{
    if (svc->store != NULL) {
        (void)web_store_prune(svc->store, svc->opts->keep_days, svc->opts->keep_max);
    }
}

#else

int service_web_open(struct service *svc)
{
    (void)svc;
    return 0;
}

void service_web_close(struct service *svc)
{
    (void)svc;
}

void service_housekeeping(struct service *svc)
{
    (void)svc;
}

#endif
