// The same call reaching the index through several sources is one search result.
#include "convoca/index/index_store.h"
#include "convoca/index/indexer.h"
#include "convoca/index/schema.h"
#include "convoca/index/searcher.h"
#include "test_records.h"

#include <gtest/gtest.h>
#include <map>
#include <set>
#include <xapian.h>

namespace convoca::index {
namespace {

using testing::makeRecord;
using testing::TempDir;

TEST(Dedup, RecordsSharingAnAliasAreOneResultListingEverySource) {
  TempDir dir;
  {
    Indexer indexer(dir.path());
    Record national = makeRecord("bdns", "716352", "Subvencions per a la renaturalització urbana");
    national.url = "https://www.infosubvenciones.es/bdnstrans/GE/es/convocatorias/716352";
    Record regional = makeRecord("raisc", "R-2026-118", "Subvencions per a la renaturalització urbana");
    regional.aliases = {"bdns:716352"};
    regional.url = "https://analisi.transparenciacatalunya.cat/resource/khxn-nv6a.json";
    Record other = makeRecord("bdns", "716353", "Ajuts a la renaturalització de patis escolars");
    for (const Record& r : {national, regional, other}) indexer.upsert(r);
    indexer.commit();
  }
  Searcher searcher(dir.path());
  SearchRequest request;
  request.query = "renaturalització";
  request.now = testing::kNow;
  SearchResult result = searcher.search(request);
  ASSERT_EQ(result.hits.size(), 2u);
  EXPECT_EQ(result.total, 2u);
  const Hit& merged = result.hits[0].sources.size() == 2 ? result.hits[0] : result.hits[1];
  ASSERT_EQ(merged.sources.size(), 2u);
  std::set<std::string> ids{merged.sources[0].id, merged.sources[1].id};
  EXPECT_EQ(ids, (std::set<std::string>{"bdns:716352", "raisc:R-2026-118"}));
  EXPECT_EQ(merged.sources[0].id, merged.record.id) << "the shown record comes first";
  const Hit& alone = &merged == &result.hits[0] ? result.hits[1] : result.hits[0];
  EXPECT_EQ(alone.sources.size(), 1u);
}

TEST(Dedup, ACallLookedUpByIdListsEverySourceItCameFrom) {
  TempDir dir;
  {
    Indexer indexer(dir.path());
    Record national = makeRecord("bdns", "716352", "Subvencions per a la renaturalització urbana");
    Record regional = makeRecord("raisc", "R-2026-118", "Subvencions per a la renaturalització urbana");
    regional.aliases = {"bdns:716352"};
    for (const Record& r : {national, regional}) indexer.upsert(r);
    indexer.commit();
  }
  Searcher searcher(dir.path());
  for (const std::string id : {"bdns:716352", "raisc:R-2026-118"}) {
    const std::optional<Hit> hit = searcher.findById(id, testing::kNow);
    ASSERT_TRUE(hit) << id;
    ASSERT_EQ(hit->sources.size(), 2u) << id;
    EXPECT_EQ(hit->sources[0].id, id) << "the record asked for comes first";
    std::set<std::string> ids{hit->sources[0].id, hit->sources[1].id};
    EXPECT_EQ(ids, (std::set<std::string>{"bdns:716352", "raisc:R-2026-118"}));
  }
}

// Which records of the database at `path` carry the local collapse key (schema.h).
std::map<std::string, bool> localCollapseKeys(const std::string& path) {
  const Xapian::Database database(path);
  std::map<std::string, bool> keyed;
  for (auto it = database.postlist_begin(""); it != database.postlist_end(""); ++it) {
    const Xapian::Document document = database.get_document(*it);
    keyed[recordFromJson(document.get_data()).id] = !document.get_value(schema::kLocalCollapseKey).empty();
  }
  return keyed;
}

size_t hitsFor(const std::string& path, const std::string& words, size_t& total) {
  Searcher searcher(path);
  SearchRequest request;
  request.query = words;
  request.now = testing::kNow;
  const SearchResult result = searcher.search(request);
  total = result.total;
  return result.hits.size();
}

// A search of one database collapses only records whose call has another
// record there; the first record of a call learns it when the second arrives,
// in a later run, and a rebuild keeps it.
TEST(Dedup, ARecordJoiningItsCallInALaterRunMergesWithTheFirstOne) {
  TempDir dir;
  const Record national = makeRecord("bdns", "716352", "Subvencions per a la renaturalització urbana");
  const Record other = makeRecord("bdns", "716353", "Ajuts a la renaturalització de patis escolars");
  Record regional = makeRecord("raisc", "R-2026-118", "Subvencions per a la renaturalització urbana");
  regional.aliases = {"bdns:716352"};
  {
    Indexer indexer(dir.path());
    indexer.upsert(national);
    indexer.upsert(other);
    indexer.commit();
  }
  size_t total = 0;
  EXPECT_EQ(hitsFor(dir.path(), "renaturalització", total), 2u);
  EXPECT_EQ(total, 2u);
  EXPECT_EQ(localCollapseKeys(dir.path()),
            (std::map<std::string, bool>{{"bdns:716352", false}, {"bdns:716353", false}}));
  {
    Indexer indexer(dir.path());
    indexer.upsert(regional);
    indexer.commit();
  }
  EXPECT_EQ(hitsFor(dir.path(), "renaturalització", total), 2u);
  EXPECT_EQ(total, 2u);
  const std::map<std::string, bool> expected{
      {"bdns:716352", true}, {"bdns:716353", false}, {"raisc:R-2026-118", true}};
  EXPECT_EQ(localCollapseKeys(dir.path()), expected);

  const std::string rebuilt = dir.path("rebuilt");
  rebuildDatabase(dir.path(), rebuilt, IndexerOptions{});
  EXPECT_EQ(localCollapseKeys(rebuilt), expected);
  EXPECT_EQ(hitsFor(rebuilt, "renaturalització", total), 2u);
  EXPECT_EQ(total, 2u);
}

TEST(Dedup, ClusterKeyIsSharedThroughAliasesAndIgnoresOrder) {
  Record a = makeRecord("bdns", "1", "t");
  Record b = makeRecord("raisc", "X", "t");
  b.aliases = {"bdns:1"};
  EXPECT_EQ(clusterKeyOf(a), clusterKeyOf(b));
  EXPECT_EQ(clusterKeyOf(makeRecord("raisc", "Y", "t")), "raisc:Y");
}

TEST(Dedup, AliasesMustNameASource) {
  EXPECT_THROW(
      recordFromJson(R"({"id":"a:1","source":"a","kind":"call","title":"t","aliases":["no-colon"]})"),
      RecordError);
  Record r = recordFromJson(R"({"id":"a:1","source":"a","kind":"call","title":"t","aliases":["bdns:7"]})");
  EXPECT_EQ(r.aliases, std::vector<std::string>{"bdns:7"});
}

} // namespace
} // namespace convoca::index
