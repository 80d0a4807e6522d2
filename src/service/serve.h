/* SPDX-License-Identifier: MIT */
#ifndef CAA_SERVICE_SERVE_H
#define CAA_SERVICE_SERVE_H

/* The entry point the CLI calls for `caa serve` (argv[0] is "serve"); returns an exit code. */
int serve_main(int argc, char **argv);

#endif
