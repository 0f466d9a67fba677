#include "convoca/index/searcher.h"

#include "call_cluster.h"
#include "convoca/index/timeutil.h"
#include "deadline_order.h"
#include "facets.h"
#include "index_support.h"
#include "query_builder.h"
#include "ranking.h"
#include "similar.h"
#include "snippet.h"

#include <optional>
#include <xapian.h>

namespace convoca::index {

namespace {

// Adds the other records of the hit's cluster (collapsed away by the match).
// `shown` is the database's document id: Document::get_docid() gives a
// shard's own id when the database has several shards.
void addDuplicates(const Xapian::Database& database, const Xapian::Document& document, Xapian::docid shown,
                   Hit& hit) {
  const std::string term = detail::booleanTerm(schema::kCluster, document.get_value(schema::kCollapseKey));
  for (auto it = database.postlist_begin(term); it != database.postlist_end(term); ++it) {
    if (*it == shown) continue;
    const Record other = recordFromJson(database.get_document(*it).get_data());
    hit.sources.push_back({other.source, other.id, other.url});
  }
}

// The hits of a collapsed match at `now`, each with the other records of its call.
// `stemmers` null: no snippets.
std::vector<Hit> hitsOf(const Xapian::Database& database, const std::vector<detail::RankedMatch>& matches,
                        int64_t now, detail::SnippetStemmers* stemmers) {
  std::vector<Hit> hits;
  for (const auto& [set, it] : matches) {
    const Xapian::Document document = it.get_document();
    Hit hit = detail::hitFor(document, now);
    if (it.get_collapse_count() > 0) addDuplicates(database, document, *it, hit);
    hit.percent = it.get_percent();
    if (stemmers) hit.snippet = detail::snippetFor(set, hit.record, *stemmers);
    hits.push_back(std::move(hit));
  }
  return hits;
}

std::vector<detail::RankedMatch> inOrder(const Xapian::MSet& matches) {
  std::vector<detail::RankedMatch> ranked;
  for (auto it = matches.begin(); it != matches.end(); ++it) ranked.push_back({matches, it});
  return ranked;
}

} // namespace

struct Searcher::Impl {
  std::string path;
  Xapian::Database database;
  detail::StubWatch stub;

  explicit Impl(std::string dbPath)
      : path(std::move(dbPath)), database(detail::openForReading(path)), stub(path) {}

  // Sees the latest commit, and the database a reindex or restore swapped in;
  // a reader that fell too far behind a writer gets DatabaseModifiedError,
  // after which one reopen and retry is enough.
  template <typename Operation> auto withLatest(Operation operation) {
    try {
      if (stub.changed()) database = detail::openForReading(path);
      database.reopen();
      return operation();
    } catch (const Xapian::DatabaseModifiedError&) {
      database.reopen();
      return operation();
    }
  }

  // The collapsed match of `query` in `order`, counted by `spies`; checking
  // every document makes the total and the facet counts exact.
  Xapian::MSet matchAll(const Xapian::Query& query, SortOrder order, const detail::FacetSpies& spies,
                        size_t offset, size_t limit, int64_t now) {
    Xapian::Enquire enquire(database);
    enquire.set_query(query);
    const std::unique_ptr<Xapian::KeyMaker> sortKey = detail::applySortOrder(enquire, order, now);
    spies.attachTo(enquire);
    enquire.set_collapse_key(detail::collapseSlotFor(database)); // one result per call, whatever the sources
    return enquire.get_mset(static_cast<Xapian::doccount>(offset), static_cast<Xapian::doccount>(limit),
                            database.get_doccount());
  }

  SearchResult run(const SearchRequest& request) {
    const int64_t now = request.now ? *request.now : timeutil::now();
    const Xapian::Query query = detail::buildQuery(database, request, now);

    std::optional<detail::FacetSpies> spies;
    Xapian::MSet matches;
    std::vector<detail::RankedMatch> page;
    try {
      spies.emplace(now, /*local=*/true);
      matches = matchAll(query, request.sort, *spies, request.offset, request.limit, now);
      page = inOrder(matches);
    } catch (const Xapian::UnimplementedError&) {
      // Shards behind xapian-tcpsrv run no KeyMaker and no custom match spy:
      // the deadline order is made from value sorts (deadline_order.h), the
      // status counts by count queries, the other counts from a plain match.
      spies.emplace(now, /*local=*/false);
      if (request.sort == SortOrder::Deadline) {
        matches = matchAll(query, SortOrder::Relevance, *spies, 0, 0, now);
        page = detail::deadlineOrderedPage(database, query, now, request.offset, request.limit);
      } else {
        matches = matchAll(query, request.sort, *spies, request.offset, request.limit, now);
        page = inOrder(matches);
      }
    }
    SearchResult result;
    // With a collapse key Xapian 1.4 still scales its estimate (it said 190
    // for 187 calls); the lower bound counts the distinct keys the collapser
    // saw, which is exact when every document was checked.
    result.total = matches.get_matches_lower_bound();
    detail::SnippetStemmers stemmers(query);
    result.hits = hitsOf(database, page, now, &stemmers);
    spies->collectInto(result.facets);
    if (!spies->countsStatus()) result.facets["status"] = detail::statusFacet(database, query, now);
    result.suggestion = detail::spellingSuggestion(database, request, now);
    return result;
  }

  std::vector<Hit> similarTo(const std::string& id, size_t limit, int64_t now) {
    const std::string term = detail::uniqueTerm(id);
    Xapian::PostingIterator posting = database.postlist_begin(term);
    if (posting == database.postlist_end(term) || limit == 0) return {};
    const Xapian::Document document = database.get_document(*posting);
    const std::optional<Xapian::Query> query =
        detail::similarQuery(database, *posting, document, recordFromJson(document.get_data()));
    if (!query) return {};
    Xapian::Enquire enquire(database);
    enquire.set_query(*query);
    enquire.set_collapse_key(detail::collapseSlotFor(database));
    return hitsOf(database, inOrder(enquire.get_mset(0, static_cast<Xapian::doccount>(limit))), now,
                  /*stemmers=*/nullptr);
  }

  std::optional<Hit> find(const std::string& id, int64_t now) {
    const std::string term = detail::uniqueTerm(id);
    Xapian::PostingIterator posting = database.postlist_begin(term);
    if (posting == database.postlist_end(term)) return std::nullopt;
    const Xapian::Document document = database.get_document(*posting);
    Hit hit = detail::hitFor(document, now);
    addDuplicates(database, document, *posting, hit);
    return hit;
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

std::vector<Hit> Searcher::similar(const std::string& id, size_t limit, std::optional<int64_t> now) {
  try {
    return impl_->withLatest([&] { return impl_->similarTo(id, limit, now ? *now : timeutil::now()); });
  } catch (const Xapian::Error& e) {
    throw IndexError("similar records in " + impl_->path + " failed: " + e.get_description());
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
