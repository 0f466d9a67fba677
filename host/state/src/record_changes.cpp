// The change log: StateDb::recordChanges, history, and the changes of runs that never finished.
#include "state_impl.h"

#include <Poco/Data/Statement.h>
#include <Poco/Data/Transaction.h>
#include <Poco/DateTimeFormat.h>
#include <Poco/DateTimeFormatter.h>
#include <Poco/Timestamp.h>

namespace convoca::state {

using Poco::Data::Keywords::bind;
using Poco::Data::Keywords::into;
using Poco::Data::Keywords::now;
using Poco::Data::Keywords::range;
using Poco::Data::Keywords::useRef;

void StateDb::recordChanges(const std::vector<RecordChange>& changes) {
  if (changes.empty()) return;
  impl_->guarded("recording the changes of " + changes.front().recordId, [&](Poco::Data::Session& session) {
    const std::string nowText =
        Poco::DateTimeFormatter::format(Poco::Timestamp(), Poco::DateTimeFormat::ISO8601_FORMAT);
    Poco::Data::Transaction transaction(session);
    for (const RecordChange& change : changes) {
      const std::string changedAt = change.changedAt.empty() ? nowText : change.changedAt;
      const Poco::Nullable<int64_t> runId =
          change.runId > 0 ? Poco::Nullable<int64_t>(change.runId) : Poco::Nullable<int64_t>();
      session << "INSERT INTO record_changes (record_id, source, run_id, changed_at, field, old_value, "
                 "new_value) "
                 "VALUES (?, ?, ?, ?, ?, ?, ?)",
          useRef(change.recordId), useRef(change.source), bind(runId), useRef(changedAt),
          useRef(change.field), useRef(change.before), useRef(change.after), now;
    }
    transaction.commit();
  });
}

std::vector<std::pair<int64_t, std::string>> StateDb::changesOfUnfinishedRuns() {
  return impl_->guarded("listing the changes of unfinished runs", [&](Poco::Data::Session& session) {
    std::vector<std::pair<int64_t, std::string>> found;
    int64_t runId = 0;
    std::string source;
    Poco::Data::Statement select(session);
    select
        << "SELECT DISTINCT c.run_id, c.source FROM record_changes c "
           "JOIN harvest_runs r ON r.id = c.run_id WHERE r.finished_at IS NULL ORDER BY c.run_id, c.source",
        into(runId), into(source), range(0, 1);
    while (!select.done()) {
      if (select.execute() > 0) found.emplace_back(runId, source);
    }
    return found;
  });
}

int StateDb::forgetChanges(int64_t runId, const std::string& source) {
  return impl_->guarded(
      "dropping the changes of run " + std::to_string(runId), [&](Poco::Data::Session& session) {
        Poco::Data::Statement remove(session);
        remove << "DELETE FROM record_changes WHERE run_id = ? AND source = ?", useRef(runId), useRef(source);
        return static_cast<int>(remove.execute());
      });
}

std::vector<RecordChange> StateDb::history(const std::string& recordId) {
  return impl_->guarded("reading the history of " + recordId, [&](Poco::Data::Session& session) {
    std::vector<RecordChange> changes;
    RecordChange row;
    Poco::Data::Statement select(session);
    select << "SELECT record_id, source, COALESCE(run_id, 0), changed_at, field, old_value, new_value "
              "FROM record_changes WHERE record_id = ? ORDER BY id",
        useRef(recordId), into(row.recordId), into(row.source), into(row.runId), into(row.changedAt),
        into(row.field), into(row.before), into(row.after), range(0, 1);
    while (!select.done()) {
      if (select.execute() == 0) break;
      changes.push_back(row);
    }
    return changes;
  });
}

} // namespace convoca::state
