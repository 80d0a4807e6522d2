/* SPDX-License-Identifier: MIT */
#ifndef CAA_UTIL_MUST_CHECK_H
#define CAA_UTIL_MUST_CHECK_H

/* On a function whose status must be checked: dropping it is a compiler warning (an error
 * here). gcc warns even through a (void) cast, so only functions no caller may ignore get it. */
#define CAA__MUST_CHECK __attribute__((warn_unused_result))

#endif
