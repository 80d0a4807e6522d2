/* SPDX-License-Identifier: MIT */
#ifndef CAA_CAA_EVALUATION_INTERNAL_H
#define CAA_CAA_EVALUATION_INTERNAL_H

#include <caa/evaluate.h>

#include "lib/util/arena.h"
#include "lib/util/must_check.h"

/* caa_evaluate with the evaluation carved from arena (bulk's names: no malloc but for the rare
 * fix text of an unknown critical record, copied in). caa_evaluation_free() on it is a no-op;
 * it lives as long as the arena's current contents. */
CAA__MUST_CHECK enum caa_status caa__evaluate_in(struct caa__arena *arena,
                                                 const struct caa_rrset *set,
                                                 const struct caa_request *req,
                                                 struct caa_evaluation **out);

#endif
