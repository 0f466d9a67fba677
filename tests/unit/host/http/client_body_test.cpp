// Response bodies (size cap, truncation, gzip) and request bodies (multipart, raw).
#include "client_test_support.h"
#include "test_server.h"

#include <gtest/gtest.h>

namespace convoca::http {
namespace {

using convoca::testing::respond;
using convoca::testing::respondChunked;
using convoca::testing::respondGzip;
using convoca::testing::respondTruncated;
using convoca::testing::TestServer;
using test_support::fastOptions;
using test_support::get;
using test_support::thrownBy;

ClientOptions cappedAt(std::size_t bytes) {
  ClientOptions options = fastOptions();
  options.maxResponseBytes = bytes;
  return options;
}

TEST(ClientBody, BodyOverTheCapWithContentLengthIsTooLarge) {
  TestServer server;
  server.on("/big", respond(200, std::string(2000, 'x')));
  Client client(cappedAt(1000));

  const auto thrown = thrownBy([&] { client.fetch(get(server.url("/big"))); });

  EXPECT_EQ(thrown.kind, ErrorKind::TooLarge) << thrown.message;
  EXPECT_EQ(server.requestsTo("/big").size(), 1u) << "a too-large body is not retried";
}

TEST(ClientBody, ChunkedBodyOverTheCapIsTooLarge) {
  TestServer server;
  server.on("/stream", respondChunked(200, std::string(4 << 20, 'y')));
  Client client(cappedAt(1 << 20));

  EXPECT_EQ(thrownBy([&] { client.fetch(get(server.url("/stream"))); }).kind, ErrorKind::TooLarge);
}

TEST(ClientBody, BodyAtTheCapIsAccepted) {
  TestServer server;
  server.on("/exact", respondChunked(200, std::string(1000, 'z')));
  Client client(cappedAt(1000));

  EXPECT_EQ(client.fetch(get(server.url("/exact"))).body.size(), 1000u);
}

TEST(ClientBody, GzipBombIsTooLargeOnceDecompressed) {
  TestServer server;
  server.on("/bomb", respondGzip(200, std::string(8 << 20, '\0')));
  Client client(cappedAt(1 << 20));

  const auto thrown = thrownBy([&] { client.fetch(get(server.url("/bomb"))); });

  EXPECT_EQ(thrown.kind, ErrorKind::TooLarge);
  EXPECT_NE(thrown.message.find("decompressed"), std::string::npos) << thrown.message;
}

TEST(ClientBody, GzipBodyIsDecodedAndAskedFor) {
  TestServer server;
  server.on("/zipped", respondGzip(200, "{\"calls\": []}", "application/json"));
  Client client(fastOptions());

  const Response response = client.fetch(get(server.url("/zipped")));

  EXPECT_EQ(response.body, "{\"calls\": []}");
  EXPECT_EQ(response.contentType, "application/json");
  EXPECT_EQ(response.header("Content-Encoding"), "");
  EXPECT_EQ(server.requestsTo("/zipped").at(0).header("Accept-Encoding"), "gzip");
}

TEST(ClientBody, TruncatedBodyIsANetworkErrorNotASuccess) {
  TestServer server;
  server.on("/cut", respondTruncated(1000, std::string(500, 'a')));
  ClientOptions options = fastOptions();
  options.maxRetries = 1;
  Client client(options);

  const auto thrown = thrownBy([&] { client.fetch(get(server.url("/cut"))); });

  ASSERT_TRUE(thrown.thrown);
  EXPECT_EQ(thrown.kind, ErrorKind::Network);
  EXPECT_NE(thrown.message.find("500 of 1000"), std::string::npos) << thrown.message;
  EXPECT_EQ(server.requestsTo("/cut").size(), 2u) << "a truncated body is retried";
}

TEST(ClientBody, TruncatedBodyIsRetriedToSuccess) {
  TestServer server;
  server.onSequence("/flaky", {respondTruncated(10, "abc"), respond(200, "abcdefghij")});
  Client client(fastOptions());

  const Response response = client.fetch(get(server.url("/flaky")));

  EXPECT_EQ(response.body, "abcdefghij");
  EXPECT_EQ(response.attempts, 2);
}

TEST(ClientBody, MultipartPartsArriveIntact) {
  TestServer server;
  server.on("/search", respond(200, "{}"));
  Client client(fastOptions());
  Request request;
  request.method = "POST";
  request.url = server.url("/search?apiKey=SEDIA&text=***");
  request.parts = {
      {"query", "application/json", "{\"bool\":{\"must\":[{\"terms\":{\"type\":[\"1\",\"2\"]}}]}}"},
      {"languages", "application/json", "[\"en\"]"},
      {"note", "", "línia d'acció — ODS 11\r\nsecond line"}};

  client.fetch(request);

  const auto seen = server.requestsTo("/search");
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen[0].method, "POST");
  EXPECT_EQ(seen[0].uri, "/search?apiKey=SEDIA&text=***");
  EXPECT_NE(seen[0].header("Content-Length"), "");
  // HTMLForm lists the two query parameters first, then the three parts.
  ASSERT_EQ(seen[0].formFields.size(), 5u);
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(seen[0].formFields[i + 2].first, request.parts[i].name);
    EXPECT_EQ(seen[0].formFields[i + 2].second, request.parts[i].data);
  }
  ASSERT_EQ(seen[0].parts.size(), 3u);
  EXPECT_EQ(seen[0].parts[0].contentType, "application/json");
  EXPECT_EQ(seen[0].parts[2].contentType, "text/plain");
}

TEST(ClientBody, PathAndQueryAreSentAsWritten) {
  TestServer server;
  server.on("/files/a/b", respond(200)); // the server routes by the decoded path
  Client client(fastOptions());

  client.fetch(get(server.url("/files/a%2Fb?q=x%2Fy&text=two words#fragment")));

  const auto seen = server.requests();
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen[0].uri, "/files/a%2Fb?q=x%2Fy&text=two%20words");
}

TEST(ClientBody, RawBodyIsSentWithItsContentType) {
  TestServer server;
  server.on("/api", respond(201, "created"));
  Client client(fastOptions());
  Request request;
  request.method = "POST";
  request.url = server.url("/api");
  request.body = "{\"q\":\"climate\"}";
  request.contentType = "application/json";

  const Response response = client.fetch(request);

  EXPECT_EQ(response.status, 201);
  const auto seen = server.requestsTo("/api");
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen[0].body, request.body);
  EXPECT_EQ(seen[0].header("Content-Type"), "application/json");
}

} // namespace
} // namespace convoca::http
