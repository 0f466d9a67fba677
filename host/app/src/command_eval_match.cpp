// `convoca eval match [DIR]`: how well matching finds the Horizon Europe topic
// a project was funded under, on real CORDIS data (../shared/eval-real/cordis).
// Topics (code, title, keywords, call) are indexed; each project's objective
// is the query; Recall@1/10/50 and MRR@10 of the true topic are reported for
// the matcher and, in the same run on the same index, a plain BM25 OR query of
// the same text. Method and figures: indexes/EVALUATION.md.
#include "convoca/app/context.h"
#include "convoca/index/csv_reader.h"
#include "convoca/index/indexer.h"
#include "convoca/index/matcher.h"

#include <Poco/File.h>
#include <Poco/FileStream.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/StreamCopier.h>
#include <Poco/StringTokenizer.h>
#include <Poco/TemporaryFile.h>
#include <chrono>
#include <iomanip>
#include <ostream>
#include <sstream>

namespace convoca::app {
namespace {

constexpr size_t kDepth = 50;
const char* const kTopicsFile = "he-topics-reference.csv";
const char* const kProjectFiles[] = {"he-projects-selected.jsonl", "he-projects-sample-every8th.jsonl"};

std::string readFile(const std::string& path) {
  if (!Poco::File(path).exists()) throw UsageError(path + " does not exist");
  Poco::FileInputStream input(path);
  std::string text;
  Poco::StreamCopier::copyToString(input, text);
  return text;
}

std::string topicRecordId(const std::string& code) {
  return "cordis:" + code;
}

// topic;title;rcn;topicKeywords;masterCall;nProjects -> one topic record each.
std::vector<index::Record> topicRecords(const std::string& dir) {
  const std::string path = dir + "/" + kTopicsFile;
  const std::vector<index::CsvRow> rows = index::parseCsv(readFile(path), path, ';');
  if (rows.empty() || rows.front().size() < 5 || rows.front()[0] != "topic")
    throw UsageError(path + ": expected the header topic;title;rcn;topicKeywords;masterCall;nProjects");
  std::vector<index::Record> records;
  for (size_t i = 1; i < rows.size(); ++i) {
    const index::CsvRow& row = rows[i];
    if (row.size() < 5 || row[0].empty()) continue;
    index::Record record;
    record.id = topicRecordId(row[0]);
    record.source = "cordis";
    record.kind = "topic";
    record.title = row[1].empty() ? row[0] : row[1];
    record.language = "en";
    record.topicId = row[0];
    record.callId = row[4];
    record.programme = "Horizon Europe";
    record.programmeCode = "HORIZON";
    Poco::StringTokenizer keywords(row[3], "|",
                                   Poco::StringTokenizer::TOK_TRIM | Poco::StringTokenizer::TOK_IGNORE_EMPTY);
    record.keywords.assign(keywords.begin(), keywords.end());
    records.push_back(std::move(record));
  }
  return records;
}

struct Project {
  std::string id;
  std::string objective;
  std::string topic;
};

std::vector<Project> projects(const std::string& dir) {
  std::vector<Project> all;
  for (const char* name : kProjectFiles) {
    const std::string path = dir + "/" + name;
    std::istringstream lines(readFile(path));
    std::string line;
    while (std::getline(lines, line)) {
      if (line.empty()) continue;
      Poco::JSON::Object::Ptr object = Poco::JSON::Parser().parse(line).extract<Poco::JSON::Object::Ptr>();
      Poco::JSON::Array::Ptr topics = object->getArray("topics");
      if (!topics || topics->size() == 0) continue;
      Project project{object->optValue<std::string>("id", ""), object->optValue<std::string>("objective", ""),
                      topics->getObject(0)->optValue<std::string>("code", "")};
      if (!project.objective.empty() && !project.topic.empty()) all.push_back(std::move(project));
    }
  }
  return all;
}

struct Metrics {
  size_t queries = 0;
  size_t at1 = 0, at10 = 0, at50 = 0;
  double reciprocalRanks = 0; // MRR@10
  double seconds = 0;

  void add(const std::vector<std::string>& ranked, const std::string& wanted) {
    ++queries;
    for (size_t rank = 0; rank < ranked.size() && rank < kDepth; ++rank) {
      if (ranked[rank] != wanted) continue;
      at1 += rank < 1;
      at10 += rank < 10;
      at50 += rank < 50;
      if (rank < 10) reciprocalRanks += 1.0 / static_cast<double>(rank + 1);
      break;
    }
  }
  double share(size_t hits) const { return queries ? static_cast<double>(hits) / queries : 0; }
  double mrr() const { return queries ? reciprocalRanks / queries : 0; }
};

void printRow(std::ostream& out, const std::string& name, const Metrics& m) {
  out << std::left << std::setw(22) << name << std::right << std::fixed << std::setprecision(3)
      << std::setw(10) << m.share(m.at1) << std::setw(11) << m.share(m.at10) << std::setw(11)
      << m.share(m.at50) << std::setw(10) << m.mrr() << std::setw(12) << std::setprecision(1)
      << (m.queries ? 1000 * m.seconds / m.queries : 0) << "\n";
}

Poco::JSON::Object::Ptr metricsJson(const Metrics& m) {
  Poco::JSON::Object::Ptr o = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
  o->set("recall_at_1", m.share(m.at1));
  o->set("recall_at_10", m.share(m.at10));
  o->set("recall_at_50", m.share(m.at50));
  o->set("mrr_at_10", m.mrr());
  o->set("ms_per_query", m.queries ? 1000 * m.seconds / m.queries : 0);
  return o;
}

} // namespace

int runEvalMatch(Context& context) {
  const std::string dir = context.args.empty() ? "../shared/eval-real/cordis" : context.args.front();
  if (!Poco::File(dir).exists())
    throw UsageError("no CORDIS evaluation data at " + dir + " (give the folder: convoca eval match DIR)");
  const std::vector<index::Record> topics = topicRecords(dir);
  std::vector<Project> queries = projects(dir);
  if (context.options.limit && *context.options.limit < queries.size()) {
    // Every k-th project, so a quick run still spans both files.
    const size_t step = queries.size() / *context.options.limit;
    std::vector<Project> sample;
    for (size_t i = 0; i < queries.size() && sample.size() < *context.options.limit; i += step)
      sample.push_back(queries[i]);
    queries = std::move(sample);
  }

  Poco::TemporaryFile indexDir; // removed when done
  {
    index::IndexerOptions options; // analysis on: language, concepts, SDG tags
    index::Indexer indexer(indexDir.path(), options);
    for (const auto& topic : topics) indexer.upsert(topic);
    indexer.commit();
  }
  index::Matcher matcher(indexDir.path());
  Metrics convoca, bm25;
  for (const Project& project : queries) {
    const std::string wanted = topicRecordId(project.topic);
    auto started = std::chrono::steady_clock::now();
    index::MatchRequest request;
    request.profile.id = "cordis-" + project.id;
    request.profile.language = "en";
    request.profile.description = project.objective;
    request.gates = false; // topics carry no dates or eligibility
    request.explain = false;
    request.limit = kDepth;
    std::vector<std::string> ranked;
    for (const auto& match : matcher.match(request).matches) ranked.push_back(match.hit.record.id);
    convoca.seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    convoca.add(ranked, wanted);

    started = std::chrono::steady_clock::now();
    const std::vector<std::string> baseline = matcher.plainBm25(project.objective, "en", kDepth);
    bm25.seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    bm25.add(baseline, wanted);
  }

  std::ostream& out = *context.out;
  if (context.options.json) {
    Poco::JSON::Object document(Poco::JSON_PRESERVE_KEY_ORDER);
    document.set("topics", static_cast<Poco::UInt64>(topics.size()));
    document.set("queries", static_cast<Poco::UInt64>(queries.size()));
    document.set("matcher", metricsJson(convoca));
    document.set("bm25", metricsJson(bm25));
    document.stringify(out);
    out << "\n";
    return 0;
  }
  out << "CORDIS Horizon Europe: " << topics.size() << " topics indexed, " << queries.size()
      << " projects as queries (objective text); the target is the project's own topic\n\n";
  out << std::left << std::setw(22) << "system" << std::right << std::setw(10) << "R@1" << std::setw(11)
      << "R@10" << std::setw(11) << "R@50" << std::setw(10) << "MRR@10" << std::setw(12) << "ms/query"
      << "\n";
  printRow(out, "convoca matcher", convoca);
  printRow(out, "BM25 (plain OR)", bm25);
  return 0;
}

} // namespace convoca::app
