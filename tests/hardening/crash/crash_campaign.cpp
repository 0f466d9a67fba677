#include "crash_campaign.h"

#include "convoca/index/index_store.h"

#include <Poco/File.h>
#include <Poco/FileStream.h>
#include <algorithm>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <sys/stat.h>

namespace convoca::testing::crash {
namespace {

using std::chrono::microseconds;
using std::chrono::milliseconds;

// Generous: a normal harvest takes about a second; only a hang reaches it.
constexpr milliseconds kBound{60000};
constexpr size_t kFailuresKept = 10;

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

std::string tail(const std::string& text, size_t characters = 600) {
  return text.size() <= characters ? text : "..." + text.substr(text.size() - characters);
}

std::string describeSet(const std::multiset<std::string>& expected,
                        const std::multiset<std::string>& actual) {
  std::vector<std::string> missing, extra;
  std::set_difference(expected.begin(), expected.end(), actual.begin(), actual.end(),
                      std::back_inserter(missing));
  std::set_difference(actual.begin(), actual.end(), expected.begin(), expected.end(),
                      std::back_inserter(extra));
  std::ostringstream out;
  out << missing.size() << " change(s) missing, " << extra.size() << " unexpected";
  if (!missing.empty()) out << "; first missing: " << missing.front().substr(0, 200);
  if (!extra.empty()) out << "; first unexpected: " << extra.front().substr(0, 200);
  return out.str();
}

KillMoment momentOf(const ProcessRun& killed, const IndexSnapshot& before, const IndexSnapshot& after,
                    const std::map<std::string, std::string>& target) {
  if (killed.end == ProcessEnd::Exited) return KillMoment::FinishedFirst;
  if (after.documents != before.documents && after.documents == target) return KillMoment::AfterIndexCommit;
  // Lines the parent logs as the run goes: the worker's start, then eu-ft's
  // summary of the search page, sent just before its records.
  if (contains(killed.output, "search API:")) return KillMoment::RecordsIntoOpenRun;
  if (contains(killed.output, "harvest started")) return KillMoment::WorkerFetching;
  return KillMoment::StartingUp;
}

// Which file a path names and its last write: changes when the file is replaced.
struct FileIdentity {
  ino_t inode = 0;
  int64_t modifiedNs = 0;
  off_t size = 0;
  bool operator!=(const FileIdentity& other) const {
    return inode != other.inode || modifiedNs != other.modifiedNs || size != other.size;
  }
};

std::optional<FileIdentity> identityOf(const std::string& path) {
  struct stat status {};
  if (stat(path.c_str(), &status) != 0) return std::nullopt;
  return FileIdentity{status.st_ino, status.st_mtim.tv_sec * 1000000000LL + status.st_mtim.tv_nsec,
                      status.st_size};
}

void check(KillOutcome& outcome, const std::string& property, bool held, const std::string& detail = "") {
  outcome.checks.push_back({property, held, held ? "" : detail});
}

} // namespace

const char* describe(KillMoment moment) {
  switch (moment) {
  case KillMoment::StartingUp:
    return "starting up (state DB, index, plugin discovery)";
  case KillMoment::WorkerFetching:
    return "worker fetching, run transaction still empty";
  case KillMoment::RecordsIntoOpenRun:
    return "run transaction open (records being indexed, or committed)";
  case KillMoment::AfterIndexCommit:
    return "after the index commit, state DB bookkeeping left";
  case KillMoment::FinishedFirst:
    return "harvest finished before the kill";
  }
  return "?";
}

void Tally::add(const KillOutcome& outcome, const std::string& label) {
  ++runs;
  ++moments[outcome.moment];
  if (!outcome.indexExistedAfterKill) ++withoutIndex;
  for (const Check& c : outcome.checks) {
    if (!held.count(c.property)) properties.push_back(c.property);
    held[c.property] += c.held ? 1 : 0;
    if (!c.held && failures.size() < kFailuresKept)
      failures.push_back(label + " (" + describe(outcome.moment) + "): " + c.property + ": " + c.detail);
  }
}

std::string Tally::distribution() const {
  std::ostringstream out;
  const char* separator = "";
  for (const auto& [moment, count] : moments) {
    out << separator << count << " " << describe(moment);
    separator = ", ";
  }
  return out.str();
}

CrashCampaign::CrashCampaign(std::string workDir) : workDir_(std::move(workDir)) {
  Poco::File(workDir_ + "/version-b").createDirectories();
  Poco::File(workDir_ + "/output").createDirectories();
  versions_ = makeReplayVersions(workDir_ + "/version-b");
  // Apertium is not needed for eu-ft's English texts; off, a harvest takes a second.
  config_ = workDir_ + "/convoca.properties";
  Poco::FileOutputStream(config_) << "translation.enabled = false\n";

  // The never-killed sequence every killed one is compared with.
  const std::string reference = workDir_ + "/reference";
  const std::vector<std::pair<Known, Known>> steps{{Known::Empty, Known::FirstA},
                                                   {Known::FirstA, Known::B},
                                                   {Known::B, Known::SecondA},
                                                   {Known::SecondA, Known::B}};
  for (const auto& [from, to] : steps) {
    const int64_t lastRun = readState(reference).lastRunId;
    const ProcessRun run = runConvoca(reference, harvestArguments(to), nextOutputFile(), kBound);
    if (run.end != ProcessEnd::Exited || run.exitCode != 0)
      throw std::runtime_error("the reference harvest failed:\n" + run.output);
    const IndexSnapshot index = readIndex(reference);
    if (documents_.count(to) && documents_.at(to) != index.documents)
      throw std::runtime_error("the reference does not converge: B after A twice differs:\n" +
                               describeDifference(documents_.at(to), index.documents));
    documents_[to] = index.documents;
    changes_[{from, to}] = readState(reference).changesAfter(lastRun);
    durations_[{from, to}] = std::chrono::duration_cast<microseconds>(run.elapsed);
  }
  documents_[Known::Empty] = {};
  // Version B must model what it claims: the topic it no longer lists stays
  // (no harvest deletes a record), the one it adds arrives.
  if (!documents_.at(Known::B).count(versions_.droppedId) ||
      !documents_.at(Known::B).count(versions_.addedId))
    throw std::runtime_error("version B did not give the reference " + versions_.addedId + " beside " +
                             versions_.droppedId);
  // ... and the change-log check has real changes to compare.
  const auto& toB = changes_.at({Known::FirstA, Known::B});
  const std::string moved = versions_.movedDeadlineId + " deadlines: ";
  if (std::none_of(toB.begin(), toB.end(), [&](const std::string& c) { return c.rfind(moved, 0) == 0; }))
    throw std::runtime_error("the reference change log of A to B lacks the deadline of " +
                             versions_.movedDeadlineId);
}

std::chrono::microseconds CrashCampaign::unkilledDuration(Known from, Known to) const {
  return durations_.at({from, to});
}

bool CrashCampaign::xapianCheckPasses(const std::string& dataDir, std::string& why) const {
  std::string generation;
  try {
    generation = index::IndexStore(dataDir).liveGeneration();
  } catch (const std::exception& e) {
    why = e.what();
    return false;
  }
  const ProcessRun run = runProgram(XAPIAN_CHECK, {generation}, nextOutputFile(), kBound);
  why = tail(run.output);
  return run.end == ProcessEnd::Exited && run.exitCode == 0;
}

std::vector<std::string> CrashCampaign::harvestArguments(Known to) const {
  const std::string& replay = to == Known::B ? versions_.b : versions_.a;
  return {"--config", config_, "harvest", "--source", "eu-ft", "--replay", replay};
}

std::string CrashCampaign::nextOutputFile() const {
  return workDir_ + "/output/" + std::to_string(++outputs_) + ".log";
}

bool CrashCampaign::harvestNormally(const std::string& dataDir, Known to, std::string& why) const {
  const ProcessRun run = runConvoca(dataDir, harvestArguments(to), nextOutputFile(), kBound);
  if (run.end != ProcessEnd::Exited || run.exitCode != 0) {
    why = "harvest failed (exit " + std::to_string(run.exitCode) + "):\n" + tail(run.output);
    return false;
  }
  const IndexSnapshot index = readIndex(dataDir);
  if (index.documents != documents_.at(to)) {
    why = "documents differ from the reference:\n" + describeDifference(documents_.at(to), index.documents);
    return false;
  }
  return true;
}

KillOutcome CrashCampaign::killAndRecover(const std::string& dataDir, Known from, Known to,
                                          std::chrono::microseconds delay) const {
  return killWithAndRecover(dataDir, from, to, [&](const auto& args, const std::string& outputFile) {
    return runConvocaKilledAfter(dataDir, args, outputFile, delay);
  });
}

KillOutcome CrashCampaign::killAtIndexCommitAndRecover(const std::string& dataDir, Known from,
                                                       Known to) const {
  // Glass replaces this file (a new one renamed over it) as the last step of every commit.
  const std::string versionFile = index::IndexStore(dataDir).liveGeneration() + "/iamglass";
  const std::optional<FileIdentity> committed = identityOf(versionFile);
  return killWithAndRecover(dataDir, from, to, [&](const auto& args, const std::string& outputFile) {
    return runConvocaKilledWhen(
        dataDir, args, outputFile, [&] { return identityOf(versionFile) != committed; }, kBound);
  });
}

KillOutcome CrashCampaign::killWithAndRecover(const std::string& dataDir, Known from, Known to,
                                              const Killer& killer) const {
  KillOutcome outcome;
  const IndexSnapshot before = readIndex(dataDir);
  const int64_t lastRunBefore = readState(dataDir).lastRunId;
  const ProcessRun killed = killer(harvestArguments(to), nextOutputFile());
  const IndexSnapshot after = readIndex(dataDir);
  outcome.moment = momentOf(killed, before, after, documents_.at(to));
  outcome.indexExistedAfterKill = after.stubExists;
  checkWhatTheKillLeft(dataDir, before, to, outcome);
  checkTheRerun(dataDir, from, to, lastRunBefore, outcome);
  return outcome;
}

void CrashCampaign::checkWhatTheKillLeft(const std::string& dataDir, const IndexSnapshot& before, Known to,
                                         KillOutcome& outcome) const {
  const IndexSnapshot after = readIndex(dataDir);
  std::string detail;
  // A first harvest killed before it made the stub leaves no index: nothing to open yet.
  check(outcome, "the index opens after the kill", after.stubExists ? after.opened : !before.stubExists,
        after.stubExists ? after.error : "the stub disappeared");
  check(outcome, "xapian-check passes on the live generation the kill left",
        !after.stubExists || xapianCheckPasses(dataDir, detail), detail);
  try {
    const StateSnapshot state = readState(dataDir);
    check(outcome, "the state DB passes PRAGMA integrity_check", !state.exists || state.integrity == "ok",
          state.integrity);
  } catch (const std::exception& e) {
    check(outcome, "the state DB passes PRAGMA integrity_check", false, e.what());
  }
  const std::set<std::string> had = before.ids(), has = after.ids();
  std::vector<std::string> lost;
  std::set_difference(had.begin(), had.end(), has.begin(), has.end(), std::back_inserter(lost));
  check(outcome, "no record present before the kill is missing after it", lost.empty(),
        std::to_string(lost.size()) + " lost, first " + (lost.empty() ? "" : lost.front()));
  check(outcome, "the kill left the index as before the run or as after it (never half a run)",
        after.documents == before.documents || after.documents == documents_.at(to),
        "against the state before:\n" + describeDifference(before.documents, after.documents) +
            "against the reference after:\n" + describeDifference(documents_.at(to), after.documents));
}

void CrashCampaign::checkTheRerun(const std::string& dataDir, Known from, Known to, int64_t lastRunBefore,
                                  KillOutcome& outcome) const {
  std::string why;
  check(outcome, "a normal rerun converges to the documents of a run never killed",
        harvestNormally(dataDir, to, why), why);
  try {
    const StateSnapshot state = readState(dataDir);
    check(outcome, "the rerun closes the killed run as failed (no run left unfinished)",
          state.unfinishedRuns == 0, std::to_string(state.unfinishedRuns) + " run(s) still unfinished");
    check(outcome, "the change log of killed run + rerun equals that of a run never killed",
          state.changesAfter(lastRunBefore) == changes_.at({from, to}),
          describeSet(changes_.at({from, to}), state.changesAfter(lastRunBefore)));
  } catch (const std::exception& e) {
    check(outcome, "the rerun closes the killed run as failed (no run left unfinished)", false, e.what());
  }
}

} // namespace convoca::testing::crash
