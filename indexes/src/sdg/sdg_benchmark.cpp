#include "convoca/index/sdg_benchmark.h"

#include "convoca/index/csv_reader.h"

#include <Poco/DirectoryIterator.h>
#include <Poco/File.h>
#include <Poco/FileStream.h>
#include <Poco/NumberParser.h>
#include <Poco/Path.h>
#include <Poco/StreamCopier.h>
#include <algorithm>
#include <cstdio>
#include <stdexcept>

namespace convoca::index {
namespace {

std::string readFile(const std::string& path) {
  if (!Poco::File(path).exists()) throw std::runtime_error(path + ": no such file");
  Poco::FileInputStream stream(path);
  std::string text;
  Poco::StreamCopier::copyToString(stream, text);
  return text;
}

size_t columnIndex(const CsvRow& header, const std::string& name, const std::string& path) {
  const auto found = std::find(header.begin(), header.end(), name);
  if (found == header.end()) throw std::runtime_error(path + ": no column '" + name + "' in the header");
  return static_cast<size_t>(found - header.begin());
}

bool parseLabel(const std::string& value, const std::string& where) {
  if (value == "True" || value == "true" || value == "1") return true;
  if (value == "False" || value == "false" || value == "0") return false;
  throw std::runtime_error(where + ": label must be True or False, not '" + value + "'");
}

std::string headerLine() {
  std::string line = "Average";
  for (int g = 1; g <= kSdgGoalCount; ++g) line += ",SDG " + std::to_string(g);
  return line;
}

std::string percent(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.1f", value);
  return buffer;
}

std::string valuesLine(const SdgAccuracies& accuracies) {
  std::string line = percent(accuracies.average);
  for (double value : accuracies.perGoal) line += "," + percent(value);
  return line;
}

SdgAccuracies readAccuraciesFile(const std::string& path, const std::string& system) {
  const std::vector<CsvRow> rows = parseCsv(readFile(path), path);
  if (rows.size() != 2 || rows[0].size() != 1 + kSdgGoalCount || rows[1].size() != rows[0].size())
    throw std::runtime_error(path + ": expected a header 'Average,SDG 1,...,SDG 17' and one row");
  SdgAccuracies accuracies;
  accuracies.system = system;
  if (parseCsv(headerLine()).front() != rows[0])
    throw std::runtime_error(path + ": the header is not 'Average,SDG 1,...,SDG 17'");
  double value = 0;
  for (size_t column = 0; column < rows[1].size(); ++column) {
    if (!Poco::NumberParser::tryParseFloat(rows[1][column], value))
      throw std::runtime_error(path + ": '" + rows[1][column] + "' is not a percentage");
    (column == 0 ? accuracies.average : accuracies.perGoal[column - 1]) = value;
  }
  return accuracies;
}

} // namespace

std::vector<SdgBenchmarkRow> readSdgBenchmark(const std::string& csvPath) {
  const std::vector<CsvRow> table = parseCsv(readFile(csvPath), csvPath);
  if (table.empty()) throw std::runtime_error(csvPath + ": empty file");
  const CsvRow& header = table.front();
  const size_t idColumn = columnIndex(header, "id", csvPath);
  const size_t textColumn = columnIndex(header, "text", csvPath);
  const size_t goalColumn = columnIndex(header, "sdg", csvPath);
  const size_t labelColumn = columnIndex(header, "label", csvPath);
  std::vector<SdgBenchmarkRow> rows;
  for (size_t r = 1; r < table.size(); ++r) {
    const CsvRow& cells = table[r];
    const std::string where = csvPath + " row " + std::to_string(r);
    if (cells.size() != header.size()) throw std::runtime_error(where + ": wrong number of fields");
    int goal = 0;
    if (!Poco::NumberParser::tryParse(cells[goalColumn], goal) || goal < 1 || goal > kSdgGoalCount)
      throw std::runtime_error(where + ": sdg must be 1..17, not '" + cells[goalColumn] + "'");
    rows.push_back({cells[idColumn], cells[textColumn], goal, parseLabel(cells[labelColumn], where)});
  }
  return rows;
}

SdgBenchmarkResult evaluateSdgBenchmark(const std::vector<SdgBenchmarkRow>& rows, const SdgDecision& decide,
                                        const std::string& system) {
  SdgBenchmarkResult result;
  result.accuracies.system = system;
  result.accuracies.ours = true;
  result.rows = rows.size();
  for (const SdgBenchmarkRow& row : rows) {
    SdgConfusion& confusion = result.confusion[static_cast<size_t>(row.goal - 1)];
    const bool predicted = decide(row);
    if (predicted)
      ++(row.label ? confusion.truePositives : confusion.falsePositives);
    else
      ++(row.label ? confusion.falseNegatives : confusion.trueNegatives);
  }
  double sum = 0;
  for (size_t g = 0; g < result.confusion.size(); ++g) {
    const SdgConfusion& confusion = result.confusion[g];
    const int total = confusion.total();
    const double accuracy =
        total == 0 ? 0.0 : 100.0 * (confusion.truePositives + confusion.trueNegatives) / total;
    result.accuracies.perGoal[g] = accuracy;
    sum += accuracy;
  }
  result.accuracies.average = sum / kSdgGoalCount;
  return result;
}

SdgBenchmarkResult evaluateSdgBenchmark(const std::vector<SdgBenchmarkRow>& rows, const SdgTagger& tagger,
                                        const std::string& system) {
  return evaluateSdgBenchmark(
      rows,
      [&](const SdgBenchmarkRow& row) {
        return tagger.belongs({row.text, "en", ""}, row.goal);
      },
      system);
}

std::vector<SdgAccuracies> readPublishedAccuracies(const std::string& evaluationsDir) {
  std::vector<SdgAccuracies> systems;
  if (!Poco::File(evaluationsDir).exists()) return systems;
  for (Poco::DirectoryIterator it(evaluationsDir), end; it != end; ++it) {
    if (!it->isDirectory()) continue;
    const std::string path = Poco::Path(it->path()).append("accuracies.csv").toString();
    if (Poco::File(path).exists()) systems.push_back(readAccuraciesFile(path, it.name()));
  }
  std::sort(systems.begin(), systems.end(),
            [](const SdgAccuracies& a, const SdgAccuracies& b) { return a.system < b.system; });
  return systems;
}

std::string formatAccuracyTable(const std::vector<SdgAccuracies>& table) {
  std::string out = "System," + headerLine() + "\n";
  for (const SdgAccuracies& row : table)
    out += row.system + (row.ours ? " *" : "") + "," + valuesLine(row) + "\n";
  return out;
}

std::string formatAccuraciesCsv(const SdgAccuracies& accuracies) {
  return headerLine() + "\n" + valuesLine(accuracies) + "\n";
}

} // namespace convoca::index
