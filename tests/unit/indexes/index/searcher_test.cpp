#include "convoca/index/indexer.h"
#include "convoca/index/searcher.h"
#include "test_records.h"

#include <algorithm>
#include <fstream>
#include <gtest/gtest.h>
#include <memory>
#include <set>
#include <string>

namespace convoca::index {
namespace {

using testing::daysFromNow;
using testing::kDay;
using testing::kNow;

const std::string kSoil = "eu-ft:HORIZON-MISS-2027-05-SOIL-01";
const std::string kGovernance = "eu-ft:HORIZON-CL6-2026-04-GOVERNANCE-01";
const std::string kLife = "eu-ft:LIFE-2026-CLIMA-CITIES";
const std::string kHousing = "cat-gov:habitatge-2026";
const std::string kMobility = "bdns:812345";
const std::string kWater = "ungm:eau-2026";
const std::string kGuide = "cat-gov:guia-ajuts";

// One index of the sample records shared by every search test (read-only).
class SearchTest : public ::testing::Test {
protected:
  static void SetUpTestSuite() {
    dir_ = std::make_unique<testing::TempDir>();
    Indexer indexer(dir_->path());
    for (const auto& record : testing::sampleRecords()) indexer.upsert(record);
    indexer.commit();
  }
  static void TearDownTestSuite() { dir_.reset(); }

  SearchResult search(SearchRequest request) {
    if (!request.now) request.now = kNow;
    return searcher_.search(request);
  }
  SearchResult search(const std::string& query) {
    SearchRequest request;
    request.query = query;
    return search(request);
  }
  SearchResult filtered(std::vector<std::pair<std::string, std::string>> filters, int64_t now = kNow) {
    SearchRequest request;
    request.filters = std::move(filters);
    request.now = now;
    return search(request);
  }

  static std::vector<std::string> ids(const SearchResult& result) {
    std::vector<std::string> out;
    for (const auto& hit : result.hits) out.push_back(hit.record.id);
    return out;
  }
  static std::set<std::string> idSet(const SearchResult& result) {
    auto list = ids(result);
    return {list.begin(), list.end()};
  }
  static size_t facetCount(const SearchResult& result, const std::string& facet, const std::string& value) {
    const auto& values = result.facets.at(facet);
    auto it =
        std::find_if(values.begin(), values.end(), [&](const FacetValue& v) { return v.value == value; });
    return it == values.end() ? 0 : it->count;
  }

  static std::unique_ptr<testing::TempDir> dir_;
  Searcher searcher_{dir_->path()};
};

std::unique_ptr<testing::TempDir> SearchTest::dir_;

TEST_F(SearchTest, TitleMatchRanksFirst) {
  const SearchResult result = search("soil");
  ASSERT_EQ(result.total, 2u);
  EXPECT_EQ(ids(result), (std::vector<std::string>{kSoil, kGovernance}));
  EXPECT_GT(result.hits[0].percent, result.hits[1].percent);
}

TEST_F(SearchTest, WordsAreAndedSoBothWordsRankFirst) {
  const SearchResult result = search("soil governance");
  ASSERT_GE(result.total, 1u);
  EXPECT_EQ(result.hits[0].record.id, kGovernance);
  EXPECT_EQ(search("soil OR climate").total, 3u);
}

TEST_F(SearchTest, FieldPrefixesRestrictTheSearch) {
  EXPECT_EQ(ids(search("title:soil")), std::vector<std::string>{kSoil});
  EXPECT_EQ(idSet(search("programme:horizon")), (std::set<std::string>{kSoil, kGovernance}));
  EXPECT_EQ(search("programme:HORIZON").total, 2u);
  EXPECT_EQ(idSet(search("source:eu-ft")), (std::set<std::string>{kSoil, kGovernance, kLife}));
  EXPECT_EQ(idSet(search("lang:ca")), (std::set<std::string>{kHousing, kGuide}));
  EXPECT_EQ(ids(search("summary:farmers")), std::vector<std::string>{kSoil});
  EXPECT_EQ(ids(search("kind:tender")), std::vector<std::string>{kWater});
  EXPECT_EQ(idSet(search("sdg:11")), (std::set<std::string>{kLife, kHousing}));
  EXPECT_EQ(ids(search("keyword:\"soil health\"")), std::vector<std::string>{kSoil});
  EXPECT_EQ(ids(search("soil source:eu-ft -title:soil")), std::vector<std::string>{kGovernance});
}

TEST_F(SearchTest, CallAndTopicIdentifiersAreFound) {
  const SearchResult pasted = search("HORIZON-CL6-2026-04-GOVERNANCE-01");
  ASSERT_GE(pasted.total, 1u);
  EXPECT_EQ(pasted.hits[0].record.id, kGovernance);
  EXPECT_EQ(search("GOVERNANCE").hits.at(0).record.id, kGovernance);
  EXPECT_EQ(ids(search("topic:horizon-cl6-2026-04-governance-01")), std::vector<std::string>{kGovernance});
  EXPECT_EQ(ids(search("call:HORIZON-MISS-2027-05")), std::vector<std::string>{kSoil});
  EXPECT_EQ(ids(search("id:" + kLife)), std::vector<std::string>{kLife});
  EXPECT_EQ(ids(search("id:HORIZON-MISS-2027-05-SOIL-01")), std::vector<std::string>{kSoil});
}

TEST_F(SearchTest, CatalanWordsMatchTheirInflections) {
  SearchRequest request;
  request.query = "habitatge";
  request.languages = {"ca"};
  EXPECT_EQ(ids(search(request)), std::vector<std::string>{kHousing});
  EXPECT_EQ(ids(search("rehabilitació habitatge")), std::vector<std::string>{kHousing});
}

TEST_F(SearchTest, SpanishAndFrenchWordsAreStemmedToo) {
  EXPECT_EQ(ids(search("subvención movilidad")), std::vector<std::string>{kMobility});
  EXPECT_EQ(ids(search("ressource")), std::vector<std::string>{kWater});
}

TEST_F(SearchTest, WildcardsAndPhrasesWork) {
  EXPECT_EQ(ids(search("gover*")), std::vector<std::string>{kGovernance});
  EXPECT_EQ(ids(search("\"living labs\" soil")), std::vector<std::string>{kSoil});
}

TEST_F(SearchTest, EmptyQueryListsEverything) {
  const SearchResult all = search("");
  EXPECT_EQ(all.total, 7u);
  EXPECT_EQ(all.hits.size(), 7u);
  EXPECT_EQ(search("   ").total, 7u);
}

TEST_F(SearchTest, StatusIsComputedAtQueryTime) {
  EXPECT_EQ(idSet(filtered({{"status", "open"}})), (std::set<std::string>{kSoil, kHousing}));
  EXPECT_EQ(idSet(filtered({{"status", "closed"}})), (std::set<std::string>{kGovernance, kMobility}));
  EXPECT_EQ(idSet(filtered({{"status", "forthcoming"}})), (std::set<std::string>{kLife}));
  EXPECT_EQ(idSet(filtered({{"status", "unknown"}})), (std::set<std::string>{kWater, kGuide}));

  // The same index a month later: the housing call has closed by itself and LIFE has opened.
  const int64_t later = kNow + 30 * kDay;
  EXPECT_EQ(idSet(filtered({{"status", "open"}}, later)), (std::set<std::string>{kSoil, kLife}));
  EXPECT_EQ(idSet(filtered({{"status", "closed"}}, later)),
            (std::set<std::string>{kGovernance, kMobility, kHousing}));
  EXPECT_EQ(filtered({{"status", "forthcoming"}}, later).total, 0u);
}

TEST_F(SearchTest, StatusFilterAgreesWithStatusOfEachHit) {
  size_t checked = 0;
  for (const int64_t now : {kNow - 400 * kDay, kNow, kNow + 19 * kDay, kNow + 21 * kDay, kNow + 300 * kDay}) {
    for (const std::string status : {"open", "forthcoming", "closed"}) {
      for (const Hit& hit : filtered({{"status", status}}, now).hits) {
        EXPECT_EQ(hit.status, status) << hit.record.id << " at " << now;
        ++checked;
      }
    }
    EXPECT_EQ(filtered({{"status", "open"}}, now).total + filtered({{"status", "forthcoming"}}, now).total +
                  filtered({{"status", "closed"}}, now).total,
              5u)
        << "every dated record has exactly one status at " << now;
  }
  EXPECT_EQ(checked, 25u);
}

TEST_F(SearchTest, StatusCanBeWrittenInTheQuery) {
  EXPECT_EQ(idSet(search("status:open")), (std::set<std::string>{kSoil, kHousing}));
  EXPECT_EQ(ids(search("soil status:closed")), std::vector<std::string>{kGovernance});
}

TEST_F(SearchTest, SameFieldFiltersAreOredDifferentFieldsAnded) {
  EXPECT_EQ(filtered({{"source", "eu-ft"}, {"source", "cat-gov"}}).total, 5u);
  EXPECT_EQ(idSet(filtered({{"source", "eu-ft"}, {"source", "cat-gov"}, {"status", "open"}})),
            (std::set<std::string>{kSoil, kHousing}));
  EXPECT_EQ(filtered({{"lang", "ca"}, {"language", "es"}}).total, 3u);
  EXPECT_EQ(idSet(filtered({{"country", "es"}, {"sdg", "ODS11"}})), (std::set<std::string>{kHousing}));
  EXPECT_EQ(ids(filtered({{"entity", "Local-Authority"}})), std::vector<std::string>{kSoil});
}

TEST_F(SearchTest, DeadlineRangeMatchesAnyStage) {
  SearchRequest secondStage;
  secondStage.deadlineFrom = testing::homeDay(kNow + 190 * kDay);
  secondStage.deadlineTo = testing::homeDay(kNow + 210 * kDay);
  EXPECT_EQ(ids(search(secondStage)), std::vector<std::string>{kSoil});

  SearchRequest nextWeek;
  nextWeek.deadlineTo = testing::homeDay(kNow + 7 * kDay);
  nextWeek.deadlineFrom = testing::homeDay(kNow);
  EXPECT_EQ(ids(search(nextWeek)), std::vector<std::string>{kHousing});

  SearchRequest bothDaysIncluded;
  bothDaysIncluded.deadlineFrom = bothDaysIncluded.deadlineTo = testing::homeDay(kNow + 5 * kDay);
  EXPECT_EQ(ids(search(bothDaysIncluded)), std::vector<std::string>{kHousing});
}

TEST_F(SearchTest, BudgetRangeKeepsRecordsWithABudgetInEuro) {
  SearchRequest request;
  request.budgetMin = 1e6;
  request.budgetMax = 4e6;
  EXPECT_EQ(idSet(search(request)), (std::set<std::string>{kGovernance, kLife}));
  request.budgetMax.reset();
  EXPECT_EQ(search(request).total, 3u);
  EXPECT_EQ(idSet(search("budget:100000..1000000")), (std::set<std::string>{kHousing}));
}

TEST_F(SearchTest, SortsByNextDeadlineWithUndatedLast) {
  SearchRequest request;
  request.sort = SortOrder::Deadline;
  const auto order = ids(search(request));
  ASSERT_EQ(order.size(), 7u);
  EXPECT_EQ(std::vector<std::string>(order.begin(), order.begin() + 3),
            (std::vector<std::string>{kHousing, kSoil, kLife}));

  // After the first stage the soil call's next deadline is its second stage.
  request.now = kNow + 21 * kDay;
  const auto later = ids(search(request));
  EXPECT_EQ(std::vector<std::string>(later.begin(), later.begin() + 2),
            (std::vector<std::string>{kLife, kSoil}));
}

TEST_F(SearchTest, SortsNewestFirst) {
  SearchRequest request;
  request.sort = SortOrder::Newest;
  const auto order = ids(search(request));
  ASSERT_EQ(order.size(), 7u);
  EXPECT_EQ(order.front(), kLife); // opens in two weeks
}

TEST_F(SearchTest, PostedSinceKeepsRecordsOpenedOrFirstFetchedSinceThen) {
  SearchRequest request;
  request.postedSince = kNow - 7 * kDay;
  // Opened 30 and 100 days ago: out. Opening in two weeks, or no opening but
  // fetched yesterday: in.
  EXPECT_EQ(idSet(search(request)), (std::set<std::string>{kLife, kHousing, kMobility, kWater, kGuide}));
  request.postedSince = kNow - 60 * kDay;
  EXPECT_TRUE(idSet(search(request)).count(kSoil));
  EXPECT_FALSE(idSet(search(request)).count(kGovernance));
}

TEST_F(SearchTest, HitsCarryStatusAndNextDeadline) {
  const SearchResult result = search("title:soil");
  ASSERT_EQ(result.hits.size(), 1u);
  const Hit& hit = result.hits[0];
  EXPECT_EQ(hit.status, "open");
  EXPECT_EQ(hit.nextDeadline, daysFromNow(20));
  EXPECT_EQ(hit.record.programmeCode, "HORIZON");
  EXPECT_EQ(hit.record.deadlines.size(), 2u);
}

TEST_F(SearchTest, PagesWithOffsetAndLimit) {
  SearchRequest request;
  request.sort = SortOrder::Deadline;
  request.offset = 1;
  request.limit = 2;
  const SearchResult page = search(request);
  EXPECT_EQ(page.total, 7u);
  EXPECT_EQ(ids(page), (std::vector<std::string>{kSoil, kLife}));
}

TEST_F(SearchTest, FacetCountsAreExactOverTheWholeResult) {
  SearchRequest request;
  request.limit = 1;
  const SearchResult all = search(request);
  EXPECT_EQ(facetCount(all, "source", "eu-ft"), 3u);
  EXPECT_EQ(facetCount(all, "source", "cat-gov"), 2u);
  EXPECT_EQ(facetCount(all, "source", "bdns"), 1u);
  EXPECT_EQ(all.facets.at("source").front().value, "eu-ft");
  EXPECT_EQ(facetCount(all, "programme", "HORIZON"), 2u);
  EXPECT_EQ(facetCount(all, "language", "en"), 3u);
  EXPECT_EQ(facetCount(all, "kind", "call"), 5u);
  EXPECT_EQ(facetCount(all, "status", "open"), 2u);
  EXPECT_EQ(facetCount(all, "status", "closed"), 2u);
  EXPECT_EQ(facetCount(all, "status", "forthcoming"), 1u);
  EXPECT_EQ(facetCount(all, "status", "unknown"), 2u);

  const SearchResult soil = search("soil");
  EXPECT_EQ(facetCount(soil, "status", "open"), 1u);
  EXPECT_EQ(facetCount(soil, "status", "closed"), 1u);
  EXPECT_EQ(facetCount(soil, "source", "cat-gov"), 0u);
}

TEST_F(SearchTest, SnippetHighlightsTheMatchedWord) {
  const SearchResult result = search("habitatge");
  ASSERT_EQ(result.hits.size(), 1u);
  const Snippet& snippet = result.hits[0].snippet;
  ASSERT_FALSE(snippet.highlights.empty()) << snippet.text;
  const Highlight& first = snippet.highlights[0];
  EXPECT_EQ(snippet.text.substr(first.begin, first.length), "habitatges");
}

TEST_F(SearchTest, SnippetIsPlainTextForCallersToEscape) {
  const SearchResult result = search("procurement");
  ASSERT_EQ(result.hits.size(), 1u);
  const Snippet& snippet = result.hits[0].snippet;
  EXPECT_NE(snippet.text.find("R&D <b>bold</b>"), std::string::npos) << snippet.text;
  ASSERT_EQ(snippet.highlights.size(), 1u);
  EXPECT_EQ(snippet.text.substr(snippet.highlights[0].begin, snippet.highlights[0].length), "procurement");
}

TEST_F(SearchTest, OpensTheIndexThroughAStubFile) {
  const std::string stub = dir_->path("index.stub");
  std::ofstream(stub) << "auto " << dir_->path() << "\n";
  Searcher throughStub(stub);
  EXPECT_EQ(throughStub.documentCount(), 7u);
}

TEST_F(SearchTest, FindsOneRecordById) {
  auto hit = searcher_.findById(kLife, kNow + 20 * kDay);
  ASSERT_TRUE(hit);
  EXPECT_EQ(hit->status, "open");
  EXPECT_EQ(hit->record.title, "Climate adaptation in cities");
  EXPECT_FALSE(searcher_.findById("eu-ft:nothing", kNow));
}

TEST_F(SearchTest, PlainWordsAlsoMatchTheConceptsTheyNameInOtherLanguages) {
  // The Catalan call says "habitatges assequibles"; the query is English.
  const auto found = idSet(search("affordable housing"));
  EXPECT_TRUE(found.count(kHousing)) << "found through the concept, not the words";
  // Operators mean the user said exactly what they want: no concepts then.
  EXPECT_FALSE(idSet(search("\"affordable housing\"")).count(kHousing));
  // The words stay ANDed: a concept stands in for its own words only.
  EXPECT_FALSE(idSet(search("affordable housing soil")).count(kHousing));
}

TEST_F(SearchTest, StopwordsOfTheQueryLanguageAreNotRequired) {
  // The call says "rehabilitació d'habitatges", never "dels".
  EXPECT_TRUE(idSet(search("la rehabilitació dels habitatges")).count(kHousing));
  // A phrase keeps every word.
  EXPECT_FALSE(idSet(search("\"rehabilitació dels habitatges\"")).count(kHousing));
}

} // namespace
} // namespace convoca::index
