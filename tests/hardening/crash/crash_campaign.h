// The crash-consistency campaign (issue 7): a harvest killed with SIGKILL at a
// random moment, then the checks a user's next start depends on, then a normal
// rerun that must converge to what a never-killed sequence produced.
#pragma once

#include "convoca_process.h"
#include "data_snapshot.h"
#include "replay_versions.h"

#include <chrono>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace convoca::testing::crash {

// States a data directory reaches through normal harvests of eu-ft's version
// A and B: A, then B, then A again (the record B added stays), then B again.
enum class Known { Empty, FirstA, B, SecondA };

// What was going on when the kill landed, read from the killed harvest's log
// (flushed line by line) and from the index it left.
enum class KillMoment {
  StartingUp,         // state DB, index and plugin discovery; no source run yet
  WorkerFetching,     // eu-ft's worker running, no record in the open index transaction yet
  RecordsIntoOpenRun, // the run's index transaction open: records being indexed, or the commit under way
  AfterIndexCommit,   // the run's index transaction committed; state DB bookkeeping left
  FinishedFirst,      // the harvest ended before the kill
};
const char* describe(KillMoment moment);

struct Check {
  std::string property;
  bool held = false;
  std::string detail; // why it did not hold
};

struct KillOutcome {
  KillMoment moment = KillMoment::StartingUp;
  bool indexExistedAfterKill = true;
  std::vector<Check> checks;
};

// Sums of many KillOutcomes, for the assertions and the report.
struct Tally {
  int runs = 0;
  std::vector<std::string> properties; // in the order first seen
  std::map<std::string, int> held;
  std::map<KillMoment, int> moments;
  int withoutIndex = 0;
  std::vector<std::string> failures; // the first few, with details

  void add(const KillOutcome& outcome, const std::string& label);
  std::string distribution() const;
};

class CrashCampaign {
public:
  // Builds version B and runs the never-killed reference sequence, in `workDir`.
  explicit CrashCampaign(std::string workDir);

  // How long the normal harvest from `from` to `to` took in the reference.
  std::chrono::microseconds unkilledDuration(Known from, Known to) const;
  // Brings `dataDir` to `to` by a normal harvest; false when it fails or ends
  // elsewhere than the reference (message in `why`).
  bool harvestNormally(const std::string& dataDir, Known to, std::string& why) const;
  // Kills a harvest from state `from` (the data dir is in it) toward `to`
  // after `delay`, checks what it left, reruns it normally and checks that.
  KillOutcome killAndRecover(const std::string& dataDir, Known from, Known to,
                             std::chrono::microseconds delay) const;
  // The same, with the kill sent the moment the run's index commit lands
  // (the live generation's version file is replaced), before the harvest
  // records the run in the state DB.
  KillOutcome killAtIndexCommitAndRecover(const std::string& dataDir, Known from, Known to) const;

private:
  using Killer =
      std::function<ProcessRun(const std::vector<std::string>& args, const std::string& outputFile)>;
  KillOutcome killWithAndRecover(const std::string& dataDir, Known from, Known to,
                                 const Killer& killer) const;
  std::vector<std::string> harvestArguments(Known to) const;
  // xapian-check on the generation directory the stub names.
  bool xapianCheckPasses(const std::string& dataDir, std::string& why) const;
  std::string nextOutputFile() const;
  void checkWhatTheKillLeft(const std::string& dataDir, const IndexSnapshot& before, Known to,
                            KillOutcome& outcome) const;
  void checkTheRerun(const std::string& dataDir, Known from, Known to, int64_t lastRunBefore,
                     KillOutcome& outcome) const;

  std::string workDir_;
  std::string config_;
  ReplayVersions versions_;
  std::map<Known, std::map<std::string, std::string>> documents_;
  std::map<std::pair<Known, Known>, std::multiset<std::string>> changes_;
  std::map<std::pair<Known, Known>, std::chrono::microseconds> durations_;
  mutable int outputs_ = 0;
};

} // namespace convoca::testing::crash
