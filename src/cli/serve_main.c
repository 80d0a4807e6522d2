/* SPDX-License-Identifier: MIT */
/* caa-serve: the executable `caa serve` runs (cmd_serve.c), so that only this process loads the
 * HTTP server, TLS and SQLite libraries. Run directly, it takes the same options. */
#include "service/serve.h"

int main(int argc, char **argv)
{
    return serve_main(argc, argv);
}
