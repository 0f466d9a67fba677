// Scale-out on Xapian's own remote backend: the same records in one database
// and split by source family into two shards, each served by the stock
// xapian-tcpsrv on 127.0.0.1 and opened through one stub file, must give the
// same search results (ids, order, totals, facets) and the same matches.
#include "convoca/index/indexer.h"
#include "convoca/index/matcher.h"
#include "convoca/index/schema.h"
#include "convoca/index/searcher.h"
#include "test_records.h"

#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/Process.h>
#include <chrono>
#include <fstream>
#include <functional>
#include <gtest/gtest.h>
#include <random>
#include <thread>
#include <xapian.h>

namespace convoca::index {
namespace {

using testing::daysFromNow;
using testing::kNow;
using testing::makeRecord;
using testing::TempDir;

const std::vector<std::string> kWords{
    "urban",   "climate", "mobility",   "soil",   "water",     "energy",      "housing",    "youth", "health",
    "culture", "cities",  "adaptation", "public", "transport", "cooperation", "governance", "heat",  "green"};
const std::vector<std::string> kSources{"eu-ft", "cat-gov", "bdns", "ungm"};

std::string wordsFrom(std::mt19937& random, size_t count) {
  std::string text;
  for (size_t i = 0; i < count; ++i) text += (i ? " " : "") + kWords[random() % kWords.size()];
  return text;
}

// 120 seeded records of four sources, with every status, multi-stage calls,
// SDGs, budgets, and calls listed by two sources (aliases across the shards).
std::vector<Record> seededRecords() {
  std::mt19937 random(20261127);
  std::vector<Record> records;
  for (int i = 0; i < 120; ++i) {
    const std::string& source = kSources[i % kSources.size()];
    Record record = makeRecord(source, "call-" + std::to_string(i), wordsFrom(random, 4));
    record.summary = wordsFrom(random, 12);
    record.text = wordsFrom(random, 40);
    record.programmeCode = source == "eu-ft" ? (i % 3 ? "HORIZON" : "LIFE") : source == "bdns" ? "PGE" : "";
    record.fetchedAt = daysFromNow(-static_cast<int64_t>(random() % 60));
    const int shape = static_cast<int>(random() % 5);
    if (shape >= 1) record.deadlines.push_back(daysFromNow(static_cast<int64_t>(random() % 300) - 100));
    if (shape >= 3) record.deadlines.push_back(daysFromNow(static_cast<int64_t>(random() % 100) + 200));
    if (shape == 4) record.opening = daysFromNow(static_cast<int64_t>(random() % 60) - 30);
    for (int goal = 1 + static_cast<int>(random() % 17), n = static_cast<int>(random() % 3); n > 0; --n)
      record.sdgs.push_back(1 + (goal + 5 * n) % 17);
    if (random() % 2) record.budget = Budget{static_cast<double>(50000 + random() % 5000000), "EUR"};
    // Every fifth eu-ft call is also published in the national database (two
    // records, one cluster: the smallest id names it), across the two shards.
    if (source == "eu-ft" && i % 20 == 0) record.aliases = {"bdns:call-" + std::to_string(i + 2)};
    if (source == "bdns" && i % 20 == 2) record.aliases = {"eu-ft:call-" + std::to_string(i - 2)};
    records.push_back(std::move(record));
  }
  return records;
}

bool inFirstShard(const Record& record) {
  return record.source == "eu-ft" || record.source == "cat-gov";
}

// A free 127.0.0.1 port, as the kernel hands one out. Free now, not reserved:
// another process may take it before ours binds it (see ServerProcess).
int probedFreePort() {
  Poco::Net::ServerSocket probe(Poco::Net::SocketAddress("127.0.0.1", 0));
  return probe.address().port();
}

// True when a xapian-tcpsrv on port answers with the database whose uuid is given.
bool servesDatabase(int port, const std::string& uuid) {
  try {
    return Xapian::Remote::open("127.0.0.1", static_cast<unsigned>(port), 2000).get_uuid() == uuid;
  } catch (const Xapian::Error&) {
    return false;
  }
}

// A server process on a free 127.0.0.1 port, stopped with the object. Tests run in
// parallel processes, so between probing a port and the server binding it another
// test's server may take it: ours then fails to bind while theirs answers. Ready
// therefore means "answers as this server must" (ready(port)); on a lost port, try another.
class ServerProcess {
public:
  using Command = std::function<std::string(int port)>;
  using Ready = std::function<bool(int port)>;

  ServerProcess(const std::string& what, const Command& command, const Ready& ready) {
    for (int portAttempt = 0; portAttempt < 5; ++portAttempt) {
      port_ = probedFreePort();
      // Through a shell only to silence it: the Xapian servers report every connection.
      const std::string line = "exec " + command(port_) + " >/dev/null 2>&1";
      handle_ = std::make_unique<Poco::ProcessHandle>(Poco::Process::launch("/bin/sh", {"-c", line}));
      exited_ = false;
      for (int attempt = 0; attempt < 100 && running(); ++attempt) {
        if (ready(port_)) return;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
      }
      stop();
    }
    throw std::runtime_error(what + " did not start");
  }
  ~ServerProcess() { stop(); }
  int port() const { return port_; }

private:
  // tryWait reaps the server when it has exited (on a lost port it does at once).
  bool running() {
    if (!exited_ && handle_->tryWait() != -1) exited_ = true;
    return !exited_;
  }
  void stop() {
    if (!handle_) return;
    if (running()) {
      Poco::Process::kill(*handle_);
      handle_->wait();
    }
    handle_.reset();
  }

  bool exited_ = false;
  int port_ = 0;
  std::unique_ptr<Poco::ProcessHandle> handle_;
};

// xapian-tcpsrv serving one database, ready once it answers with that database's uuid.
std::unique_ptr<ServerProcess> tcpServer(const std::string& database) {
  const std::string uuid = Xapian::Database(database).get_uuid();
  return std::make_unique<ServerProcess>(
      "xapian-tcpsrv for " + database,
      [&](int port) {
        return std::string(XAPIAN_TCPSRV) + " --interface 127.0.0.1 --port " + std::to_string(port) +
               " --quiet '" + database + "'";
      },
      [&](int port) { return servesDatabase(port, uuid); });
}

class ShardsTest : public ::testing::Test {
protected:
  static void SetUpTestSuite() {
    dir_ = std::make_unique<TempDir>();
    IndexerOptions options;
    Indexer single(dir_->path("single"), options);
    Indexer first(dir_->path("shard-eu"), options);
    Indexer second(dir_->path("shard-es"), options);
    for (const Record& record : seededRecords()) {
      single.upsert(record);
      (inFirstShard(record) ? first : second).upsert(record);
    }
    single.commit();
    first.commit();
    second.commit();
  }
  static void TearDownTestSuite() { dir_.reset(); }

  void SetUp() override {
    firstServer_ = tcpServer(dir_->path("shard-eu"));
    secondServer_ = tcpServer(dir_->path("shard-es"));
    stub_ = dir_->path("shards.stub");
    std::ofstream(stub_) << "remote 127.0.0.1:" << firstServer_->port()
                         << "\nremote 127.0.0.1:" << secondServer_->port() << "\n";
  }

  static std::unique_ptr<TempDir> dir_;
  std::unique_ptr<ServerProcess> firstServer_, secondServer_;
  std::string stub_;
};
std::unique_ptr<TempDir> ShardsTest::dir_;

std::vector<std::string> idsOf(const std::vector<Hit>& hits) {
  std::vector<std::string> ids;
  for (const Hit& hit : hits) ids.push_back(hit.record.id);
  return ids;
}

std::map<std::string, std::vector<std::pair<std::string, size_t>>> facetsOf(const SearchResult& result) {
  std::map<std::string, std::vector<std::pair<std::string, size_t>>> facets;
  for (const auto& [name, values] : result.facets)
    for (const FacetValue& value : values) facets[name].emplace_back(value.value, value.count);
  return facets;
}

TEST_F(ShardsTest, SearchesGiveTheSameIdsOrderTotalsAndFacets) {
  Searcher single(dir_->path("single"));
  Searcher sharded(stub_);
  // No wildcard ("green*"): Xapian weighs an expansion by an estimate of its
  // frequency that depends on how the documents are split, so its order may
  // differ on shards (ARCHITECTURE.md "Scaling").
  const std::vector<std::string> queries{
      "", "climate", "urban mobility", "soil OR water", "housing -youth", "\"public transport\""};
  const std::vector<std::vector<std::pair<std::string, std::string>>> filterSets{
      {}, {{"source", "eu-ft"}}, {{"status", "open"}}, {{"sdg", "11"}}, {{"programme", "horizon"}}};
  size_t compared = 0;
  for (const auto& query : queries)
    for (const auto& filters : filterSets)
      for (SortOrder sort : {SortOrder::Relevance, SortOrder::Newest})
        for (size_t offset : {0, 5}) {
          SearchRequest request;
          request.query = query;
          request.filters = filters;
          request.sort = sort;
          request.offset = offset;
          request.limit = 10;
          request.now = kNow;
          const SearchResult expected = single.search(request);
          const SearchResult got = sharded.search(request);
          const std::string what = "query '" + query + "', " + std::to_string(filters.size()) +
                                   " filter(s), sort " + std::to_string(static_cast<int>(sort)) +
                                   ", offset " + std::to_string(offset);
          EXPECT_EQ(idsOf(got.hits), idsOf(expected.hits)) << what;
          EXPECT_EQ(got.total, expected.total) << what;
          EXPECT_EQ(facetsOf(got), facetsOf(expected)) << what;
          compared += expected.hits.size();
        }
  EXPECT_GT(compared, 500u) << "the queries must find something to compare";
}

TEST_F(ShardsTest, CallsSeenThroughTwoSourcesAreOneHitWithBothSources) {
  Searcher single(dir_->path("single"));
  Searcher sharded(stub_);
  const std::optional<Hit> expected = single.findById("eu-ft:call-0", kNow);
  const std::optional<Hit> got = sharded.findById("eu-ft:call-0", kNow);
  ASSERT_TRUE(expected && got);
  ASSERT_EQ(expected->sources.size(), 2u);
  ASSERT_EQ(got->sources.size(), 2u);
  EXPECT_EQ(got->sources[1].id, expected->sources[1].id);
  EXPECT_EQ(idsOf(sharded.similar("eu-ft:call-4", 8, kNow)), idsOf(single.similar("eu-ft:call-4", 8, kNow)));
}

TEST_F(ShardsTest, ProfilesMatchTheSameCallsInTheSameOrder) {
  Matcher single(dir_->path("single"));
  Matcher sharded(stub_);
  MatchRequest request;
  request.profile.id = "amb-clima";
  request.profile.title = "Urban climate adaptation";
  request.profile.language = "en";
  request.profile.description = "Heat, green cities and public transport for climate adaptation.";
  request.profile.keywords = {"mobility", "water"};
  request.profile.sdgs = {11, 13};
  request.limit = 15;
  request.now = kNow;
  const MatchResult expected = single.match(request);
  const MatchResult got = sharded.match(request);
  ASSERT_FALSE(expected.matches.empty());
  std::vector<std::string> expectedIds, gotIds;
  for (const Match& match : expected.matches) expectedIds.push_back(match.hit.record.id);
  for (const Match& match : got.matches) gotIds.push_back(match.hit.record.id);
  EXPECT_EQ(gotIds, expectedIds);
}

// A read replica: xapian-replicate-server offers the databases of a folder,
// xapian-replicate copies one (--one-shot: once) into a replica folder that a
// reader opens like any database.
TEST_F(ShardsTest, AReplicaMadeByXapianReplicateAnswersLikeItsMaster) {
  const std::string replica = dir_->path("replica");
  const std::string masterUuid = Xapian::Database(dir_->path("single")).get_uuid();
  // Ready once a one-shot pull has copied this test's master (a copy keeps its uuid).
  const ServerProcess server(
      "xapian-replicate-server",
      [&](int port) {
        return std::string(XAPIAN_REPLICATE_SERVER) + " --interface 127.0.0.1 --port " +
               std::to_string(port) + " '" + dir_->path("") + "'";
      },
      [&](int port) {
        const std::string pull = std::string(XAPIAN_REPLICATE) + " --host 127.0.0.1 --port " +
                                 std::to_string(port) + " --master single --one-shot '" + replica +
                                 "' >/dev/null 2>&1";
        if (Poco::Process::launch("/bin/sh", {"-c", pull}).wait() != 0) return false;
        try {
          return Xapian::Database(replica).get_uuid() == masterUuid;
        } catch (const Xapian::Error&) {
          return false;
        }
      });

  Searcher master(dir_->path("single"));
  Searcher copy(replica);
  SearchRequest request;
  request.query = "climate OR soil";
  request.limit = 30;
  request.now = kNow;
  EXPECT_EQ(idsOf(copy.search(request).hits), idsOf(master.search(request).hits));
}

// The remote backend runs no KeyMaker: on shards the deadline order is built
// from one value-sorted query per deadline slot (deadline_order.h). Calls with
// the same next deadline and the same weight may come in another order (ties
// fall back on document ids, which differ); the queries here weigh every call
// differently, and the filter-only one is compared by its deadlines.
TEST_F(ShardsTest, DeadlineOrderOnShardsIsTheOneDatabaseOrder) {
  Searcher single(dir_->path("single"));
  Searcher sharded(stub_);
  for (const std::string query : {"climate", "urban mobility", "soil OR water"})
    for (size_t offset : {0, 7}) {
      SearchRequest request;
      request.query = query;
      request.sort = SortOrder::Deadline;
      request.offset = offset;
      request.limit = 12;
      request.now = kNow;
      const SearchResult expected = single.search(request);
      const SearchResult got = sharded.search(request);
      ASSERT_FALSE(expected.hits.empty()) << query;
      EXPECT_EQ(idsOf(got.hits), idsOf(expected.hits)) << query << " from " << offset;
      EXPECT_EQ(got.total, expected.total) << query;
      EXPECT_EQ(facetsOf(got), facetsOf(expected)) << query;
    }
  SearchRequest everything;
  everything.sort = SortOrder::Deadline;
  everything.limit = 60;
  everything.now = kNow;
  auto deadlinesOf = [](const SearchResult& result) {
    std::vector<std::string> deadlines;
    for (const Hit& hit : result.hits) deadlines.push_back(hit.nextDeadline.value_or("none"));
    return deadlines;
  };
  const SearchResult expected = single.search(everything);
  const SearchResult got = sharded.search(everything);
  EXPECT_EQ(deadlinesOf(got), deadlinesOf(expected));
  EXPECT_EQ(got.total, expected.total);
}

} // namespace
} // namespace convoca::index
