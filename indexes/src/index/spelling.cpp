#include "spelling.h"

#include "index_support.h"

#include <algorithm>
#include <cctype>
#include <set>
#include <utility>
#include <vector>

namespace convoca::index::detail {
namespace {

bool hasDigit(const std::string& word) {
  return std::any_of(word.begin(), word.end(),
                     [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
}

// The words of `texts` as the TermGenerator splits and lower-cases them
// (unstemmed, no prefix), without identifiers and numbers: "2025" must never
// become "2026", nor "cl5" "cl6".
std::set<std::string> wordsOf(const std::vector<const std::string*>& texts) {
  Xapian::Document scratch;
  Xapian::TermGenerator generator;
  generator.set_document(scratch);
  for (const std::string* text : texts) {
    if (text->empty()) continue;
    generator.index_text_without_positions(splitElisions(*text));
    generator.increase_termpos();
  }
  std::set<std::string> words;
  for (auto it = scratch.termlist_begin(); it != scratch.termlist_end(); ++it)
    if (!hasDigit(*it)) words.insert(*it);
  return words;
}

// The words of a query text in order, as the TermGenerator reads them.
std::vector<std::string> wordSequence(const std::string& text) {
  Xapian::Document scratch;
  Xapian::TermGenerator generator;
  generator.set_document(scratch);
  generator.index_text(text);
  std::vector<std::pair<Xapian::termpos, std::string>> placed;
  for (auto term = scratch.termlist_begin(); term != scratch.termlist_end(); ++term)
    for (auto position = term.positionlist_begin(); position != term.positionlist_end(); ++position)
      placed.emplace_back(*position, *term);
  std::sort(placed.begin(), placed.end());
  std::vector<std::string> words;
  for (auto& [position, word] : placed) words.push_back(std::move(word));
  return words;
}

} // namespace

std::set<std::string> spellingWordsOf(const Record* record) {
  if (!record) return {};
  std::vector<const std::string*> texts{&record->title, &record->summary};
  for (const auto& keyword : record->keywords) texts.push_back(&keyword);
  return wordsOf(texts);
}

void updateSpelling(Xapian::WritableDatabase& database, const std::set<std::string>& before,
                    const std::set<std::string>& after) {
  for (const auto& word : before)
    if (!after.count(word)) database.remove_spelling(word);
  for (const auto& word : after)
    if (!before.count(word)) database.add_spelling(word);
}

void updateSpelling(Xapian::WritableDatabase& database, const Record* before, const Record* after) {
  updateSpelling(database, spellingWordsOf(before), spellingWordsOf(after));
}

std::optional<std::string> acceptedCorrection(const Xapian::Database& database, const std::string& query,
                                              const std::string& corrected) {
  if (corrected.empty() || corrected == query) return std::nullopt;
  const std::vector<std::string> typed = wordSequence(splitElisions(query));
  const std::vector<std::string> proposed = wordSequence(splitElisions(corrected));
  // Xapian replaces a word by one word, so the sequences align; if they do
  // not, there is nothing to check word by word.
  if (typed.size() == proposed.size()) {
    for (size_t i = 0; i < typed.size(); ++i)
      if (typed[i] != proposed[i] && database.term_exists(typed[i])) return std::nullopt;
  }
  return corrected;
}

bool everyWordIsIndexed(const Xapian::Database& database, const std::string& query) {
  const std::vector<std::string> words = wordSequence(splitElisions(query));
  return std::all_of(words.begin(), words.end(),
                     [&](const std::string& word) { return database.term_exists(word); });
}

} // namespace convoca::index::detail
