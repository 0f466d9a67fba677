// Matching end to end, as the office uses it: the sample Catalan profiles
// stored, the bundled fixtures harvested, `convoca match` against the team's
// relevance judgements (fixtures/profiles/judgements/demo.json), digests after
// harvests, feedback moving the ranking, and the profile commands.
#include "cli_runner.h"

#include <Poco/DirectoryIterator.h>
#include <Poco/File.h>
#include <Poco/FileStream.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Path.h>
#include <Poco/StreamCopier.h>
#include <algorithm>
#include <cstdlib>
#include <gtest/gtest.h>
#include <set>

namespace convoca::testing {
namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

// The day the judgements were made: statuses (open, closed) are those of this moment.
const char* const kJudgementDay = "2026-11-27T12:00:00+01:00";
const std::string kProfiles = CONVOCA_SOURCE_DIR "/fixtures/profiles";

Object::Ptr parseObject(const std::string& text) {
  return Poco::JSON::Parser().parse(text).extract<Object::Ptr>();
}

Object::Ptr judgements() {
  Poco::FileInputStream in(kProfiles + "/judgements/demo.json");
  std::string text;
  Poco::StreamCopier::copyToString(in, text);
  return parseObject(text);
}

std::set<std::string> idsIn(const Object::Ptr& object, const std::string& key) {
  std::set<std::string> ids;
  if (Array::Ptr list = object->getArray(key))
    for (size_t i = 0; i < list->size(); ++i)
      ids.insert(list->getElement<std::string>(static_cast<unsigned>(i)));
  return ids;
}

std::vector<std::string> profileFiles() {
  std::vector<std::string> files;
  for (Poco::DirectoryIterator it(kProfiles), end; it != end; ++it)
    if (it->isFile() && Poco::Path(it->path()).getExtension() == "json") files.push_back(it->path());
  std::sort(files.begin(), files.end());
  return files;
}

void harvestSource(const std::string& data, const std::string& source) {
  const std::string dir = CONVOCA_SOURCE_DIR "/fixtures/" + source;
  std::vector<std::string> args;
  if (Poco::File(dir + "/demo.properties").exists()) args = {"--config", dir + "/demo.properties"};
  for (const std::string& arg :
       {std::string("harvest"), std::string("--source"), source, std::string("--replay"), dir + "/exchanges"})
    args.push_back(arg);
  const CliResult r = runConvoca(data, args);
  ASSERT_EQ(r.exitCode, 0) << source << "\n" << r.err;
}

// Every bundled source with recorded exchanges, as `convoca demo` replays them.
void harvestDemo(const std::string& data) {
  const CliResult plugins = runConvoca(data, {"plugins", "--json"});
  ASSERT_EQ(plugins.exitCode, 0) << plugins.err;
  Array::Ptr list = Poco::JSON::Parser().parse(plugins.out).extract<Array::Ptr>();
  std::vector<std::string> sources;
  for (size_t i = 0; i < list->size(); ++i) {
    const std::string id = list->getObject(static_cast<unsigned>(i))->getValue<std::string>("id");
    if (Poco::File(CONVOCA_SOURCE_DIR "/fixtures/" + id + "/exchanges").exists()) sources.push_back(id);
  }
  ASSERT_GE(sources.size(), 9u);
  for (const auto& source : sources) harvestSource(data, source);
}

std::vector<std::string> matchIds(const Object::Ptr& result) {
  std::vector<std::string> ids;
  Array::Ptr matches = result->getArray("matches");
  for (size_t i = 0; i < matches->size(); ++i)
    ids.push_back(matches->getObject(i)->getValue<std::string>("id"));
  return ids;
}

class Matching : public ::testing::Test {
protected:
  void SetUp() override { setenv("CONVOCA_NOW", kJudgementDay, 1); }
  void TearDown() override { unsetenv("CONVOCA_NOW"); }

  static Object::Ptr match(const std::string& data, const std::vector<std::string>& extra) {
    std::vector<std::string> args{"match", "--json"};
    args.insert(args.end(), extra.begin(), extra.end());
    const CliResult r = runConvoca(data, args);
    EXPECT_EQ(r.exitCode, 0) << r.err;
    return parseObject(r.out);
  }
};

TEST_F(Matching, CatalanProfilesFindTheirJudgedEnglishCallsFirstAndSayWhy) {
  const std::string data = freshDirectory("matching-demo");
  std::vector<std::string> add{"profile", "add"};
  const auto files = profileFiles();
  add.insert(add.end(), files.begin(), files.end());
  ASSERT_EQ(runConvoca(data, add).exitCode, 0);
  harvestDemo(data);

  const Object::Ptr judged = judgements();
  size_t relevantTotal = 0, relevantFound = 0, englishFirst = 0, profiles = 0;
  for (const std::string& profile : judged->getNames()) {
    if (profile.rfind("_", 0) == 0) continue;
    SCOPED_TRACE(profile);
    const std::set<std::string> relevant = idsIn(judged->getObject(profile), "relevant");
    const std::set<std::string> notRelevant = idsIn(judged->getObject(profile), "not_relevant");
    const Object::Ptr result = match(data, {"--profile", profile, "--limit", "10"});
    EXPECT_EQ(result->getValue<std::string>("language"), "ca");
    const std::vector<std::string> ids = matchIds(result);
    ASSERT_FALSE(ids.empty());
    EXPECT_TRUE(relevant.count(ids.front())) << "top match " << ids.front() << " is not judged relevant";
    for (size_t i = 0; i < ids.size() && i < 3; ++i) EXPECT_FALSE(notRelevant.count(ids[i])) << ids[i];
    relevantTotal += relevant.size();
    for (const auto& id : ids) relevantFound += relevant.count(id);

    // The first English call is explained: the Catalan words and the concepts
    // that met, and every gate passed.
    ++profiles;
    Object::Ptr top;
    for (size_t i = 0; i < ids.size() && !top; ++i) {
      const Object::Ptr candidate = result->getArray("matches")->getObject(static_cast<unsigned>(i));
      if (candidate->optValue<std::string>("language", "") == "en") top = candidate;
    }
    ASSERT_TRUE(top) << "no English call in the top 10";
    englishFirst += top == result->getArray("matches")->getObject(0);
    EXPECT_TRUE(top->has("score") && top->has("fit") && top->has("title") && top->has("status"));
    const Object::Ptr explanation = top->getObject("explanation");
    // Catalan words: the profile's own, a translated keyword named in
    // brackets ("housing (habitatge)"), or a concept's Catalan wording.
    bool catalanWord = false;
    Array::Ptr terms = explanation->getArray("terms");
    for (size_t i = 0; i < terms->size(); ++i) {
      const Object::Ptr term = terms->getObject(static_cast<unsigned>(i));
      catalanWord |= term->getValue<std::string>("via") == "profile" ||
                     term->getValue<std::string>("word").find(" (") != std::string::npos;
    }
    Array::Ptr concepts = explanation->getArray("concepts");
    ASSERT_GT(concepts->size(), 0u);
    EXPECT_GT(concepts->getObject(0)->getArray("profile_words")->size(), 0u);
    EXPECT_GT(concepts->getObject(0)->getArray("record_words")->size(), 0u);
    EXPECT_TRUE(catalanWord) << "names a word as the profile wrote it";
    std::set<std::string> gates;
    Array::Ptr gateList = explanation->getArray("gates");
    for (size_t i = 0; i < gateList->size(); ++i)
      gates.insert(gateList->getObject(i)->getValue<std::string>("gate"));
    for (const char* gate : {"status", "horizon", "programme", "entity", "place"})
      EXPECT_TRUE(gates.count(gate)) << gate;
    // A call failing a gate never appears: nothing closed, nothing undated.
    Array::Ptr matches = result->getArray("matches");
    for (size_t i = 0; i < matches->size(); ++i) {
      const std::string status = matches->getObject(i)->getValue<std::string>("status");
      EXPECT_TRUE(status == "open" || status == "forthcoming") << status;
    }
  }
  EXPECT_GE(static_cast<double>(relevantFound) / relevantTotal, 0.7)
      << relevantFound << " of " << relevantTotal << " judged relevant calls in the top 10";
  // 41 of the 46 judged calls are English: most profiles start with one.
  EXPECT_GE(englishFirst * 3, profiles * 2) << englishFirst << " of " << profiles << " profiles";

  // The harvests made digests of what was new; a second identical harvest adds nothing.
  const CliResult digest = runConvoca(data, {"digest", "--json", "--profile", "amb-adaptacio-climatica"});
  ASSERT_EQ(digest.exitCode, 0) << digest.err;
  const size_t entries = parseObject(digest.out)->getArray("entries")->size();
  EXPECT_GT(entries, 0u);
  harvestSource(data, "eu-ft");
  const CliResult again = runConvoca(data, {"digest", "--json", "--profile", "amb-adaptacio-climatica"});
  EXPECT_EQ(parseObject(again.out)->getArray("entries")->size(), entries);
}

TEST_F(Matching, FeedbackMovesTheRankingAndDismissesCalls) {
  const std::string data = freshDirectory("matching-feedback");
  ASSERT_EQ(runConvoca(data, {"profile", "add", kProfiles + "/amb-adaptacio-climatica.json"}).exitCode, 0);
  harvestSource(data, "eu-ft");
  const std::string profile = "amb-adaptacio-climatica";
  const std::vector<std::string> before = matchIds(match(data, {"--profile", profile, "--limit", "20"}));
  ASSERT_GE(before.size(), 4u);

  ASSERT_EQ(runConvoca(data, {"feedback", "--profile", profile, "not-relevant", before.front()}).exitCode, 0);
  std::vector<std::string> after = matchIds(match(data, {"--profile", profile, "--limit", "20"}));
  EXPECT_EQ(std::find(after.begin(), after.end(), before.front()), after.end()) << "dismissed";

  const std::string lifted = before.back();
  ASSERT_EQ(runConvoca(data, {"feedback", "--profile", profile, "relevant", lifted}).exitCode, 0);
  after = matchIds(match(data, {"--profile", profile, "--limit", "20"}));
  const auto rankOf = [](const std::vector<std::string>& ids, const std::string& id) {
    return std::find(ids.begin(), ids.end(), id) - ids.begin();
  };
  EXPECT_LT(rankOf(after, lifted), rankOf(before, lifted) - 1) << "marked relevant: it moves up";

  ASSERT_EQ(runConvoca(data, {"feedback", "--profile", profile, "clear", before.front()}).exitCode, 0);
  after = matchIds(match(data, {"--profile", profile, "--limit", "20"}));
  EXPECT_NE(std::find(after.begin(), after.end(), before.front()), after.end()) << "cleared: back";

  EXPECT_EQ(runConvoca(data, {"feedback", "--profile", profile, "maybe", lifted}).exitCode, 2);
}

TEST_F(Matching, ProfileCommandsStoreShowExportAndRemove) {
  const std::string data = freshDirectory("matching-profiles");
  ASSERT_EQ(runConvoca(data, {"profile", "add", kProfiles + "/amb-habitatge.json"}).exitCode, 0);
  const CliResult list = runConvoca(data, {"profile", "list"});
  EXPECT_NE(list.out.find("amb-habitatge"), std::string::npos) << list.out;
  const CliResult exported = runConvoca(data, {"profile", "export", "amb-habitatge"});
  ASSERT_EQ(exported.exitCode, 0);
  EXPECT_EQ(parseObject(exported.out)->getValue<std::string>("language"), "ca");
  EXPECT_EQ(runConvoca(data, {"profile", "rm", "amb-habitatge"}).exitCode, 0);
  EXPECT_EQ(runConvoca(data, {"profile", "show", "amb-habitatge"}).exitCode, 1);

  const std::string bad = freshDirectory("matching-bad") + "/bad.json";
  {
    Poco::FileOutputStream out(bad);
    out << R"({"id": "x", "title": "T", "description": "D", "sdgs": [19]})";
  }
  const CliResult refused = runConvoca(data, {"profile", "add", bad});
  EXPECT_EQ(refused.exitCode, 1);
  EXPECT_NE(refused.err.find("sdgs"), std::string::npos) << refused.err;
  EXPECT_EQ(runConvoca(data, {"profile", "frobnicate"}).exitCode, 2);
  EXPECT_EQ(runConvoca(data, {"match"}).exitCode, 2) << "--profile is required";
}

TEST(Evaluation, MatcherBeatsBm25OnCordis) {
  if (!Poco::File(CONVOCA_SOURCE_DIR "/../shared/eval-real/cordis").exists())
    GTEST_SKIP() << "../shared/eval-real/cordis is absent: the CORDIS evaluation cannot run";
  const std::string data = freshDirectory("eval-match");
  const CliResult r = runConvoca(data, {"eval", "match", "--limit", "300", "--json"});
  ASSERT_EQ(r.exitCode, 0) << r.err;
  const Object::Ptr result = parseObject(r.out);
  EXPECT_EQ(result->getValue<int>("topics"), 2301);
  EXPECT_EQ(result->getValue<int>("queries"), 300);
  const Object::Ptr matcher = result->getObject("matcher");
  const Object::Ptr bm25 = result->getObject("bm25");
  EXPECT_GT(matcher->getValue<double>("recall_at_10"), bm25->getValue<double>("recall_at_10")) << r.out;
  EXPECT_GT(matcher->getValue<double>("mrr_at_10"), bm25->getValue<double>("mrr_at_10")) << r.out;
}

TEST(Evaluation, AMissingFolderIsAUsageError) {
  const CliResult r = runConvoca(freshDirectory("eval-missing"), {"eval", "match", "/nonexistent/cordis"});
  EXPECT_EQ(r.exitCode, 2);
  EXPECT_NE(r.err.find("/nonexistent/cordis"), std::string::npos) << r.err;
  EXPECT_EQ(runConvoca(freshDirectory("eval-what"), {"eval", "nothing"}).exitCode, 2);
}

} // namespace
} // namespace convoca::testing
