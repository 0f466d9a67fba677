// `convoca eval sdg FILE.csv`: the built-in SDG tagger on the SDG classification
// benchmark (SDGClassification/benchmark), next to the systems it publishes in
// the evaluations/ folder beside the CSV.
#include "convoca/app/context.h"
#include "convoca/index/sdg_benchmark.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/Path.h>
#include <algorithm>
#include <ostream>

namespace convoca::app {
namespace {

constexpr const char* kOurName = "convoca";

std::vector<index::SdgAccuracies> rankedTable(const index::SdgAccuracies& ours,
                                              std::vector<index::SdgAccuracies> published) {
  published.push_back(ours);
  std::stable_sort(
      published.begin(), published.end(),
      [](const index::SdgAccuracies& a, const index::SdgAccuracies& b) { return a.average > b.average; });
  return published;
}

Poco::JSON::Array::Ptr accuracyArray(const index::SdgAccuracies& accuracies) {
  Poco::JSON::Array::Ptr values = new Poco::JSON::Array;
  for (double value : accuracies.perGoal) values->add(value);
  return values;
}

void printJson(std::ostream& out, const std::string& csvPath, const index::SdgBenchmarkResult& result,
               const std::vector<index::SdgAccuracies>& table) {
  Poco::JSON::Object document(Poco::JSON_PRESERVE_KEY_ORDER);
  document.set("benchmark", csvPath);
  document.set("rows", result.rows);
  document.set("model", index::SdgTagger::builtin().description());
  document.set("average", result.accuracies.average);
  Poco::JSON::Array::Ptr goals = new Poco::JSON::Array;
  for (size_t g = 0; g < result.confusion.size(); ++g) {
    const index::SdgConfusion& confusion = result.confusion[g];
    Poco::JSON::Object::Ptr goal = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    goal->set("sdg", g + 1);
    goal->set("accuracy", result.accuracies.perGoal[g]);
    goal->set("tp", confusion.truePositives);
    goal->set("fp", confusion.falsePositives);
    goal->set("tn", confusion.trueNegatives);
    goal->set("fn", confusion.falseNegatives);
    goals->add(goal);
  }
  document.set("sdgs", goals);
  Poco::JSON::Array::Ptr systems = new Poco::JSON::Array;
  for (const index::SdgAccuracies& row : table) {
    Poco::JSON::Object::Ptr system = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    system->set("system", row.system);
    system->set("ours", row.ours);
    system->set("average", row.average);
    system->set("accuracies", accuracyArray(row));
    systems->add(system);
  }
  document.set("ranking", systems);
  document.stringify(out);
  out << "\n";
}

void printText(std::ostream& out, const std::string& csvPath, const std::string& evaluationsDir,
               const index::SdgBenchmarkResult& result, const std::vector<index::SdgAccuracies>& table) {
  out << "SDG benchmark " << csvPath << ": " << result.rows << " rows, accuracy in %\n"
      << index::formatAccuraciesCsv(result.accuracies) << "\n";
  if (table.size() == 1) {
    out << "(no published systems found in " << evaluationsDir << ")\n";
    return;
  }
  out << "Ranked with the published systems (" << evaluationsDir << "), * = " << kOurName << ":\n"
      << index::formatAccuracyTable(table);
}

} // namespace

int runEvalSdg(Context& context) {
  if (context.args.size() != 1)
    throw UsageError("eval sdg needs the benchmark CSV, e.g. "
                     "../shared/vocab-real/sdg-classification-benchmark/benchmark.csv");
  const std::string& csvPath = context.args.front();
  const std::vector<index::SdgBenchmarkRow> rows = index::readSdgBenchmark(csvPath);
  const index::SdgBenchmarkResult result =
      index::evaluateSdgBenchmark(rows, index::SdgTagger::builtin(), kOurName);
  const std::string evaluationsDir = Poco::Path(csvPath).parent().pushDirectory("evaluations").toString();
  const auto table = rankedTable(result.accuracies, index::readPublishedAccuracies(evaluationsDir));
  if (context.options.json)
    printJson(*context.out, csvPath, result, table);
  else
    printText(*context.out, csvPath, evaluationsDir, result, table);
  return 0;
}

} // namespace convoca::app
