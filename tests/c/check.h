/* A minimal check macro for the pure C tests: counts, reports and carries on. Each test
 * program prints "N passed, N failed" last and exits non-zero on a failure. */
#ifndef CRMRULES_TESTS_C_CHECK_H
#define CRMRULES_TESTS_C_CHECK_H

#include <stdio.h>

static int passed, failed;

#define CHECK(cond)                                                             \
  do {                                                                          \
    if (cond) {                                                                 \
      ++passed;                                                                 \
    } else {                                                                    \
      ++failed;                                                                 \
      fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
    }                                                                           \
  } while (0)

/* The closing line and exit status of a test program. */
static int check_summary(void) {
  printf("%d passed, %d failed\n", passed, failed);
  return failed == 0 ? 0 : 1;
}

#endif
