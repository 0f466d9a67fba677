// Searcher::similar: records like a given one, never its own call.
#include "convoca/index/indexer.h"
#include "convoca/index/searcher.h"
#include "test_records.h"

#include <algorithm>
#include <gtest/gtest.h>
#include <memory>
#include <string>
#include <vector>

namespace convoca::index {
namespace {

using testing::kNow;
using testing::makeRecord;
using testing::TempDir;

const std::string kMobility = "eu-ft:MOBILITY-1";
const std::string kOtherMobility = "bdns:900001";
const std::string kHousing = "eu-ft:HOUSING-1";
const std::string kMobilityAlias = "raisc:R-77";
const std::string kMobilityGuide = "eu-ft:MOBILITY-1/guide";

std::vector<Record> similarRecords() {
  Record mobility = makeRecord("eu-ft", "MOBILITY-1", "Sustainable urban mobility plans for cities");
  mobility.summary = "Cycling lanes, public transport and low-emission zones in urban areas.";
  Record other = makeRecord("bdns", "900001", "Urban mobility: public transport and cycling");
  other.summary = "Grants for municipalities improving public transport, cycling lanes and urban mobility.";
  Record housing = makeRecord("eu-ft", "HOUSING-1", "Affordable housing renovation in cities");
  housing.summary = "Renovation of social rental housing in urban areas.";
  Record soil = makeRecord("eu-ft", "SOIL-1", "Soil health living labs");
  soil.summary = "Farmers and researchers test soil management practices.";
  // The same call through another source, and a document of the call.
  Record alias = makeRecord("raisc", "R-77", "Sustainable urban mobility plans for cities");
  alias.aliases = {kMobility};
  alias.summary = mobility.summary;
  Record guide = makeRecord("eu-ft", "MOBILITY-1/guide", "Guide to sustainable urban mobility plans");
  guide.kind = "document";
  guide.parent = kMobility;
  guide.summary = "How to write cycling and public transport plans for low-emission zones.";
  return {mobility, other, housing, soil, alias, guide};
}

class SimilarTest : public ::testing::Test {
protected:
  static void SetUpTestSuite() {
    dir_ = std::make_unique<TempDir>();
    IndexerOptions options;
    options.analyse = false;
    Indexer indexer(dir_->path(), options);
    for (const auto& record : similarRecords()) indexer.upsert(record);
    indexer.commit();
  }
  static void TearDownTestSuite() { dir_.reset(); }

  std::vector<std::string> similarIds(const std::string& id, size_t limit = 5) {
    std::vector<std::string> ids;
    for (const Hit& hit : searcher_.similar(id, limit, kNow)) ids.push_back(hit.record.id);
    return ids;
  }

  static std::unique_ptr<TempDir> dir_;
  Searcher searcher_{dir_->path()};
};

std::unique_ptr<TempDir> SimilarTest::dir_;

TEST_F(SimilarTest, AMobilityCallIsMostLikeTheOtherMobilityCall) {
  const std::vector<std::string> ids = similarIds(kMobility);
  ASSERT_FALSE(ids.empty());
  EXPECT_EQ(ids.front(), kOtherMobility);
  const auto housing = std::find(ids.begin(), ids.end(), kHousing);
  if (housing != ids.end()) {
    EXPECT_GT(housing - ids.begin(), 0);
  }
}

TEST_F(SimilarTest, NeverTheRecordItselfNorAnotherRecordOfItsCall) {
  for (const std::string& id : similarIds(kMobility, 10)) {
    EXPECT_NE(id, kMobility);
    EXPECT_NE(id, kMobilityAlias) << "same de-duplication cluster";
    EXPECT_NE(id, kMobilityGuide) << "a document of the call";
  }
  for (const std::string& id : similarIds(kMobilityGuide, 10)) EXPECT_NE(id, kMobility) << "its parent call";
}

TEST_F(SimilarTest, HitsCarryStatusAndRespectTheLimit) {
  const std::vector<Hit> hits = searcher_.similar(kOtherMobility, 1, kNow);
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].status, "unknown");
  EXPECT_GT(hits[0].percent, 0);
  EXPECT_TRUE(searcher_.similar(kOtherMobility, 0, kNow).empty());
}

TEST_F(SimilarTest, TheOtherSourcesOfASimilarCallAreListed) {
  const std::vector<Hit> hits = searcher_.similar(kOtherMobility, 5, kNow);
  ASSERT_FALSE(hits.empty());
  EXPECT_EQ(hits[0].sources.size(), 2u) << "the mobility call through eu-ft and raisc is one hit";
}

TEST_F(SimilarTest, UnknownIdGivesNothing) {
  EXPECT_TRUE(searcher_.similar("eu-ft:NO-SUCH-CALL", 5, kNow).empty());
}

} // namespace
} // namespace convoca::index
