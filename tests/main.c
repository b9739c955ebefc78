/* main.c -- the test runner: one Check runner with the suites of chapters
 * 1..k. build.sh writes suites.inc, one SUITE(chNN_name) line per test file
 * of those chapters; each test file defines Suite *chNN_name_suite(void). */
#include <check.h>
#include <stdlib.h>

#define SUITE(name) Suite *name##_suite(void);
#include "suites.inc"
#undef SUITE

const char *pm_test_argv0;          /* this program, for tests that re-run it */

int main(int argc, char **argv)
{
    (void)argc;
    pm_test_argv0 = argv[0];
    SRunner *sr = srunner_create(NULL);
#define SUITE(name) srunner_add_suite(sr, name##_suite());
#include "suites.inc"
#undef SUITE
    srunner_run_all(sr, CK_ENV);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
