/* SPDX-License-Identifier: MIT */
#ifndef CAA_SERVICE_STATE_DIR_H
#define CAA_SERVICE_STATE_DIR_H

/* Where the service keeps its state: --state-dir, else systemd's $STATE_DIRECTORY, else
 * $XDG_STATE_HOME/caa, else ~/.local/state/caa. Created (0700) if missing. malloc'd, NULL when
 * there is none or it cannot be made. */
char *state_dir_resolve(const char *given);

#endif
