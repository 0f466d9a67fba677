// The reader side of the index: free-text queries with field prefixes,
// boolean filters, deadline and budget ranges, sorting, facets and snippets.
// Status is computed at query time from `now`, never read from the index.
//
// A Searcher is not thread-safe (Xapian databases are per thread): give each
// thread its own. It sees new commits on every search (Database::reopen()).
#pragma once

#include "convoca/index/record.h"
#include "convoca/index/schema.h"

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace convoca::index {

// The query text or a filter cannot be understood; what() says why (Xapian's
// message for syntax errors). Callers map it to HTTP 400 / exit code 2.
class QueryError : public IndexError {
public:
  using IndexError::IndexError;
};

enum class SortOrder {
  Relevance,
  Deadline, // next deadline at `now`, soonest first; records without an upcoming deadline last
  Newest,   // opening (else fetched time), most recent first
};

struct SearchRequest {
  // Xapian query syntax: words, "phrases", AND/OR/NOT, +/-, wild*, and the
  // fields of schema.h (title:, summary:, source:, programme:, lang:, kind:,
  // keyword:, call:, topic:, id:, sdg:, country:, status:open, budget:MIN..MAX).
  // Words are ANDed. Empty: every record that passes the filters.
  std::string query;
  // (field, value): any boolean field of schema.h, "status" or "id". The same
  // field given twice is ORed, different fields are ANDed.
  std::vector<std::pair<std::string, std::string>> filters;
  // YYYY-MM-DD, days in the home zone (Europe/Madrid), both ends included:
  // keeps records with at least one deadline (any stage) inside the range.
  std::optional<std::string> deadlineFrom;
  std::optional<std::string> deadlineTo;
  // EUR, both ends included; keeps only records with a budget in EUR.
  std::optional<double> budgetMin;
  std::optional<double> budgetMax;
  // Seconds since the epoch: keeps records posted at or after it, i.e. whose
  // opening (else first fetch time, as the "newest" sort) is not earlier.
  // posted_within_days=N is now - N days.
  std::optional<int64_t> postedSince;
  SortOrder sort = SortOrder::Relevance;
  size_t offset = 0;
  size_t limit = 20;
  // Languages whose stemmers parse the query (the parses are ORed, together
  // with an unstemmed parse so exact words weigh more). Supported: ca es en fr.
  std::vector<std::string> languages{"ca", "es", "en", "fr"};
  // The moment status and next deadline refer to; default timeutil::now().
  std::optional<int64_t> now;
};

// A byte range [begin, begin + length) of Snippet::text matching the query.
struct Highlight {
  size_t begin = 0;
  size_t length = 0;
};

// Plain text (not escaped): callers escape for their output and wrap the
// highlighted ranges themselves (e.g. in <mark>).
struct Snippet {
  std::string text;
  std::vector<Highlight> highlights;
};

// One source's record of a call (provenance of a de-duplicated result).
struct SourceRef {
  std::string source;
  std::string id;
  std::string url;
};

struct Hit {
  Record record; // as indexed (document data), without status
  // Every record of this call, the shown one first: the same call reached through
  // several sources (shared id or alias) is one hit; each keeps its own fields.
  std::vector<SourceRef> sources;
  int percent = 0;
  std::string status;                      // statusName(statusAt(record, now))
  std::optional<std::string> nextDeadline; // first deadline >= now, as in the record
  Snippet snippet;
};

struct FacetValue {
  std::string value;
  size_t count = 0;
};

struct SearchResult {
  size_t total = 0; // exact: the matcher checks every document
  std::vector<Hit> hits;
  // "source", "programme", "language", "kind" -> values by count, highest
  // first; counts over the whole filtered result set, not just the page.
  // "status" -> open, forthcoming, closed (even when 0), then unknown when > 0.
  // "sdg" -> goals "1".."17" by number: the source's SDGs and the tagger's,
  // a record counted once per goal.
  // "deadline_month" -> "YYYY-MM" (Europe/Madrid) of each record's next
  // deadline at `now`, chronological; records with none are not counted.
  std::map<std::string, std::vector<FacetValue>> facets;
  // The query with its misspelt words corrected ("urbn mobility" -> "urban
  // mobility"), from the words of titles, summaries and keywords; only when it
  // differs from the query and corrects no word the index knows. Field syntax
  // stays as typed; words after title:/summary: are not checked (Xapian
  // corrects free-text words only). nullopt otherwise.
  std::optional<std::string> suggestion;
};

class Searcher {
public:
  // Opens the index read-only. Throws IndexError when there is no index at
  // `path`, SchemaVersionError when it holds another schema version.
  explicit Searcher(const std::string& path);
  ~Searcher();
  Searcher(const Searcher&) = delete;
  Searcher& operator=(const Searcher&) = delete;

  // Throws QueryError for a query or filter it cannot understand.
  SearchResult search(const SearchRequest& request);

  // The record with this id, as a hit at `now` (no snippet) listing every
  // record of its call (as search does); nullopt if absent.
  std::optional<Hit> findById(const std::string& id, std::optional<int64_t> now = std::nullopt);

  // Up to `limit` records like the one with this id, most similar first: the
  // terms that best tell it apart (words, stems, concepts; no filter terms)
  // ORed. Never the record itself nor another record of its call (same
  // de-duplication cluster, its documents or its parent call); one hit per
  // call. Hits have no snippet. Empty when the id is unknown.
  std::vector<Hit> similar(const std::string& id, size_t limit = 5,
                           std::optional<int64_t> now = std::nullopt);

  size_t documentCount();

private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

} // namespace convoca::index
