#include "convoca/app/harvest_runner.h"

#include "convoca/app/settings.h"
#include "convoca/index/indexer.h"
#include "convoca/index/match_batch.h"
#include "convoca/index/timeutil.h"
#include "convoca/matching/matching.h"
#include "convoca/plugin_host/session.h"
#include "convoca/plugin_host/supervisor.h"
#include "index_maintenance.h"
#include "logging.h"
#include "translation_setup.h"

#include <Poco/File.h>
#include <Poco/Logger.h>
#include <Poco/Util/AbstractConfiguration.h>
#include <chrono>
#include <iomanip>
#include <ostream>
#include <sstream>
#include <stdexcept>

namespace convoca::app {
namespace {

Poco::Logger& logger() {
  return Poco::Logger::get("harvest");
}

// The prefix of every line about one source in one run, so the journal can be
// searched by either: "run=42 source=eu-ft: ".
std::string runTag(int64_t runId, const std::string& source) {
  return "run=" + std::to_string(runId) + " source=" + source + ": ";
}

void logAt(int level, const std::string& message) {
  switch (level) {
  case CONVOCA_LOG_DEBUG:
    logger().debug(message);
    break;
  case CONVOCA_LOG_WARNING:
    logger().warning(message);
    break;
  case CONVOCA_LOG_ERROR:
    logger().error(message);
    break;
  default:
    logger().information(message);
    break;
  }
}

// Streams one source's records into the index and counts what happened.
class IndexingListener : public plugin_host::WorkerListener {
public:
  IndexingListener(index::Indexer& indexer, const std::string& source, int64_t runId,
                   state::SourceCounts& counts)
      : indexer_(indexer), source_(source), runId_(runId), counts_(counts), now_(index::timeutil::now()) {}

  // The field-level changes seen so far (the change log), for the state DB.
  const std::vector<state::RecordChange>& changes() const { return changes_; }

  void record(const std::string& json) override {
    ++counts_.fetched;
    // The worker validated it already; check again, a hostile plugin shares the worker.
    try {
      index::Record record = index::recordFromJson(json);
      if (record.source != source_) return reject("record " + record.id + " claims another source");
      index::Record previous;
      switch (indexer_.upsert(record, &previous)) {
      case index::UpsertOutcome::Added:
        ++counts_.added;
        logChange(record.id, {"record", "", "\"new\""});
        break;
      case index::UpsertOutcome::Updated:
        ++counts_.updated;
        logChanges(previous, record);
        break;
      case index::UpsertOutcome::Unchanged:
        ++counts_.unchanged;
        break;
      }
    } catch (const index::RecordError& e) {
      reject(e.what());
    }
  }
  void rejected(const std::string& reason) override {
    ++counts_.fetched;
    reject(reason);
  }
  void log(int level, const std::string& message) override {
    if (level >= CONVOCA_LOG_ERROR) ++counts_.errors;
    // Plugins and the HTTP client log URLs; an API key in one stays out of the log.
    logAt(level, runTag(runId_, source_) + redactSecrets(message));
  }
  // Progress goes to stderr for the operator, at most once a second per source.
  void progress(uint64_t done, uint64_t total) override {
    const auto now = std::chrono::steady_clock::now();
    if (now - lastProgress_ < std::chrono::seconds(1) && done != total) return;
    lastProgress_ = now;
    logger().information(runTag(runId_, source_) + "progress " + std::to_string(done) +
                         (total ? "/" + std::to_string(total) : std::string(" so far")));
  }

private:
  void logChange(const std::string& id, const index::FieldChange& change) {
    changes_.push_back({runId_, id, source_, "", change.field, change.before, change.after});
  }

  // Every changed field, plus the status when the change moves it (a deadline
  // extended past today reopens a call).
  void logChanges(const index::Record& before, const index::Record& after) {
    for (const auto& change : index::diffRecords(before, after)) logChange(after.id, change);
    const std::string was = index::statusName(index::statusAt(before, now_));
    const std::string is = index::statusName(index::statusAt(after, now_));
    if (was != is) logChange(after.id, {"status", "\"" + was + "\"", "\"" + is + "\""});
  }

  void reject(const std::string& reason) {
    ++counts_.rejected;
    logger().warning(runTag(runId_, source_) + "rejected record: " + reason);
  }

  index::Indexer& indexer_;
  std::string source_;
  int64_t runId_;
  state::SourceCounts& counts_;
  int64_t now_;
  std::vector<state::RecordChange> changes_;
  std::chrono::steady_clock::time_point lastProgress_{};
};

state::RunOutcome outcomeOf(const plugin_host::WorkerResult& result) {
  switch (result.end) {
  case plugin_host::WorkerEnd::Finished:
    return result.status == CONVOCA_OK ? state::RunOutcome::Succeeded : state::RunOutcome::Failed;
  case plugin_host::WorkerEnd::Crashed:
    return state::RunOutcome::Crashed;
  case plugin_host::WorkerEnd::TimedOut:
  case plugin_host::WorkerEnd::Stalled:
    return state::RunOutcome::TimedOut;
  default:
    return state::RunOutcome::Failed;
  }
}

std::string messageOf(const plugin_host::WorkerResult& result) {
  if (result.end == plugin_host::WorkerEnd::Finished)
    return result.status == CONVOCA_OK
               ? ""
               : std::string(plugin_host::statusWord(result.status)) + ": " + result.message;
  return result.message;
}

plugin_host::WorkerJob harvestJob(const Context& context, const plugin_host::PluginInfo& plugin,
                                  state::StateDb& stateDb) {
  plugin_host::WorkerJob job;
  job.mode = plugin_host::WorkerMode::Harvest;
  job.pluginPath = plugin.path;
  job.options = sourceOptions(context, plugin.id);
  job.cursors = stateDb.cursors(plugin.id);
  job.http = httpSettings(context, plugin.id);
  job.deadlineMs = sourceTimeoutSeconds(context, plugin.id) * 1000;
  job.heartbeatMs = context.config->getInt("harvest.heartbeat_ms", 1000);
  job.stallMs = context.config->getInt("harvest.stall_seconds", 120) * 1000;
  job.limits.addressSpaceMb = context.config->getInt("harvest.memory_limit_mb", 4096);
  job.documents.fetch = context.config->getBool("harvest.fetch_documents", true);
  job.documents.perRecord = static_cast<size_t>(context.config->getInt("harvest.documents_per_record", 5));
  job.documents.maxBytes = static_cast<size_t>(context.config->getInt("harvest.document_max_mb", 20)) << 20;
  return job;
}

SourceReport harvestSource(Context& context, const std::vector<plugin_host::PluginInfo>& catalog,
                           const std::string& id, int64_t runId, index::Indexer& indexer,
                           state::StateDb& stateDb) {
  SourceReport report;
  report.source = id;
  const plugin_host::PluginInfo* plugin = nullptr;
  for (const auto& info : catalog)
    if (info.id == id && (info.usable || !plugin)) plugin = &info;
  if (!plugin || !plugin->usable || !(plugin->capabilities & CONVOCA_CAP_HARVEST)) {
    report.outcome = state::RunOutcome::Refused;
    report.message = !plugin           ? "no plugin with this id in the plugin directories"
                     : !plugin->usable ? plugin->refusal
                                       : "plugin " + id + " cannot harvest";
    report.counts.errors = 1;
    return report;
  }
  // Replays and demos ignore the window: no server is disturbed.
  if (context.options.replayDir.empty()) {
    const int hour = index::timeutil::localHour(index::timeutil::now(), index::timeutil::kHomeZone);
    if (auto why = outsideHarvestWindow(context, id, hour)) {
      report.skipped = true;
      report.message = "skipped: " + *why;
      return report;
    }
  }
  stateDb.upsertSource(id, plugin->path, plugin->version);
  // Built before the run starts: a secret file that cannot be read refuses
  // this source (named in the report), never the whole harvest.
  plugin_host::WorkerJob job;
  try {
    job = harvestJob(context, *plugin, stateDb);
  } catch (const UsageError& e) {
    report.outcome = state::RunOutcome::Refused;
    report.message = std::string("configuration: ") + e.what();
    report.counts.errors = 1;
    return report;
  }
  logger().information(runTag(runId, id) + "harvest started (" + plugin->path + ")");

  indexer.beginSource(id, std::to_string(runId));
  IndexingListener listener(indexer, id, runId, report.counts);
  plugin_host::WorkerResult result = plugin_host::runWorker(context.executable, job, listener);
  // The change log is written before the index commits (even after a failure:
  // the upserts stay). Logged first, a kill in between leaves changes the next
  // harvest drops (dropChangesNeverCommitted); committed first, it lost them.
  stateDb.recordChanges(listener.changes());
  index::SourceSummary summary;
  try {
    summary = indexer.endSource(result.ok(), index::timeutil::now());
  } catch (const index::IndexError&) {
    stateDb.forgetChanges(runId, id);
    throw;
  }
  if (result.ok()) stateDb.saveCursors(id, result.cursors);

  report.outcome = outcomeOf(result);
  report.message = messageOf(result);
  report.durationMs = result.durationMs;
  report.counts.removed = static_cast<int64_t>(summary.removed);
  report.counts.kept = static_cast<int64_t>(summary.kept);
  if (!result.ok()) ++report.counts.errors;
  return report;
}

} // namespace

bool HarvestReport::ok() const {
  for (const auto& s : sources)
    if (!s.skipped && s.outcome != state::RunOutcome::Succeeded) return false;
  return true;
}

std::vector<std::string> defaultSources(const Context& context,
                                        const std::vector<plugin_host::PluginInfo>& catalog) {
  std::vector<std::string> ids;
  if (context.config->has("harvest.sources")) {
    std::istringstream list(context.config->getString("harvest.sources"));
    for (std::string id; std::getline(list, id, ',');) {
      id.erase(0, id.find_first_not_of(" \t"));
      id.erase(id.find_last_not_of(" \t") + 1);
      if (!id.empty()) ids.push_back(id);
    }
    return ids;
  }
  for (const auto& info : catalog)
    if (info.usable && (info.capabilities & CONVOCA_CAP_HARVEST)) ids.push_back(info.id);
  return ids;
}

void updateDigests(Context& context, int64_t runId) {
  if (!Poco::File(context.statePath()).exists() || !Poco::File(context.indexPath()).exists()) return;
  state::StateDb stateDb(context.statePath());
  std::vector<state::StoredProfile> stored = stateDb.profiles();
  if (stored.empty()) return;
  TranslationSetup translation = makeTranslation(context, &stateDb);
  std::vector<index::Profile> profiles;
  std::vector<index::MatchRequest> requests;
  for (const auto& row : stored) {
    try {
      index::Profile profile = index::profileFromJson(row.document);
      requests.push_back(matching::digestRequestFor(profile, stateDb, translation.translator.get()));
      profiles.push_back(std::move(profile));
    } catch (const std::exception& e) {
      logger().error("run=" + std::to_string(runId) + " digest of " + row.id + " failed: " + e.what());
    }
  }
  // Every profile against the index on every core (a profile is one thread's work).
  const std::vector<index::BatchMatch> outcomes = index::matchEach(context.indexPath(), requests);
  for (size_t i = 0; i < profiles.size(); ++i) {
    const std::string digestOf = "run=" + std::to_string(runId) + " digest of " + profiles[i].id;
    try {
      if (!outcomes[i].result) throw std::runtime_error(outcomes[i].error);
      const auto entries = matching::recordDigest(profiles[i], *outcomes[i].result, stateDb, runId);
      logger().information(digestOf + ": " + std::to_string(entries.size()) + " new or changed match(es)");
    } catch (const std::exception& e) {
      logger().error(digestOf + " failed: " + e.what());
    }
  }
}

namespace {

// A harvest killed between logging a source's changes and committing them to
// the index left changes that never happened: the index's committed-run tag of
// that source is not the killed run's. Needs the index write lock.
void dropChangesNeverCommitted(state::StateDb& stateDb, const index::Indexer& indexer) {
  for (const auto& [runId, source] : stateDb.changesOfUnfinishedRuns()) {
    if (indexer.committedRun(source) == std::to_string(runId)) continue;
    const int dropped = stateDb.forgetChanges(runId, source);
    logger().warning(runTag(runId, source) + "dropped " + std::to_string(dropped) +
                     " logged change(s): the run was killed before the index committed them");
  }
}

} // namespace

HarvestReport runHarvestOf(Context& context, const std::vector<plugin_host::PluginInfo>& catalog,
                           const std::vector<std::string>& sourceIds, const std::string& mode) {
  Poco::File(context.dataDir).createDirectories();
  state::StateDb stateDb(context.statePath());
  TranslationSetup translation = makeTranslation(context, &stateDb);
  prepareIndexForWriting(context, indexerOptionsFor(*translation.translator));
  index::Indexer indexer(context.indexPath(), indexerOptionsFor(*translation.translator));
  // The index's write lock is ours: a run still marked unfinished died.
  dropChangesNeverCommitted(stateDb, indexer);
  if (const int closed = stateDb.closeInterruptedRuns())
    logger().warning(std::to_string(closed) + " earlier harvest run(s) never finished (killed or crashed): "
                                              "marked failed");
  HarvestReport report;
  report.runId = stateDb.beginRun(mode);
  // Sources run one after another: the index has one writer and each source
  // run is one transaction. A failing source never stops the others.
  for (const auto& id : sourceIds) {
    SourceReport source = harvestSource(context, catalog, id, report.runId, indexer, stateDb);
    if (source.skipped) {
      logger().information(runTag(report.runId, id) + source.message);
      report.sources.push_back(std::move(source));
      continue;
    }
    state::SourceRun row;
    row.source = source.source;
    row.outcome = source.outcome;
    row.counts = source.counts;
    row.durationMs = source.durationMs;
    row.message = source.message;
    stateDb.recordSourceRun(report.runId, row);
    if (source.outcome == state::RunOutcome::Succeeded)
      logger().information(runTag(report.runId, id) + "ok");
    else
      logger().error(runTag(report.runId, id) + state::toString(source.outcome) + ": " +
                     redactSecrets(source.message));
    report.sources.push_back(std::move(source));
  }
  stateDb.finishRun(report.runId, report.ok());
  return report;
}

void printHarvestReport(const HarvestReport& report, std::ostream& out) {
  out << "harvest run " << report.runId << (report.ok() ? ": every source ok\n" : ": some sources failed\n");
  out << std::left << std::setw(16) << "source" << std::setw(10) << "outcome" << std::right << std::setw(8)
      << "fetched" << std::setw(6) << "new" << std::setw(8) << "updated" << std::setw(10) << "unchanged"
      << std::setw(9) << "rejected" << std::setw(7) << "errors" << std::setw(8) << "removed" << std::setw(9)
      << "seconds"
      << "\n";
  for (const auto& s : report.sources) {
    out << std::left << std::setw(16) << s.source << std::setw(10)
        << (s.skipped ? "skipped" : state::toString(s.outcome)) << std::right << std::setw(8)
        << s.counts.fetched << std::setw(6) << s.counts.added << std::setw(8) << s.counts.updated
        << std::setw(10) << s.counts.unchanged << std::setw(9) << s.counts.rejected << std::setw(7)
        << s.counts.errors << std::setw(8) << s.counts.removed << std::setw(9) << std::fixed
        << std::setprecision(1) << s.durationMs / 1000.0 << "\n";
    if (!s.message.empty()) out << "  " << s.source << ": " << s.message << "\n";
  }
}

} // namespace convoca::app
