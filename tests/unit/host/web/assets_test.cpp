// The page's own files: translations complete in every language, every key the
// page and scripts use defined, and nothing inline that the CSP would block.
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;

const fs::path kAssets = fs::path(CONVOCA_SOURCE_DIR) / "host/web/assets";

std::string readFile(const fs::path& file) {
  std::ifstream input(file);
  std::ostringstream content;
  content << input.rdbuf();
  return content.str();
}

std::set<std::string> keysOf(const std::string& language) {
  Poco::JSON::Object::Ptr messages = Poco::JSON::Parser()
                                         .parse(readFile(kAssets / "i18n" / (language + ".json")))
                                         .extract<Poco::JSON::Object::Ptr>();
  std::set<std::string> keys;
  for (const auto& [key, value] : *messages) {
    EXPECT_TRUE(value.isString()) << language << ": " << key;
    EXPECT_FALSE(value.toString().empty()) << language << ": " << key;
    keys.insert(key);
  }
  return keys;
}

std::set<std::string> matches(const std::string& text, const std::regex& pattern) {
  std::set<std::string> found;
  for (auto it = std::sregex_iterator(text.begin(), text.end(), pattern); it != std::sregex_iterator();
       ++it) {
    found.insert((*it)[1].str());
  }
  return found;
}

// Every ES module of the app (the page loads app.js, which imports the rest).
std::vector<std::filesystem::path> scripts() {
  std::vector<std::filesystem::path> found;
  for (const auto& entry : std::filesystem::directory_iterator(kAssets))
    if (entry.path().extension() == ".js") found.push_back(entry.path());
  std::sort(found.begin(), found.end());
  return found;
}

TEST(Translations, CatalanSpanishAndEnglishHaveTheSameKeys) {
  const std::set<std::string> catalan = keysOf("ca");
  EXPECT_FALSE(catalan.empty());
  EXPECT_EQ(keysOf("es"), catalan);
  EXPECT_EQ(keysOf("en"), catalan);
}

TEST(Translations, EveryKeyThePageUsesIsDefined) {
  const std::set<std::string> defined = keysOf("ca");
  const std::string page = readFile(kAssets / "index.html");
  std::set<std::string> used = matches(page, std::regex(R"(data-i18n(?:-[a-z-]+)?="([^"]+)\")"));
  ASSERT_GT(scripts().size(), 10u);
  for (const auto& script : scripts()) {
    // t('key'...) and tCount('key'...) with a literal key; keys built at run
    // time (status.*, sdg.*, pipeline.state.*...) are not seen here.
    const std::string code = readFile(script);
    std::set<std::string> keys = matches(code, std::regex(R"(\bt\('([\w.]+)')"));
    used.insert(keys.begin(), keys.end());
    // tCount('key', n) picks key_one or key_other (Intl.PluralRules).
    for (const std::string& plural : matches(code, std::regex(R"(\btCount\('([\w.]+)')"))) {
      used.insert(plural + "_one");
      used.insert(plural + "_other");
    }
  }
  for (const char* status : {"open", "forthcoming", "closed", "unknown"})
    used.insert(std::string("status.") + status);
  for (const char* facet : {"status", "programme", "source", "kind", "language"})
    used.insert(std::string("facet.") + facet);
  for (const char* plural : {"results.count", "results.countFor"}) {
    used.erase(plural);
    used.insert(std::string(plural) + "_one");
    used.insert(std::string(plural) + "_other");
  }
  EXPECT_GT(used.size(), 20u);
  for (const std::string& key : used) EXPECT_TRUE(defined.count(key)) << "missing translation key " << key;
}

TEST(SearchPage, HasNoInlineScriptsStylesOrHandlers) {
  const std::string page = readFile(kAssets / "index.html");
  const std::regex script(R"(<script\b([^>]*)>)", std::regex::icase);
  size_t scripts = 0;
  for (auto it = std::sregex_iterator(page.begin(), page.end(), script); it != std::sregex_iterator(); ++it) {
    ++scripts;
    EXPECT_NE((*it)[1].str().find("src="), std::string::npos) << "inline script: " << it->str();
  }
  EXPECT_EQ(scripts, 1u);
  EXPECT_FALSE(std::regex_search(page, std::regex(R"(<style\b)", std::regex::icase)));
  EXPECT_FALSE(std::regex_search(page, std::regex(R"(\sstyle\s*=)", std::regex::icase)));
  EXPECT_FALSE(std::regex_search(page, std::regex(R"(\son[a-z]+\s*=)", std::regex::icase)));
  EXPECT_FALSE(std::regex_search(page, std::regex(R"(https?://)")));
}

TEST(SearchPage, ScriptsNeverWriteHtmlFromData) {
  ASSERT_GT(scripts().size(), 10u);
  for (const auto& path : scripts()) {
    const std::string code = readFile(path);
    const std::string script = path.filename().string();
    EXPECT_EQ(code.find("innerHTML"), std::string::npos) << script;
    EXPECT_EQ(code.find("outerHTML"), std::string::npos) << script;
    EXPECT_EQ(code.find("insertAdjacentHTML"), std::string::npos) << script;
    EXPECT_EQ(code.find("document.write"), std::string::npos) << script;
    EXPECT_EQ(code.find("eval("), std::string::npos) << script;
  }
}

} // namespace
