// Cases for the suite's own main() (tests/gtest_main.cpp), run by
// skip_or_fail.sh, never by gtest_discover_tests: a suite whose set-up fails
// must read as a failure, a test that skips itself as a skip.
#include <gtest/gtest.h>

namespace {

class SetUpFails : public ::testing::Test {
protected:
  static void SetUpTestSuite() { FAIL() << "the shared set-up of this suite failed on purpose"; }
};

TEST_F(SetUpFails, NeverRuns) {
  SUCCEED();
}

TEST(SkipsItself, BecauseItsDataIsAbsent) {
  GTEST_SKIP() << "skipped on purpose";
}

TEST(Passes, Always) {
  SUCCEED();
}

} // namespace
