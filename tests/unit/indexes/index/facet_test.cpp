// The "sdg" and "deadline_month" facets, the combination values they are
// counted from (facet_values.h), and the packed value a local search counts
// every facet from (facet_pack.h).
#include "convoca/index/indexer.h"
#include "convoca/index/schema.h"
#include "convoca/index/searcher.h"
#include "facet_pack.h"
#include "facet_values.h"
#include "test_records.h"

#include <gtest/gtest.h>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>
#include <xapian.h>

namespace convoca::index {
namespace {

using testing::daysFromNow;
using testing::kDay;
using testing::kNow;
using testing::makeRecord;
using testing::TempDir;

SdgTagEvidence tag(int goal) {
  return SdgTagEvidence{goal, 0.6, {"why"}};
}

// At kNow (2026-03-02): next deadlines in March, April (twice: one of them is
// 31 March in UTC but 1 April in Madrid), December; one closed, one undated.
std::vector<Record> facetRecords() {
  Record both = makeRecord("eu-ft", "both", "Sustainable cities");
  both.sdgs = {11};
  both.analysis.sdgTags = {tag(11), tag(13)};
  both.deadlines = {daysFromNow(-10), daysFromNow(20), daysFromNow(200)};
  Record given = makeRecord("eu-ft", "given", "Urban regeneration");
  given.sdgs = {11};
  given.deadlines = {"2026-03-31T22:30:00Z"};
  Record tagged = makeRecord("bdns", "tagged", "Health centres");
  tagged.analysis.sdgTags = {tag(3)};
  tagged.deadlines = {daysFromNow(40)};
  Record closed = makeRecord("bdns", "closed", "Closed call");
  closed.deadlines = {daysFromNow(-5)};
  Record undated = makeRecord("ungm", "undated", "Undated tender");
  Record late = makeRecord("ungm", "late", "Late call");
  late.deadlines = {daysFromNow(300)};
  Record soon = makeRecord("bdns", "soon", "Forthcoming call");
  soon.opening = daysFromNow(15);
  // A source's mistake: it opens after its deadline.
  Record inverted = makeRecord("bdns", "inverted", "Opening after the deadline");
  inverted.opening = daysFromNow(10);
  inverted.deadlines = {daysFromNow(-10)};
  return {both, given, tagged, closed, undated, late, soon, inverted};
}

std::vector<std::pair<std::string, size_t>> facetOf(const SearchResult& result, const std::string& name) {
  std::vector<std::pair<std::string, size_t>> values;
  for (const auto& value : result.facets.at(name)) values.emplace_back(value.value, value.count);
  return values;
}

using Counts = std::vector<std::pair<std::string, size_t>>;

class FacetTest : public ::testing::Test {
protected:
  static void SetUpTestSuite() {
    dir_ = std::make_unique<TempDir>();
    IndexerOptions options;
    options.analyse = false; // the SDG tags are the ones given above
    Indexer indexer(dir_->path(), options);
    for (const auto& record : facetRecords()) indexer.upsert(record);
    indexer.commit();
  }
  static void TearDownTestSuite() { dir_.reset(); }

  SearchResult searchAt(int64_t now, std::vector<std::pair<std::string, std::string>> filters = {}) {
    SearchRequest request;
    request.now = now;
    request.limit = 1; // counts cover the whole result, not the page
    request.filters = std::move(filters);
    return searcher_.search(request);
  }

  static std::unique_ptr<TempDir> dir_;
  Searcher searcher_{dir_->path()};
};

std::unique_ptr<TempDir> FacetTest::dir_;

TEST_F(FacetTest, SdgFacetCountsEachRecordOncePerGoalInGoalOrder) {
  // "both" has 11 from the source and from the tagger: counted once.
  EXPECT_EQ(facetOf(searchAt(kNow), "sdg"), (Counts{{"3", 1}, {"11", 2}, {"13", 1}}));
}

TEST_F(FacetTest, SdgFacetFollowsTheFilters) {
  EXPECT_EQ(facetOf(searchAt(kNow, {{"source", "bdns"}}), "sdg"), (Counts{{"3", 1}}));
}

// With a one-hit page this also pins `total` as exact under collapsing.
TEST_F(FacetTest, FilteringOnAnSdgFacetValueFindsAsManyRecordsAsItCounted) {
  for (const auto& [goal, count] : facetOf(searchAt(kNow), "sdg"))
    EXPECT_EQ(searchAt(kNow, {{"sdg", goal}}).total, count) << "goal " << goal;
}

TEST_F(FacetTest, DeadlineMonthFacetCountsNextDeadlinesByMadridMonthChronologically) {
  EXPECT_EQ(facetOf(searchAt(kNow), "deadline_month"),
            (Counts{{"2026-03", 1}, {"2026-04", 2}, {"2026-12", 1}}));
}

TEST_F(FacetTest, DeadlineMonthFacetDependsOnNow) {
  // 25 days on, "both" is past its first stage: its next deadline is in September.
  EXPECT_EQ(facetOf(searchAt(kNow + 25 * kDay), "deadline_month"),
            (Counts{{"2026-04", 2}, {"2026-09", 1}, {"2026-12", 1}}));
  // 45 days on, April has gone by.
  EXPECT_EQ(facetOf(searchAt(kNow + 45 * kDay), "deadline_month"), (Counts{{"2026-09", 1}, {"2026-12", 1}}));
}

// The status facet is counted in the main match (FacetPackSpy); it must
// agree with the status filter, which is a value range query, at any moment.
TEST_F(FacetTest, StatusFacetCountsWhatEachStatusFilterFinds) {
  for (const int64_t now : {kNow - 400 * kDay, kNow, kNow + 12 * kDay, kNow + 16 * kDay, kNow + 400 * kDay}) {
    const Counts statuses = facetOf(searchAt(now), "status");
    ASSERT_GE(statuses.size(), 3u) << "open, forthcoming and closed are always listed";
    EXPECT_EQ(statuses[0].first, "open");
    EXPECT_EQ(statuses[1].first, "forthcoming");
    EXPECT_EQ(statuses[2].first, "closed");
    for (const auto& [status, count] : statuses)
      EXPECT_EQ(searchAt(now, {{"status", status}}).total, count) << status << " at " << now;
  }
  EXPECT_EQ(facetOf(searchAt(kNow), "status"),
            (Counts{{"open", 4}, {"forthcoming", 2}, {"closed", 1}, {"unknown", 1}}));
  EXPECT_EQ(facetOf(searchAt(kNow, {{"source", "bdns"}}), "status"),
            (Counts{{"open", 1}, {"forthcoming", 2}, {"closed", 1}}));
}

TEST_F(FacetTest, NewFacetsAreEmptyWhenNothingMatches) {
  const SearchResult none = searchAt(kNow, {{"source", "nowhere"}});
  EXPECT_TRUE(none.facets.at("sdg").empty());
  EXPECT_TRUE(none.facets.at("deadline_month").empty());
}

// The combination slots are counted by Xapian's own ValueCountMatchSpy, which
// the stock xapian-tcpsrv rebuilds; splitting combinations afterwards must give
// the same counts as one spy per goal or month would.
TEST(FacetValues, CombinationCountsSplitIntoGoalsAndNextDeadlineMonths) {
  TempDir dir;
  IndexerOptions options;
  options.analyse = false;
  {
    Indexer indexer(dir.path("db"), options);
    for (const Record& record : facetRecords()) indexer.upsert(record);
    indexer.commit();
  }
  Xapian::Database database(dir.path("db"));
  Xapian::Enquire enquire(database);
  enquire.set_query(Xapian::Query::MatchAll);
  Xapian::ValueCountMatchSpy goals(schema::kSdgGoals);
  Xapian::ValueCountMatchSpy deadlines(schema::kDeadlineList);
  enquire.add_matchspy(&goals);
  enquire.add_matchspy(&deadlines);
  enquire.get_mset(0, 0, database.get_doccount());
  const std::map<int, Xapian::doccount> expectedGoals{{3, 1}, {11, 2}, {13, 1}};
  EXPECT_EQ(detail::goalCounts(detail::countsOf(goals)), expectedGoals);
  const std::map<std::string, Xapian::doccount> expectedMonths{
      {"2026-03", 1}, {"2026-04", 2}, {"2026-12", 1}};
  EXPECT_EQ(detail::nextDeadlineMonthCounts(detail::countsOf(deadlines), kNow, "Europe/Madrid"),
            expectedMonths);
}

TEST(FacetValues, CombinationValuesAreAscendingCommaSeparatedNumbers) {
  EXPECT_EQ(detail::sdgGoalsValue({15, 2, 11}), "2,11,15");
  EXPECT_EQ(detail::deadlineListValue({1700000000, 1800000000}), "1700000000,1800000000");
  EXPECT_EQ(detail::sdgGoalsValue({}), "");
}

// A search on a local database counts facets from kFacetPack alone; it must
// hold exactly what the separate slots (read by filters, sorts and remote
// shards) hold, empty slots included.
TEST(FacetPack, EveryDocumentPacksExactlyItsOwnFacetSlots) {
  TempDir dir;
  {
    Indexer indexer(dir.path("db"));
    for (const Record& record : facetRecords()) indexer.upsert(record);
    indexer.commit();
  }
  Xapian::Database database(dir.path("db"));
  ASSERT_EQ(database.get_doccount(), facetRecords().size());
  for (auto posting = database.postlist_begin(""); posting != database.postlist_end(""); ++posting) {
    const Xapian::Document document = database.get_document(*posting);
    const std::string packed = document.get_value(schema::kFacetPack);
    const std::optional<detail::FacetPackFields> fields = detail::unpackFacets(packed);
    ASSERT_TRUE(fields) << "document " << *posting;
    for (size_t i = 0; i < fields->size(); ++i) {
      const auto field = static_cast<detail::PackedFacet>(i);
      EXPECT_EQ(std::string((*fields)[i]), document.get_value(detail::slotOf(field)))
          << "document " << *posting << ", field " << i;
    }
  }
}

TEST(FacetPack, LongValuesSurviveAndBrokenValuesAreRefused) {
  Xapian::Document document;
  const std::string longProgramme(300, 'p'); // a length of two bytes
  document.add_value(detail::slotOf(detail::PackedFacet::Programme), longProgramme);
  document.add_value(detail::slotOf(detail::PackedFacet::OpenUntil), "until");
  const std::string packed = detail::facetPackOf(document);
  const auto fields = detail::unpackFacets(packed);
  ASSERT_TRUE(fields);
  EXPECT_EQ((*fields)[static_cast<size_t>(detail::PackedFacet::Programme)], longProgramme);
  EXPECT_EQ((*fields)[static_cast<size_t>(detail::PackedFacet::OpenUntil)], "until");
  EXPECT_EQ((*fields)[static_cast<size_t>(detail::PackedFacet::Source)], "");
  EXPECT_FALSE(detail::unpackFacets(""));
  EXPECT_FALSE(detail::unpackFacets(packed.substr(0, packed.size() - 1)));
  EXPECT_FALSE(detail::unpackFacets("\x85")); // a length byte that says more follows, and nothing does
}

} // namespace
} // namespace convoca::index
