// The profile routes over real HTTP with a fake ProfileService: the list,
// matches, the digest as JSON and as an Atom feed (well-formed, escaped).
#include "profile_api.h"
#include "web_test_support.h"

#include <Poco/DOM/DOMParser.h>
#include <Poco/DOM/Document.h>
#include <Poco/DOM/Element.h>
#include <Poco/DOM/NodeList.h>
#include <Poco/JSON/Array.h>
#include <gtest/gtest.h>

namespace convoca::web::testing {
namespace {

class FakeProfileService : public ProfileService {
public:
  std::vector<ProfileSummary> profiles() override {
    return {{"amb-habitatge", "Habitatge & <lloguer>", "ca"}};
  }
  std::optional<Poco::JSON::Object::Ptr> matches(const std::string& id, size_t limit, bool) override {
    if (id != "amb-habitatge") return std::nullopt;
    lastLimit = limit;
    Poco::JSON::Object::Ptr json = new Poco::JSON::Object;
    json->set("profile", id);
    json->set("total", 1);
    return json;
  }
  std::optional<std::vector<DigestItem>> digest(const std::string& id, size_t) override {
    if (id != "amb-habitatge") return std::nullopt;
    return std::vector<DigestItem>{{2, "2026-11-27T03:10:00Z", "changed", "eu-ft:B", "Housing <b>B</b>",
                                    "https://example.org/b?x=1&y=2",
                                    "Horizon Europe · deadline 2027-02-01T17:00:00+01:00 · habitatge"},
                                   {1, "2026-11-26T03:10:00Z", "new", "bdns:1", "Ajuts", "", "habitatge"}};
  }
  std::optional<std::string> profileDocument(const std::string& id) override {
    if (id != "amb-habitatge") return std::nullopt;
    return std::string(R"({"id":"amb-habitatge","title":"Habitatge"})");
  }
  std::string saveProfile(const std::string& document) override {
    if (document.find("\"title\"") == std::string::npos)
      throw InvalidProfile("profile field 'title': is required");
    return document;
  }
  bool removeProfile(const std::string& id) override { return id == "amb-habitatge"; }
  std::optional<std::vector<FeedbackItem>> feedback(const std::string& id) override {
    if (id != "amb-habitatge") return std::nullopt;
    return std::vector<FeedbackItem>{};
  }
  bool setFeedback(const std::string& id, const FeedbackItem&) override { return id == "amb-habitatge"; }
  size_t lastLimit = 0;
};

class ProfileApiTest : public ::testing::Test {
protected:
  static void SetUpTestSuite() {
    WebServerOptions options;
    options.listen = "127.0.0.1:0";
    options.assetDir = kAssetDir;
    options.maxThreads = 2;
    auto profiles = std::make_unique<FakeProfileService>();
    fake_ = profiles.get();
    server_ = std::make_unique<WebServer>(options, std::make_unique<FakeSearchService>(cannedResult()),
                                          std::move(profiles));
    server_->start();
  }
  static void TearDownTestSuite() { server_.reset(); }
  static HttpResult get(const std::string& uri) {
    return httpRequest(server_->port(), Poco::Net::HTTPRequest::HTTP_GET, uri);
  }
  static inline std::unique_ptr<WebServer> server_;
  static inline FakeProfileService* fake_ = nullptr;
};

TEST_F(ProfileApiTest, ListsProfiles) {
  const HttpResult result = get("/api/profiles");
  ASSERT_EQ(result.status, 200);
  Poco::JSON::Array::Ptr list = result.json()->getArray("results");
  EXPECT_EQ(result.json()->getValue<int>("total"), 1);
  ASSERT_EQ(list->size(), 1u);
  EXPECT_EQ(list->getObject(0)->getValue<std::string>("id"), "amb-habitatge");
}

TEST_F(ProfileApiTest, MatchesPassTheLimitAndUnknownProfilesAre404) {
  ASSERT_EQ(get("/api/profiles/amb-habitatge/matches?limit=7").status, 200);
  EXPECT_EQ(fake_->lastLimit, 7u);
  EXPECT_EQ(get("/api/profiles/nobody/matches").status, 404);
  EXPECT_EQ(get("/api/profiles/amb-habitatge/other").status, 404);
  EXPECT_EQ(get("/api/profiles/amb-habitatge/matches?limit=0").status, 400);
}

TEST_F(ProfileApiTest, DigestAsJsonNewestFirst) {
  const HttpResult result = get("/api/profiles/amb-habitatge/digest");
  ASSERT_EQ(result.status, 200);
  Poco::JSON::Array::Ptr entries = result.json()->getArray("entries");
  ASSERT_EQ(entries->size(), 2u);
  EXPECT_EQ(entries->getObject(0)->getValue<std::string>("change"), "changed");
}

TEST_F(ProfileApiTest, DigestAsAWellFormedAtomFeed) {
  const HttpResult result = get("/api/profiles/amb-habitatge/digest.atom");
  ASSERT_EQ(result.status, 200);
  EXPECT_EQ(result.header("Content-Type"), "application/atom+xml; charset=utf-8");
  Poco::XML::DOMParser parser;
  Poco::AutoPtr<Poco::XML::Document> feed = parser.parseString(result.body); // throws when not well-formed
  Poco::XML::Element* root = feed->documentElement();
  EXPECT_EQ(root->localName(), "feed");
  EXPECT_EQ(root->namespaceURI(), "http://www.w3.org/2005/Atom");
  Poco::AutoPtr<Poco::XML::NodeList> entries =
      feed->getElementsByTagNameNS("http://www.w3.org/2005/Atom", "entry");
  ASSERT_EQ(entries->length(), 2u);
  // Escaped, not injected: the title's markup is text.
  EXPECT_NE(result.body.find("Housing &lt;b&gt;B&lt;/b&gt;"), std::string::npos);
  EXPECT_NE(result.body.find("x=1&amp;y=2"), std::string::npos);
  EXPECT_NE(result.body.find("tag:convoca,2026:digest:amb-habitatge:2"), std::string::npos);
  EXPECT_NE(result.body.find("<updated>2026-11-27T03:10:00Z</updated>"), std::string::npos);
  EXPECT_NE(result.body.find("[canviada] Housing"), std::string::npos) << "Catalan by default";
}

TEST_F(ProfileApiTest, TheFeedSpeaksTheLanguageAsked) {
  EXPECT_NE(get("/api/profiles/amb-habitatge/digest.atom?lang=es").body.find("[cambiada] Housing"),
            std::string::npos);
  EXPECT_NE(get("/api/profiles/amb-habitatge/digest.atom?lang=en").body.find("[changed] Housing"),
            std::string::npos);
  EXPECT_EQ(get("/api/profiles/amb-habitatge/digest.atom?lang=de").status, 400);
}

TEST(ProfileAtom, AnEmptyDigestIsStillAValidFeed) {
  const std::string atom = digestAtom({"p", "Perfil", "ca"}, {}, "/api/profiles/p/digest.atom");
  Poco::XML::DOMParser parser;
  Poco::AutoPtr<Poco::XML::Document> feed = parser.parseString(atom);
  EXPECT_EQ(feed->documentElement()->localName(), "feed");
  EXPECT_NE(atom.find("<id>tag:convoca,2026:profile:p</id>"), std::string::npos);
}

} // namespace
} // namespace convoca::web::testing
