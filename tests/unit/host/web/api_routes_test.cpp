// Every JSON API route over real HTTP, with canned calls (FakeSearchService),
// profiles in memory and a real state DB in a scratch directory: calls,
// calendar and ICS, saved searches and their feeds, the pipeline, profiles and
// feedback, harvest health, list paging and CSV exports.
#include "api_test_support.h"

#include <Poco/DOM/DOMParser.h>
#include <Poco/DOM/Document.h>
#include <Poco/DOM/Element.h>
#include <Poco/DOM/NodeList.h>
#include <gtest/gtest.h>

namespace convoca::web::testing {
namespace {

const std::string kAtomNamespace = "http://www.w3.org/2005/Atom";

// Harvest history: two runs of eu-ft (fine) and bdns (failing twice), and a change of the soil call.
std::unique_ptr<state::StateDb> harvestedState(const std::string& path, int64_t& newestRun) {
  auto db = std::make_unique<state::StateDb>(path);
  db->upsertSource("eu-ft", "/usr/lib/convoca/plugins/libeu_ft.so", "2.1.0");
  db->upsertSource("bdns", "/usr/lib/convoca/plugins/libbdns.so", "1.0.3");
  for (int round = 0; round < 2; ++round) {
    const int64_t run = db->beginRun("harvest");
    state::SourceRun euft;
    euft.source = "eu-ft";
    euft.outcome = state::RunOutcome::Succeeded;
    euft.counts.fetched = 10;
    euft.counts.added = round == 0 ? 3 : 1;
    euft.durationMs = 1200;
    db->recordSourceRun(run, euft);
    state::SourceRun bdns;
    bdns.source = "bdns";
    bdns.outcome = state::RunOutcome::Failed;
    bdns.message = round == 0 ? "HTTP 503" : "HTTP 503 again";
    db->recordSourceRun(run, bdns);
    db->finishRun(run, false);
    newestRun = run;
  }
  db->recordChanges({{newestRun, kSoilId, "eu-ft", "", "deadlines", R"(["2027-01-01T17:00:00+01:00"])",
                      R"(["2027-02-01T17:00:00+01:00"])"}});
  return db;
}

class ApiRoutesTest : public ::testing::Test {
protected:
  static void SetUpTestSuite() {
    dir_ = std::make_unique<ScratchDir>();
    auto search = std::make_unique<FakeSearchService>(routeResult());
    fake_ = search.get();
    server_ = std::make_unique<WebServer>(testServerOptions(), std::move(search),
                                          std::make_unique<MemoryProfileService>(),
                                          harvestedState(dir_->file("state.db"), newestRun_));
    server_->start();
    client_ = std::make_unique<ApiClient>(server_->port());
    client_->openSession();
  }
  static void TearDownTestSuite() {
    client_.reset();
    server_.reset();
    dir_.reset();
  }

  static HttpResult get(const std::string& uri) { return client_->get(uri); }
  static HttpResult send(const std::string& method, const std::string& uri, const std::string& body = "") {
    return client_->send(method, uri, body);
  }
  static Poco::JSON::Object::Ptr okJson(const std::string& uri) {
    const HttpResult result = get(uri);
    EXPECT_EQ(result.status, 200) << uri << ": " << result.body;
    if (result.status == 200) return result.json();
    // Something to read on, so one failure does not crash the suite.
    Poco::JSON::Object::Ptr empty = new Poco::JSON::Object;
    empty->set("total", 0);
    empty->set("results", Poco::makeShared<Poco::JSON::Array>());
    return empty;
  }
  static std::string pipelineEntry(const std::string& recordId, const std::string& profileId,
                                   const std::string& state, const std::string& extra = "") {
    return R"({"record_id":")" + recordId + R"(","profile_id":")" + profileId + R"(","state":")" + state +
           "\"" + (extra.empty() ? "" : "," + extra) + "}";
  }
  static int64_t createSavedSearch(const std::string& name, const std::string& query) {
    const HttpResult result =
        send("POST", "/api/searches", R"({"name":")" + name + R"(","query":")" + query + "\"}");
    EXPECT_EQ(result.status, 201) << result.body;
    return result.status == 201 ? result.json()->getValue<int64_t>("id") : 0;
  }

  static inline std::unique_ptr<ScratchDir> dir_;
  static inline std::unique_ptr<WebServer> server_;
  static inline std::unique_ptr<ApiClient> client_;
  static inline FakeSearchService* fake_ = nullptr; // owned by server_
  static inline int64_t newestRun_ = 0;
};

// ---- calls ------------------------------------------------------------------

TEST_F(ApiRoutesTest, CallPageHasTheHitTheRecordAndItsChangeLog) {
  const HttpResult result = get("/api/calls/" + kSoilId);
  ASSERT_EQ(result.status, 200) << result.body;
  Poco::JSON::Object::Ptr json = result.json();
  Poco::JSON::Object::Ptr call = json->getObject("call");
  EXPECT_EQ(call->getValue<std::string>("id"), kSoilId);
  EXPECT_EQ(call->getValue<std::string>("title"), "Soil health living labs");
  EXPECT_EQ(call->getValue<std::string>("status"), "open");
  Poco::JSON::Object::Ptr record = json->getObject("record");
  ASSERT_TRUE(record);
  EXPECT_EQ(record->getValue<std::string>("id"), kSoilId);
  EXPECT_EQ(record->getArray("deadlines")->size(), 2u);
  EXPECT_FALSE(record->has("documents_text")) << "the documents' text stays on the server";
  EXPECT_EQ(result.body.find(kDocumentsText), std::string::npos);
  Poco::JSON::Array::Ptr changes = json->getArray("changes");
  ASSERT_EQ(changes->size(), 1u);
  Poco::JSON::Object::Ptr change = changes->getObject(0);
  EXPECT_EQ(change->getValue<int64_t>("run_id"), newestRun_);
  EXPECT_EQ(change->getValue<std::string>("source"), "eu-ft");
  EXPECT_EQ(change->getValue<std::string>("field"), "deadlines");
  EXPECT_EQ(change->getValue<std::string>("after"), R"(["2027-02-01T17:00:00+01:00"])");
  EXPECT_FALSE(change->getValue<std::string>("changed_at").empty());
}

TEST_F(ApiRoutesTest, ACallWithoutChangesHasAnEmptyLog) {
  EXPECT_EQ(okJson("/api/calls/" + kHousingId)->getArray("changes")->size(), 0u);
}

TEST_F(ApiRoutesTest, AnUnknownCallIs404InJson) {
  const HttpResult result = get("/api/calls/eu-ft:NOPE");
  EXPECT_EQ(result.status, 404);
  EXPECT_EQ(result.json()->getObject("error")->getValue<int>("status"), 404);
  EXPECT_EQ(get("/api/calls/" + kSoilId + "?verbose=1").status, 400) << "a call's page takes no parameters";
}

TEST_F(ApiRoutesTest, CallIdsWithSlashesAreServed) {
  EXPECT_EQ(okJson("/api/calls/" + kSlashId)->getObject("call")->getValue<std::string>("id"), kSlashId);
  EXPECT_EQ(get("/api/calls/" + kSlashId + "/similar").status, 200);
}

TEST_F(ApiRoutesTest, SimilarCallsNeverIncludeTheCallItself) {
  Poco::JSON::Array::Ptr results = okJson("/api/calls/" + kSoilId + "/similar")->getArray("results");
  const std::vector<std::string> ids = resultIds(results, "id");
  EXPECT_EQ(ids.size(), 3u);
  EXPECT_EQ(std::count(ids.begin(), ids.end(), kSoilId), 0);
  EXPECT_EQ(okJson("/api/calls/" + kSoilId + "/similar?limit=1")->getArray("results")->size(), 1u);
  EXPECT_EQ(get("/api/calls/" + kSoilId + "/similar?limit=21").status, 400);
  EXPECT_EQ(get("/api/calls/" + kSoilId + "/similar?limit=0").status, 400);
  EXPECT_EQ(get("/api/calls/" + kSoilId + "/similar?colour=red").status, 400);
  EXPECT_EQ(get("/api/calls/eu-ft:NOPE/similar").status, 404);
}

// ---- calendar ---------------------------------------------------------------

TEST_F(ApiRoutesTest, CalendarListsEachDeadlineSoonestFirstWithItsStage) {
  Poco::JSON::Object::Ptr json = okJson("/api/calendar");
  EXPECT_EQ(json->getValue<size_t>("total"), 4u) << "the passed cut-off is not listed";
  Poco::JSON::Array::Ptr events = json->getArray("results");
  EXPECT_EQ(resultIds(events, "record_id"),
            (std::vector<std::string>{kHousingId, kSoilId, kSoilId, kCutoffId}));
  const std::vector<std::pair<int, int>> stages{{1, 1}, {1, 2}, {2, 2}, {2, 2}};
  int64_t previous = 0;
  for (unsigned i = 0; i < events->size(); ++i) {
    Poco::JSON::Object::Ptr event = events->getObject(i);
    EXPECT_EQ(event->getValue<int>("stage"), stages[i].first) << i;
    EXPECT_EQ(event->getValue<int>("stages"), stages[i].second) << i;
    const std::optional<int64_t> at = index::timeutil::parseInstant(event->getValue<std::string>("deadline"));
    ASSERT_TRUE(at) << event->getValue<std::string>("deadline");
    EXPECT_GT(*at, previous);
    previous = *at;
    for (const char* key : {"title", "programme", "status", "url"}) EXPECT_TRUE(event->has(key)) << key;
  }
  EXPECT_EQ(events->getObject(1)->getValue<std::string>("title"), "Soil health living labs");
}

TEST_F(ApiRoutesTest, CalendarDefaultsToTodayUntilAYearAhead) {
  ASSERT_EQ(get("/api/calendar").status, 200);
  const index::SearchRequest request = fake_->lastRequest();
  EXPECT_EQ(request.deadlineFrom.value_or(""), dayFromNow(0));
  EXPECT_EQ(request.deadlineTo.value_or(""), dayFromNow(365));
  EXPECT_EQ(request.sort, index::SortOrder::Deadline);
}

TEST_F(ApiRoutesTest, CalendarKeepsToAnExplicitRange) {
  Poco::JSON::Object::Ptr json =
      okJson("/api/calendar?deadline_from=" + dayFromNow(20) + "&deadline_to=" + dayFromNow(100));
  EXPECT_EQ(resultIds(json->getArray("results"), "record_id"), (std::vector<std::string>{kSoilId, kSoilId}));
}

TEST_F(ApiRoutesTest, CalendarPagesAndRefusesParametersItCannotHonour) {
  Poco::JSON::Object::Ptr page = okJson("/api/calendar?offset=1&limit=2");
  EXPECT_EQ(page->getValue<size_t>("total"), 4u);
  EXPECT_EQ(page->getValue<size_t>("offset"), 1u);
  EXPECT_EQ(resultIds(page->getArray("results"), "record_id"), (std::vector<std::string>{kSoilId, kSoilId}));
  EXPECT_EQ(get("/api/calendar?limit=500").status, 200);
  EXPECT_EQ(get("/api/calendar?limit=501").status, 400);
  EXPECT_EQ(get("/api/calendar?sort=deadline").status, 400);
}

TEST_F(ApiRoutesTest, CalendarCsvHasTheBomAHeaderAndARowPerDeadline) {
  const HttpResult result = get("/api/calendar?format=csv");
  ASSERT_EQ(result.status, 200);
  EXPECT_EQ(result.header("Content-Type"), "text/csv; charset=utf-8");
  EXPECT_EQ(result.header("Content-Disposition"), "attachment; filename=\"convoca-calendar.csv\"");
  ASSERT_TRUE(
      startsWith(result.body, std::string(kUtf8Bom) + "deadline,stage,title,programme,status,id,url\r\n"))
      << result.body;
  EXPECT_TRUE(onlyCrlfLineEnds(result.body));
  EXPECT_EQ(occurrences(result.body, "\r\n"), 5u) << "header and four deadlines";
  EXPECT_NE(result.body.find(",2/2,"), std::string::npos);
  EXPECT_NE(result.body.find("\"Ajuts \"\"Habitatge\"\", 2026 — Àrea metropolitana\""), std::string::npos)
      << "quotes doubled, the field quoted, UTF-8 kept";
}

TEST_F(ApiRoutesTest, CalendarIcsHasAVeventPerDeadlineWithStableUids) {
  const HttpResult result = get("/api/calendar.ics");
  ASSERT_EQ(result.status, 200);
  EXPECT_TRUE(startsWith(result.header("Content-Type"), "text/calendar")) << result.header("Content-Type");
  EXPECT_TRUE(startsWith(result.body, "BEGIN:VCALENDAR\r\n"));
  EXPECT_NE(result.body.find("END:VCALENDAR\r\n"), std::string::npos);
  EXPECT_TRUE(onlyCrlfLineEnds(result.body));
  // The same four deadlines as /api/calendar: the passed stage of the cut-off series is left out.
  EXPECT_EQ(occurrences(result.body, "BEGIN:VEVENT\r\n"), 4u);
  EXPECT_EQ(result.body.find("UID:" + deadlineUid(kCutoffId, 0) + "\r\n"), std::string::npos);
  for (const auto& [id, stage] : std::vector<std::pair<std::string, size_t>>{
           {kHousingId, 0}, {kSoilId, 0}, {kSoilId, 1}, {kCutoffId, 1}})
    EXPECT_NE(result.body.find("UID:" + deadlineUid(id, stage) + "\r\n"), std::string::npos)
        << id << " " << stage;
  EXPECT_EQ(get("/api/calendar.ics?sort=deadline").status, 400);
}

// ---- saved searches ---------------------------------------------------------

TEST_F(ApiRoutesTest, SavingASearchAnswers201WithItsFeeds) {
  const HttpResult result =
      send("POST", "/api/searches", R"({"name":"Habitatge obert","query":"q=habitatge&status=open"})");
  ASSERT_EQ(result.status, 201) << result.body;
  Poco::JSON::Object::Ptr saved = result.json();
  const std::string base = "/api/searches/" + std::to_string(saved->getValue<int64_t>("id"));
  EXPECT_EQ(result.header("Location"), base);
  EXPECT_EQ(saved->getValue<std::string>("name"), "Habitatge obert");
  EXPECT_EQ(saved->getValue<std::string>("query"), "q=habitatge&status=open");
  EXPECT_FALSE(saved->getValue<std::string>("created_at").empty());
  EXPECT_EQ(saved->getValue<std::string>("feed_url"), base + "/feed.atom");
  EXPECT_EQ(saved->getValue<std::string>("calendar_url"), base + "/calendar.ics");
}

TEST_F(ApiRoutesTest, AnInvalidSavedSearchIs422) {
  for (const char* body :
       {R"({"name":"x","query":"q=soil&colour=blue"})", R"({"name":"x","query":"sort=sideways"})",
        R"({"name":"","query":"q=soil"})", R"({"query":"q=soil"})"}) {
    const HttpResult result = send("POST", "/api/searches", body);
    EXPECT_EQ(result.status, 422) << body << ": " << result.body;
  }
  EXPECT_NE(errorMessage(send("POST", "/api/searches", R"({"name":"x","query":"q=soil&colour=blue"})"))
                .find("colour"),
            std::string::npos);
}

TEST_F(ApiRoutesTest, SavedSearchesAreListedAndReadOneByOne) {
  const int64_t id = createSavedSearch("Sòl", "q=soil");
  Poco::JSON::Object::Ptr list = okJson("/api/searches");
  std::vector<std::string> names = resultIds(list->getArray("results"), "name");
  EXPECT_NE(std::find(names.begin(), names.end(), "Sòl"), names.end());
  EXPECT_EQ(list->getValue<size_t>("total"), names.size());
  Poco::JSON::Object::Ptr one = okJson("/api/searches/" + std::to_string(id));
  EXPECT_EQ(one->getValue<int64_t>("id"), id);
  EXPECT_EQ(one->getValue<std::string>("query"), "q=soil");
}

TEST_F(ApiRoutesTest, ASavedSearchFeedIsAtomWithAnEntryPerCall) {
  const int64_t id = createSavedSearch("Feed", "q=habitatge&programme=Horizon");
  const HttpResult result = get("/api/searches/" + std::to_string(id) + "/feed.atom");
  ASSERT_EQ(result.status, 200) << result.body;
  EXPECT_EQ(result.header("Content-Type"), "application/atom+xml; charset=utf-8");
  Poco::XML::DOMParser parser;
  Poco::AutoPtr<Poco::XML::Document> feed = parser.parseString(result.body); // throws when not well-formed
  EXPECT_EQ(feed->documentElement()->localName(), "feed");
  EXPECT_EQ(feed->documentElement()->namespaceURI(), kAtomNamespace);
  Poco::AutoPtr<Poco::XML::NodeList> entries = feed->getElementsByTagNameNS(kAtomNamespace, "entry");
  EXPECT_EQ(entries->length(), 4u);
  const index::SearchRequest request = fake_->lastRequest();
  EXPECT_EQ(request.query, "habitatge") << "the saved query drives the feed";
  EXPECT_EQ(request.sort, index::SortOrder::Newest);
  EXPECT_EQ(get("/api/searches/" + std::to_string(id) + "/feed.atom?lang=en").status, 200);
  EXPECT_EQ(get("/api/searches/" + std::to_string(id) + "/feed.atom?lang=de").status, 400);
}

TEST_F(ApiRoutesTest, ASavedSearchCalendarIsIcs) {
  const int64_t id = createSavedSearch("Calendari", "q=soil");
  const HttpResult result = get("/api/searches/" + std::to_string(id) + "/calendar.ics");
  ASSERT_EQ(result.status, 200);
  EXPECT_TRUE(startsWith(result.body, "BEGIN:VCALENDAR\r\n"));
  EXPECT_TRUE(onlyCrlfLineEnds(result.body));
  EXPECT_EQ(occurrences(result.body, "BEGIN:VEVENT\r\n"), 5u);
}

TEST_F(ApiRoutesTest, DeletingASavedSearchAnswers204ThenItIsGone) {
  const std::string uri = "/api/searches/" + std::to_string(createSavedSearch("Temporal", "q=x"));
  EXPECT_EQ(send("DELETE", uri).status, 204);
  EXPECT_EQ(get(uri).status, 404);
  EXPECT_EQ(get(uri + "/feed.atom").status, 404);
  EXPECT_EQ(send("DELETE", uri).status, 404);
}

TEST_F(ApiRoutesTest, UnknownSavedSearchPathsAre404) {
  EXPECT_EQ(get("/api/searches/abc").status, 404);
  EXPECT_EQ(get("/api/searches/999999").status, 404);
  const int64_t id = createSavedSearch("Camins", "q=x");
  EXPECT_EQ(get("/api/searches/" + std::to_string(id) + "/feed.rss").status, 404);
}

// ---- pipeline ---------------------------------------------------------------

TEST_F(ApiRoutesTest, APipelineEntryShowsTheCallsTitleAndStatusFromTheIndex) {
  const HttpResult put =
      send("PUT", "/api/pipeline",
           pipelineEntry(kHousingId, kProfileId, "preparing", R"("owner":"Marta","notes":"Cal soci")"));
  ASSERT_EQ(put.status, 200) << put.body;
  Poco::JSON::Object::Ptr entry = put.json();
  EXPECT_EQ(entry->getValue<std::string>("state"), "preparing");
  EXPECT_EQ(entry->getValue<std::string>("owner"), "Marta");
  EXPECT_EQ(entry->getValue<std::string>("notes"), "Cal soci");
  EXPECT_TRUE(entry->isNull("reason"));
  EXPECT_FALSE(entry->getValue<std::string>("updated_at").empty());
  EXPECT_EQ(entry->getValue<std::string>("title"), "Ajuts \"Habitatge\", 2026 — Àrea metropolitana");
  EXPECT_EQ(entry->getValue<std::string>("programme"), "Pla d'habitatge");
  EXPECT_EQ(entry->getValue<std::string>("status"), "open");
  EXPECT_FALSE(entry->isNull("next_deadline"));

  Poco::JSON::Object::Ptr list = okJson("/api/pipeline?profile=" + kProfileId);
  Poco::JSON::Array::Ptr results = list->getArray("results");
  ASSERT_EQ(results->size(), 1u);
  EXPECT_EQ(results->getObject(0)->getValue<std::string>("record_id"), kHousingId);
  EXPECT_EQ(results->getObject(0)->getValue<std::string>("title"), entry->getValue<std::string>("title"));
}

TEST_F(ApiRoutesTest, ADiscardedCallNeedsAReasonFromTheList) {
  EXPECT_EQ(send("PUT", "/api/pipeline", pipelineEntry(kSoilId, "p-discard", "discarded")).status, 422);
  EXPECT_EQ(
      send("PUT", "/api/pipeline", pipelineEntry(kSoilId, "p-discard", "discarded", R"("reason":"bored")"))
          .status,
      422);
  const HttpResult result = send(
      "PUT", "/api/pipeline", pipelineEntry(kSoilId, "p-discard", "discarded", R"("reason":"no-partner")"));
  ASSERT_EQ(result.status, 200) << result.body;
  EXPECT_EQ(result.json()->getValue<std::string>("reason"), "no-partner");
}

TEST_F(ApiRoutesTest, AReasonOnACallNotDiscardedIs422) {
  const HttpResult result =
      send("PUT", "/api/pipeline", pipelineEntry(kSoilId, "p-reason", "submitted", R"("reason":"other")"));
  EXPECT_EQ(result.status, 422) << result.body;
}

TEST_F(ApiRoutesTest, ABadPipelineEntryIsRefused) {
  EXPECT_EQ(send("PUT", "/api/pipeline", pipelineEntry(kSoilId, "p-bad", "pondering")).status, 422);
  EXPECT_EQ(send("PUT", "/api/pipeline", R"({"profile_id":"p-bad","state":"interesting"})").status, 422);
  EXPECT_EQ(
      send("PUT", "/api/pipeline", pipelineEntry(kSoilId, "p-bad", "interesting", R"("owner":7)")).status,
      422);
  EXPECT_EQ(send("PUT", "/api/pipeline", pipelineEntry("eu-ft:NOPE", "p-bad", "interesting")).status, 404);
  EXPECT_EQ(okJson("/api/pipeline?profile=p-bad")->getValue<size_t>("total"), 0u);
}

TEST_F(ApiRoutesTest, ThePipelineFiltersByProfileStateAndOwner) {
  ASSERT_EQ(
      send("PUT", "/api/pipeline", pipelineEntry(kSoilId, "p-filter-a", "interesting", R"("owner":"Anna")"))
          .status,
      200);
  ASSERT_EQ(
      send("PUT", "/api/pipeline", pipelineEntry(kCutoffId, "p-filter-a", "submitted", R"("owner":"Joan")"))
          .status,
      200);
  ASSERT_EQ(
      send("PUT", "/api/pipeline", pipelineEntry(kSoilId, "p-filter-b", "interesting", R"("owner":"Anna")"))
          .status,
      200);
  EXPECT_EQ(okJson("/api/pipeline?profile=p-filter-a")->getValue<size_t>("total"), 2u);
  EXPECT_EQ(
      resultIds(okJson("/api/pipeline?profile=p-filter-a&state=submitted")->getArray("results"), "record_id"),
      std::vector<std::string>{kCutoffId});
  EXPECT_EQ(
      resultIds(okJson("/api/pipeline?profile=p-filter-b&owner=Anna")->getArray("results"), "profile_id"),
      std::vector<std::string>{"p-filter-b"});
  EXPECT_EQ(okJson("/api/pipeline?profile=p-filter-a&owner=Nobody")->getValue<size_t>("total"), 0u);
  EXPECT_EQ(resultIds(okJson("/api/pipeline?record_id=" + kCutoffId)->getArray("results"), "profile_id"),
            std::vector<std::string>{"p-filter-a"});
  EXPECT_EQ(get("/api/pipeline?state=pondering").status, 400);
}

TEST_F(ApiRoutesTest, ThePipelineCsvIsForManagement) {
  ASSERT_EQ(send("PUT", "/api/pipeline",
                 pipelineEntry(kSoilId, "p-csv", "interesting", R"("notes":"Falta soci, \"urgent\"")"))
                .status,
            200);
  const HttpResult result = get("/api/pipeline?profile=p-csv&format=csv");
  ASSERT_EQ(result.status, 200);
  EXPECT_EQ(result.header("Content-Disposition"), "attachment; filename=\"convoca-pipeline.csv\"");
  EXPECT_TRUE(startsWith(result.body, std::string(kUtf8Bom) +
                                          "title,programme,record_id,profile_id,state,reason,owner,notes,"
                                          "next_deadline,status,updated_at,updated_by,url\r\n"))
      << result.body;
  EXPECT_NE(result.body.find("\"Falta soci, \"\"urgent\"\"\""), std::string::npos) << result.body;
  EXPECT_EQ(occurrences(result.body, "\r\n"), 2u);
}

TEST_F(ApiRoutesTest, RemovingAPipelineEntryAnswers204ThenItIsGone) {
  ASSERT_EQ(send("PUT", "/api/pipeline", pipelineEntry(kSoilId, "p-remove", "interesting")).status, 200);
  const std::string uri = "/api/pipeline?record_id=" + kSoilId + "&profile_id=p-remove";
  EXPECT_EQ(send("DELETE", uri).status, 204);
  EXPECT_EQ(send("DELETE", uri).status, 404);
  EXPECT_EQ(okJson("/api/pipeline?profile=p-remove")->getValue<size_t>("total"), 0u);
  EXPECT_EQ(send("DELETE", "/api/pipeline?profile_id=p-remove").status, 400) << "record_id is required";
  EXPECT_EQ(send("DELETE", uri + "&colour=red").status, 400);
}

// ---- profiles ---------------------------------------------------------------

TEST_F(ApiRoutesTest, CreatingAProfileAnswers201AndItCanBeRead) {
  const HttpResult created = send("POST", "/api/profiles", R"({"id":"p-new","title":"Mobilitat"})");
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(created.header("Location"), "/api/profiles/p-new");
  EXPECT_EQ(created.json()->getValue<std::string>("id"), "p-new");
  EXPECT_EQ(okJson("/api/profiles/p-new")->getValue<std::string>("title"), "Mobilitat");
  const std::vector<std::string> ids = resultIds(okJson("/api/profiles")->getArray("results"), "id");
  EXPECT_NE(std::find(ids.begin(), ids.end(), "p-new"), ids.end());
}

TEST_F(ApiRoutesTest, CreatingAProfileThatExistsIs409) {
  const HttpResult result = send("POST", "/api/profiles", R"({"id":"amb-habitatge","title":"Other"})");
  EXPECT_EQ(result.status, 409);
  EXPECT_EQ(okJson("/api/profiles/amb-habitatge")->getValue<std::string>("title"), "Habitatge assequible");
}

TEST_F(ApiRoutesTest, AnInvalidProfileIs422WithTheValidatorsMessage) {
  const HttpResult result = send("POST", "/api/profiles", R"({"id":"p-invalid"})");
  EXPECT_EQ(result.status, 422);
  EXPECT_NE(errorMessage(result).find("title"), std::string::npos) << result.body;
  EXPECT_EQ(get("/api/profiles/p-invalid").status, 404);
}

TEST_F(ApiRoutesTest, ReplacingAProfileKeepsItsIdOr422sAMismatch) {
  ASSERT_EQ(send("POST", "/api/profiles", R"({"id":"p-put","title":"Abans"})").status, 201);
  EXPECT_EQ(send("PUT", "/api/profiles/p-put", R"({"title":"Després"})").status, 200);
  EXPECT_EQ(okJson("/api/profiles/p-put")->getValue<std::string>("title"), "Després");
  EXPECT_EQ(send("PUT", "/api/profiles/p-put", R"({"id":"p-other","title":"X"})").status, 422);
  EXPECT_EQ(send("PUT", "/api/profiles/p-absent", R"({"title":"X"})").status, 404);
}

TEST_F(ApiRoutesTest, DeletingAProfileAnswers204ThenItIsGone) {
  ASSERT_EQ(send("POST", "/api/profiles", R"({"id":"p-gone","title":"Temporal"})").status, 201);
  EXPECT_EQ(send("DELETE", "/api/profiles/p-gone").status, 204);
  EXPECT_EQ(get("/api/profiles/p-gone").status, 404);
  EXPECT_EQ(send("DELETE", "/api/profiles/p-gone").status, 404);
}

TEST_F(ApiRoutesTest, FeedbackIsStoredAndListed) {
  ASSERT_EQ(send("POST", "/api/profiles", R"({"id":"p-feedback","title":"Feedback"})").status, 201);
  const std::string uri = "/api/profiles/p-feedback/feedback";
  EXPECT_EQ(
      send("POST", uri, R"({"kind":"record","subject":")" + kSoilId + R"(","verdict":"relevant"})").status,
      204);
  EXPECT_EQ(send("POST", uri, R"({"kind":"programme","subject":"LIFE","verdict":"muted"})").status, 204);
  Poco::JSON::Object::Ptr list = okJson(uri);
  EXPECT_EQ(list->getValue<size_t>("total"), 2u);
  Poco::JSON::Object::Ptr first = list->getArray("results")->getObject(0);
  EXPECT_EQ(first->getValue<std::string>("subject"), kSoilId);
  EXPECT_EQ(first->getValue<std::string>("verdict"), "relevant");
  EXPECT_EQ(send("POST", uri, R"({"kind":"record","subject":"x","verdict":"maybe"})").status, 422);
  EXPECT_EQ(send("POST", uri, R"({"kind":"record","verdict":"relevant"})").status, 400);
  EXPECT_EQ(send("POST", "/api/profiles/p-absent/feedback", R"({"subject":"x","verdict":"relevant"})").status,
            404);
  EXPECT_EQ(get("/api/profiles/p-absent/feedback").status, 404);
}

TEST_F(ApiRoutesTest, MatchesAsJsonAndAsCsv) {
  EXPECT_EQ(okJson("/api/profiles/" + kProfileId + "/matches")->getArray("matches")->size(), 2u);
  const HttpResult csv = get("/api/profiles/" + kProfileId + "/matches?format=csv");
  ASSERT_EQ(csv.status, 200);
  EXPECT_EQ(csv.header("Content-Type"), "text/csv; charset=utf-8");
  EXPECT_EQ(csv.header("Content-Disposition"), "attachment; filename=\"convoca-matches-amb-habitatge.csv\"");
  EXPECT_TRUE(
      startsWith(csv.body, std::string(kUtf8Bom) + "id,title,programme,status,next_deadline,fit,url\r\n"))
      << csv.body;
  EXPECT_EQ(occurrences(csv.body, "\r\n"), 3u);
  EXPECT_NE(csv.body.find(kSoilId + ",Soil health living labs,Horizon Europe,open,"), std::string::npos)
      << csv.body;
  EXPECT_EQ(get("/api/profiles/" + kProfileId + "/matches?include_closed=maybe").status, 400);
  EXPECT_EQ(get("/api/profiles/p-absent/matches").status, 404);
}

TEST_F(ApiRoutesTest, AProfileCalendarHoldsTheDeadlinesOfItsMatches) {
  const HttpResult result = get("/api/profiles/" + kProfileId + "/calendar.ics");
  ASSERT_EQ(result.status, 200);
  EXPECT_TRUE(startsWith(result.body, "BEGIN:VCALENDAR\r\n"));
  EXPECT_EQ(occurrences(result.body, "BEGIN:VEVENT\r\n"), 3u) << "soil's two stages and housing's deadline";
  EXPECT_NE(result.body.find("UID:" + deadlineUid(kHousingId, 0)), std::string::npos);
}

// ---- harvest health ---------------------------------------------------------

TEST_F(ApiRoutesTest, SourcesShowTheirLastRunFailuresAndDocuments) {
  Poco::JSON::Object::Ptr json = okJson("/api/sources");
  EXPECT_EQ(json->getValue<size_t>("total"), 2u);
  Poco::JSON::Array::Ptr sources = json->getArray("results");
  ASSERT_EQ(resultIds(sources, "id"), (std::vector<std::string>{"bdns", "eu-ft"}));
  Poco::JSON::Object::Ptr bdns = sources->getObject(0);
  EXPECT_EQ(bdns->getValue<std::string>("version"), "1.0.3");
  EXPECT_EQ(bdns->getValue<std::string>("last_outcome"), "failed");
  EXPECT_EQ(bdns->getValue<int>("consecutive_failures"), 2);
  EXPECT_EQ(bdns->getValue<std::string>("message"), "HTTP 503 again") << "the newest run's message";
  EXPECT_EQ(bdns->getValue<int>("documents"), 1);
  Poco::JSON::Object::Ptr euft = sources->getObject(1);
  EXPECT_EQ(euft->getValue<std::string>("last_outcome"), "ok");
  EXPECT_EQ(euft->getValue<int>("consecutive_failures"), 0);
  EXPECT_FALSE(euft->isNull("last_run_at"));
  EXPECT_EQ(euft->getObject("counts")->getValue<int>("fetched"), 10);
  EXPECT_EQ(euft->getObject("counts")->getValue<int>("new"), 1);
  EXPECT_EQ(euft->getValue<int>("documents"), 2);
}

TEST_F(ApiRoutesTest, RunsAreListedNewestFirstWithTheirSources) {
  Poco::JSON::Object::Ptr json = okJson("/api/runs");
  EXPECT_EQ(json->getValue<size_t>("total"), 2u);
  Poco::JSON::Array::Ptr runs = json->getArray("results");
  ASSERT_EQ(runs->size(), 2u);
  Poco::JSON::Object::Ptr newest = runs->getObject(0);
  EXPECT_EQ(newest->getValue<int64_t>("id"), newestRun_);
  EXPECT_EQ(newest->getValue<std::string>("mode"), "harvest");
  EXPECT_FALSE(newest->getValue<bool>("ok"));
  EXPECT_FALSE(newest->isNull("finished_at"));
  Poco::JSON::Array::Ptr sources = newest->getArray("sources");
  ASSERT_EQ(resultIds(sources, "source"), (std::vector<std::string>{"bdns", "eu-ft"}));
  EXPECT_EQ(sources->getObject(0)->getValue<std::string>("outcome"), "failed");
  EXPECT_EQ(sources->getObject(1)->getValue<std::string>("outcome"), "ok");
  EXPECT_LT(okJson("/api/runs?offset=1&limit=1")->getArray("results")->getObject(0)->getValue<int64_t>("id"),
            newestRun_);
}

// ---- what every list shares -------------------------------------------------

TEST_F(ApiRoutesTest, EveryListPagesExportsCsvAndRefusesUnknownParameters) {
  for (const std::string list : {"/api/searches", "/api/profiles", "/api/pipeline", "/api/sources",
                                 "/api/runs", "/api/calendar", "/api/profiles/amb-habitatge/feedback"}) {
    SCOPED_TRACE(list);
    Poco::JSON::Object::Ptr page = okJson(list + "?limit=1&offset=1");
    EXPECT_EQ(page->getValue<size_t>("limit"), 1u);
    EXPECT_EQ(page->getValue<size_t>("offset"), 1u);
    EXPECT_LE(page->getArray("results")->size(), 1u);
    EXPECT_TRUE(page->has("total"));
    EXPECT_EQ(okJson(list)->getValue<size_t>("limit"), 20u) << "the default limit";
    for (const char* bad : {"limit=0", "limit=abc", "limit=100000", "offset=-1", "format=xml", "colour=red"})
      EXPECT_EQ(get(list + "?" + bad).status, 400) << bad;
    EXPECT_NE(errorMessage(get(list + "?colour=red")).find("colour"), std::string::npos);
    const HttpResult csv = get(list + "?format=csv");
    EXPECT_EQ(csv.status, 200);
    EXPECT_EQ(csv.header("Content-Type"), "text/csv; charset=utf-8");
    EXPECT_TRUE(startsWith(csv.body, kUtf8Bom));
    EXPECT_TRUE(onlyCrlfLineEnds(csv.body));
  }
}

// RFC 9110 15.5.6: a 405 response must carry Allow. The router's own 405s do;
// these come from the controllers behind the prefix routes.
TEST_F(ApiRoutesTest, EveryMethodNotAllowedNamesTheAllowedMethods) {
  const std::string search = "/api/searches/" + std::to_string(createSavedSearch("Allow", "q=x"));
  for (const auto& [method, uri] : std::vector<std::pair<std::string, std::string>>{
           {"POST", "/api/search"},
           {"DELETE", search + "/feed.atom"},
           {"POST", "/api/profiles/" + kProfileId},
           {"PUT", "/api/profiles/" + kProfileId + "/matches"},
           {"DELETE", "/api/profiles/" + kProfileId + "/digest"}}) {
    const HttpResult result = send(method, uri, method == "DELETE" ? "" : "{}");
    EXPECT_EQ(result.status, 405) << method << " " << uri;
    EXPECT_FALSE(result.header("Allow").empty()) << method << " " << uri << " answered 405 without Allow";
  }
}

TEST_F(ApiRoutesTest, SearchExportsAllItsResultsAsCsv) {
  const HttpResult result = get("/api/search?q=soil&format=csv&limit=5&offset=3");
  ASSERT_EQ(result.status, 200) << result.body;
  EXPECT_EQ(result.header("Content-Type"), "text/csv; charset=utf-8");
  EXPECT_EQ(result.header("Content-Disposition"), "attachment; filename=\"convoca-search.csv\"");
  EXPECT_TRUE(
      startsWith(result.body, std::string(kUtf8Bom) +
                                  "id,title,programme,source,status,next_deadline,opening,budget,currency,"
                                  "call_id,topic_id,url\r\n"))
      << result.body;
  EXPECT_EQ(occurrences(result.body, "\r\n"), 5u) << "header and four calls";
  EXPECT_NE(result.body.find("\"Ajuts \"\"Habitatge\"\", 2026 — Àrea metropolitana\""), std::string::npos);
  const index::SearchRequest request = fake_->lastRequest();
  EXPECT_EQ(request.query, "soil");
  EXPECT_EQ(request.offset, 0u) << "an export starts at the first result";
  EXPECT_GT(request.limit, 100u) << "and is not one page";
  EXPECT_EQ(get("/api/search?q=soil&format=xml").status, 400);
}

} // namespace
} // namespace convoca::web::testing
