#include "convoca/index/searcher.h"

#include "convoca/index/timeutil.h"
#include "facets.h"
#include "index_support.h"
#include "query_builder.h"
#include "ranking.h"
#include "snippet.h"

#include <xapian.h>

namespace convoca::index {

namespace {

// Adds the other records of the hit's cluster (collapsed away by the match).
void addDuplicates(const Xapian::Database& database, const Xapian::Document& shown, Hit& hit) {
  const std::string term = detail::booleanTerm(schema::kCluster, shown.get_value(schema::kCollapseKey));
  for (auto it = database.postlist_begin(term); it != database.postlist_end(term); ++it) {
    if (*it == shown.get_docid()) continue;
    const Record other = recordFromJson(database.get_document(*it).get_data());
    hit.sources.push_back({other.source, other.id, other.url});
  }
}

} // namespace

struct Searcher::Impl {
  std::string path;
  Xapian::Database database;

  explicit Impl(std::string dbPath) : path(std::move(dbPath)), database(detail::openForReading(path)) {}

  // Sees the latest commit; a reader that fell too far behind a writer gets
  // DatabaseModifiedError, after which one reopen and retry is enough.
  template <typename Operation> auto withLatest(Operation operation) {
    try {
      database.reopen();
      return operation();
    } catch (const Xapian::DatabaseModifiedError&) {
      database.reopen();
      return operation();
    }
  }

  SearchResult run(const SearchRequest& request) {
    const int64_t now = request.now ? *request.now : timeutil::now();
    const Xapian::Query query = detail::buildQuery(database, request, now);

    Xapian::Enquire enquire(database);
    enquire.set_query(query);
    const std::unique_ptr<Xapian::KeyMaker> sortKey = detail::applySortOrder(enquire, request.sort, now);
    const detail::FacetSpies spies;
    spies.attachTo(enquire);
    enquire.set_collapse_key(schema::kCollapseKey); // one result per call, whatever the sources
    // Checking every document makes the total and the facet counts exact.
    const Xapian::MSet matches =
        enquire.get_mset(static_cast<Xapian::doccount>(request.offset),
                         static_cast<Xapian::doccount>(request.limit), database.get_doccount());
    SearchResult result;
    result.total = matches.get_matches_estimated();
    for (auto it = matches.begin(); it != matches.end(); ++it) {
      const Xapian::Document document = it.get_document();
      Hit hit = detail::hitFor(document, now);
      if (it.get_collapse_count() > 0) addDuplicates(database, document, hit);
      hit.percent = it.get_percent();
      hit.snippet = detail::snippetFor(matches, hit.record);
      result.hits.push_back(std::move(hit));
    }
    spies.collectInto(result.facets);
    result.facets["status"] = detail::statusFacet(database, query, now);
    return result;
  }

  std::optional<Hit> find(const std::string& id, int64_t now) {
    const std::string term = detail::uniqueTerm(id);
    Xapian::PostingIterator posting = database.postlist_begin(term);
    if (posting == database.postlist_end(term)) return std::nullopt;
    return detail::hitFor(database.get_document(*posting), now);
  }
};

Searcher::Searcher(const std::string& path) : impl_(std::make_unique<Impl>(path)) {}

Searcher::~Searcher() = default;

SearchResult Searcher::search(const SearchRequest& request) {
  try {
    return impl_->withLatest([&] { return impl_->run(request); });
  } catch (const Xapian::Error& e) {
    throw IndexError("search in " + impl_->path + " failed: " + e.get_description());
  }
}

std::optional<Hit> Searcher::findById(const std::string& id, std::optional<int64_t> now) {
  try {
    return impl_->withLatest([&] { return impl_->find(id, now ? *now : timeutil::now()); });
  } catch (const Xapian::Error& e) {
    throw IndexError("lookup in " + impl_->path + " failed: " + e.get_description());
  }
}

size_t Searcher::documentCount() {
  try {
    return impl_->withLatest([&] { return static_cast<size_t>(impl_->database.get_doccount()); });
  } catch (const Xapian::Error& e) {
    throw IndexError("index " + impl_->path + ": " + e.get_description());
  }
}

} // namespace convoca::index
