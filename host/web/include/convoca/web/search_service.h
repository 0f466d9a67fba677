// The one thing the web room asks of the index: run a search, count documents.
// An interface so the HTTP layer can be tested with canned results and does
// not care whether the index is a local database or a remote stub.
#pragma once

#include "convoca/index/searcher.h"

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace convoca::web {

class SearchService {
public:
  virtual ~SearchService() = default;

  // Called from several server threads at once: implementations must be
  // thread-safe. Throws index::QueryError for a query or filter that cannot be
  // understood (the API answers 400 with its message); any other exception is
  // an internal error (500).
  virtual index::SearchResult search(const index::SearchRequest& request) = 0;

  virtual size_t documentCount() = 0;
  // The record with this id as a hit at the moment of the call (no snippet);
  // nullopt when the index has no such record.
  virtual std::optional<index::Hit> findById(const std::string& id) = 0;
  // Records like this one, best first, never itself nor another record of the
  // same call; empty when the id is unknown.
  virtual std::vector<index::Hit> similar(const std::string& id, size_t limit) = 0;
};

// Searches the Xapian index at `indexPath` (a directory or a remote stub file).
// A Searcher is not thread-safe, so each concurrent request borrows its own
// from a small pool. Opens one Searcher at once, so a missing index or a schema
// mismatch is reported here (index::IndexError, index::SchemaVersionError)
// rather than on the first request.
std::unique_ptr<SearchService> makeIndexSearchService(const std::string& indexPath);

} // namespace convoca::web
