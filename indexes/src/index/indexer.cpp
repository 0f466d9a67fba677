#include "convoca/index/indexer.h"

#include "document_builder.h"
#include "index_support.h"
#include "spelling.h"

#include <optional>
#include <stdexcept>
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

} // namespace

struct Indexer::Impl {
  std::string path;
  IndexerOptions options;
  Xapian::WritableDatabase database;
  // The active source run, if any.
  std::optional<SourceSummary> run;
  std::unordered_set<Xapian::docid> seen;
  std::string runTag; // of the active source run

  Impl(std::string dbPath, IndexerOptions indexerOptions)
      : path(std::move(dbPath)), options(indexerOptions), database(openWritable(path)) {
    stampOrCheckSchemaVersion(database, path);
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
  Record stored = record;
  if (stored.contentHash.empty()) stored.contentHash = contentHashOf(stored);
  const std::string uniqueTerm = detail::uniqueTerm(stored.id);
  try {
    const std::optional<Xapian::docid> existing = impl_->findDocument(uniqueTerm);
    std::optional<Record> replaced;
    std::string firstFetched; // kRecency of the stored version, when neither version has an opening
    if (existing) {
      const Xapian::Document current = impl_->database.get_document(*existing);
      if (current.get_value(s::kContentHash) == stored.contentHash) {
        impl_->count(UpsertOutcome::Unchanged, *existing);
        return UpsertOutcome::Unchanged;
      }
      replaced = recordFromJson(current.get_data());
      if (previous) *previous = *replaced;
      if (!replaced->opening && !stored.opening) firstFetched = current.get_value(s::kRecency);
    }
    if (impl_->options.analyse) analyseRecord(stored, impl_->options.translate);
    Xapian::Document document = detail::buildDocument(stored);
    // A call without an opening was posted when convoca first fetched it: an
    // edit must not make it "new" again (posted since, newest first).
    if (!firstFetched.empty()) document.add_value(s::kRecency, firstFetched);
    const Xapian::docid docid = impl_->database.replace_document(uniqueTerm, document);
    detail::updateSpelling(impl_->database, replaced ? &*replaced : nullptr, &stored);
    const UpsertOutcome outcome = existing ? UpsertOutcome::Updated : UpsertOutcome::Added;
    impl_->count(outcome, docid);
    return outcome;
  } catch (const Xapian::Error& e) {
    throw IndexError("index " + impl_->path + ": cannot store " + stored.id + ": " + e.get_description());
  }
}

SourceSummary Indexer::endSource(bool completedSuccessfully, int64_t now) {
  if (!impl_->run) throw std::logic_error("Indexer::endSource without beginSource");
  SourceSummary summary = std::move(*impl_->run);
  impl_->run.reset();
  try {
    if (completedSuccessfully) impl_->sweep(summary, now);
    if (!impl_->runTag.empty())
      impl_->database.set_metadata(s::kCommittedRunKeyPrefix + summary.source, impl_->runTag);
    impl_->database.commit_transaction();
  } catch (const Xapian::Error& e) {
    // Half a sweep must never land: drop the whole run (its records come back next time).
    try {
      impl_->database.cancel_transaction();
    } catch (const Xapian::Error&) {
    }
    throw IndexError("index " + impl_->path + ": cannot commit the run of " + summary.source + ": " +
                     e.get_description());
  }
  impl_->seen.clear();
  return summary;
}

void Indexer::commit() {
  if (impl_->run) throw std::logic_error("Indexer::commit inside a source run: call endSource");
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
  return impl_->database.get_doccount();
}

} // namespace convoca::index
