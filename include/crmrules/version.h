/* crmrules version: the single source of truth, read by CMake, C, C++ and Python.
 *
 *   #include <crmrules/version.h>
 *   #if CRM_VERSION_NUMBER >= 100  // 0.1.0 or later
 *
 * Plain C so that the C ABI header, the C++ headers and the build all share it. */
#ifndef CRMRULES_VERSION_H
#define CRMRULES_VERSION_H

#define CRM_VERSION_MAJOR 0
#define CRM_VERSION_MINOR 5
#define CRM_VERSION_PATCH 0
#define CRM_VERSION_NUMBER (CRM_VERSION_MAJOR * 10000 + CRM_VERSION_MINOR * 100 + CRM_VERSION_PATCH)

/* The C ABI's own version, the shared library's SONAME (libcrmrules.so.CRM_ABI_VERSION):
 * raised when a program built against the previous one could misread this library
 * (docs/c-api.md, "ABI versions"), independently of the release's version. */
#define CRM_ABI_VERSION 1

#endif
