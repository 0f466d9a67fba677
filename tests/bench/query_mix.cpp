#include "query_mix.h"

#include <Poco/URI.h>
#include <algorithm>
#include <cctype>
#include <fstream>
#include <random>
#include <set>
#include <stdexcept>

namespace convoca::bench {
namespace {

// Words so common in the four corpus languages that a query of them says
// nothing; neither engine is asked for them.
const std::set<std::string> kCommonWords = {
    "with", "that", "this",  "from",  "have", "will", "into", "their", "other", "which", "these", "such",
    "para", "como", "sobre", "entre", "more", "also", "amb",  "dels",  "pour",  "dans",  "avec",  "des",
    "the",  "and",  "for",   "les",   "por",  "con",  "una",  "del",   "per",   "est",   "are",   "been"};

// Whole words of 4 to 15 ASCII letters, lower-cased: words both engines
// tokenise the same way (no accents, digits or field syntax). A word with any
// other letter is left out whole (asciiWords): cutting "alimentació" to
// "alimentaci" made half the queries ask for a word no record has (until
// 2026-11-28).
std::vector<std::string> candidateWords(const index::Record& record) {
  std::vector<std::string> words;
  for (const std::string* field : {&record.title, &record.summary})
    for (std::string& word : asciiWords(*field))
      if (word.size() >= 4 && word.size() <= 15 && !kCommonWords.count(word) &&
          std::find(words.begin(), words.end(), word) == words.end())
        words.push_back(std::move(word));
  return words;
}

} // namespace

std::vector<std::string> asciiWords(const std::string& text) {
  std::vector<std::string> words;
  std::string current;
  bool onlyAscii = true;
  auto flush = [&] {
    if (onlyAscii && !current.empty()) words.push_back(current);
    current.clear();
    onlyAscii = true;
  };
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte >= 0x80) { // part of a UTF-8 letter (or of punctuation: either way, not a plain word)
      current += c;
      onlyAscii = false;
    } else if (std::isalpha(byte)) {
      current += static_cast<char>(std::tolower(byte));
    } else {
      flush();
    }
  }
  flush();
  return words;
}

std::string BenchQuery::text() const {
  std::string joined;
  for (const auto& word : words) joined += (joined.empty() ? "" : " ") + word;
  return joined;
}

Corpus readCorpus(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot open corpus " + path);
  Corpus corpus;
  for (std::string line; std::getline(in, line);) {
    corpus.bytes += line.size() + 1;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    try {
      corpus.records.push_back(index::recordFromJson(line));
    } catch (const index::RecordError&) {
      ++corpus.rejected;
    }
  }
  return corpus;
}

std::vector<BenchQuery> makeQueryMix(const std::vector<index::Record>& records, size_t count, uint32_t seed,
                                     int64_t now) {
  if (records.empty()) throw std::runtime_error("the corpus has no records");
  std::mt19937 random(seed);
  std::uniform_int_distribution<size_t> pickRecord(0, records.size() - 1);
  std::uniform_int_distribution<int> wordCount(2, 4);
  std::uniform_int_distribution<int> percent(0, 99);
  std::vector<BenchQuery> queries;
  // Bounded: a corpus whose records have fewer than two usable words gives up.
  for (size_t attempts = 0; queries.size() < count && attempts < count * 20; ++attempts) {
    const index::Record& record = records[pickRecord(random)];
    std::vector<std::string> words = candidateWords(record);
    if (words.size() < 2) continue;
    std::shuffle(words.begin(), words.end(), random);
    words.resize(std::min<size_t>(words.size(), static_cast<size_t>(wordCount(random))));
    BenchQuery query{words, {}};
    const int filterDraw = percent(random);
    if (filterDraw < 20)
      query.filters.emplace_back("source", record.source);
    else if (filterDraw < 35 && !record.programmeCode.empty())
      query.filters.emplace_back("programme", record.programmeCode);
    else if (filterDraw < 50)
      query.filters.emplace_back("status", index::statusName(index::statusAt(record, now)));
    queries.push_back(std::move(query));
  }
  if (queries.size() < count) throw std::runtime_error("too few records with two searchable words");
  return queries;
}

std::string apiSearchPath(const BenchQuery& query, size_t limit) {
  Poco::URI uri("/api/search");
  uri.addQueryParameter("q", query.text());
  for (const auto& [field, value] : query.filters) uri.addQueryParameter(field, value);
  uri.addQueryParameter("limit", std::to_string(limit));
  return uri.getPathAndQuery();
}

} // namespace convoca::bench
