// Snippets: the stemmed words of the query highlighted in the hit's text, the
// words that cannot stem to a query term never stemmed (snippet.h).
#include "convoca/index/indexer.h"
#include "convoca/index/searcher.h"
#include "snippet.h"
#include "test_records.h"

#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <set>
#include <string>

namespace convoca::index {
namespace {

namespace fs = std::filesystem;

// The property SnippetStemmers rests on, for one word in every language.
// Returns a description of each word whose stem starts with another letter.
std::vector<std::string> initialsChangedByStemming(const std::set<std::string>& words) {
  std::vector<std::string> changed;
  for (const char* language : {"catalan", "spanish", "english", "french"}) {
    const Xapian::Stem stem(language);
    for (const std::string& word : words) {
      const std::string stemmed = stem(word);
      if (!stemmed.empty() && detail::foldedInitial(stemmed) != detail::foldedInitial(word))
        changed.push_back(std::string(language) + ": " + word + " -> " + stemmed);
    }
  }
  return changed;
}

void addWordsOf(const std::string& text, std::set<std::string>& into) {
  Xapian::Document document;
  Xapian::TermGenerator generator;
  generator.set_document(document);
  generator.index_text(text);
  for (auto term = document.termlist_begin(); term != document.termlist_end(); ++term) into.insert(*term);
}

TEST(SnippetStemmers, FoldedInitialIgnoresCaseAndAccents) {
  EXPECT_EQ(detail::foldedInitial("Òrgans"), "o");
  EXPECT_EQ(detail::foldedInitial("àrea"), "a");
  EXPECT_EQ(detail::foldedInitial("Ésser"), "e");
  EXPECT_EQ(detail::foldedInitial("ñandú"), "n");
  EXPECT_EQ(detail::foldedInitial("çà"), "c");
  EXPECT_EQ(detail::foldedInitial("2030"), "2");
  EXPECT_EQ(detail::foldedInitial(""), "");
}

TEST(SnippetStemmers, StemsOfWordsWithTrickyInitialsKeepTheInitial) {
  std::set<std::string> words;
  addWordsOf("àrees òrgans índexs último économies œuvres yachts ñandúes ésser úniques ìtaca "
             "l'àrea d'òrgans 2030s x-ray years",
             words);
  EXPECT_EQ(initialsChangedByStemming(words), std::vector<std::string>{});
}

// Every word of the SDG texts in ca, es, en and fr and of TERMCAT's Catalan
// glossaries (with their Spanish, English and French terms), ../shared/vocab-real.
TEST(SnippetStemmers, StemsOfRealTextKeepTheirWordsInitial) {
  const fs::path root = "../shared/vocab-real"; // from the project root, as ctest runs
  if (!fs::is_directory(root)) GTEST_SKIP() << "no " << root << " (the shared real vocabulary is absent)";
  std::set<std::string> words;
  for (const char* folder : {"sdg-texts-open-sdg", "termcat-glossaries"}) {
    if (!fs::is_directory(root / folder)) continue;
    for (const auto& entry : fs::recursive_directory_iterator(root / folder)) {
      if (!entry.is_regular_file()) continue;
      std::ifstream in(entry.path());
      for (std::string line; std::getline(in, line);) addWordsOf(line, words);
    }
  }
  ASSERT_GT(words.size(), 5000u);
  const std::vector<std::string> changed = initialsChangedByStemming(words);
  EXPECT_TRUE(changed.empty()) << changed.size() << " of " << words.size() << " words changed, e.g. "
                               << changed.front();
}

// A word stemmed to the query's stem is highlighted though its initial is
// accented and the query's is not; a word of another initial is not stemmed.
TEST(SnippetStemmers, AnAccentedInitialStillHighlightsItsStem) {
  testing::TempDir dir;
  {
    Indexer indexer(dir.path());
    Record record = testing::makeRecord("cat-gov", "organs-2026", "Ajuts per a entitats");
    record.language = "ca";
    record.text = "Convocatòria oberta. Els Òrgans de govern de les entitats locals hi poden concórrer.";
    indexer.upsert(record);
    indexer.commit();
  }
  Searcher searcher(dir.path());
  SearchRequest request;
  request.query = "organs";
  request.now = testing::kNow;
  const SearchResult result = searcher.search(request);
  ASSERT_EQ(result.hits.size(), 1u);
  const Snippet& snippet = result.hits[0].snippet;
  ASSERT_EQ(snippet.highlights.size(), 1u) << snippet.text;
  EXPECT_EQ(snippet.text.substr(snippet.highlights[0].begin, snippet.highlights[0].length), "Òrgans");
}

} // namespace
} // namespace convoca::index
