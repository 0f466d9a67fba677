// Where a data directory keeps its index, and how a new database replaces the
// live one without stopping readers.
//
//   <data>/index.stub     a Xapian stub file, "auto index-3": what Indexer,
//                         Searcher and Matcher open (Xapian follows the stub)
//   <data>/index-3/       the live glass database (a "generation")
//   <data>/index-2/       the one it replaced, kept until the next swap so that
//                         a reader still on it finishes its search
//   <data>/index/         an index written before stubs existed: adopted as
//                         the first generation, never moved
//
// A rebuild (reindex, schema upgrade) or a restore writes a new generation
// beside the live one, then activate() renames a new stub over the old one:
// rename(2) is atomic, so a reader opens either the old or the new database,
// never a half-written one. Readers notice the swap on their next request
// (StubWatch below); the writer lock of the old generation is held by the
// swapper, so no harvest writes into a database that is being replaced.
#pragma once

#include "convoca/index/indexer.h"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>

namespace convoca::index {

struct RebuildSummary {
  size_t records = 0;
  std::string fromSchema; // the schema version the old database carried ("" when unknown)
};

// Called every few hundred records with (records written, records in all).
using RebuildProgress = std::function<void(size_t, size_t)>;

class IndexStore {
public:
  explicit IndexStore(std::string dataDir);

  // The stub file: the path every reader and writer opens.
  const std::string& stubPath() const { return stubPath_; }
  bool exists() const;
  // Creates the stub and an empty first generation when there is no index,
  // or writes a stub for an index from before stubs. Idempotent.
  void ensure() const;
  // The directory of the generation the stub names (absolute).
  std::string liveGeneration() const;
  // Bytes on disk of the live generation (status, metrics).
  uint64_t liveBytes() const;
  // A fresh generation directory name next to the live one (not created).
  std::string newGeneration() const;
  // Points the stub at `generation` (a directory in the data dir) with one
  // rename, then deletes the generations older than the one it replaced.
  void activate(const std::string& generation) const;

  // The three swaps below hold the live database's write lock from start to
  // swap, so no harvest commits into a database about to be replaced; they
  // throw IndexLockedError when a writer (a harvest) already holds it.

  // Rebuilds the live database into a new generation (rebuildDatabase) and
  // swaps it in.
  RebuildSummary rebuild(const IndexerOptions& options, const RebuildProgress& progress = {}) const;
  // Writes a compacted copy of the live database to `directory` (which must
  // not exist): one consistent revision. `whileLocked` runs before the lock is
  // released, so that a copy of the state DB taken there matches the index.
  // Returns the number of documents copied.
  size_t backupTo(const std::string& directory, const std::function<void()>& whileLocked = {}) const;
  // Makes a copy of the database at `directory` (a backupTo() copy) the live
  // one; a copy from another schema version is rebuilt on the way. Returns
  // the number of documents.
  size_t restoreFrom(const std::string& directory, const IndexerOptions& options) const;

private:
  std::string dataDir_;
  std::string stubPath_;
};

// Writes every record stored in the database at `fromPath` (each document's
// data is its normalised record) into a new database at `toPath`, built and
// analysed by this version of convoca: the way an index moves to a new schema
// without harvesting again. The old database may carry any schema version.
// Keeps what the old index knew beyond the record: when a call without an
// opening was first seen (the "newest" order). Throws IndexError.
RebuildSummary rebuildDatabase(const std::string& fromPath, const std::string& toPath,
                               const IndexerOptions& options, const RebuildProgress& progress = {});

// The schema version stamped in the database at `path` ("" when none).
std::string storedSchemaVersion(const std::string& path);

} // namespace convoca::index
