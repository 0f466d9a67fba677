// Catalan and French elisions: "l'enllumenat" is found by "enllumenat".
#include "convoca/index/indexer.h"
#include "convoca/index/searcher.h"
#include "test_records.h"

#include <gtest/gtest.h>

namespace convoca::index {
namespace {

using testing::makeRecord;
using testing::TempDir;

size_t hitsFor(Searcher& searcher, const std::string& query) {
  SearchRequest request;
  request.query = query;
  request.now = testing::kNow;
  return searcher.search(request).hits.size();
}

TEST(Elision, ElidedCatalanAndFrenchWordsAreFoundAlone) {
  TempDir dir;
  {
    Indexer indexer(dir.path());
    Record catalan = makeRecord("raisc", "1", "Millora de l'enllumenat públic i d’habitatges");
    catalan.language = "ca";
    Record french = makeRecord("feeds", "2", "Gestion de l'eau en ville");
    french.language = "fr";
    Record english = makeRecord("feeds", "3", "Don't miss the city's call");
    for (const Record& r : {catalan, french, english}) indexer.upsert(r);
    indexer.commit();
  }
  Searcher searcher(dir.path());
  EXPECT_EQ(hitsFor(searcher, "enllumenat"), 1u);
  EXPECT_EQ(hitsFor(searcher, "l'enllumenat"), 1u);
  EXPECT_EQ(hitsFor(searcher, "habitatges"), 1u) << "the curly apostrophe too";
  EXPECT_EQ(hitsFor(searcher, "eau"), 1u);
  // "city's" is found as "city" (and the French "ville" through the city concept).
  EXPECT_GE(hitsFor(searcher, "city"), 1u);
  EXPECT_EQ(hitsFor(searcher, "title:city"), 1u);
}

} // namespace
} // namespace convoca::index
