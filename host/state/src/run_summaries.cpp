// Per-source numbers over the harvest history: what `convoca status` prints
// and GET /metrics exports. Read-only queries on sources and source_runs.
#include "convoca/state/state_db.h"
#include "state_impl.h"

#include <Poco/Data/Statement.h>
#include <Poco/Data/Transaction.h>

namespace convoca::state {

using Poco::Data::Session;
using Poco::Data::Statement;
using Poco::Data::Transaction;
using Poco::Data::Keywords::into;
using Poco::Data::Keywords::now;
using Poco::Data::Keywords::range;

namespace {

RunOutcome outcomeNamed(const std::string& name) {
  const std::optional<RunOutcome> outcome = parseRunOutcome(name);
  if (!outcome) throw Poco::DataException("unknown run outcome", name);
  return *outcome;
}

std::map<std::string, SourceRunSummary> knownSources(Session& s) {
  std::map<std::string, SourceRunSummary> summaries;
  std::string id;
  int64_t failures = 0;
  Statement select(s);
  select << "SELECT id, consecutive_failures FROM sources", into(id), into(failures), range(0, 1);
  while (!select.done()) {
    if (select.execute() == 0) break;
    SourceRunSummary& summary = summaries[id];
    summary.source = id;
    summary.consecutiveFailures = failures;
  }
  return summaries;
}

void addOutcomeCounts(Session& s, std::map<std::string, SourceRunSummary>& summaries) {
  std::vector<std::string> sources;
  std::vector<std::string> outcomes;
  std::vector<int64_t> counts;
  s << "SELECT source, outcome, COUNT(*) FROM source_runs WHERE outcome <> 'running' "
       "GROUP BY source, outcome",
      into(sources), into(outcomes), into(counts), now;
  for (size_t i = 0; i < sources.size(); ++i)
    summaries[sources[i]].outcomes[outcomeNamed(outcomes[i])] = counts[i];
}

void addLastSuccesses(Session& s, std::map<std::string, SourceRunSummary>& summaries) {
  std::vector<std::string> sources;
  std::vector<std::string> times;
  // Timestamps are all RFC 3339 UTC of one width, so MAX is the latest.
  s << "SELECT source, MAX(finished_at) FROM source_runs WHERE outcome = 'ok' GROUP BY source", into(sources),
      into(times), now;
  for (size_t i = 0; i < sources.size(); ++i) summaries[sources[i]].lastSuccessAt = times[i];
}

void addLastRuns(Session& s, std::map<std::string, SourceRunSummary>& summaries) {
  SourceRun row;
  std::string outcome;
  SourceCounts& c = row.counts;
  Statement select(s);
  select << "SELECT r.run_id, r.source, r.outcome, r.fetched, r.added, r.updated, r.unchanged, r.rejected, "
            "r.errors, r.removed, r.kept, r.duration_ms, r.message, r.started_at, r.finished_at "
            "FROM source_runs r WHERE r.run_id = (SELECT MAX(l.run_id) FROM source_runs l "
            "WHERE l.source = r.source AND l.outcome <> 'running')",
      into(row.runId), into(row.source), into(outcome), into(c.fetched), into(c.added), into(c.updated),
      into(c.unchanged), into(c.rejected), into(c.errors), into(c.removed), into(c.kept),
      into(row.durationMs), into(row.message), into(row.startedAt), into(row.finishedAt), range(0, 1);
  while (!select.done()) {
    if (select.execute() == 0) break;
    row.outcome = outcomeNamed(outcome);
    summaries[row.source].lastRun = row;
  }
}

} // namespace

std::vector<SourceRunSummary> StateDb::sourceRunSummaries() {
  return impl_->guarded("summarising source runs", [](Session& s) {
    // One read transaction: every number comes from the same snapshot.
    Transaction transaction(s);
    std::map<std::string, SourceRunSummary> summaries = knownSources(s);
    addOutcomeCounts(s, summaries);
    addLastSuccesses(s, summaries);
    addLastRuns(s, summaries);
    transaction.commit();
    std::vector<SourceRunSummary> ordered;
    for (auto& [source, summary] : summaries) {
      summary.source = source;
      ordered.push_back(std::move(summary));
    }
    return ordered;
  });
}

} // namespace convoca::state
