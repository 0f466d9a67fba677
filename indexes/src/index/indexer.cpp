#include "convoca/index/indexer.h"

#include "call_cluster.h"
#include "document_builder.h"
#include "index_support.h"
#include "spelling.h"
#include "task_pool.h"

#include <deque>
#include <future>
#include <mutex>
#include <optional>
#include <set>
#include <stdexcept>
#include <thread>
#include <unordered_set>
#include <vector>
#include <xapian.h>

namespace convoca::index {

namespace s = schema;

namespace {

Xapian::WritableDatabase openWritable(const std::string& path) {
  try {
    // No backend flag: a new database is glass (1.4's default) and an existing
    // stub file is honoured, so shards or a swapped-in rebuild need no code change.
    return Xapian::WritableDatabase(path, Xapian::DB_CREATE_OR_OPEN);
  } catch (const Xapian::DatabaseLockError& e) {
    throw IndexLockedError("index " + path +
                           " is being written by another process (a harvest or index run?); "
                           "try again when it has finished (" +
                           e.get_msg() + ")");
  } catch (const Xapian::Error& e) {
    throw IndexError("cannot open index " + path + ": " + e.get_description());
  }
}

// A new database is stamped with our schema version; an existing one must carry it.
void stampOrCheckSchemaVersion(Xapian::WritableDatabase& database, const std::string& path) {
  detail::checkSchemaVersion(database, path);
  if (database.get_metadata(s::kSchemaVersionKey).empty()) {
    database.set_metadata(s::kSchemaVersionKey, std::to_string(s::kSchemaVersion));
    database.commit();
  }
}

// At most this many changed records wait, analysed or not, for the writer: a
// few per thread keep the threads busy; more would only hold memory.
constexpr size_t kMaxWaitingRecords = 64;

// A changed record on its way to the index: what the writer needs to know from
// before (read when it was upserted) and its analysis, done or under way.
struct PreparedDocument {
  Xapian::Document document;
  std::set<std::string> spellingBefore, spellingAfter; // of the stored version and of the new one
};
struct WaitingRecord {
  std::string id;
  std::string uniqueTerm;
  UpsertOutcome outcome;
  std::string firstFetched; // kRecency of the stored version, when neither version has an opening
  std::future<PreparedDocument> prepared;
};

// Everything a changed record needs that does not read the index: its
// analysis, its document, the words of both versions for the spelling table.
PreparedDocument prepare(Record stored, const std::optional<Record>& replaced,
                         const IndexerOptions& options) {
  if (options.analyse) analyseRecord(stored, options.translate);
  return {detail::buildDocument(stored), detail::spellingWordsOf(replaced ? &*replaced : nullptr),
          detail::spellingWordsOf(&stored)};
}

} // namespace

unsigned IndexerOptions::defaultAnalysisThreads() {
  const unsigned cores = std::thread::hardware_concurrency();
  return cores > 1 ? cores - 1 : 0;
}

struct Indexer::Impl {
  std::string path;
  IndexerOptions options;
  Xapian::WritableDatabase database;
  // The active source run, if any.
  std::optional<SourceSummary> run;
  std::unordered_set<Xapian::docid> seen;
  std::string runTag; // of the active source run
  // Changed records not yet written, oldest first, and their ids.
  std::deque<WaitingRecord> waiting;
  std::unordered_set<std::string> waitingIds;
  std::mutex translating; // the host's translator is called one record at a time
  // Last: destroyed (joined) first, while what its tasks use still exists.
  std::unique_ptr<detail::TaskPool> pool;

  Impl(std::string dbPath, IndexerOptions indexerOptions)
      : path(std::move(dbPath)), options(std::move(indexerOptions)), database(openWritable(path)) {
    stampOrCheckSchemaVersion(database, path);
    if (options.analysisThreads > 0) {
      if (options.translate)
        options.translate = [this, translate = options.translate](const std::string& language,
                                                                  const std::string& text) {
          std::lock_guard<std::mutex> lock(translating);
          return translate(language, text);
        };
      pool = std::make_unique<detail::TaskPool>(options.analysisThreads);
    }
  }

  // Writes the oldest waiting record, waiting for its analysis if needed.
  void writeOldest() {
    WaitingRecord record = std::move(waiting.front());
    waiting.pop_front();
    waitingIds.erase(record.id);
    PreparedDocument prepared;
    try {
      prepared = record.prepared.get();
    } catch (const std::exception& e) {
      throw IndexError("index " + path + ": cannot analyse " + record.id + ": " + e.what());
    }
    write(record, prepared);
  }

  // Writes every waiting record whose analysis is done, in order.
  void writeReady() {
    while (!waiting.empty() &&
           waiting.front().prepared.wait_for(std::chrono::seconds(0)) == std::future_status::ready)
      writeOldest();
  }

  void writeWaiting() {
    while (!waiting.empty()) writeOldest();
  }

  // Drops the active run's transaction and what still waited to join it.
  void cancelRun() {
    waiting.clear(); // a packaged task's future does not wait for it; the pool finishes it unseen
    waitingIds.clear();
    try {
      database.cancel_transaction();
    } catch (const Xapian::Error&) {
    }
  }

  void write(const WaitingRecord& record, PreparedDocument& prepared) {
    try {
      // A call without an opening was posted when convoca first fetched it: an
      // edit must not make it "new" again (posted since, newest first).
      if (!record.firstFetched.empty()) prepared.document.add_value(schema::kRecency, record.firstFetched);
      const Xapian::docid docid = detail::storeInCluster(database, record.uniqueTerm, prepared.document);
      detail::updateSpelling(database, prepared.spellingBefore, prepared.spellingAfter);
      count(record.outcome, docid);
    } catch (const Xapian::Error& e) {
      throw IndexError("index " + path + ": cannot store " + record.id + ": " + e.get_description());
    }
  }

  std::optional<Xapian::docid> findDocument(const std::string& uniqueTerm) const {
    Xapian::PostingIterator posting = database.postlist_begin(uniqueTerm);
    if (posting == database.postlist_end(uniqueTerm)) return std::nullopt;
    return *posting;
  }

  void count(UpsertOutcome outcome, Xapian::docid docid) {
    if (!run) return;
    seen.insert(docid);
    switch (outcome) {
    case UpsertOutcome::Added:
      ++run->added;
      break;
    case UpsertOutcome::Updated:
      ++run->updated;
      break;
    case UpsertOutcome::Unchanged:
      ++run->unchanged;
      break;
    }
  }

  // Whether an unseen record of a completed run survives the sweep: a call
  // that can still be applied to, or that closed recently, is kept.
  bool keepsUnseen(const Xapian::Document& document, int64_t now) const {
    if (auto lastDeadline = detail::numberValue(document, s::kLastDeadline))
      return *lastDeadline >= static_cast<double>(now - options.closedRetentionSeconds);
    auto opening = detail::numberValue(document, s::kOpening);
    return opening && *opening > static_cast<double>(now);
  }

  void sweep(SourceSummary& summary, int64_t now) {
    const std::string sourceTerm = detail::booleanTerm(s::kSource, summary.source);
    std::vector<Xapian::docid> unseen;
    for (auto it = database.postlist_begin(sourceTerm); it != database.postlist_end(sourceTerm); ++it)
      if (!seen.count(*it)) unseen.push_back(*it);
    for (Xapian::docid docid : unseen) {
      const Xapian::Document document = database.get_document(docid);
      if (!options.purgeUnseen || keepsUnseen(document, now)) {
        ++summary.kept;
      } else {
        const Record purged = recordFromJson(document.get_data());
        detail::updateSpelling(database, &purged, nullptr);
        database.delete_document(docid);
        ++summary.removed;
      }
    }
    summary.swept = true;
  }
};

Indexer::Indexer(const std::string& path, IndexerOptions options)
    : impl_(std::make_unique<Impl>(path, options)) {}

Indexer::~Indexer() {
  // Destructors must not throw; Xapian would otherwise drop an open transaction.
  try {
    impl_->writeWaiting();
  } catch (const IndexError&) { // what could be written is; the rest comes back next run
  }
  try {
    if (impl_->run) impl_->database.commit_transaction();
    impl_->database.commit();
  } catch (const Xapian::Error&) {
  }
}

void Indexer::beginSource(const std::string& source, std::string runTag) {
  if (impl_->run)
    throw std::logic_error("Indexer::beginSource(" + source + "): source " + impl_->run->source +
                           " is still running");
  try {
    impl_->writeWaiting(); // upserts made outside a run stay outside it
    impl_->database.begin_transaction();
  } catch (const Xapian::Error& e) {
    throw IndexError("index " + impl_->path + ": cannot begin a run of " + source + ": " +
                     e.get_description());
  }
  impl_->run = SourceSummary{};
  impl_->run->source = source;
  impl_->runTag = std::move(runTag);
  impl_->seen.clear();
}

UpsertOutcome Indexer::upsert(const Record& record, Record* previous) {
  if (record.id.empty()) throw RecordError("field 'id': is required");
  Impl& impl = *impl_;
  // Its earlier version is still on its way: what is stored must be read after it.
  if (impl.waitingIds.count(record.id)) impl.writeWaiting();
  WaitingRecord waiting;
  Record stored = record;
  if (stored.contentHash.empty()) stored.contentHash = contentHashOf(stored);
  waiting.id = stored.id;
  waiting.uniqueTerm = detail::uniqueTerm(stored.id);
  std::optional<Xapian::docid> existing;
  std::optional<Record> replaced;
  try {
    existing = impl.findDocument(waiting.uniqueTerm);
    if (existing) {
      const Xapian::Document current = impl.database.get_document(*existing);
      if (current.get_value(s::kContentHash) == stored.contentHash) {
        impl.count(UpsertOutcome::Unchanged, *existing);
        return UpsertOutcome::Unchanged;
      }
      replaced = recordFromJson(current.get_data());
      if (previous) *previous = *replaced;
      if (!replaced->opening && !stored.opening) waiting.firstFetched = current.get_value(s::kRecency);
    }
  } catch (const Xapian::Error& e) {
    throw IndexError("index " + impl.path + ": cannot store " + stored.id + ": " + e.get_description());
  }
  waiting.outcome = existing ? UpsertOutcome::Updated : UpsertOutcome::Added;
  if (!impl.pool) {
    PreparedDocument prepared = prepare(std::move(stored), replaced, impl.options);
    impl.write(waiting, prepared);
    return waiting.outcome;
  }
  waiting.prepared = impl.pool->submit(
      [stored = std::move(stored), replaced = std::move(replaced), &options = impl.options]() mutable {
        return prepare(std::move(stored), replaced, options);
      });
  const UpsertOutcome outcome = waiting.outcome;
  impl.waitingIds.insert(waiting.id);
  impl.waiting.push_back(std::move(waiting));
  impl.writeReady();
  while (impl.waiting.size() > kMaxWaitingRecords) impl.writeOldest();
  return outcome;
}

SourceSummary Indexer::endSource(bool completedSuccessfully, int64_t now) {
  if (!impl_->run) throw std::logic_error("Indexer::endSource without beginSource");
  try {
    impl_->writeWaiting();      // counted in the run
  } catch (const IndexError&) { // a record that cannot be written fails the run like a failed commit
    impl_->run.reset();
    impl_->cancelRun();
    throw;
  }
  SourceSummary summary = std::move(*impl_->run);
  impl_->run.reset();
  try {
    if (completedSuccessfully) impl_->sweep(summary, now);
    if (!impl_->runTag.empty())
      impl_->database.set_metadata(s::kCommittedRunKeyPrefix + summary.source, impl_->runTag);
    impl_->database.commit_transaction();
  } catch (const Xapian::Error& e) {
    // Half a sweep must never land: drop the whole run (its records come back next time).
    impl_->cancelRun();
    throw IndexError("index " + impl_->path + ": cannot commit the run of " + summary.source + ": " +
                     e.get_description());
  }
  impl_->seen.clear();
  return summary;
}

void Indexer::commit() {
  if (impl_->run) throw std::logic_error("Indexer::commit inside a source run: call endSource");
  impl_->writeWaiting();
  try {
    impl_->database.commit();
  } catch (const Xapian::Error& e) {
    throw IndexError("index " + impl_->path + ": cannot commit: " + e.get_description());
  }
}

std::string Indexer::committedRun(const std::string& source) const {
  try {
    return impl_->database.get_metadata(s::kCommittedRunKeyPrefix + source);
  } catch (const Xapian::Error& e) {
    throw IndexError("index " + impl_->path + ": cannot read the last run of " + source + ": " +
                     e.get_description());
  }
}

size_t Indexer::documentCount() const {
  impl_->writeWaiting();
  return impl_->database.get_doccount();
}

} // namespace convoca::index
