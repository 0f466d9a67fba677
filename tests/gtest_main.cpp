// The main() of every GoogleTest executable (convoca_add_test), instead of
// GoogleTest's own: a failure outside any test ends the run at once.
//
// ctest (gtest_discover_tests) reads a test as skipped when its output shows
// "[  SKIPPED ]", whatever the exit code. When a suite's SetUpTestSuite fails,
// GoogleTest marks the suite's tests skipped and prints exactly that, so a
// broken set-up read as "skipped" and a whole suite could fail unseen (it hid
// the fault-injection suite when plugins could not load under clang's ASan).
// Stopping at the first failure that no test owns leaves the failure and exit
// code 1 in the output, and no "[  SKIPPED ]" line for ctest to misread.
#include <cstdio>
#include <cstdlib>
#include <gtest/gtest.h>

namespace {

class FailureOutsideATestEndsTheRun : public ::testing::EmptyTestEventListener {
  // Tracked here: GoogleTest calls OnTestPartResult holding the lock that
  // UnitTest::current_test_info() takes.
  bool inTest_ = false;

  void OnTestStart(const ::testing::TestInfo&) override { inTest_ = true; }
  void OnTestEnd(const ::testing::TestInfo&) override { inTest_ = false; }
  void OnTestPartResult(const ::testing::TestPartResult& result) override {
    if (!result.failed() || inTest_) return;
    std::printf(
        "convoca-test: the failure above happened outside any test (a suite's or the environment's "
        "set-up or tear-down); the run stops here so that it reads as a failure, not as skipped tests\n");
    std::fflush(stdout);
    std::_Exit(1);
  }
};

} // namespace

int main(int argc, char** argv) {
  ::testing::InitGoogleTest(&argc, argv);
  // Appended after GoogleTest's printer, which has printed the failure by then.
  ::testing::UnitTest::GetInstance()->listeners().Append(new FailureOutsideATestEndsTheRun);
  return RUN_ALL_TESTS();
}
