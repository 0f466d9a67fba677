// The hard gates: a call that fails one never appears, and every passed gate
// says on what evidence.
#include "convoca/index/indexer.h"
#include "convoca/index/matcher.h"
#include "test_records.h"

#include <algorithm>
#include <gtest/gtest.h>
#include <set>

namespace convoca::index {
namespace {

using testing::daysFromNow;
using testing::kNow;
using testing::makeRecord;

// Every call is about "urban greening" so the words never decide; only gates do.
Record greening(const std::string& key) {
  Record record = makeRecord("eu-ft", key, "Urban greening " + key);
  record.summary = "Urban greening and trees in cities.";
  record.opening = daysFromNow(-10);
  record.deadlines = {daysFromNow(30)};
  record.programmeCode = "LIFE";
  return record;
}

std::vector<Record> gatedCalls() {
  std::vector<Record> records;
  records.push_back(greening("OPEN"));
  Record closed = greening("CLOSED");
  closed.deadlines = {daysFromNow(-1)};
  records.push_back(closed);
  Record forthcoming = greening("FORTHCOMING");
  forthcoming.opening = daysFromNow(10);
  forthcoming.deadlines = {daysFromNow(90)};
  records.push_back(forthcoming);
  Record far = greening("FAR");
  far.deadlines = {daysFromNow(500)};
  records.push_back(far);
  Record continuous = greening("CONTINUOUS");
  continuous.deadlines.clear();
  records.push_back(continuous);
  Record undated = greening("UNDATED");
  undated.opening.reset();
  undated.deadlines.clear();
  records.push_back(undated);
  Record document = greening("DOC");
  document.kind = "document";
  records.push_back(document);
  Record horizon = greening("HORIZON");
  horizon.programmeCode = "HORIZON";
  records.push_back(horizon);
  Record small = greening("SMALL");
  small.budget = Budget{20000, "EUR"};
  records.push_back(small);
  Record big = greening("BIG");
  big.budget = Budget{2e6, "EUR"};
  records.push_back(big);
  Record people = greening("PEOPLE");
  people.eligibleEntities = {"PERSONAS FÍSICAS QUE NO DESARROLLAN ACTIVIDAD ECONÓMICA"};
  records.push_back(people);
  Record nonEconomic = greening("NONECONOMIC");
  nonEconomic.eligibleEntities = {"PERSONAS JURÍDICAS QUE NO DESARROLLAN ACTIVIDAD ECONÓMICA"};
  records.push_back(nonEconomic);
  Record local = greening("LOCAL");
  local.eligibleEntities = {"Local authorities", "NGOs"};
  records.push_back(local);
  Record france = greening("FRANCE");
  france.eligibleCountries = {"FR"};
  records.push_back(france);
  Record barcelona = greening("BARCELONA");
  barcelona.eligibleCountries = {"ES511"};
  records.push_back(barcelona);
  Record madrid = greening("MADRID");
  madrid.eligibleCountries = {"ES30"};
  records.push_back(madrid);
  Record spain = greening("SPAIN");
  spain.eligibleCountries = {"ES"};
  records.push_back(spain);
  return records;
}

class GatesTest : public ::testing::Test {
protected:
  static void SetUpTestSuite() {
    dir_ = std::make_unique<testing::TempDir>();
    Indexer indexer(dir_->path());
    for (const auto& record : gatedCalls()) indexer.upsert(record);
    indexer.commit();
  }
  static void TearDownTestSuite() { dir_.reset(); }

  static MatchRequest request() {
    MatchRequest request;
    request.profile.id = "p";
    request.profile.title = "Urban greening";
    request.profile.language = "en";
    request.profile.description = "Urban greening and trees in cities.";
    request.now = kNow;
    request.limit = 100;
    return request;
  }

  static std::set<std::string> keys(const MatchResult& result) {
    std::set<std::string> out;
    for (const auto& match : result.matches) out.insert(match.hit.record.id.substr(6));
    return out;
  }
  std::set<std::string> matchKeys(const MatchRequest& request) {
    return keys(Matcher(dir_->path()).match(request));
  }

  static std::unique_ptr<testing::TempDir> dir_;
};

std::unique_ptr<testing::TempDir> GatesTest::dir_;

TEST_F(GatesTest, OnlyOpenOrForthcomingCallsWithinTheHorizonPass) {
  const auto found = matchKeys(request());
  EXPECT_TRUE(found.count("OPEN"));
  EXPECT_TRUE(found.count("FORTHCOMING"));
  EXPECT_TRUE(found.count("CONTINUOUS")) << "open with no deadline: a continuous call";
  EXPECT_FALSE(found.count("CLOSED"));
  EXPECT_FALSE(found.count("FAR")) << "deadline past the 365-day horizon";
  EXPECT_FALSE(found.count("UNDATED")) << "status unknown is not open";
  EXPECT_FALSE(found.count("DOC")) << "documents are not calls";
}

TEST_F(GatesTest, IncludeClosedLetsClosedAndFarCallsIn) {
  MatchRequest closed = request();
  closed.profile.includeClosed = true;
  const auto found = matchKeys(closed);
  EXPECT_TRUE(found.count("CLOSED"));
  EXPECT_TRUE(found.count("FAR"));
  EXPECT_FALSE(found.count("DOC"));
}

TEST_F(GatesTest, AShortHorizonDropsLaterDeadlines) {
  MatchRequest soon = request();
  soon.profile.horizonDays = 20;
  const auto found = matchKeys(soon);
  EXPECT_FALSE(found.count("OPEN")) << "deadline in 30 days";
  EXPECT_TRUE(found.count("CONTINUOUS"));
}

TEST_F(GatesTest, ProgrammesBudgetEntitiesAndPlacesGate) {
  MatchRequest programme = request();
  programme.profile.programmes = {"HORIZON"};
  EXPECT_EQ(matchKeys(programme), (std::set<std::string>{"HORIZON"}));

  MatchRequest budget = request();
  budget.profile.budget = ProfileBudget{50000, std::nullopt, "EUR"};
  auto found = matchKeys(budget);
  EXPECT_FALSE(found.count("SMALL"));
  EXPECT_TRUE(found.count("BIG"));
  EXPECT_TRUE(found.count("OPEN")) << "no budget stated: not a reason to hide a call";

  MatchRequest entity = request();
  entity.profile.eligibility.entityTypes = {"local-authority"};
  found = matchKeys(entity);
  EXPECT_FALSE(found.count("PEOPLE"));
  EXPECT_TRUE(found.count("NONECONOMIC"));
  EXPECT_TRUE(found.count("LOCAL"));
  EXPECT_TRUE(found.count("OPEN"));

  MatchRequest synonym = request();
  synonym.profile.eligibility.entityTypes = {"Municipality"};
  EXPECT_EQ(matchKeys(synonym), found) << "another name for a local authority";

  MatchRequest place = request();
  place.profile.eligibility.countries = {"ES"};
  place.profile.eligibility.regions = {"ES51"};
  found = matchKeys(place);
  EXPECT_FALSE(found.count("FRANCE"));
  EXPECT_FALSE(found.count("MADRID"));
  EXPECT_TRUE(found.count("BARCELONA"));
  EXPECT_TRUE(found.count("SPAIN"));
  EXPECT_TRUE(found.count("OPEN"));
}

TEST_F(GatesTest, EveryPassedGateSaysWhy) {
  MatchRequest gated = request();
  gated.profile.eligibility.regions = {"ES51"};
  gated.profile.eligibility.entityTypes = {"local-authority"};
  const MatchResult result = Matcher(dir_->path()).match(gated);
  for (const auto& match : result.matches) {
    if (match.hit.record.id != "eu-ft:BARCELONA") continue;
    std::set<std::string> gates;
    for (const auto& gate : match.gates) {
      gates.insert(gate.gate);
      EXPECT_FALSE(gate.detail.empty());
    }
    EXPECT_TRUE(gates.count("status") && gates.count("horizon") && gates.count("place") &&
                gates.count("entity"));
    return;
  }
  FAIL() << "BARCELONA should pass";
}

TEST_F(GatesTest, GatesAreOffForEvaluation) {
  MatchRequest evaluation = request();
  evaluation.gates = false;
  const auto found = matchKeys(evaluation);
  EXPECT_TRUE(found.count("CLOSED"));
  EXPECT_TRUE(found.count("UNDATED"));
}

} // namespace
} // namespace convoca::index
