#include "convoca/index/indexer.h"
#include "convoca/index/searcher.h"
#include "test_records.h"

#include <gtest/gtest.h>
#include <string>

namespace convoca::index {
namespace {

using testing::kNow;

class QueryErrorTest : public ::testing::Test {
protected:
  QueryErrorTest() {
    Indexer indexer(dir_.path());
    indexer.upsert(testing::makeRecord("eu-ft", "A", "Urban soil"));
    indexer.commit();
  }

  void expectQueryError(SearchRequest request, const std::string& expectedWords) {
    request.now = kNow;
    Searcher searcher(dir_.path());
    try {
      searcher.search(request);
      FAIL() << "accepted query '" << request.query << "'";
    } catch (const QueryError& e) {
      EXPECT_NE(std::string(e.what()).find(expectedWords), std::string::npos) << e.what();
    }
  }
  void expectQueryError(const std::string& query, const std::string& expectedWords) {
    SearchRequest request;
    request.query = query;
    expectQueryError(request, expectedWords);
  }

  testing::TempDir dir_;
};

TEST_F(QueryErrorTest, BadSyntaxCarriesXapiansMessage) {
  expectQueryError("soil AND", "Syntax: <expression> AND <expression>");
  expectQueryError("NOT", "Syntax");
}

TEST_F(QueryErrorTest, UnknownStatusIsRefused) {
  expectQueryError("status:bogus", "not one of open, forthcoming, closed");
  SearchRequest request;
  request.filters = {{"status", "pending"}};
  expectQueryError(request, "not one of");
}

TEST_F(QueryErrorTest, UnknownFilterFieldIsRefused) {
  SearchRequest request;
  request.filters = {{"colour", "blue"}};
  expectQueryError(request, "unknown filter field 'colour'");
}

TEST_F(QueryErrorTest, BadFilterValuesAreRefused) {
  SearchRequest sdg;
  sdg.filters = {{"sdg", "18"}};
  expectQueryError(sdg, "not a Sustainable Development Goal");
  SearchRequest empty;
  empty.filters = {{"source", ""}};
  expectQueryError(empty, "a value is required");
  SearchRequest date;
  date.deadlineFrom = "01/03/2026";
  expectQueryError(date, "not a date YYYY-MM-DD");
  SearchRequest language;
  language.query = "soil";
  language.languages = {"de"};
  expectQueryError(language, "language 'de'");
}

TEST_F(QueryErrorTest, BadRangeIsRefused) {
  expectQueryError("budget:lots..more", "range");
}

TEST_F(QueryErrorTest, LenientSyntaxStillSearches) {
  Searcher searcher(dir_.path());
  SearchRequest request;
  request.now = kNow;
  for (const std::string query : {"title:(", "\"urban soil", "soil -", "(soil"}) {
    request.query = query;
    EXPECT_NO_THROW(searcher.search(request)) << query;
  }
}

} // namespace
} // namespace convoca::index
