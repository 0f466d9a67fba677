// The search API's controller, without HTTP: query parameters in, JSON out.
// WebServer serves it as GET /api/search; the functions are public so they can
// be tested and reused (e.g. the same hit JSON elsewhere).
//
// Parameters of GET /api/search (all optional):
//   q              query text, Xapian syntax (see index::SearchRequest::query)
//   source, programme, status, language, kind, and every other filter field of
//                  index/schema.h (sdg, country, keyword, call, topic, entity,
//                  tag, priority, action, id). Repeatable: values of one field
//                  are ORed, different fields ANDed. status: open|forthcoming|closed.
//   sort           relevance (default) | deadline | newest
//   offset         0 or more (default 0)
//   limit          0..100 (default 20)
//   lang           languages the query is read in: ca, es, en, fr; repeatable
//                  or comma-separated (default all four). Not a filter: records
//                  are filtered by language with `language`.
//   deadline_from, deadline_to   YYYY-MM-DD, days in Europe/Madrid
//   budget_min, budget_max       EUR
//   posted_within_days           opening (else first fetch) within the last N days
//   format         json (default) | csv: served by the route, not read here
// Any other parameter, or one of these given twice where it is not repeatable,
// is a bad request: a misspelt filter must not silently widen a search.
//
// Response:
//   {"query": "...", "total": N, "offset": N, "limit": N, "sort": "relevance",
//    "results": [hit...],
//    "facets": {"source": [{"value": "...", "count": N}...], "programme": [...],
//               "status": [...], "language": [...], "kind": [...],
//               "sdg": [...] ("1".."17"), "deadline_month": [...] ("2026-12")},
//    "suggestion": "corrected query" | null}
// hit: {"id", "title", "url", "programme", "programme_code", "source", "kind",
//       "language", "status", "next_deadline", "deadlines", "deadlines_time_assumed",
//       "opening", "budget": {"amount", "currency"}, "call_id", "topic_id",
//       "snippet_html", "score"}
// id, title and source are always strings; any other unknown value is null,
// and an unknown list is empty. Instants (next_deadline, deadlines, opening)
// are RFC 3339 with Europe/Madrid's offset at that instant. status is
// open|forthcoming|closed|unknown at the moment of the query. score is
// Xapian's percentage (0-100). snippet_html is the only HTML: the snippet text
// escaped, with <mark>...</mark> around the query's matches.
// Errors: {"error": {"status": 400, "message": "..."}}.
#pragma once

#include "convoca/index/searcher.h"

#include <Poco/JSON/Object.h>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace convoca::web {

// A parameter the API cannot accept; what() says which and why (answered as 400).
class BadRequest : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

// Decoded query-string pairs, in request order.
using QueryParameters = std::vector<std::pair<std::string, std::string>>;

inline constexpr size_t kMaxLimit = 100;

// Throws BadRequest for an unknown, repeated or malformed parameter.
index::SearchRequest searchRequestFromParameters(const QueryParameters& parameters);

Poco::JSON::Object::Ptr searchResponseJson(const index::SearchRequest& request,
                                           const index::SearchResult& result);

Poco::JSON::Object::Ptr hitJson(const index::Hit& hit);

// The snippet as HTML: every character of the text escaped, with <mark> around
// each highlighted range (ranges clamped, sorted and merged first). Escaping
// piece by piece keeps the byte offsets of the plain text valid; the marks are
// the only markup in the result.
std::string snippetHtml(const index::Snippet& snippet);

// & < > " ' as entities: safe in element content and quoted attributes.
std::string escapeHtml(std::string_view text);

} // namespace convoca::web
