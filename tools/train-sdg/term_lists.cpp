#include "term_lists.h"

#include "convoca/index/csv_reader.h"
#include "source_files.h"

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <regex>
#include <stdexcept>

namespace convoca::train_sdg {
namespace {

// "SDG-07" → 7
int goalOf(const std::string& value, const std::string& where) {
  size_t digits = value.find_first_of("0123456789");
  if (digits == std::string::npos) throw std::runtime_error(where + ": no goal number in '" + value + "'");
  const int goal = std::stoi(value.substr(digits));
  if (goal < 1 || goal > 17) throw std::runtime_error(where + ": goal out of range in '" + value + "'");
  return goal;
}

size_t column(const index::CsvRow& header, const std::string& name, const std::string& path) {
  for (size_t i = 0; i < header.size(); ++i)
    if (header[i] == name) return i;
  throw std::runtime_error(path + ": no column " + name);
}

// The phrases of a boolean query: operators, brackets and truncation removed.
std::vector<std::string> phrasesOfQuery(const std::string& query) {
  static const std::regex separators(R"(\s+(AND NOT|AND|OR|NOT)\s+|\s*W/\d+\s*|\s*PRE/\d+\s*|[()])");
  std::vector<std::string> phrases;
  bool skipNext = false;
  std::sregex_token_iterator it(query.begin(), query.end(), separators, {-1, 0});
  for (const std::sregex_token_iterator end; it != end; ++it) {
    std::string piece = it->str();
    if (piece.find("NOT") != std::string::npos &&
        std::regex_match(piece, std::regex(R"(\s*(AND )?NOT\s*)"))) {
      skipNext = true;
      continue;
    }
    std::string phrase;
    for (char c : piece)
      if (c != '"' && c != '<' && c != '>' && c != '{' && c != '}' && c != '*') phrase.push_back(c);
    const size_t first = phrase.find_first_not_of(" \t");
    if (first == std::string::npos) continue;
    phrase = phrase.substr(first, phrase.find_last_not_of(" \t") - first + 1);
    if (phrase == "AND" || phrase == "OR" || phrase.rfind("W/", 0) == 0) continue;
    if (skipNext) {
      skipNext = false;
      continue;
    }
    phrases.push_back(phrase);
  }
  return phrases;
}

void readKeywordCsv(const std::string& path, const std::string& system, const std::string& termColumn,
                    std::vector<SdgTerm>& terms) {
  const auto rows = index::parseCsv(readSourceFile(path), path);
  const size_t goalColumn = column(rows.at(0), "sdg", path);
  const size_t textColumn = column(rows.at(0), termColumn, path);
  for (size_t r = 1; r < rows.size(); ++r)
    terms.push_back({system, goalOf(rows[r][goalColumn], path), rows[r][textColumn]});
}

void readQueryCsv(const std::string& path, const std::string& system, std::vector<SdgTerm>& terms) {
  const auto rows = index::parseCsv(readSourceFile(path), path);
  const size_t goalColumn = column(rows.at(0), "sdg", path);
  const size_t queryColumn = column(rows.at(0), "query", path);
  for (size_t r = 1; r < rows.size(); ++r)
    for (std::string& phrase : phrasesOfQuery(rows[r][queryColumn]))
      terms.push_back({system, goalOf(rows[r][goalColumn], path), std::move(phrase)});
}

// SIRIS terms with their co-occurrence condition: "basic needs" with "poverty".
void readSirisCsv(const std::string& path, std::vector<SdgTerm>& terms) {
  const auto rows = index::parseCsv(readSourceFile(path), path);
  const size_t goalColumn = column(rows.at(0), "sdg", path);
  const size_t keywordColumn = column(rows.at(0), "keyword", path);
  const size_t extraColumn = column(rows.at(0), "extra", path);
  for (size_t r = 1; r < rows.size(); ++r) {
    std::string text = rows[r][keywordColumn];
    if (rows[r][extraColumn] != "NA")
      for (const std::string& phrase : phrasesOfQuery(rows[r][extraColumn])) text += ". " + phrase;
    terms.push_back({"siris", goalOf(rows[r][goalColumn], path), text});
  }
}

void readInterimTerms(const std::string& path, std::vector<SdgTerm>& terms) {
  Poco::JSON::Parser parser;
  const auto root = parser.parse(readSourceFile(path)).extract<Poco::JSON::Object::Ptr>();
  for (int goal = 1; goal <= 17; ++goal) {
    const auto goalTerms = root->getObject("SDG_" + std::to_string(goal));
    if (!goalTerms) throw std::runtime_error(path + ": no SDG_" + std::to_string(goal));
    std::vector<std::string> names;
    goalTerms->getNames(names); // sorted: deterministic
    for (const std::string& name : names) terms.push_back({"osdg-interim", goal, name});
  }
}

} // namespace

std::vector<SdgTerm> readSdgTerms(const std::string& dataDir) {
  const std::string csv = dataDir + "/text2sdg-queries/csv/";
  std::vector<SdgTerm> terms;
  readKeywordCsv(csv + "sdgo_queries.csv", "sdgo", "keyword", terms);
  readSirisCsv(csv + "siris_queries.csv", terms);
  readKeywordCsv(csv + "sdsn_queries.csv", "sdsn", "keyword", terms);
  readQueryCsv(csv + "aurora_queries.csv", "aurora", terms);
  readQueryCsv(csv + "elsevier_queries.csv", "elsevier", terms);
  readQueryCsv(csv + "auckland_queries.csv", "auckland", terms);
  readInterimTerms(dataDir + "/osdg-ontology/InterimTerms.json", terms);
  return terms;
}

} // namespace convoca::train_sdg
