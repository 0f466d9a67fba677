#include "convoca/state/state_db.h"

#include "migrations.h"
#include "state_impl.h"

#include <Poco/Data/SQLite/Connector.h>
#include <Poco/Data/SQLite/SQLiteException.h>
#include <Poco/Data/Session.h>
#include <Poco/Data/Statement.h>
#include <Poco/Data/Transaction.h>
#include <Poco/DateTimeFormat.h>
#include <Poco/DateTimeFormatter.h>
#include <Poco/Exception.h>
#include <Poco/Timespan.h>
#include <Poco/Timestamp.h>
#include <chrono>
#include <filesystem>
#include <mutex>
#include <thread>

namespace convoca::state {
namespace {

using Poco::Data::Session;
using Poco::Data::Statement;
using Poco::Data::Transaction;
using Poco::Data::Keywords::bind;
using Poco::Data::Keywords::into;
using Poco::Data::Keywords::now;
using Poco::Data::Keywords::range;
using Poco::Data::Keywords::useRef;

struct OutcomeName {
  RunOutcome outcome;
  const char* name;
};
constexpr OutcomeName kOutcomeNames[] = {
    {RunOutcome::Running, "running"}, {RunOutcome::Succeeded, "ok"},     {RunOutcome::Failed, "failed"},
    {RunOutcome::Crashed, "crashed"}, {RunOutcome::TimedOut, "timeout"}, {RunOutcome::Refused, "refused"},
};

void registerSqliteOnce() {
  static std::once_flag registered;
  std::call_once(registered, [] { Poco::Data::SQLite::Connector::registerConnector(); });
}

std::string formatUtc(const Poco::Timestamp& time) {
  return Poco::DateTimeFormatter::format(time, Poco::DateTimeFormat::ISO8601_FORMAT);
}

// The CHECK constraint on source_runs.outcome keeps unknown names out, so an
// unreadable name means the file was edited by hand.
RunOutcome outcomeFromColumn(const std::string& name) {
  if (auto outcome = parseRunOutcome(name)) return *outcome;
  throw Poco::DataFormatException("unknown run outcome in state DB", name);
}

// Switching a new file to WAL takes an exclusive lock that SQLite does not wait
// for through the busy handler, so a second process opening the new file at the
// same moment gets "database is locked" at once; retry it within the busy
// timeout. Once the file is in WAL mode (a persistent setting) this is a no-op.
void enableWriteAheadLog(Session& session) {
  const Poco::Timestamp started;
  for (;;) {
    try {
      std::string journalMode;
      session << "PRAGMA journal_mode = WAL", into(journalMode), now;
      return;
    } catch (const Poco::Data::SQLite::DBLockedException&) {
      if (started.isElapsed(static_cast<Poco::Timestamp::TimeDiff>(kBusyTimeoutSeconds) * 1000000)) throw;
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
  }
}

} // namespace

void configureConnection(Session& session) {
  enableWriteAheadLog(session);
  // With WAL, NORMAL only risks the last commits on power loss, never corruption.
  session << "PRAGMA synchronous = NORMAL", now;
  session << "PRAGMA foreign_keys = ON", now;
}

namespace {

// Every write transaction starts with a write (this one when a source may be
// new): in a deferred transaction a read followed by a write can fail at once
// with SQLITE_BUSY instead of waiting for the busy timeout.
void ensureSource(Session& session, const std::string& id, const std::string& seenAt) {
  session << "INSERT INTO sources (id, first_seen) VALUES (?, ?) ON CONFLICT (id) DO NOTHING", useRef(id),
      useRef(seenAt), now;
}

std::vector<SourceRun> loadSourceRuns(Session& session, int64_t runId) {
  std::vector<SourceRun> runs;
  SourceRun row;
  std::string outcome;
  SourceCounts& counts = row.counts;
  Statement select(session);
  select << "SELECT run_id, source, outcome, fetched, added, updated, unchanged, rejected, errors, removed, "
            "kept, duration_ms, message, started_at, finished_at "
            "FROM source_runs WHERE run_id = ? ORDER BY source",
      bind(runId), into(row.runId), into(row.source), into(outcome), into(counts.fetched), into(counts.added),
      into(counts.updated), into(counts.unchanged), into(counts.rejected), into(counts.errors),
      into(counts.removed), into(counts.kept), into(row.durationMs), into(row.message), into(row.startedAt),
      into(row.finishedAt), range(0, 1);
  while (!select.done()) {
    if (select.execute() == 0) break;
    row.outcome = outcomeFromColumn(outcome);
    runs.push_back(row);
  }
  return runs;
}

// The `limit` newest runs, newest first, with their sources.
std::vector<HarvestRun> loadRuns(Session& session, int64_t limit) {
  std::vector<HarvestRun> runs;
  HarvestRun row;
  Statement select(session);
  select << "SELECT id, mode, started_at, COALESCE(finished_at, ''), COALESCE(ok, 0) "
            "FROM harvest_runs ORDER BY id DESC LIMIT ?",
      bind(limit), into(row.id), into(row.mode), into(row.startedAt), into(row.finishedAt), into(row.ok),
      range(0, 1);
  while (!select.done()) {
    if (select.execute() == 0) break;
    runs.push_back(row);
  }
  for (HarvestRun& run : runs) run.sources = loadSourceRuns(session, run.id);
  return runs;
}

} // namespace

const char* toString(RunOutcome outcome) {
  for (const OutcomeName& entry : kOutcomeNames)
    if (entry.outcome == outcome) return entry.name;
  return "unknown";
}

std::optional<RunOutcome> parseRunOutcome(std::string_view name) {
  for (const OutcomeName& entry : kOutcomeNames)
    if (name == entry.name) return entry.outcome;
  return std::nullopt;
}

StateDb::StateDb(const std::string& path) {
  // Checked here because Poco retries a failing open for the whole busy timeout.
  const std::filesystem::path directory = std::filesystem::path(path).parent_path();
  if (!directory.empty() && !std::filesystem::is_directory(directory))
    throw StateError("opening state DB " + path + ": directory " + directory.string() + " does not exist");
  registerSqliteOnce();
  try {
    impl_ = std::make_unique<Impl>(path);
  } catch (const Poco::Exception& e) {
    throw StateError("opening state DB " + path + ": " + e.displayText());
  }
}

StateDb::~StateDb() = default;
StateDb::StateDb(StateDb&&) noexcept = default;
StateDb& StateDb::operator=(StateDb&&) noexcept = default;

const std::string& StateDb::path() const {
  return impl_->path;
}

int StateDb::schemaVersion() {
  return impl_->guarded("reading the schema version", [](Session& s) { return detail::appliedVersion(s); });
}

int StateDb::latestSchemaVersion() {
  return detail::latestVersion();
}

void StateDb::upsertSource(const std::string& id, const std::string& pluginPath, const std::string& version) {
  impl_->guarded("recording source '" + id + "'", [&](Session& s) {
    const std::string seenAt = formatUtc(Poco::Timestamp());
    s << "INSERT INTO sources (id, plugin_path, version, first_seen) VALUES (?, ?, ?, ?) "
         "ON CONFLICT (id) DO UPDATE SET plugin_path = excluded.plugin_path, version = excluded.version",
        useRef(id), useRef(pluginPath), useRef(version), useRef(seenAt), now;
  });
}

std::vector<SourceInfo> StateDb::sources() {
  return impl_->guarded("listing sources", [](Session& s) {
    std::vector<SourceInfo> sources;
    SourceInfo row;
    std::string lastOutcome;
    Statement select(s);
    select << "SELECT id, plugin_path, version, first_seen, COALESCE(last_run_at, ''), "
              "COALESCE(last_outcome, ''), consecutive_failures FROM sources ORDER BY id",
        into(row.id), into(row.pluginPath), into(row.version), into(row.firstSeen), into(row.lastRunAt),
        into(lastOutcome), into(row.consecutiveFailures), range(0, 1);
    while (!select.done()) {
      if (select.execute() == 0) break;
      row.lastOutcome = lastOutcome.empty() ? std::nullopt : std::optional(outcomeFromColumn(lastOutcome));
      sources.push_back(row);
    }
    return sources;
  });
}

std::map<std::string, std::string> StateDb::cursors(const std::string& source) {
  return impl_->guarded("reading cursors of '" + source + "'", [&](Session& s) {
    std::vector<std::string> keys;
    std::vector<std::string> values;
    s << "SELECT key, value FROM cursors WHERE source = ?", useRef(source), into(keys), into(values), now;
    std::map<std::string, std::string> cursors;
    for (size_t i = 0; i < keys.size(); ++i) cursors.emplace(keys[i], values[i]);
    return cursors;
  });
}

void StateDb::saveCursors(const std::string& source, const std::map<std::string, std::string>& values) {
  impl_->guarded("saving cursors of '" + source + "'", [&](Session& s) {
    const std::string savedAt = formatUtc(Poco::Timestamp());
    Transaction transaction(s);
    ensureSource(s, source, savedAt);
    s << "DELETE FROM cursors WHERE source = ?", useRef(source), now;
    std::string key;
    std::string value;
    Statement insert(s);
    insert << "INSERT INTO cursors (source, key, value, updated_at) VALUES (?, ?, ?, ?)", useRef(source),
        useRef(key), useRef(value), useRef(savedAt);
    for (const auto& [k, v] : values) {
      key = k;
      value = v;
      insert.execute();
    }
    transaction.commit();
  });
}

int64_t StateDb::beginRun(const std::string& mode) {
  return impl_->guarded("starting a run ('" + mode + "')", [&](Session& s) {
    const std::string startedAt = formatUtc(Poco::Timestamp());
    int64_t id = 0;
    Transaction transaction(s);
    s << "INSERT INTO harvest_runs (mode, started_at) VALUES (?, ?)", useRef(mode), useRef(startedAt), now;
    s << "SELECT last_insert_rowid()", into(id), now;
    transaction.commit();
    return id;
  });
}

void StateDb::recordSourceRun(int64_t runId, const SourceRun& run) {
  impl_->guarded("recording the run of '" + run.source + "'", [&](Session& s) {
    const Poco::Timestamp recordedAt;
    const std::string finishedAt = run.finishedAt.empty() ? formatUtc(recordedAt) : run.finishedAt;
    const std::string startedAt =
        run.startedAt.empty() ? formatUtc(recordedAt - Poco::Timespan(run.durationMs * 1000)) : run.startedAt;
    const std::string outcome = toString(run.outcome);
    const SourceCounts& c = run.counts;
    Transaction transaction(s);
    ensureSource(s, run.source, finishedAt);
    // REPLACE: a row recorded as "running" is overwritten by the final one.
    s << "INSERT OR REPLACE INTO source_runs (run_id, source, outcome, fetched, added, updated, unchanged, "
         "rejected, errors, removed, kept, duration_ms, message, started_at, finished_at) "
         "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        bind(runId), useRef(run.source), useRef(outcome), bind(c.fetched), bind(c.added), bind(c.updated),
        bind(c.unchanged), bind(c.rejected), bind(c.errors), bind(c.removed), bind(c.kept),
        bind(run.durationMs), useRef(run.message), useRef(startedAt), useRef(finishedAt), now;
    if (run.outcome != RunOutcome::Running) {
      const bool succeeded = run.outcome == RunOutcome::Succeeded;
      s << "UPDATE sources SET last_run_at = ?, last_outcome = ?, "
           "consecutive_failures = CASE WHEN ? THEN 0 ELSE consecutive_failures + 1 END WHERE id = ?",
          useRef(finishedAt), useRef(outcome), bind(succeeded), useRef(run.source), now;
    }
    transaction.commit();
  });
}

void StateDb::finishRun(int64_t runId, bool ok) {
  impl_->guarded("finishing run " + std::to_string(runId), [&](Session& s) {
    const std::string finishedAt = formatUtc(Poco::Timestamp());
    Statement update(s);
    update << "UPDATE harvest_runs SET finished_at = ?, ok = ? WHERE id = ?", useRef(finishedAt), bind(ok),
        bind(runId);
    if (update.execute() == 0) throw Poco::NotFoundException("no such run", std::to_string(runId));
  });
}

int StateDb::closeInterruptedRuns() {
  return impl_->guarded("closing interrupted runs", [&](Session& s) {
    const std::string finishedAt = formatUtc(Poco::Timestamp());
    const std::string why = "the harvest stopped before this source finished (killed, crashed or shut down)";
    Transaction transaction(s);
    s << "UPDATE source_runs SET outcome = 'failed', message = ?, finished_at = ? WHERE outcome = 'running'",
        useRef(why), useRef(finishedAt), now;
    Statement update(s);
    update << "UPDATE harvest_runs SET finished_at = ?, ok = 0 WHERE finished_at IS NULL", useRef(finishedAt);
    const int closed = static_cast<int>(update.execute());
    transaction.commit();
    return closed;
  });
}

std::vector<HarvestRun> StateDb::recentRuns(size_t limit) {
  return impl_->guarded("listing recent runs", [&](Session& s) {
    // One read transaction: the runs and their sources come from the same snapshot.
    Transaction transaction(s);
    std::vector<HarvestRun> runs = loadRuns(s, static_cast<int64_t>(limit));
    transaction.commit();
    return runs;
  });
}

std::optional<HarvestRun> StateDb::lastRun() {
  std::vector<HarvestRun> runs = recentRuns(1);
  if (runs.empty()) return std::nullopt;
  return std::move(runs.front());
}

bool StateDb::integrityOk() {
  return impl_->guarded("checking integrity", [](Session& s) {
    std::vector<std::string> problems;
    s << "PRAGMA integrity_check", into(problems), now;
    return problems.size() == 1 && problems.front() == "ok";
  });
}

} // namespace convoca::state
