#include "convoca/plugin_host/linked_documents.h"

#include "convoca/index/indexer.h"
#include "convoca/index/searcher.h"

#include <Poco/File.h>
#include <Poco/Process.h>

#include <gtest/gtest.h>

namespace convoca::plugin_host {
namespace {

const std::string kExchanges = CONVOCA_SOURCE_DIR "/fixtures/documents/exchanges";

index::Record callWithDocuments() {
  index::Record call;
  call.id = "raisc:109400";
  call.source = "raisc";
  call.kind = "call";
  call.title = "Refugis climàtics a les escoles";
  call.language = "ca";
  call.documents = {"https://calls.example.org/docs/guide.pdf", "https://calls.example.org/calls/schoolyards.html",
                    "https://calls.example.org/docs/missing.pdf"};
  return call;
}

struct Logged {
  std::vector<std::pair<int, std::string>> lines;
  LogFunction function() {
    return [this](int level, const std::string& message) { lines.emplace_back(level, message); };
  }
};

TEST(LinkedDocuments, BecomeChildRecordsAndTheCallsDocumentText) {
  http::ClientOptions options;
  options.replayDir = kExchanges;
  http::Client client(options);
  index::Record call = callWithDocuments();
  const std::string hashBefore = index::contentHashOf(call);
  Logged logged;
  std::vector<index::Record> children = fetchLinkedDocuments(call, client, DocumentPolicy{}, logged.function());

  ASSERT_EQ(children.size(), 2u) << "the missing document is skipped";
  EXPECT_EQ(children[0].kind, "document");
  EXPECT_EQ(children[0].parent, "raisc:109400");
  EXPECT_EQ(children[0].title, "Guide for applicants - green corridors");
  EXPECT_EQ(children[0].id.rfind("raisc:109400#doc-", 0), 0u) << children[0].id;
  EXPECT_EQ(children[1].title, "Call for proposals: schoolyard climate shelters");
  EXPECT_NE(call.documentsText.find("urban heat islands"), std::string::npos);
  EXPECT_NE(call.documentsText.find("climate shelters"), std::string::npos);
  EXPECT_NE(call.contentHash, hashBefore) << "a changed guide makes the call changed";
  for (const auto& child : children) EXPECT_NO_THROW(index::recordFromJson(index::recordToJson(child)));
}

TEST(LinkedDocuments, RespectThePolicy) {
  http::ClientOptions options;
  options.replayDir = kExchanges;
  http::Client client(options);
  Logged logged;
  index::Record call = callWithDocuments();
  DocumentPolicy off;
  off.fetch = false;
  EXPECT_TRUE(fetchLinkedDocuments(call, client, off, logged.function()).empty());
  DocumentPolicy one;
  one.perRecord = 1;
  EXPECT_EQ(fetchLinkedDocuments(call, client, one, logged.function()).size(), 1u);
  DocumentPolicy tiny;
  tiny.maxBytes = 100;
  index::Record again = callWithDocuments();
  EXPECT_TRUE(fetchLinkedDocuments(again, client, tiny, logged.function()).empty());
  EXPECT_TRUE(again.documentsText.empty());
}

TEST(LinkedDocuments, ACallMatchesOnWhatItsDocumentsSay) {
  http::ClientOptions options;
  options.replayDir = kExchanges;
  http::Client client(options);
  index::Record call = callWithDocuments();
  Logged logged;
  std::vector<index::Record> children = fetchLinkedDocuments(call, client, DocumentPolicy{}, logged.function());
  const std::string dir = ::testing::TempDir() + "convoca-docs-" + std::to_string(Poco::Process::id());
  Poco::File(dir).createDirectories();
  {
    index::Indexer indexer(dir + "/index");
    indexer.upsert(call);
    for (const auto& child : children) indexer.upsert(child);
    indexer.commit();
  }
  index::Searcher searcher(dir + "/index");
  index::SearchRequest request;
  request.query = "permeable schoolyards"; // only in the PDF guide
  request.filters = {{"kind", "call"}};
  index::SearchResult result = searcher.search(request);
  ASSERT_EQ(result.hits.size(), 1u);
  EXPECT_EQ(result.hits[0].record.id, "raisc:109400");
  request.filters = {{"kind", "document"}};
  index::SearchResult documents = searcher.search(request);
  ASSERT_FALSE(documents.hits.empty()) << "the documents themselves are searchable too";
  for (const auto& hit : documents.hits) EXPECT_EQ(hit.record.parent, "raisc:109400");
  Poco::File(dir).remove(true);
}

} // namespace
} // namespace convoca::plugin_host
