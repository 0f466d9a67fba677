#include "migrations.h"

#include "convoca/state/state_db.h"
#include "state_impl.h"

#include <Poco/Data/Session.h>
#include <Poco/Data/Transaction.h>
#include <Poco/DateTimeFormat.h>
#include <Poco/DateTimeFormatter.h>
#include <Poco/Exception.h>
#include <Poco/Logger.h>
#include <Poco/Timestamp.h>

namespace convoca::state::detail {
namespace {

using Poco::Data::Keywords::into;
using Poco::Data::Keywords::now;
using Poco::Data::Keywords::useRef;

// Append new migrations at the end; never edit one that has been released,
// since DBs in the field have already applied it.
std::vector<Migration> buildMigrations() {
  return {
      {1,
       "sources, cursors and harvest runs",
       {
           R"(CREATE TABLE sources (
                id TEXT PRIMARY KEY,
                plugin_path TEXT NOT NULL DEFAULT '',
                version TEXT NOT NULL DEFAULT '',
                first_seen TEXT NOT NULL,
                last_run_at TEXT,
                last_outcome TEXT,
                consecutive_failures INTEGER NOT NULL DEFAULT 0))",
           R"(CREATE TABLE cursors (
                source TEXT NOT NULL REFERENCES sources(id),
                key TEXT NOT NULL,
                value TEXT NOT NULL,
                updated_at TEXT NOT NULL,
                PRIMARY KEY (source, key)))",
           // AUTOINCREMENT: ids are never reused, even after old runs are pruned,
           // so ordering by id is ordering by start.
           R"(CREATE TABLE harvest_runs (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                mode TEXT NOT NULL,
                started_at TEXT NOT NULL,
                finished_at TEXT,
                ok INTEGER))",
           R"(CREATE TABLE source_runs (
                run_id INTEGER NOT NULL REFERENCES harvest_runs(id) ON DELETE CASCADE,
                source TEXT NOT NULL REFERENCES sources(id),
                outcome TEXT NOT NULL
                  CHECK (outcome IN ('running', 'ok', 'failed', 'crashed', 'timeout', 'refused')),
                fetched INTEGER NOT NULL DEFAULT 0,
                added INTEGER NOT NULL DEFAULT 0,
                updated INTEGER NOT NULL DEFAULT 0,
                unchanged INTEGER NOT NULL DEFAULT 0,
                rejected INTEGER NOT NULL DEFAULT 0,
                errors INTEGER NOT NULL DEFAULT 0,
                removed INTEGER NOT NULL DEFAULT 0,
                kept INTEGER NOT NULL DEFAULT 0,
                duration_ms INTEGER NOT NULL DEFAULT 0,
                message TEXT NOT NULL DEFAULT '',
                started_at TEXT NOT NULL,
                finished_at TEXT NOT NULL,
                PRIMARY KEY (run_id, source)))",
           // A source's history for the web UI.
           "CREATE INDEX source_runs_by_source ON source_runs (source, run_id)",
       }},
      {2,
       "field-level change log of records",
       {
           // One row per changed field of a record in a harvest run; field "record"
           // marks the first time a record was seen. Values are JSON text, "" when absent.
           R"(CREATE TABLE record_changes (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                record_id TEXT NOT NULL,
                source TEXT NOT NULL,
                run_id INTEGER,
                changed_at TEXT NOT NULL,
                field TEXT NOT NULL,
                old_value TEXT NOT NULL,
                new_value TEXT NOT NULL))",
           "CREATE INDEX record_changes_by_record ON record_changes (record_id, id)",
       }},
      {3,
       "profiles, matching feedback, digests and the translation cache",
       {
           // The profile JSON as imported (DESIGN.md "Matching"); id and title copied out for listing.
           R"(CREATE TABLE profiles (
                id TEXT PRIMARY KEY,
                title TEXT NOT NULL,
                document TEXT NOT NULL,
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL))",
           // One verdict per profile and subject: a record marked relevant or not
           // relevant, or a programme muted. A new verdict replaces the old one.
           R"(CREATE TABLE profile_feedback (
                profile_id TEXT NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
                subject_kind TEXT NOT NULL CHECK (subject_kind IN ('record', 'programme')),
                subject TEXT NOT NULL,
                verdict TEXT NOT NULL CHECK (verdict IN ('relevant', 'not-relevant', 'muted')),
                given_at TEXT NOT NULL,
                PRIMARY KEY (profile_id, subject_kind, subject)))",
           // What each profile's last digest saw (record and content hash), so the
           // next digest lists only what is new or changed since.
           R"(CREATE TABLE profile_seen_matches (
                profile_id TEXT NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
                record_id TEXT NOT NULL,
                content_hash TEXT NOT NULL,
                PRIMARY KEY (profile_id, record_id)))",
           R"(CREATE TABLE digest_entries (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                profile_id TEXT NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
                run_id INTEGER,
                created_at TEXT NOT NULL,
                record_id TEXT NOT NULL,
                change TEXT NOT NULL CHECK (change IN ('new', 'changed')),
                score REAL NOT NULL,
                title TEXT NOT NULL,
                match TEXT NOT NULL))",
           "CREATE INDEX digest_entries_by_profile ON digest_entries (profile_id, id)",
           // Machine translations by mode (an Apertium pair such as cat-eng) and
           // the SHA-1 of the source text.
           R"(CREATE TABLE translations (
                mode TEXT NOT NULL,
                source_sha1 TEXT NOT NULL,
                translation TEXT NOT NULL,
                created_at TEXT NOT NULL,
                PRIMARY KEY (mode, source_sha1)))",
       }},
      {4,
       "the office pipeline, saved searches and users",
       {
           // A call's place on the office's board, per profile; profile_id '' is the
           // board without a profile, so it is no foreign key and outlives profiles.
           // A discarded call carries its reason, no other state does.
           R"(CREATE TABLE pipeline (
                record_id TEXT NOT NULL,
                profile_id TEXT NOT NULL DEFAULT '',
                state TEXT NOT NULL
                  CHECK (state IN ('interesting', 'preparing', 'submitted', 'discarded')),
                owner TEXT NOT NULL DEFAULT '',
                notes TEXT NOT NULL DEFAULT '',
                reason TEXT CHECK (reason IN ('not-eligible', 'no-cofinancing', 'deadline-too-close',
                                              'no-partner', 'out-of-scope', 'other')),
                updated_at TEXT NOT NULL,
                updated_by TEXT NOT NULL DEFAULT '',
                CHECK ((state = 'discarded') = (reason IS NOT NULL)),
                PRIMARY KEY (record_id, profile_id)))",
           "CREATE INDEX pipeline_by_update ON pipeline (updated_at)",
           R"(CREATE TABLE saved_searches (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                name TEXT NOT NULL,
                query TEXT NOT NULL,
                created_at TEXT NOT NULL,
                created_by TEXT NOT NULL DEFAULT ''))",
           // Sessions are not stored: they live in the web server's memory.
           R"(CREATE TABLE users (
                name TEXT PRIMARY KEY,
                role TEXT NOT NULL CHECK (role IN ('viewer', 'editor', 'admin')),
                password_hash TEXT NOT NULL,
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL))",
       }},
  };
}

void createMigrationTable(Poco::Data::Session& session) {
  session << R"(CREATE TABLE IF NOT EXISTS schema_migrations (
                  version INTEGER PRIMARY KEY,
                  name TEXT NOT NULL,
                  applied_at TEXT NOT NULL))",
      now;
}

void apply(Poco::Data::Session& session, const Migration& migration) {
  Poco::Data::Transaction transaction(session);
  // Claiming the version is the first statement: a write first takes the write
  // lock under the busy timeout, and a process that raced us to the same
  // migration fails here on the primary key instead of applying it twice.
  const std::string appliedAt = nowUtc();
  session << "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
      useRef(migration.version), useRef(migration.name), useRef(appliedAt), now;
  for (const std::string& statement : migration.statements) session << statement, now;
  transaction.commit();
}

} // namespace

const std::vector<Migration>& migrations() {
  static const std::vector<Migration> all = buildMigrations();
  return all;
}

int latestVersion() {
  return migrations().back().version;
}

int appliedVersion(Poco::Data::Session& session) {
  int version = 0;
  session << "SELECT COALESCE(MAX(version), 0) FROM schema_migrations", into(version), now;
  return version;
}

int migrate(Poco::Data::Session& session, const std::string& path) {
  createMigrationTable(session);
  for (;;) {
    const int version = appliedVersion(session);
    if (version > latestVersion())
      throw StateError("state DB " + path + " has schema version " + std::to_string(version) +
                       ", newer than this convoca knows (" + std::to_string(latestVersion()) +
                       "); upgrade convoca or point --data at another directory");
    if (version == latestVersion()) return version;
    const Migration& next = migrations().at(static_cast<size_t>(version));
    // A new DB passes through every migration too: only an upgrade is news.
    if (version > 0)
      Poco::Logger::get("state").notice("state DB " + path + ": schema " + std::to_string(version) + " -> " +
                                        std::to_string(next.version) + " (" + next.name + ")");
    try {
      apply(session, next);
    } catch (const Poco::Exception&) {
      // Another process applying the same migration wins the race; anything else is an error.
      if (appliedVersion(session) < next.version) throw;
    }
  }
}

} // namespace convoca::state::detail
