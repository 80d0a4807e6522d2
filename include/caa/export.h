/* SPDX-License-Identifier: MIT */
#ifndef CAA_EXPORT_H
#define CAA_EXPORT_H

/* Everything the library exports is marked; the rest is hidden (-fvisibility=hidden). */
#if defined(__GNUC__)
#define CAA_API __attribute__((visibility("default")))
#else
#define CAA_API
#endif

#endif
