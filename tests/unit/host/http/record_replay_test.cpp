// --record then --replay: the saved files, and answers served with no network.
#include "client_test_support.h"
#include "test_server.h"

#include <Poco/File.h>
#include <Poco/FileStream.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Path.h>
#include <Poco/StreamCopier.h>
#include <Poco/TemporaryFile.h>
#include <algorithm>
#include <gtest/gtest.h>

namespace convoca::http {
namespace {

using convoca::testing::respond;
using convoca::testing::TestServer;
using test_support::fastOptions;
using test_support::get;
using test_support::thrownBy;

std::string readText(const std::string& path) {
  Poco::FileInputStream in(path);
  std::string text;
  Poco::StreamCopier::copyToString(in, text);
  return text;
}

void writeText(const std::string& path, const std::string& text) {
  Poco::FileOutputStream out(path);
  out << text;
}

Request multipartSearch(const std::string& url, const std::string& text) {
  Request request;
  request.method = "POST";
  request.url = url;
  request.parts = {{"query", "application/json", "{\"text\":\"" + text + "\"}"},
                   {"languages", "", "[\"en\"]"}};
  return request;
}

class RecordReplay : public ::testing::Test {
protected:
  RecordReplay() { dir_.createDirectories(); }
  const std::string& dir() const { return dir_.path(); }
  std::vector<std::string> files() const {
    std::vector<std::string> names;
    Poco::File(dir_.path()).list(names);
    std::sort(names.begin(), names.end());
    return names;
  }
  ClientOptions recording() const {
    ClientOptions options = fastOptions();
    options.recordDir = dir();
    return options;
  }
  ClientOptions replaying() const {
    ClientOptions options = fastOptions();
    options.replayDir = dir();
    options.obeyRobots = true;
    return options;
  }

private:
  Poco::TemporaryFile dir_;
};

TEST_F(RecordReplay, RoundTripServesRecordedAnswersWithTheServerStopped) {
  TestServer server;
  server.on("/data", respond(200, "{\"n\": 1}", {{"ETag", "\"e1\""}}, "application/json"));
  server.on("/search", respond(200, "{\"results\": []}", {}, "application/json"));
  {
    Client recorder(recording());
    recorder.fetch(get(server.url("/data?page=1")));
    recorder.fetch(multipartSearch(server.url("/search?apiKey=SEDIA"), "climate"));
  }
  const std::string dataUrl = server.url("/data?page=1");
  const std::string searchUrl = server.url("/search?apiKey=SEDIA");
  server.stop(); // from here on any network use would fail

  Client replayer(replaying());
  const Response data = replayer.fetch(get(dataUrl));
  const Response search = replayer.fetch(multipartSearch(searchUrl, "climate"));

  EXPECT_EQ(data.status, 200);
  EXPECT_EQ(data.body, "{\"n\": 1}");
  EXPECT_EQ(data.contentType, "application/json");
  EXPECT_EQ(data.header("ETag"), "\"e1\"");
  EXPECT_EQ(data.finalUrl, dataUrl);
  EXPECT_EQ(search.body, "{\"results\": []}");
}

TEST_F(RecordReplay, RecordingIsTheDocumentedHumanReadableFormat) {
  TestServer server;
  server.on("/search", respond(200, "{\"results\": []}", {}, "application/json"));
  Client(recording()).fetch(multipartSearch(server.url("/search?apiKey=SEDIA"), "climate"));

  const std::vector<std::string> expected{"0001-127.0.0.1-search.body",
                                          "0001-127.0.0.1-search.exchange.json"};
  ASSERT_EQ(files(), expected);
  EXPECT_EQ(readText(Poco::Path(dir(), expected[0]).toString()), "{\"results\": []}");

  Poco::JSON::Parser parser;
  const auto exchange =
      parser.parse(readText(Poco::Path(dir(), expected[1]).toString())).extract<Poco::JSON::Object::Ptr>();
  const auto request = exchange->getObject("request");
  const auto response = exchange->getObject("response");
  EXPECT_EQ(request->getValue<std::string>("method"), "POST");
  EXPECT_EQ(request->getValue<std::string>("url"), server.url("/search?apiKey=SEDIA"));
  EXPECT_FALSE(request->has("body"));
  const auto parts = request->getArray("parts");
  ASSERT_EQ(parts->size(), 2u);
  EXPECT_EQ(parts->getObject(0)->getValue<std::string>("name"), "query");
  EXPECT_EQ(parts->getObject(0)->getValue<std::string>("content_type"), "application/json");
  EXPECT_EQ(parts->getObject(0)->getValue<std::string>("data"), "{\"text\":\"climate\"}");
  EXPECT_EQ(response->getValue<int>("status"), 200);
  EXPECT_EQ(response->getValue<std::string>("body_file"), expected[0]);
  EXPECT_FALSE(response->has("final_url"));
  bool hasContentType = false;
  const auto headers = response->getArray("headers");
  for (std::size_t i = 0; i < headers->size(); ++i)
    hasContentType |=
        headers->getArray(static_cast<unsigned>(i))->getElement<std::string>(0) == "Content-Type";
  EXPECT_TRUE(hasContentType);
}

TEST_F(RecordReplay, RobotsTxtFetchesAreRecordedToo) {
  TestServer server;
  server.on("/robots.txt", respond(200, "User-agent: *\nDisallow: /private\n"));
  server.on("/page", respond(200, "ok"));
  ClientOptions options = recording();
  options.obeyRobots = true;
  Client(options).fetch(get(server.url("/page")));
  const std::string privateUrl = server.url("/private/x");
  server.stop();

  EXPECT_EQ(files().front(), "0001-127.0.0.1-robots.txt.body");
  Client replayer(replaying());
  EXPECT_EQ(thrownBy([&] { replayer.fetch(get(privateUrl)); }).kind, ErrorKind::RobotsDisallowed);
}

TEST_F(RecordReplay, RepeatedRequestsAreServedInFileOrderAndTheLastRepeats) {
  TestServer server;
  server.onSequence("/counter", {respond(200, "first"), respond(200, "second")});
  {
    Client recorder(recording());
    recorder.fetch(get(server.url("/counter")));
    recorder.fetch(get(server.url("/counter")));
  }
  const std::string url = server.url("/counter");
  server.stop();

  Client replayer(replaying());
  EXPECT_EQ(replayer.fetch(get(url)).body, "first");
  EXPECT_EQ(replayer.fetch(get(url)).body, "second");
  EXPECT_EQ(replayer.fetch(get(url)).body, "second");
}

TEST_F(RecordReplay, UnrecordedRequestIsANoRecordingError) {
  Client replayer(replaying());

  const auto thrown = thrownBy([&] { replayer.fetch(get("https://example.org/calls?page=2")); });

  EXPECT_EQ(thrown.kind, ErrorKind::NoRecording);
  EXPECT_EQ(thrown.message, "no recorded exchange for GET https://example.org/calls?page=2");
}

TEST_F(RecordReplay, DifferentBodyOrPartsDoNotMatch) {
  TestServer server;
  server.on("/search", respond(200, "found"));
  Client(recording()).fetch(multipartSearch(server.url("/search"), "climate"));
  const std::string url = server.url("/search");
  server.stop();

  Client replayer(replaying());
  EXPECT_EQ(thrownBy([&] { replayer.fetch(multipartSearch(url, "mobility")); }).kind, ErrorKind::NoRecording);
  EXPECT_EQ(thrownBy([&] { replayer.fetch(get(url)); }).kind, ErrorKind::NoRecording);
  EXPECT_EQ(replayer.fetch(multipartSearch(url, "climate")).body, "found");
}

TEST_F(RecordReplay, HandWrittenExchangeIsServed) {
  writeText(Poco::Path(dir(), "0001-api.example.org-search.exchange.json").toString(), R"({
  "request": {"method": "POST", "url": "https://api.example.org/search?q=1", "body": "{\"page\": 1}"},
  "response": {"status": 200, "headers": [["Content-Type", "application/json"]],
               "body_file": "0001-api.example.org-search.body"}
})");
  writeText(Poco::Path(dir(), "0001-api.example.org-search.body").toString(), "[1, 2, 3]");
  Client replayer(replaying());
  Request request;
  request.method = "POST";
  request.url = "https://api.example.org/search?q=1";
  request.body = "{\"page\": 1}";

  const Response response = replayer.fetch(request);

  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.body, "[1, 2, 3]");
  EXPECT_EQ(response.contentType, "application/json");
  EXPECT_EQ(response.attempts, 0);
}

TEST_F(RecordReplay, BrokenExchangeFileFailsAtConstruction) {
  writeText(Poco::Path(dir(), "0001-broken.exchange.json").toString(), "{not json");

  const auto thrown = thrownBy([&] { Client replayer(replaying()); });

  EXPECT_EQ(thrown.kind, ErrorKind::NoRecording);
  EXPECT_NE(thrown.message.find("0001-broken.exchange.json"), std::string::npos) << thrown.message;
}

TEST_F(RecordReplay, RecordingContinuesTheNumberingOfADirectory) {
  TestServer server;
  server.on("/a", respond(200, "a"));
  Client(recording()).fetch(get(server.url("/a")));
  Client(recording()).fetch(get(server.url("/a")));

  const auto names = files();
  EXPECT_NE(std::find(names.begin(), names.end(), "0002-127.0.0.1-a.exchange.json"), names.end());
}

} // namespace
} // namespace convoca::http
