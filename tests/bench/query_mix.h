// The corpus and the seeded query mix both engines answer: 2-4 words drawn
// from one record's title and summary (so most queries match), some with a
// source, programme or status filter taken from that record.
#pragma once

#include "convoca/index/record.h"

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace convoca::bench {

struct BenchQuery {
  std::vector<std::string> words;                           // lower case, ASCII letters only: no query syntax
  std::vector<std::pair<std::string, std::string>> filters; // ("source"|"programme"|"status", value)

  std::string text() const; // the words joined by spaces
};

struct Corpus {
  std::vector<index::Record> records;
  uint64_t bytes = 0;  // of the JSON lines read
  size_t rejected = 0; // lines recordFromJson refused
};

// The runs of ASCII letters of `text`, lower-cased, in order; a word with any
// other letter (a UTF-8 byte) is left out whole. Query words are drawn from these.
std::vector<std::string> asciiWords(const std::string& text);

// Reads one record a line; throws std::runtime_error when the file cannot be opened.
Corpus readCorpus(const std::string& path);

// `count` queries, the same for the same records, count and seed. Filters use
// the status each record has at `now`.
std::vector<BenchQuery> makeQueryMix(const std::vector<index::Record>& records, size_t count, uint32_t seed,
                                     int64_t now);

// "/api/search?q=...&source=..." for the HTTP run (percent-encoded).
std::string apiSearchPath(const BenchQuery& query, size_t limit);

} // namespace convoca::bench
