// The writer side of the index: upsert records by id, one transaction per
// source run, mark-and-sweep of a source's unseen records after a complete run.
//
//   Indexer indexer(dataDir + "/index");
//   indexer.beginSource("eu-ft");
//   for (const Record& r : records) indexer.upsert(r);
//   SourceSummary summary = indexer.endSource(/*completedSuccessfully=*/ok, timeutil::now());
//
// Invariants: nothing is ever deleted after a failed run (endSource(false, …)
// commits the upserts received before the failure and sweeps nothing); a call
// whose last deadline is still ahead is never deleted because a page was
// missing; one writer at a time (Xapian's lock), any number of Searchers.
#pragma once

#include "convoca/index/analyzer.h"
#include "convoca/index/record.h"
#include "convoca/index/schema.h"

#include <cstdint>
#include <memory>
#include <string>

namespace convoca::index {

// Another process (or another Indexer) holds the index's write lock.
class IndexLockedError : public IndexError {
public:
  using IndexError::IndexError;
};

enum class UpsertOutcome { Added, Updated, Unchanged };

// What one source run did to the index.
struct SourceSummary {
  std::string source;
  size_t added = 0;
  size_t updated = 0;
  size_t unchanged = 0;
  size_t removed = 0; // unseen and swept
  size_t kept = 0;    // unseen but kept: deadline or opening ahead, or closed within the retention window
  bool swept = false; // false after a failed run: nothing was removed
};

struct IndexerOptions {
  // Unseen records whose last deadline passed less than this long ago are kept
  // (a user may still look up a call that closed last month).
  int64_t closedRetentionSeconds = 365 * 24 * 3600;
  // Whether a completed run deletes the unseen records that fall outside the
  // rules above. Off by default: closed and withdrawn calls stay searchable,
  // and incremental sources (OAI-PMH, BDNS...) only send what is new, so absence
  // proves nothing. A maintenance purge turns it on explicitly.
  bool purgeUnseen = false;
  // Whether records are analysed (language, concepts, SDG tags) before they
  // are written; only records that changed are analysed.
  bool analyse = true;
  // The English form of non-English records (the host's Apertium bridge);
  // empty: no translation. Called from the analysis threads, one call at a time.
  TranslateToEnglish translate;
  // Threads that analyse changed records and build their documents while the
  // calling thread writes them (Xapian's writer is one thread's work, the
  // analysis half of the time). 0: everything on the calling thread.
  unsigned analysisThreads = defaultAnalysisThreads();

  // One per core but the one that writes; 0 on a single core.
  static unsigned defaultAnalysisThreads();
};

class Indexer {
public:
  // Opens the database at `path` (a glass directory or a stub file), creating
  // it when absent. Throws SchemaVersionError when it holds another schema
  // version, IndexLockedError when another writer has it open, IndexError for
  // anything else Xapian reports.
  explicit Indexer(const std::string& path, IndexerOptions options = {});
  // Commits what was upserted, also inside an unfinished source run (the
  // policy of a failed run); never sweeps.
  ~Indexer();
  Indexer(const Indexer&) = delete;
  Indexer& operator=(const Indexer&) = delete;

  // Starts a source run (a Xapian transaction). Throws std::logic_error if a
  // run is already active. A non-empty runTag is committed with the run
  // (metadata schema::kCommittedRunKeyPrefix + source), see committedRun().
  void beginSource(const std::string& source, std::string runTag = {});

  // Inserts or replaces the document of record.id. Unchanged when the stored
  // content hash equals the record's (computed when record.contentHash is
  // empty); the record then counts as seen without being rewritten. Works
  // outside a source run too (bulk import; call commit()).
  // When `previous` is given and the outcome is Updated, it receives the record
  // as it was stored before (for the change log).
  // With analysis threads, a changed record is analysed in the background and
  // written by a later call (the next upserts, endSource, commit,
  // documentCount or the destructor), in the order upserted; the outcome and
  // `previous` are known at once. A record that cannot be analysed or written
  // then makes that later call throw IndexError naming it: from an upsert, the
  // run goes on and the caller ends it as failed (endSource(false) keeps what
  // was written, as with one thread); from endSource, the run's transaction
  // is dropped.
  UpsertOutcome upsert(const Record& record, Record* previous = nullptr);

  // Ends the active source run and commits it. Only when completedSuccessfully
  // are the source's records not upserted in this run swept (see
  // IndexerOptions and SourceSummary::kept for what survives). `now` is the
  // instant deadlines are compared with.
  SourceSummary endSource(bool completedSuccessfully, int64_t now);

  // Commits upserts made outside a source run.
  void commit();

  // The runTag of the last committed run of `source`; "" when none was tagged.
  std::string committedRun(const std::string& source) const;

  size_t documentCount() const;

private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

} // namespace convoca::index
