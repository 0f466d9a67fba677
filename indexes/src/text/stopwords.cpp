// stopwordsFor(): the lists of indexes/data/stopwords/, compiled in.
#include "convoca/index/language.h"
#include "embedded_text.h"

#include <map>

namespace convoca::index {
namespace {

const std::string kApostrophes[] = {"'", "\xE2\x80\x99"}; // ' and ’ (U+2019)

std::string trimmed(std::string_view text) {
  const size_t first = text.find_first_not_of(" \t\r");
  if (first == std::string_view::npos) return "";
  const size_t last = text.find_last_not_of(" \t\r");
  return std::string(text.substr(first, last - first + 1));
}

// "l'" (or "l’"): an elided form, whose bare letters follow it in a tokeniser.
bool endsWithApostrophe(const std::string& word, std::string& bare) {
  for (const std::string& apostrophe : kApostrophes) {
    if (word.size() > apostrophe.size() &&
        word.compare(word.size() - apostrophe.size(), apostrophe.size(), apostrophe) == 0) {
      bare = word.substr(0, word.size() - apostrophe.size());
      return true;
    }
  }
  return false;
}

// One word a line; "#" starts a comment.
std::unordered_set<std::string> parseStopwords(std::string_view text) {
  std::unordered_set<std::string> words;
  while (!text.empty()) {
    const size_t newline = text.find('\n');
    std::string_view line = text.substr(0, newline);
    text = newline == std::string_view::npos ? std::string_view() : text.substr(newline + 1);
    const std::string word = trimmed(line.substr(0, line.find('#')));
    if (word.empty()) continue;
    std::string bare;
    if (endsWithApostrophe(word, bare)) {
      words.insert(bare);
      for (const std::string& apostrophe : kApostrophes) words.insert(bare + apostrophe);
    } else {
      words.insert(word);
    }
  }
  return words;
}

} // namespace

const std::unordered_set<std::string>& stopwordsFor(const std::string& language) {
  static const std::map<std::string, std::unordered_set<std::string>> kLists = [] {
    std::map<std::string, std::unordered_set<std::string>> lists;
    for (const char* code : {"ca", "es", "en", "fr"})
      lists[code] = parseStopwords(text::embeddedText(std::string("stopwords/") + code + ".txt"));
    return lists;
  }();
  static const std::unordered_set<std::string> kNone;
  auto found = kLists.find(language);
  return found == kLists.end() ? kNone : found->second;
}

} // namespace convoca::index
