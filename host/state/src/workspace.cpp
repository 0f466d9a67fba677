// The office's workspace in the state DB: the pipeline board (a state per call
// and profile) and the saved searches behind the Atom and ICS feeds.
#include "state_impl.h"

#include <Poco/Data/Statement.h>
#include <Poco/Data/Transaction.h>
#include <Poco/DateTimeFormat.h>
#include <Poco/DateTimeFormatter.h>
#include <Poco/Timestamp.h>
#include <stdexcept>

namespace convoca::state {

using Poco::Data::Keywords::into;
using Poco::Data::Keywords::now;
using Poco::Data::Keywords::range;
using Poco::Data::Keywords::useRef;

namespace {

constexpr PipelineState kPipelineStates[] = {PipelineState::Interesting, PipelineState::Preparing,
                                             PipelineState::Submitted, PipelineState::Discarded};
constexpr DiscardReason kDiscardReasons[] = {DiscardReason::NotEligible,      DiscardReason::NoCofinancing,
                                             DiscardReason::DeadlineTooClose, DiscardReason::NoPartner,
                                             DiscardReason::OutOfScope,       DiscardReason::Other};

// The API turns these messages into 422 answers, so they speak of the fields the client sent.
void checkPipelineEntry(const PipelineEntry& entry) {
  if (entry.recordId.empty()) throw std::invalid_argument("a pipeline entry needs a record_id");
  const bool discarded = entry.state == PipelineState::Discarded;
  if (discarded && !entry.reason)
    throw std::invalid_argument("a discarded call needs a reason: not-eligible, no-cofinancing, "
                                "deadline-too-close, no-partner, out-of-scope or other");
  if (!discarded && entry.reason)
    throw std::invalid_argument(std::string("a reason is only given for discarded calls, not for ") +
                                toString(entry.state) + " ones");
}

// The CHECK constraints keep unknown names out, so an unreadable one means the
// file was edited by hand.
PipelineState stateFromColumn(const std::string& name) {
  if (auto state = parsePipelineState(name)) return *state;
  throw Poco::DataFormatException("unknown pipeline state in state DB", name);
}

std::optional<DiscardReason> reasonFromColumn(const std::string& name) {
  if (name.empty()) return std::nullopt;
  if (auto reason = parseDiscardReason(name)) return reason;
  throw Poco::DataFormatException("unknown discard reason in state DB", name);
}

// A row as read, before its names become enums.
struct PipelineRow {
  PipelineEntry entry;
  std::string state;
  std::string reason; // "" when NULL
};

const char* const kSelectPipeline =
    "SELECT record_id, profile_id, state, owner, notes, COALESCE(reason, ''), "
    "updated_at, updated_by FROM pipeline ";

void bindPipelineRow(Poco::Data::Statement& select, PipelineRow& row) {
  select, into(row.entry.recordId), into(row.entry.profileId), into(row.state), into(row.entry.owner),
      into(row.entry.notes), into(row.reason), into(row.entry.updatedAt), into(row.entry.updatedBy);
}

PipelineEntry toEntry(PipelineRow& row) {
  row.entry.state = stateFromColumn(row.state);
  row.entry.reason = reasonFromColumn(row.reason);
  return row.entry;
}

} // namespace

const char* toString(PipelineState state) {
  switch (state) {
  case PipelineState::Interesting:
    return "interesting";
  case PipelineState::Preparing:
    return "preparing";
  case PipelineState::Submitted:
    return "submitted";
  case PipelineState::Discarded:
    return "discarded";
  }
  return "interesting";
}

const char* toString(DiscardReason reason) {
  switch (reason) {
  case DiscardReason::NotEligible:
    return "not-eligible";
  case DiscardReason::NoCofinancing:
    return "no-cofinancing";
  case DiscardReason::DeadlineTooClose:
    return "deadline-too-close";
  case DiscardReason::NoPartner:
    return "no-partner";
  case DiscardReason::OutOfScope:
    return "out-of-scope";
  case DiscardReason::Other:
    return "other";
  }
  return "other";
}

std::optional<PipelineState> parsePipelineState(std::string_view name) {
  for (PipelineState state : kPipelineStates)
    if (name == toString(state)) return state;
  return std::nullopt;
}

std::optional<DiscardReason> parseDiscardReason(std::string_view name) {
  for (DiscardReason reason : kDiscardReasons)
    if (name == toString(reason)) return reason;
  return std::nullopt;
}

PipelineEntry StateDb::savePipelineEntry(const PipelineEntry& entry) {
  checkPipelineEntry(entry);
  PipelineEntry stored = entry;
  if (stored.updatedAt.empty()) stored.updatedAt = nowUtc();
  impl_->guarded("saving the pipeline entry of " + entry.recordId, [&](Poco::Data::Session& session) {
    const std::string state = toString(stored.state);
    const Poco::Nullable<std::string> reason =
        stored.reason ? Poco::Nullable<std::string>(toString(*stored.reason)) : Poco::Nullable<std::string>();
    // REPLACE gives the row a new rowid, which orders entries updated in the same second.
    session << "INSERT OR REPLACE INTO pipeline (record_id, profile_id, state, owner, notes, reason, "
               "updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        useRef(stored.recordId), useRef(stored.profileId), useRef(state), useRef(stored.owner),
        useRef(stored.notes), Poco::Data::Keywords::bind(reason), useRef(stored.updatedAt),
        useRef(stored.updatedBy), now;
  });
  return stored;
}

std::vector<PipelineEntry> StateDb::pipelineEntries(const PipelineFilter& filter) {
  return impl_->guarded("listing the pipeline", [&](Poco::Data::Session& session) {
    // One fixed statement: a filter that is off (flag 0) matches every row.
    const int byProfile = filter.profileId ? 1 : 0;
    const int byState = filter.state ? 1 : 0;
    const int byOwner = filter.owner ? 1 : 0;
    const int byRecord = filter.recordId ? 1 : 0;
    const std::string profileId = filter.profileId.value_or("");
    const std::string state = filter.state ? toString(*filter.state) : "";
    const std::string owner = filter.owner.value_or("");
    const std::string recordId = filter.recordId.value_or("");
    std::vector<PipelineEntry> all;
    PipelineRow row;
    Poco::Data::Statement select(session);
    select << kSelectPipeline
           << "WHERE (? = 0 OR profile_id = ?) AND (? = 0 OR state = ?) AND (? = 0 OR owner = ?) "
              "AND (? = 0 OR record_id = ?) ORDER BY updated_at DESC, rowid DESC",
        useRef(byProfile), useRef(profileId), useRef(byState), useRef(state), useRef(byOwner), useRef(owner),
        useRef(byRecord), useRef(recordId);
    bindPipelineRow(select, row);
    select, range(0, 1);
    while (!select.done()) {
      if (select.execute() == 0) break;
      all.push_back(toEntry(row));
    }
    return all;
  });
}

std::optional<PipelineEntry> StateDb::pipelineEntry(const std::string& recordId,
                                                    const std::string& profileId) {
  return impl_->guarded("reading the pipeline entry of " + recordId, [&](Poco::Data::Session& session) {
    PipelineRow row;
    Poco::Data::Statement select(session);
    select << kSelectPipeline << "WHERE record_id = ? AND profile_id = ?", useRef(recordId),
        useRef(profileId);
    bindPipelineRow(select, row);
    if (select.execute() == 0) return std::optional<PipelineEntry>();
    return std::optional<PipelineEntry>(toEntry(row));
  });
}

bool StateDb::removePipelineEntry(const std::string& recordId, const std::string& profileId) {
  return impl_->guarded("removing the pipeline entry of " + recordId, [&](Poco::Data::Session& session) {
    Poco::Data::Statement remove(session);
    remove << "DELETE FROM pipeline WHERE record_id = ? AND profile_id = ?", useRef(recordId),
        useRef(profileId);
    return remove.execute() > 0;
  });
}

SavedSearch StateDb::addSavedSearch(const std::string& name, const std::string& query,
                                    const std::string& createdBy) {
  if (name.empty()) throw std::invalid_argument("a saved search needs a name");
  return impl_->guarded("saving the search '" + name + "'", [&](Poco::Data::Session& session) {
    SavedSearch saved{0, name, query, nowUtc(), createdBy};
    Poco::Data::Transaction transaction(session);
    session << "INSERT INTO saved_searches (name, query, created_at, created_by) VALUES (?, ?, ?, ?)",
        useRef(saved.name), useRef(saved.query), useRef(saved.createdAt), useRef(saved.createdBy), now;
    session << "SELECT last_insert_rowid()", into(saved.id), now;
    transaction.commit();
    return saved;
  });
}

std::vector<SavedSearch> StateDb::savedSearches() {
  return impl_->guarded("listing saved searches", [&](Poco::Data::Session& session) {
    std::vector<SavedSearch> all;
    SavedSearch row;
    Poco::Data::Statement select(session);
    select << "SELECT id, name, query, created_at, created_by FROM saved_searches ORDER BY name, id",
        into(row.id), into(row.name), into(row.query), into(row.createdAt), into(row.createdBy), range(0, 1);
    while (!select.done()) {
      if (select.execute() == 0) break;
      all.push_back(row);
    }
    return all;
  });
}

std::optional<SavedSearch> StateDb::savedSearch(int64_t id) {
  return impl_->guarded("reading saved search " + std::to_string(id), [&](Poco::Data::Session& session) {
    SavedSearch row;
    Poco::Data::Statement select(session);
    select << "SELECT id, name, query, created_at, created_by FROM saved_searches WHERE id = ?", useRef(id),
        into(row.id), into(row.name), into(row.query), into(row.createdAt), into(row.createdBy);
    if (select.execute() == 0) return std::optional<SavedSearch>();
    return std::optional<SavedSearch>(row);
  });
}

bool StateDb::removeSavedSearch(int64_t id) {
  return impl_->guarded("removing saved search " + std::to_string(id), [&](Poco::Data::Session& session) {
    Poco::Data::Statement remove(session);
    remove << "DELETE FROM saved_searches WHERE id = ?", useRef(id);
    return remove.execute() > 0;
  });
}

} // namespace convoca::state
