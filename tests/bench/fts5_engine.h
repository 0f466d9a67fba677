// SQLite FTS5 as a user might set it up instead of convoca: one table with
// title, summary and text (porter stemmer over unicode61), the filter fields
// stored unindexed, top 10 by bm25().
#pragma once

#include "query_mix.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

struct sqlite3;

namespace convoca::bench {

class Fts5Engine {
public:
  // Creates a fresh database at `path` (an existing file is replaced).
  explicit Fts5Engine(const std::string& path);
  ~Fts5Engine();
  Fts5Engine(const Fts5Engine&) = delete;
  Fts5Engine& operator=(const Fts5Engine&) = delete;

  // Inserts every record in one transaction; the status column holds the
  // status at `now` (FTS5 has no query-time status: it is precomputed).
  void load(const std::vector<index::Record>& records, int64_t now);

  // Ids of the best `limit` matches, best first.
  std::vector<std::string> search(const BenchQuery& query, size_t limit);
  // The same plus what /api/search shows beside the hits: the total and
  // counts by source, programme and status over the whole match set.
  size_t searchWithFacets(const BenchQuery& query, size_t limit);

private:
  sqlite3* db_ = nullptr;
  void execute(const std::string& sql);
};

// Bytes of the database file.
uint64_t fileBytes(const std::string& path);

} // namespace convoca::bench
