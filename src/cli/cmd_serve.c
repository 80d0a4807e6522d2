/* SPDX-License-Identifier: MIT */
/* caa serve: the service lives in src/service (a client of <caa/caa.h> like this CLI). */
#include "cli.h"
#include "service/serve.h"

int cmd_serve(int argc, char **argv)
{
    return serve_main(argc, argv);
}
