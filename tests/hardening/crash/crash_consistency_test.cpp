// Crash consistency (issue 7, README "Hardening"): `convoca harvest` killed with
// SIGKILL at seeded random moments. After every kill the index opens, passes
// xapian-check, the state DB passes PRAGMA integrity_check and no record that
// was there is missing; a normal rerun then converges to the documents of a
// sequence of harvests that was never killed.
//
//   CONVOCA_CRASH_RUNS        kills of a re-harvest (default 100)
//   CONVOCA_CRASH_FIRST_RUNS  kills of a first harvest into an empty data dir (default 20)
//   CONVOCA_CRASH_COMMIT_RUNS kills the moment a run's index commit lands (default 10)
//   CONVOCA_CRASH_SEED        the seed of the kill delays (default: random, printed)
#include "crash_campaign.h"
#include "scenario_report.h"

#include <Poco/File.h>
#include <Poco/Process.h>
#include <chrono>
#include <cstdlib>
#include <gtest/gtest.h>
#include <iostream>
#include <memory>
#include <random>
#include <sys/resource.h>

namespace convoca::testing::crash {
namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::microseconds;

// Records carry their fetch time and statuses depend on today: one pinned
// "now" makes a killed sequence and the reference comparable byte for byte.
constexpr const char* kPinnedNow = "2026-11-02T09:00:00Z";

int envNumber(const char* name, int fallback) {
  const char* text = std::getenv(name);
  return text && *text ? std::atoi(text) : fallback;
}

uint32_t campaignSeed() {
  const char* text = std::getenv("CONVOCA_CRASH_SEED");
  const uint32_t seed =
      text && *text ? static_cast<uint32_t>(std::strtoul(text, nullptr, 10)) : std::random_device{}();
  std::cout << "crash-consistency seed " << seed << " (CONVOCA_CRASH_SEED=" << seed
            << " repeats these kills)\n";
  return seed;
}

std::string milliseconds(microseconds delay) {
  return std::to_string(delay.count() / 1000) + "." + std::to_string(delay.count() % 1000 / 100) + " ms";
}

std::string tenths(double seconds) {
  const long tenthsOfSeconds = static_cast<long>(seconds * 10 + 0.5);
  return std::to_string(tenthsOfSeconds / 10) + "." + std::to_string(tenthsOfSeconds % 10) + " s";
}

// CPU time of the processes this test has waited for (convoca and its workers,
// xapian-check): unlike the wall time, it does not grow with the machine's load.
double childCpuSeconds() {
  struct rusage usage {};
  getrusage(RUSAGE_CHILDREN, &usage);
  return static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
         static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

// "412.3 s (180.2 s CPU)" since `started`, `cpuBefore` the children's CPU then.
std::string timeSince(Clock::time_point started, double cpuBefore) {
  const double wall = std::chrono::duration<double>(Clock::now() - started).count();
  return tenths(wall) + " (" + tenths(childCpuSeconds() - cpuBefore) + " CPU)";
}

// The reference sequence, or nothing (and a failure saying why).
std::unique_ptr<CrashCampaign> startCampaign(const std::string& work) {
  try {
    return std::make_unique<CrashCampaign>(work);
  } catch (const std::exception& e) {
    ADD_FAILURE() << "the never-killed reference sequence failed: " << e.what();
    return nullptr;
  }
}

// Every property must hold after every kill; each one that does is reported.
void assertEveryPropertyHeld(const Tally& tally) {
  ASSERT_GT(tally.runs, 0);
  for (const std::string& failure : tally.failures) ADD_FAILURE() << failure;
  for (const std::string& property : tally.properties) {
    const int count = tally.held.at(property);
    EXPECT_EQ(count, tally.runs) << property;
    if (count == tally.runs)
      held(property + " (" + std::to_string(count) + "/" + std::to_string(tally.runs) + ")");
  }
}

class CrashConsistency : public ::testing::Test {
protected:
  static void SetUpTestSuite() { setenv("CONVOCA_NOW", kPinnedNow, 1); }

  // The test's own directory; kept for inspection when the test fails.
  std::string workDirectory(const std::string& name) {
    // ctest runs the tests in parallel processes: the pid keeps their directories apart.
    work_ = ::testing::TempDir() + "convoca-crash-" + std::to_string(Poco::Process::id()) + "-" + name;
    Poco::File dir(work_);
    if (dir.exists()) dir.remove(true);
    dir.createDirectories();
    return work_;
  }

  void TearDown() override {
    if (work_.empty()) return;
    if (HasFailure())
      std::cout << "data directories, logs and the reference kept in " << work_ << "\n";
    else
      Poco::File(work_).remove(true);
  }

private:
  std::string work_;
};

TEST_F(CrashConsistency, KilledReharvestsLoseNoRecordAndConvergeOnRerun) {
  const int runs = envNumber("CONVOCA_CRASH_RUNS", 100);
  const uint32_t seed = campaignSeed();
  std::mt19937 random(seed);
  const auto started = Clock::now();
  const double cpuBefore = childCpuSeconds();
  const std::string work = workDirectory("reharvest");
  const std::unique_ptr<CrashCampaign> campaign = startCampaign(work);
  ASSERT_TRUE(campaign);
  const std::string data = work + "/data";
  std::string why;
  ASSERT_TRUE(campaign->harvestNormally(data, Known::FirstA, why)) << why;

  Tally tally;
  Known state = Known::FirstA;
  for (int run = 1; run <= runs; ++run) {
    const Known to = state == Known::B ? Known::SecondA : Known::B;
    std::uniform_int_distribution<int64_t> delays(0, campaign->unkilledDuration(state, to).count());
    const microseconds delay(delays(random));
    tally.add(campaign->killAndRecover(data, state, to, delay),
              "run " + std::to_string(run) + ", kill after " + milliseconds(delay));
    state = to;
  }
  const std::string took = timeSince(started, cpuBefore);
  std::cout << tally.runs << " killed re-harvests checked in " << took
            << "; kills landed: " << tally.distribution() << "\n";
  injected("SIGKILL to `convoca harvest` of eu-ft (then to its worker) after a delay drawn uniformly from "
           "[0, the duration of the same harvest unkilled: A to B " +
           milliseconds(campaign->unkilledDuration(Known::FirstA, Known::B)) + ", B to A " +
           milliseconds(campaign->unkilledDuration(Known::B, Known::SecondA)) + "], " + std::to_string(runs) +
           " runs, seed " + std::to_string(seed) + " (" + took +
           "); each switches the data between version A and B of the source (53 topics, every record "
           "rewritten, one added, one dropped from the listing)");
  injected("where the kills landed: " + tally.distribution());
  assertEveryPropertyHeld(tally);
}

TEST_F(CrashConsistency, KilledFirstHarvestsLeaveADataDirectoryTheRerunCompletes) {
  const int runs = envNumber("CONVOCA_CRASH_FIRST_RUNS", 20);
  const uint32_t seed = campaignSeed();
  std::mt19937 random(seed);
  const auto started = Clock::now();
  const double cpuBefore = childCpuSeconds();
  const std::string work = workDirectory("first");
  const std::unique_ptr<CrashCampaign> campaign = startCampaign(work);
  ASSERT_TRUE(campaign);
  std::uniform_int_distribution<int64_t> delays(
      0, campaign->unkilledDuration(Known::Empty, Known::FirstA).count());

  Tally tally;
  for (int run = 1; run <= runs; ++run) {
    const std::string data = work + "/data-" + std::to_string(run);
    const microseconds delay(delays(random));
    tally.add(campaign->killAndRecover(data, Known::Empty, Known::FirstA, delay),
              "run " + std::to_string(run) + ", kill after " + milliseconds(delay));
    Poco::File(data).remove(true);
  }
  const std::string took = timeSince(started, cpuBefore);
  std::cout << tally.runs << " killed first harvests checked in " << took
            << "; kills landed: " << tally.distribution() << "; " << tally.withoutIndex
            << " left no index yet\n";
  injected(
      "SIGKILL to the first `convoca harvest` of eu-ft into an empty data directory, after a delay drawn "
      "uniformly from [0, its unkilled duration " +
      milliseconds(campaign->unkilledDuration(Known::Empty, Known::FirstA)) + "], " + std::to_string(runs) +
      " runs, seed " + std::to_string(seed) + " (" + took + ")");
  injected("where the kills landed: " + tally.distribution() + "; " + std::to_string(tally.withoutIndex) +
           " before the index was created");
  assertEveryPropertyHeld(tally);
}

TEST_F(CrashConsistency, KilledTheMomentTheIndexCommitLandsKeepsTheChangeLogWhole) {
  const int runs = envNumber("CONVOCA_CRASH_COMMIT_RUNS", 10);
  const auto started = Clock::now();
  const double cpuBefore = childCpuSeconds();
  const std::string work = workDirectory("at-commit");
  const std::unique_ptr<CrashCampaign> campaign = startCampaign(work);
  ASSERT_TRUE(campaign);
  const std::string data = work + "/data";
  std::string why;
  ASSERT_TRUE(campaign->harvestNormally(data, Known::FirstA, why)) << why;

  Tally tally;
  Known state = Known::FirstA;
  for (int run = 1; run <= runs; ++run) {
    const Known to = state == Known::B ? Known::SecondA : Known::B;
    tally.add(campaign->killAtIndexCommitAndRecover(data, state, to), "run " + std::to_string(run));
    state = to;
  }
  const std::string took = timeSince(started, cpuBefore);
  std::cout << tally.runs << " harvests killed at their index commit checked in " << took
            << "; kills landed: " << tally.distribution() << "\n";
  injected("SIGKILL to `convoca harvest` of eu-ft the moment its index commit lands (the live generation's "
           "version file replaced, polled every 50 us), before the run is recorded in the state DB, " +
           std::to_string(runs) + " runs (" + took + ")");
  injected("where the kills landed: " + tally.distribution());
  assertEveryPropertyHeld(tally);
}

} // namespace
} // namespace convoca::testing::crash
