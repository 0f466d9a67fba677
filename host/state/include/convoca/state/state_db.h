// The state database: what convoca remembers between runs that is not the index
// itself — known sources, their cursors, and the report of every harvest run.
// One SQLite file (Poco::Data::SQLite) in the data directory; the schema is a
// numbered list of migrations applied on open (see host/state/README.md).
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace convoca::state {

// Any failure of the state DB. The message names the operation and the DB path.
class StateError : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

// What a source did in one run. "added" is the report's "new".
struct SourceCounts {
  int64_t fetched = 0;
  int64_t added = 0;
  int64_t updated = 0;
  int64_t unchanged = 0;
  int64_t rejected = 0;
  int64_t errors = 0;
  int64_t removed = 0;
  int64_t kept = 0;
};

// How a source's run ended. Stored and shown by the names toString() returns:
// "running", "ok", "failed", "crashed", "timeout", "refused".
enum class RunOutcome { Running, Succeeded, Failed, Crashed, TimedOut, Refused };

const char* toString(RunOutcome outcome);
std::optional<RunOutcome> parseRunOutcome(std::string_view name);

// One source's part of a harvest run. Times are RFC 3339 UTC ("2024-05-01T10:00:00Z").
struct SourceRun {
  int64_t runId = 0;
  std::string source;
  RunOutcome outcome = RunOutcome::Running;
  SourceCounts counts;
  int64_t durationMs = 0;
  std::string message; // why it failed, or empty
  std::string startedAt;
  std::string finishedAt;
};

struct HarvestRun {
  int64_t id = 0;
  std::string startedAt;
  std::string finishedAt;         // empty while running, or when the harvest died before finishRun()
  std::string mode;               // "harvest", "demo", "replay"
  bool ok = false;                // every source succeeded; false until finished
  std::vector<SourceRun> sources; // ordered by source id

  bool finished() const { return !finishedAt.empty(); }
};

struct SourceInfo {
  std::string id;
  std::string pluginPath; // empty when the source was only seen in a run or a cursor
  std::string version;
  std::string firstSeen;
  std::string lastRunAt; // empty when never run
  std::optional<RunOutcome> lastOutcome;
  int64_t consecutiveFailures = 0; // final outcomes other than ok since the last ok
};

// A source's harvest history in numbers, for `convoca status` and /metrics.
struct SourceRunSummary {
  std::string source;
  std::map<RunOutcome, int64_t> outcomes; // source runs by final outcome (never Running)
  std::string lastSuccessAt;              // finished_at of the newest ok run; empty when never
  std::optional<SourceRun> lastRun;       // the newest run with a final outcome
  int64_t consecutiveFailures = 0;        // as SourceInfo
};

// A connection to the state DB at `path`.
//
// Opening applies every pending migration (each in its own transaction) and
// refuses a DB whose schema is newer than this build knows. The DB runs in WAL
// mode with a busy timeout, so a harvest process writing and a web server
// reading the same file (each with its own StateDb) wait for each other
// instead of failing with "database is locked".
//
// One StateDb may be shared by threads: its calls are serialised by an internal
// mutex. Every call throws StateError on failure.
// One changed field of a record, as seen by a harvest (the change log).
struct RecordChange {
  int64_t runId = 0; // 0 when the change came from a bulk import
  std::string recordId;
  std::string source;
  std::string changedAt; // RFC 3339 UTC
  std::string field;     // record schema field name; "record" when the record first appeared
  std::string before;    // JSON text of the old value, "" when it was absent
  std::string after;     // JSON text of the new value, "" when it is gone
};

// A profile as stored: the JSON document as imported (DESIGN.md "Matching").
struct StoredProfile {
  std::string id;
  std::string title;
  std::string document; // JSON text
  std::string createdAt;
  std::string updatedAt;
};

// What staff said about a match: a record relevant or not for a profile, or a
// programme muted for it. One verdict per (profile, subject kind, subject).
enum class FeedbackSubject { Record, Programme };
enum class Verdict { Relevant, NotRelevant, Muted };

const char* toString(FeedbackSubject kind);
const char* toString(Verdict verdict);
std::optional<Verdict> parseVerdict(std::string_view name);

struct Feedback {
  std::string profileId;
  FeedbackSubject kind = FeedbackSubject::Record;
  std::string subject; // record id, or programme code
  Verdict verdict = Verdict::Relevant;
  std::string givenAt; // RFC 3339 UTC; empty = now when stored
};

// One line of a profile's digest: a match that was new or changed after a harvest.
struct DigestEntry {
  int64_t id = 0;
  std::string profileId;
  int64_t runId = 0; // the harvest run it followed; 0 when computed by hand
  std::string createdAt;
  std::string recordId;
  std::string change; // "new" | "changed"
  double score = 0;
  std::string title;
  std::string match; // the match as JSON (record fields, score, explanation)
};

// ---- The office's workspace and its users (workspace.cpp, users.cpp) ----

// Where a call stands for the office, per call and profile (the pipeline board).
// Stored and sent by the names toString() returns: "interesting", "preparing",
// "submitted", "discarded".
enum class PipelineState { Interesting, Preparing, Submitted, Discarded };

// Why a call was discarded; required for discarded calls and refused for the others.
// Names: "not-eligible", "no-cofinancing", "deadline-too-close", "no-partner",
// "out-of-scope", "other".
enum class DiscardReason { NotEligible, NoCofinancing, DeadlineTooClose, NoPartner, OutOfScope, Other };

const char* toString(PipelineState state);
const char* toString(DiscardReason reason);
std::optional<PipelineState> parsePipelineState(std::string_view name);
std::optional<DiscardReason> parseDiscardReason(std::string_view name);

// One call on the pipeline board, for one profile or for none (profileId "").
struct PipelineEntry {
  std::string recordId;
  std::string profileId; // "" = the call is followed without a profile
  PipelineState state = PipelineState::Interesting;
  std::string owner; // who in the office handles it; may be empty
  std::string notes;
  std::optional<DiscardReason> reason; // set exactly when state is Discarded
  std::string updatedAt;               // RFC 3339 UTC; empty = now when saved
  std::string updatedBy;               // user name; empty for the implicit local admin or the CLI
};

// Filters of pipelineEntries(); an unset filter matches everything.
struct PipelineFilter {
  std::optional<std::string> profileId; // "" selects the entries without a profile
  std::optional<PipelineState> state;
  std::optional<std::string> owner;
  std::optional<std::string> recordId; // one call's entries (one per profile)
};

// A named search (the query string of /api/search) with its feeds.
struct SavedSearch {
  int64_t id = 0;
  std::string name;
  std::string query; // e.g. "q=habitatge&status=open"
  std::string createdAt;
  std::string createdBy;
};

// What a user may do: viewer reads, editor also changes profiles, feedback,
// pipeline and saved searches, admin does everything including users.
// Names: "viewer", "editor", "admin".
enum class Role { Viewer, Editor, Admin };

const char* toString(Role role);
std::optional<Role> parseRole(std::string_view name);

struct User {
  std::string name;
  Role role = Role::Viewer;
  std::string passwordHash; // as web/password.h hashPassword() writes it; never the password
  std::string createdAt;
  std::string updatedAt;
};

class StateDb {
public:
  // The directory of `path` must exist; the file is created when missing.
  explicit StateDb(const std::string& path);
  ~StateDb();
  StateDb(StateDb&&) noexcept;
  StateDb& operator=(StateDb&&) noexcept;
  StateDb(const StateDb&) = delete;
  StateDb& operator=(const StateDb&) = delete;

  const std::string& path() const;

  // Schema version of the open DB, and the newest this build can apply.
  int schemaVersion();
  static int latestSchemaVersion();

  // Records (or refreshes) a loaded plugin. first_seen is kept from the first call.
  void upsertSource(const std::string& id, const std::string& pluginPath, const std::string& version);
  std::vector<SourceInfo> sources(); // ordered by id

  // Cursor values of one source; empty when none were ever saved.
  std::map<std::string, std::string> cursors(const std::string& source);
  // Replaces the source's whole cursor set with `values` in one transaction:
  // keys absent from `values` are dropped; other sources are untouched. The
  // harvest calls this only after a successful run, with the full map.
  void saveCursors(const std::string& source, const std::map<std::string, std::string>& values);

  // Starts a harvest run and returns its id (ids grow with time).
  int64_t beginRun(const std::string& mode);
  // Stores `run` under `runId` (run.runId is ignored), replacing an earlier row
  // for the same source in that run. A final outcome (anything but Running)
  // also sets the source's last run and outcome and its failure streak, so
  // record each final outcome once. Empty finishedAt means now; empty
  // startedAt means finishedAt minus durationMs.
  void recordSourceRun(int64_t runId, const SourceRun& run);
  void finishRun(int64_t runId, bool ok);
  // Ends the runs a killed or crashed harvest left unfinished: their sources
  // still "running" become "failed" with the reason, the runs not ok. Call it
  // only while holding the index's write lock (no other harvest can be
  // running then). Returns how many runs it ended.
  int closeInterruptedRuns();

  // The `limit` newest runs, newest first, each with its sources.
  std::vector<HarvestRun> recentRuns(size_t limit);
  // The newest run (possibly still running), or nullopt when there is none.
  std::optional<HarvestRun> lastRun();
  // Every known source (ordered by id) with its run counts by outcome, its last
  // success and its last finished run (run_summaries.cpp). Read-only.
  std::vector<SourceRunSummary> sourceRunSummaries();

  // Appends changes to the change log in one transaction (changedAt empty = now).
  void recordChanges(const std::vector<RecordChange>& changes);
  // The changes of one record, oldest first.
  std::vector<RecordChange> history(const std::string& recordId);
  // (run id, source) of every change logged by a harvest run that never
  // finished: the harvest logs before it commits the index, so some of these
  // may never have reached the index (see forgetChanges).
  std::vector<std::pair<int64_t, std::string>> changesOfUnfinishedRuns();
  // Drops the changes one run logged for one source; returns how many.
  int forgetChanges(int64_t runId, const std::string& source);

  // ---- Profiles, feedback and digests (profiles.cpp) ----
  // Inserts or replaces a profile; created_at survives a replace.
  void saveProfile(const std::string& id, const std::string& title, const std::string& document);
  std::vector<StoredProfile> profiles(); // ordered by id
  std::optional<StoredProfile> profile(const std::string& id);
  // Removes the profile with its feedback, seen matches and digest; false when absent.
  bool removeProfile(const std::string& id);

  // Stores a verdict, replacing an earlier one on the same subject.
  void setFeedback(const Feedback& feedback);
  bool clearFeedback(const std::string& profileId, FeedbackSubject kind, const std::string& subject);
  std::vector<Feedback> feedback(const std::string& profileId); // oldest first

  // record id -> content hash, as the profile's last digest saw them.
  std::map<std::string, std::string> seenMatches(const std::string& profileId);
  // In one transaction: appends `entries` to the profile's digest and replaces
  // its seen matches with `seen`.
  void recordDigest(const std::string& profileId, const std::vector<DigestEntry>& entries,
                    const std::map<std::string, std::string>& seen);
  // The newest `limit` digest entries of a profile, newest first.
  std::vector<DigestEntry> digest(const std::string& profileId, size_t limit);

  // ---- Translation cache (translations.cpp) ----
  // sha1 -> translation, for those of `sha1s` already translated with `mode`.
  std::map<std::string, std::string> cachedTranslations(const std::string& mode,
                                                        const std::vector<std::string>& sha1s);
  void storeTranslations(const std::string& mode, const std::map<std::string, std::string>& bySha1);

  // ---- Pipeline, saved searches and users (workspace.cpp, users.cpp) ----
  // Inserts or replaces the entry of (recordId, profileId) and returns it as
  // stored. Throws std::invalid_argument when the record id is empty, when a
  // discarded entry has no reason or when another state carries one.
  PipelineEntry savePipelineEntry(const PipelineEntry& entry);
  std::vector<PipelineEntry> pipelineEntries(const PipelineFilter& filter); // newest update first
  std::optional<PipelineEntry> pipelineEntry(const std::string& recordId, const std::string& profileId);
  bool removePipelineEntry(const std::string& recordId, const std::string& profileId); // false when absent

  // Stores a new saved search and returns it with its id. Throws
  // std::invalid_argument when the name is empty.
  SavedSearch addSavedSearch(const std::string& name, const std::string& query, const std::string& createdBy);
  std::vector<SavedSearch> savedSearches(); // ordered by name, then id
  std::optional<SavedSearch> savedSearch(int64_t id);
  bool removeSavedSearch(int64_t id); // false when absent

  // Inserts or replaces a user (user.createdAt and updatedAt are ignored; the
  // creation time survives a replace). Throws std::invalid_argument when the
  // name or the password hash is empty.
  void saveUser(const User& user);
  std::vector<User> users(); // ordered by name
  std::optional<User> user(const std::string& name);
  bool removeUser(const std::string& name); // false when absent
  bool hasUsers();

  // PRAGMA integrity_check reports "ok".
  bool integrityOk();

private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

} // namespace convoca::state
