// What the hardening suites share: the demo eu-ft search page, snapshots of a
// source's records (ids and full contents), the last run of a source as
// `convoca status --json` reports it, and processes left behind by a harvest.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace convoca::testing {

// The recorded SEDIA search page of the offline demo: 53 eu-ft records.
std::string demoSearchBody();
inline constexpr std::size_t kDemoRecords = 53;

// The same page cut to results [first, first + count), announcing `total`
// results and the page number, as the paged API answers.
std::string demoSearchPage(std::size_t first, std::size_t count, int pageNumber, std::size_t total);

// Record id -> the record as `convoca search --json` prints it, minus what
// depends on the query (score, snippet): every stored field, content hash and
// fetch time included.
using Snapshot = std::map<std::string, std::string>;
Snapshot snapshotOf(const std::string& dataDir, const std::string& source);

// The last run of one source, from `convoca status --json`.
struct LastRun {
  bool found = false;
  std::string outcome; // ok, failed, crashed, timeout, refused
  std::string message; // the reason, empty when ok
  int64_t fetched = 0;
  int64_t rejected = 0;
  int64_t errors = 0;
  int64_t durationMs = 0;
};
LastRun lastRunOf(const std::string& dataDir, const std::string& source);

// Copies a data directory (index generations, stub, state DB) to `to`, which must not exist.
void copyDataDirectory(const std::string& from, const std::string& to);

// Pids of live processes whose environment holds NAME=VALUE (zombies excluded):
// the processes a harvest started with that marker in its environment.
std::vector<int> processesWithEnvironment(const std::string& name, const std::string& value);
// SIGKILLs those processes (cleanup after a scenario that left some behind).
void killProcesses(const std::vector<int>& pids);

} // namespace convoca::testing
