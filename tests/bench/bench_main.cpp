// convoca_bench: in-process search latency of convoca's Searcher beside SQLite
// FTS5 on the same records and the same seeded queries (issue 8). The index is
// built beforehand by `convoca index` (tests/bench/run.sh does it); this
// program builds the FTS5 database itself and times that too.
//
//   convoca_bench --corpus FILE.jsonl --index DATA/index.stub [--fts-db FILE.sqlite]
//                 [--queries 1000] [--warmup 200] [--seed 42] [--json OUT.json]
//                 [--paths-out FILE]   (the /api/search paths of the mix, for wrk)
//                 [--profiles 100]     (profiles matched against the whole index; 0: none)
//                 [--slowest N]        (lists convoca's N slowest queries, to see what the tail is)
// Without --fts-db only convoca is timed (for profiling convoca's own changes).
#include "convoca/index/match_batch.h"
#include "convoca/index/searcher.h"
#include "convoca/index/timeutil.h"
#include "fts5_engine.h"
#include "latency.h"
#include "profile_mix.h"
#include "query_mix.h"

#include <Poco/JSON/Object.h>
#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <stdexcept>
#include <string>
#include <thread>

namespace convoca::bench {
namespace {

constexpr size_t kTopHits = 10;

struct Options {
  std::string corpus;
  std::string index;
  std::string ftsDb;
  std::string jsonOut;
  std::string pathsOut;
  size_t queries = 1000;
  size_t warmup = 200;
  size_t profiles = 100;
  size_t slowest = 0;
  uint32_t seed = 42;
};

Options parseOptions(int argc, char** argv) {
  Options options;
  std::map<std::string, std::string*> text = {{"--corpus", &options.corpus},
                                              {"--index", &options.index},
                                              {"--fts-db", &options.ftsDb},
                                              {"--json", &options.jsonOut},
                                              {"--paths-out", &options.pathsOut}};
  for (int i = 1; i < argc; ++i) {
    const std::string name = argv[i];
    if (i + 1 >= argc) throw std::invalid_argument(name + " needs a value");
    const std::string value = argv[++i];
    if (auto field = text.find(name); field != text.end())
      *field->second = value;
    else if (name == "--queries")
      options.queries = std::stoul(value);
    else if (name == "--warmup")
      options.warmup = std::stoul(value);
    else if (name == "--profiles")
      options.profiles = std::stoul(value);
    else if (name == "--slowest")
      options.slowest = std::stoul(value);
    else if (name == "--seed")
      options.seed = static_cast<uint32_t>(std::stoul(value));
    else
      throw std::invalid_argument("unknown option " + name);
  }
  if (options.corpus.empty() || options.index.empty())
    throw std::invalid_argument(
        "usage: convoca_bench --corpus FILE.jsonl --index STUB [--fts-db FILE] [--queries N] "
        "[--warmup N] [--seed S] [--json OUT] [--paths-out FILE] [--profiles N] [--slowest N]");
  return options;
}

Poco::JSON::Object::Ptr latencyJson(const LatencySummary& summary) {
  Poco::JSON::Object::Ptr json = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
  json->set("p50_ms", summary.p50Ms);
  json->set("p95_ms", summary.p95Ms);
  json->set("p99_ms", summary.p99Ms);
  json->set("mean_ms", summary.meanMs);
  return json;
}

void printRow(const std::string& name, const LatencySummary& summary, size_t withHits, size_t total) {
  std::printf("| %-34s | %8.3f | %8.3f | %8.3f | %8.3f | %5zu/%zu |\n", name.c_str(), summary.p50Ms,
              summary.p95Ms, summary.p99Ms, summary.meanMs, withHits, total);
}

// The `count` slowest queries of the timed pass, with the calls each found.
void printSlowest(size_t count, const std::vector<double>& samplesMs, const std::vector<BenchQuery>& queries,
                  const std::vector<size_t>& totals) {
  std::vector<size_t> order(samplesMs.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  count = std::min(count, order.size());
  std::partial_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(count), order.end(),
                    [&](size_t a, size_t b) { return samplesMs[a] > samplesMs[b]; });
  for (size_t rank = 0; rank < count; ++rank) {
    const size_t i = order[rank];
    std::printf("slow %2zu: %8.3f ms, %6zu calls: %s\n", rank + 1, samplesMs[i], totals[i],
                apiSearchPath(queries[i], kTopHits).c_str());
  }
}

// Matching as the profile page asks for it: the first 20 matches with their
// explanations, every gate on, no translation (the host adds it). First one
// profile after another on one thread, each timed (per-profile latency); then
// all of them at once as the nightly digest matches them (index::matchEach, a
// thread per core): that wall time is the figure issue 8 sets (100 profiles
// against 100k records in at most 2 s).
struct MatchingFigures {
  LatencySummary perProfile;
  double oneThreadSeconds = 0;
  double totalSeconds = 0;
  unsigned threads = 0;
  size_t withMatches = 0;
};

MatchingFigures timeMatching(const std::string& indexPath, const std::vector<index::Profile>& profiles,
                             int64_t now) {
  std::vector<index::MatchRequest> requests(profiles.size());
  for (size_t i = 0; i < profiles.size(); ++i) {
    requests[i].profile = profiles[i];
    requests[i].now = now;
  }
  MatchingFigures figures;
  index::Matcher matcher(indexPath);
  const std::vector<double> samples = timeEach(requests.size(), std::min<size_t>(10, requests.size()),
                                               [&](size_t i) { matcher.match(requests[i]); });
  for (double sample : samples) figures.oneThreadSeconds += sample / 1000;
  figures.perProfile = summarise(samples);

  figures.threads = std::max(1u, std::thread::hardware_concurrency());
  const auto start = std::chrono::steady_clock::now();
  const std::vector<index::BatchMatch> outcomes = index::matchEach(indexPath, requests, figures.threads);
  figures.totalSeconds = secondsSince(start);
  for (const auto& outcome : outcomes) {
    if (!outcome.result) throw std::runtime_error("matching failed: " + outcome.error);
    figures.withMatches += !outcome.result->matches.empty();
  }
  return figures;
}

struct FtsFigures {
  LatencySummary search;
  LatencySummary searchWithFacets;
  size_t withHits = 0;
  double buildSeconds = 0;
  uint64_t bytes = 0;
};

// Builds the FTS5 database of the same records and times the same queries on it.
FtsFigures timeFts5(const std::string& path, const std::vector<index::Record>& records,
                    const std::vector<BenchQuery>& queries, size_t warmup, int64_t now) {
  FtsFigures figures;
  const auto buildStart = std::chrono::steady_clock::now();
  Fts5Engine fts(path);
  fts.load(records, now);
  figures.buildSeconds = secondsSince(buildStart);
  figures.bytes = fileBytes(path);
  figures.search =
      summarise(timeEach(queries.size(), warmup, [&](size_t i) { fts.search(queries[i], kTopHits); }));
  for (const auto& query : queries) figures.withHits += !fts.search(query, kTopHits).empty();
  figures.searchWithFacets = summarise(
      timeEach(queries.size(), warmup, [&](size_t i) { fts.searchWithFacets(queries[i], kTopHits); }));
  return figures;
}

int run(const Options& options) {
  const Corpus corpus = readCorpus(options.corpus);
  const int64_t now = index::timeutil::now();
  const std::vector<BenchQuery> queries = makeQueryMix(corpus.records, options.queries, options.seed, now);
  if (!options.pathsOut.empty()) {
    std::ofstream paths(options.pathsOut);
    for (const auto& query : queries) paths << apiSearchPath(query, kTopHits) << "\n";
  }

  index::Searcher searcher(options.index);
  size_t convocaWithHits = 0;
  auto convocaSamples = timeEach(queries.size(), options.warmup, [&](size_t i) {
    index::SearchRequest request;
    request.query = queries[i].text();
    request.filters = queries[i].filters;
    request.limit = kTopHits;
    request.now = now;
    searcher.search(request);
  });
  // Outside the timed pass: how many queries found something (a sanity check of the mix).
  std::vector<size_t> totals;
  for (const auto& query : queries) {
    index::SearchRequest request;
    request.query = query.text();
    request.filters = query.filters;
    request.limit = kTopHits;
    request.now = now;
    const index::SearchResult result = searcher.search(request);
    convocaWithHits += !result.hits.empty();
    totals.push_back(result.total);
  }
  printSlowest(options.slowest, convocaSamples, queries, totals);

  MatchingFigures matching;
  if (options.profiles > 0)
    matching =
        timeMatching(options.index, makeProfileMix(corpus.records, options.profiles, options.seed), now);

  const bool withFts = !options.ftsDb.empty();
  FtsFigures fts;
  if (withFts) fts = timeFts5(options.ftsDb, corpus.records, queries, options.warmup, now);

  const LatencySummary convoca = summarise(convocaSamples);
  const size_t records = corpus.records.size();

  std::printf("corpus: %zu records (%zu rejected), %.1f MB; index: %zu documents; %zu queries, seed %u\n",
              records, corpus.rejected, static_cast<double>(corpus.bytes) / 1e6, searcher.documentCount(),
              queries.size(), options.seed);
  std::printf("| %-34s | %8s | %8s | %8s | %8s | %s |\n", "in-process search, top 10", "p50 ms", "p95 ms",
              "p99 ms", "mean ms", "with hits");
  std::printf("|%s|\n", std::string(102, '-').c_str());
  printRow("convoca Searcher (facets)", convoca, convocaWithHits, queries.size());
  if (withFts) {
    printRow("SQLite FTS5 bm25", fts.search, fts.withHits, queries.size());
    printRow("SQLite FTS5 bm25 + 3 facet counts", fts.searchWithFacets, fts.withHits, queries.size());
    std::printf("ratio convoca/FTS5 p50: %.2f (with FTS5 facets: %.2f)\n", convoca.p50Ms / fts.search.p50Ms,
                convoca.p50Ms / fts.searchWithFacets.p50Ms);
    std::printf("FTS5 build: %.2f s (%.0f records/s), %.1f MB, %.0f bytes/record\n", fts.buildSeconds,
                static_cast<double>(records) / fts.buildSeconds, static_cast<double>(fts.bytes) / 1e6,
                static_cast<double>(fts.bytes) / static_cast<double>(records));
  }

  if (options.profiles > 0)
    std::printf(
        "matching: %zu profiles in %.2f s on %u threads (one thread: %.2f s; per profile p50 %.1f ms, "
        "p99 %.1f ms; %zu with matches)\n",
        options.profiles, matching.totalSeconds, matching.threads, matching.oneThreadSeconds,
        matching.perProfile.p50Ms, matching.perProfile.p99Ms, matching.withMatches);

  if (!options.jsonOut.empty()) {
    Poco::JSON::Object json(Poco::JSON_PRESERVE_KEY_ORDER);
    json.set("records", static_cast<Poco::UInt64>(records));
    json.set("rejected", static_cast<Poco::UInt64>(corpus.rejected));
    json.set("corpus_bytes", static_cast<Poco::UInt64>(corpus.bytes));
    json.set("queries", static_cast<Poco::UInt64>(queries.size()));
    json.set("seed", static_cast<Poco::UInt64>(options.seed));
    json.set("convoca_search", latencyJson(convoca));
    json.set("convoca_queries_with_hits", static_cast<Poco::UInt64>(convocaWithHits));
    if (withFts) {
      json.set("fts5_search", latencyJson(fts.search));
      json.set("fts5_search_with_facets", latencyJson(fts.searchWithFacets));
      json.set("fts5_queries_with_hits", static_cast<Poco::UInt64>(fts.withHits));
      json.set("fts5_build_seconds", fts.buildSeconds);
      json.set("fts5_bytes", static_cast<Poco::UInt64>(fts.bytes));
    }
    if (options.profiles > 0) {
      json.set("profiles", static_cast<Poco::UInt64>(options.profiles));
      json.set("matching_seconds", matching.totalSeconds);
      json.set("matching_threads", static_cast<Poco::UInt64>(matching.threads));
      json.set("matching_one_thread_seconds", matching.oneThreadSeconds);
      json.set("matching_per_profile", latencyJson(matching.perProfile));
      json.set("profiles_with_matches", static_cast<Poco::UInt64>(matching.withMatches));
    }
    std::ofstream out(options.jsonOut);
    json.stringify(out, 2);
  }
  return 0;
}

} // namespace
} // namespace convoca::bench

int main(int argc, char** argv) {
  try {
    return convoca::bench::run(convoca::bench::parseOptions(argc, argv));
  } catch (const std::exception& e) {
    std::cerr << "convoca_bench: " << e.what() << "\n";
    return 1;
  }
}
