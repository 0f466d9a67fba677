// `convoca status [--json]`: the index's size, each source's last run and the
// warnings an operator acts on. Exit code 0 without warnings, 1 with any
// (a source failing `status.failing_runs_warning` runs in a row, deadline data
// older than `status.stale_hours` or never harvested), so a monitoring check
// can run it as it is.
#include "convoca/app/context.h"
#include "convoca/index/index_store.h"
#include "convoca/index/searcher.h"
#include "convoca/index/timeutil.h"
#include "convoca/state/state_db.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <filesystem>
#include <iomanip>
#include <optional>
#include <ostream>

namespace convoca::app {
namespace {

namespace fs = std::filesystem;

constexpr int kDefaultFailingRuns = 3;
constexpr int kDefaultStaleHours = 48;

struct IndexFacts {
  std::string path; // the live database directory, or the stub when it names none
  bool exists = false;
  size_t documents = 0;
  uint64_t bytes = 0;
  std::string problem; // why the index could not be read; empty when it could
};

struct Warning {
  std::string source; // empty for the installation as a whole
  std::string kind;   // "failing", "stale", "never-succeeded", "no-harvest", "index"
  std::string message;
};

struct Status {
  IndexFacts index;
  std::optional<state::HarvestRun> running;
  std::vector<state::SourceRunSummary> sources;
  std::vector<Warning> warnings;
};

// The live generation's size (index_store.h), and the documents of what search reads.
IndexFacts indexFacts(const Context& context) {
  IndexFacts facts;
  const index::IndexStore store(context.dataDir);
  facts.path = store.stubPath();
  facts.exists = store.exists();
  if (!facts.exists) return facts;
  try {
    facts.path = store.liveGeneration();
    facts.bytes = store.liveBytes();
    facts.documents = index::Searcher(context.searchDatabasePath()).documentCount();
  } catch (const std::exception& e) {
    facts.problem = e.what();
  }
  return facts;
}

int positiveSetting(const Context& context, const std::string& key, int fallback) {
  const int value = context.config->getInt(key, fallback);
  if (value < 1)
    throw UsageError(key + " must be a whole number of at least 1, not " + std::to_string(value));
  return value;
}

std::string hoursText(int64_t seconds) {
  return std::to_string(seconds / 3600) + " hours";
}

void addSourceWarnings(const Context& context, Status& status) {
  const int failingRuns = positiveSetting(context, "status.failing_runs_warning", kDefaultFailingRuns);
  const int staleHours = positiveSetting(context, "status.stale_hours", kDefaultStaleHours);
  const int64_t now = index::timeutil::now();
  for (const state::SourceRunSummary& source : status.sources) {
    if (source.consecutiveFailures >= failingRuns) {
      std::string last;
      if (source.lastRun)
        last = " (last: " + std::string(state::toString(source.lastRun->outcome)) +
               (source.lastRun->message.empty() ? "" : ": " + source.lastRun->message) + ")";
      status.warnings.push_back({source.source, "failing",
                                 source.source + " failed " + std::to_string(source.consecutiveFailures) +
                                     " runs in a row" + last});
    }
    if (source.lastSuccessAt.empty()) {
      status.warnings.push_back({source.source, "never-succeeded",
                                 source.source + " never harvested successfully: its deadlines are missing"});
      continue;
    }
    const std::optional<int64_t> at = index::timeutil::parseInstant(source.lastSuccessAt);
    if (at && now - *at > int64_t{staleHours} * 3600)
      status.warnings.push_back({source.source, "stale",
                                 source.source + " has not harvested successfully for " +
                                     hoursText(now - *at) + " (since " + source.lastSuccessAt +
                                     "): its deadlines may be stale"});
  }
}

Status collectStatus(const Context& context) {
  Status status;
  status.index = indexFacts(context);
  if (!status.index.problem.empty())
    status.warnings.push_back({"", "index", "the index cannot be read: " + status.index.problem});
  if (fs::exists(context.statePath())) {
    state::StateDb db(context.statePath());
    status.sources = db.sourceRunSummaries();
    std::optional<state::HarvestRun> last = db.lastRun();
    if (last && !last->finished()) status.running = std::move(last);
  }
  if (status.sources.empty())
    status.warnings.push_back({"", "no-harvest", "no harvest has run yet: run `convoca harvest`"});
  addSourceWarnings(context, status);
  return status;
}

Poco::JSON::Object::Ptr newObject() {
  return new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
}

Poco::JSON::Object::Ptr sourceRunJson(const state::SourceRun& run) {
  Poco::JSON::Object::Ptr json = newObject();
  json->set("run", run.runId);
  json->set("outcome", state::toString(run.outcome));
  json->set("started_at", run.startedAt);
  json->set("finished_at", run.finishedAt);
  json->set("duration_ms", run.durationMs);
  const state::SourceCounts& c = run.counts;
  for (const auto& [name, value] : {std::pair{"fetched", c.fetched},
                                    {"new", c.added},
                                    {"updated", c.updated},
                                    {"unchanged", c.unchanged},
                                    {"rejected", c.rejected},
                                    {"errors", c.errors},
                                    {"removed", c.removed},
                                    {"kept", c.kept}})
    json->set(name, value);
  json->set("message", run.message);
  return json;
}

void printJson(const Context& context, const Status& status) {
  Poco::JSON::Object::Ptr document = newObject();
  Poco::JSON::Object::Ptr index = newObject();
  index->set("path", status.index.path);
  index->set("exists", status.index.exists);
  index->set("documents", status.index.documents);
  index->set("size_bytes", status.index.bytes);
  document->set("index", index);
  if (status.running) {
    Poco::JSON::Object::Ptr running = newObject();
    running->set("run", status.running->id);
    running->set("mode", status.running->mode);
    running->set("started_at", status.running->startedAt);
    Poco::JSON::Array::Ptr done = new Poco::JSON::Array;
    for (const state::SourceRun& source : status.running->sources) done->add(sourceRunJson(source));
    running->set("sources", done);
    document->set("running", running);
  } else {
    document->set("running", Poco::Dynamic::Var());
  }
  Poco::JSON::Array::Ptr sources = new Poco::JSON::Array;
  for (const state::SourceRunSummary& summary : status.sources) {
    Poco::JSON::Object::Ptr source = newObject();
    source->set("source", summary.source);
    source->set("last_run",
                summary.lastRun ? Poco::Dynamic::Var(sourceRunJson(*summary.lastRun)) : Poco::Dynamic::Var());
    source->set("last_success_at", summary.lastSuccessAt.empty() ? Poco::Dynamic::Var()
                                                                 : Poco::Dynamic::Var(summary.lastSuccessAt));
    source->set("consecutive_failures", summary.consecutiveFailures);
    sources->add(source);
  }
  document->set("sources", sources);
  Poco::JSON::Array::Ptr warnings = new Poco::JSON::Array;
  for (const Warning& warning : status.warnings) {
    Poco::JSON::Object::Ptr item = newObject();
    item->set("source", warning.source.empty() ? Poco::Dynamic::Var() : Poco::Dynamic::Var(warning.source));
    item->set("kind", warning.kind);
    item->set("message", warning.message);
    warnings->add(item);
  }
  document->set("warnings", warnings);
  document->stringify(*context.out);
  *context.out << "\n";
}

void printText(const Context& context, const Status& status) {
  std::ostream& out = *context.out;
  out << "index: " << status.index.path;
  if (status.index.exists)
    out << ": " << status.index.documents << " documents, " << status.index.bytes << " bytes on disk\n";
  else
    out << ": none yet\n";
  if (status.running) {
    out << "harvest running: run " << status.running->id << " (" << status.running->mode << ") since "
        << status.running->startedAt << ", " << status.running->sources.size()
        << " sources done or started\n";
  }
  if (!status.sources.empty()) out << "last run per source:\n";
  for (const state::SourceRunSummary& source : status.sources) {
    out << "  " << std::left << std::setw(16) << source.source << std::right;
    if (!source.lastRun) {
      out << " never finished a run\n";
      continue;
    }
    const state::SourceRun& run = *source.lastRun;
    const state::SourceCounts& c = run.counts;
    out << " " << run.finishedAt << "  run " << run.runId << "  " << state::toString(run.outcome)
        << "  fetched " << c.fetched << ", new " << c.added << ", updated " << c.updated << ", removed "
        << c.removed << ", errors " << c.errors;
    if (!run.message.empty()) out << "  (" << run.message << ")";
    out << "\n";
  }
  if (status.warnings.empty()) {
    out << "no warnings\n";
    return;
  }
  out << "warnings:\n";
  for (const Warning& warning : status.warnings) out << "  " << warning.message << "\n";
}

} // namespace

int runStatus(Context& context) {
  if (!context.args.empty()) throw UsageError("status takes no arguments (only --json)");
  const Status status = collectStatus(context);
  if (context.options.json)
    printJson(context, status);
  else
    printText(context, status);
  return status.warnings.empty() ? 0 : 1;
}

} // namespace convoca::app
