// What a data directory holds after a harvest, read the way the next process
// would read it: the index through its stub (every document, whole), and the
// state DB (its integrity, its runs, its change log).
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace convoca::testing::crash {

struct IndexSnapshot {
  bool stubExists = false;
  bool opened = false;
  std::string error; // why it did not open
  uint64_t revision = 0;
  // Record id -> the document's data, values and terms (with wdf): two equal
  // entries are the same document for every reader.
  std::map<std::string, std::string> documents;

  std::set<std::string> ids() const;
};

// Opens <dataDir>/index.stub read-only. A missing stub is not an error here
// (a first harvest killed before it made one); the caller decides.
IndexSnapshot readIndex(const std::string& dataDir);

// The first few ids whose documents differ between the two maps, for a message.
std::string describeDifference(const std::map<std::string, std::string>& expected,
                               const std::map<std::string, std::string>& actual);

struct RecordChangeRow {
  int64_t runId = 0;
  std::string change; // "record_id field: old -> new"
};

struct StateSnapshot {
  bool exists = false;
  std::string integrity; // what PRAGMA integrity_check said ("ok" when sound)
  int64_t runs = 0;
  int64_t lastRunId = 0;
  int64_t unfinishedRuns = 0;
  std::vector<RecordChangeRow> changes;

  // The change log of the runs after `runId`, as a multiset (order and times aside).
  std::multiset<std::string> changesAfter(int64_t runId) const;
};

// Opens <dataDir>/state.db (only while no convoca process uses it).
StateSnapshot readState(const std::string& dataDir);

} // namespace convoca::testing::crash
