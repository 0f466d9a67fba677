// Data care end to end: `convoca backup`, `restore` and `reindex` on a
// harvested data dir, and readers (a running `convoca serve`) that keep
// answering while the index is swapped under them.
#include "cli_runner.h"

#include <Poco/File.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Pipe.h>
#include <Poco/PipeStream.h>
#include <Poco/Process.h>
#include <Poco/StreamCopier.h>
#include <atomic>
#include <chrono>
#include <fstream>
#include <gtest/gtest.h>
#include <thread>

namespace convoca::testing {
namespace {

const std::string kDemoExchanges = CONVOCA_SOURCE_DIR "/fixtures/eu-ft/exchanges";
const std::string kProfile = CONVOCA_SOURCE_DIR "/fixtures/profiles/amb-adaptacio-climatica.json";

std::string harvested(const std::string& name) {
  const std::string data = freshDirectory(name);
  const CliResult harvest = runConvoca(data, {"harvest", "--source", "eu-ft", "--replay", kDemoExchanges});
  EXPECT_EQ(harvest.exitCode, 0) << harvest.err;
  return data;
}

// The ids `convoca search --json` lists for `query`, in order.
std::vector<std::string> searchIds(const std::string& data, const std::string& query) {
  const CliResult search = runConvoca(data, {"search", "--json", "--limit", "100", query});
  EXPECT_EQ(search.exitCode, 0) << search.err;
  std::vector<std::string> ids;
  const auto result = Poco::JSON::Parser().parse(search.out).extract<Poco::JSON::Object::Ptr>();
  const auto hits = result->getArray("results");
  for (size_t i = 0; hits && i < hits->size(); ++i)
    ids.push_back(hits->getObject(i)->getValue<std::string>("id"));
  return ids;
}

TEST(DataCare, BackupWipeRestoreGivesIdenticalSearchResultsAndState) {
  const std::string data = harvested("backup-data");
  ASSERT_EQ(runConvoca(data, {"profile", "add", kProfile}).exitCode, 0);
  const std::vector<std::string> soil = searchIds(data, "soil"), all = searchIds(data, "");
  ASSERT_FALSE(soil.empty());
  const std::string backup = freshDirectory("backup-copy") + "/nightly";
  const CliResult saved = runConvoca(data, {"backup", backup});
  ASSERT_EQ(saved.exitCode, 0) << saved.err;
  EXPECT_TRUE(Poco::File(backup + "/MANIFEST.json").exists());
  EXPECT_NE(runConvoca(data, {"backup", backup}).exitCode, 0) << "a used folder is refused";

  Poco::File(data).remove(true);
  const CliResult restored = runConvoca(data, {"restore", backup});
  ASSERT_EQ(restored.exitCode, 0) << restored.err;
  EXPECT_EQ(searchIds(data, "soil"), soil);
  EXPECT_EQ(searchIds(data, ""), all);
  const CliResult profiles = runConvoca(data, {"profile", "list"});
  EXPECT_NE(profiles.out.find("amb-adaptacio-climatica"), std::string::npos) << profiles.out;
}

TEST(DataCare, RestoreRefusesAFolderThatIsNoBackupAndKeepsTheIndex) {
  const std::string data = harvested("restore-refused");
  const std::vector<std::string> before = searchIds(data, "soil");
  const CliResult refused = runConvoca(data, {"restore", freshDirectory("not-a-backup")});
  EXPECT_EQ(refused.exitCode, 2);
  EXPECT_NE(refused.err.find("not a convoca backup"), std::string::npos) << refused.err;
  EXPECT_EQ(searchIds(data, "soil"), before);
}

// `convoca serve` listening on an ephemeral 127.0.0.1 port. The port is read from its
// "serving http://127.0.0.1:PORT/" line: a port probed beforehand could be taken by a
// test running in parallel, whose server would then answer in this one's place.
class ServeProcess {
public:
  ServeProcess(const std::string& data, const std::string& config)
      : handle_(
            Poco::Process::launch(CONVOCA_BINARY_DIR "/convoca",
                                  {"--data", data, "--config", config, "serve", "--listen", "127.0.0.1:0"},
                                  CONVOCA_SOURCE_DIR, nullptr, nullptr, &stderr_)),
        stderrStream_(stderr_) {
    const std::string marker = "serving http://127.0.0.1:";
    std::string line;
    while (port_ == 0 && std::getline(stderrStream_, line)) {
      startLog_ += line + "\n";
      const std::size_t at = line.find(marker);
      if (at != std::string::npos) port_ = std::stoi(line.substr(at + marker.size()));
    }
    // Keep reading stderr so the server never blocks on a full pipe.
    drain_ = std::thread([this] {
      std::string ignored;
      while (std::getline(stderrStream_, ignored)) {
      }
    });
  }
  ~ServeProcess() { stop(); }
  void stop() {
    if (!drain_.joinable()) return;
    Poco::Process::kill(handle_);
    handle_.wait();
    drain_.join();
  }
  int port() const { return port_; } // 0 when it exited before serving
  const std::string& startLog() const { return startLog_; }

private:
  Poco::Pipe stderr_;
  Poco::ProcessHandle handle_;
  Poco::PipeInputStream stderrStream_;
  std::thread drain_;
  std::string startLog_;
  int port_ = 0;
};

// GET path on 127.0.0.1:port; the status, 0 when the connection failed.
int get(int port, const std::string& path, std::string& body) {
  try {
    Poco::Net::HTTPClientSession session("127.0.0.1", static_cast<Poco::UInt16>(port));
    session.setTimeout(Poco::Timespan(10, 0));
    Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_GET, path, Poco::Net::HTTPMessage::HTTP_1_1);
    session.sendRequest(request);
    Poco::Net::HTTPResponse response;
    std::istream& in = session.receiveResponse(response);
    body.clear();
    Poco::StreamCopier::copyToString(in, body);
    return response.getStatus();
  } catch (const Poco::Exception&) {
    return 0;
  }
}

TEST(DataCare, ReindexSwapsTheIndexWithoutAFailedReaderRequest) {
  const std::string data = harvested("reindex-live");
  const std::vector<std::string> before = searchIds(data, "soil");
  // The readers below ask as fast as they can: lift the per-client rate limit.
  const std::string config = freshDirectory("reindex-config") + "/convoca.properties";
  std::ofstream(config) << "web.rate_limit.per_second = 1000000\nweb.rate_limit.burst = 1000000\n";
  ServeProcess server(data, config);
  const int port = server.port();
  ASSERT_NE(port, 0) << "convoca serve exited before serving:\n" << server.startLog();
  std::string body;
  for (int attempt = 0; attempt < 100 && get(port, "/api/search?q=soil", body) != 200; ++attempt)
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  const std::string expected = body;
  ASSERT_FALSE(expected.empty()) << "convoca serve did not answer";

  std::atomic<bool> running{true};
  std::atomic<int> requests{0}, failures{0};
  std::string firstFailure;
  std::thread readers([&] {
    std::string answer;
    while (running) {
      const int status = get(port, "/api/search?q=soil", answer);
      ++requests;
      const bool same = status == 200 && answer.find("\"total\"") != std::string::npos;
      if (!same && failures++ == 0) firstFailure = std::to_string(status) + " " + answer;
    }
  });
  for (int round = 0; round < 3; ++round) {
    const CliResult reindex = runConvoca(data, {"reindex"});
    EXPECT_EQ(reindex.exitCode, 0) << reindex.err;
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  running = false;
  readers.join();
  server.stop();

  EXPECT_EQ(failures, 0) << "first failure: " << firstFailure;
  EXPECT_GT(requests, 20);
  EXPECT_EQ(searchIds(data, "soil"), before);
  int generations = 0;
  std::vector<std::string> names;
  Poco::File(data).list(names);
  for (const auto& name : names) generations += name.rfind("index-", 0) == 0;
  EXPECT_EQ(generations, 2) << "the live generation and the one before it";
}

} // namespace
} // namespace convoca::testing
