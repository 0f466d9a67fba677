#include "bench_corpus_words.h"

#include "convoca/index/concepts.h"
#include "convoca/index/language.h"

#include <Poco/UTF8String.h>
#include <set>
#include <unordered_set>

namespace convoca::app::bench {

uint64_t mix(uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

// FNV-1a: std::hash is not the same everywhere.
uint64_t fnv1a(const std::string& text) {
  uint64_t hash = 0xcbf29ce484222325ULL;
  for (unsigned char c : text) hash = (hash ^ c) * 0x100000001b3ULL;
  return hash;
}

namespace {

// The commonest function words of each language, commonest first (general
// knowledge of these languages); the rest of the stopword list follows them.
const std::array<std::vector<std::string>, 4> kTopFunctionWords{{
    {"de", "la", "i", "que", "el", "a", "en", "les", "els", "del", "per", "amb", "un", "una", "es", "al"},
    {"de", "la", "que", "el", "en", "y", "a", "los", "del", "se", "las", "por", "un", "para", "con", "una"},
    {"the", "of", "and", "to", "in", "a", "for", "is", "on", "that", "with", "be", "by", "as", "are", "this"},
    {"de", "la", "le", "et", "les", "des", "à", "en", "du", "un", "une", "pour", "que", "dans", "est", "par"},
}};

// Inflections that make variants of the vocabulary's words, as prose has them
// (and the stemmers fold them back).
const std::array<std::vector<std::string>, 4> kSuffixes{{
    {"s", "es", "ment", "ció", "ats"},
    {"s", "es", "mente", "ción", "ados"},
    {"s", "ing", "ed", "al", "ation"},
    {"s", "es", "ment", "tion", "és"},
}};

constexpr size_t kRareWords = 30000;
constexpr double kRareShareOfContent = 0.1;
constexpr double kContentZipf = 1.07, kContentOffset = 10; // a flatter head than function words
constexpr double kFunctionZipf = 1.15, kFunctionOffset = 2.7;

// Letters only (any non-ASCII byte counts as a letter): no "r&i", no "ngo's".
bool isWord(const std::string& w) {
  return w.find("\xE2\x80\x99") == std::string::npos && std::all_of(w.begin(), w.end(), [](char c) {
           return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || static_cast<unsigned char>(c) >= 0x80;
         });
}

// "didn" is listed because tokenisers split "didn't"; alone it is no word.
bool isContractionPiece(const std::string& w, const std::unordered_set<std::string>& stopwords) {
  static const std::set<std::string> kEnglishNegations{"aren", "couldn", "didn", "doesn", "don",  "hadn",
                                                       "hasn", "haven",  "isn",  "mustn", "shan", "shouldn",
                                                       "wasn", "weren",  "won",  "wouldn"};
  return stopwords.count(w + "'t") || stopwords.count(w + "\xE2\x80\x99t") || kEnglishNegations.count(w);
}

bool isContinuationByte(char c) {
  return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

// Lower-case words of a surface; digits, acronyms and one-letter pieces dropped.
std::vector<std::string> wordsOf(const std::string& surface) {
  std::vector<std::string> out;
  std::string word;
  auto flush = [&] {
    const bool acronym = std::all_of(word.begin(), word.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
    const bool digits = std::any_of(word.begin(), word.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (word.size() > 2 && !acronym && !digits && isWord(word)) out.push_back(Poco::UTF8::toLower(word));
    word.clear();
  };
  for (char c : surface) {
    if (c == ' ' || c == ',' || c == '(' || c == ')' || c == '/' || c == '\'' || c == '-' || c == '+' ||
        c == '.')
      flush();
    else
      word += c;
  }
  flush();
  return out;
}

// Two words cut at their middles and joined: new words that read like the language.
std::string blend(const std::string& a, const std::string& b) {
  size_t cutA = a.size() / 2 + 1, cutB = b.size() / 2;
  while (cutA < a.size() && isContinuationByte(a[cutA])) ++cutA;
  while (cutB < b.size() && isContinuationByte(b[cutB])) ++cutB;
  return a.substr(0, cutA) + b.substr(cutB);
}

template <typename T> void shuffle(std::vector<T>& items, Random& random) {
  for (size_t i = items.size(); i > 1; --i) std::swap(items[i - 1], items[random.below(i)]);
}

LanguageWords buildLanguage(Lang lang) {
  const std::string code = kLangCodes[static_cast<size_t>(lang)];
  const auto& stopwords = index::stopwordsFor(code);
  LanguageWords out;
  // Function words: the commonest first, then the rest of the list sorted (the
  // set's own order is not stable), without elided forms and one-letter pieces.
  std::vector<std::string> function = kTopFunctionWords[static_cast<size_t>(lang)];
  std::vector<std::string> rest;
  for (const auto& w : stopwords)
    if (w.size() > 1 && isWord(w) && !isContractionPiece(w, stopwords) &&
        std::find(function.begin(), function.end(), w) == function.end())
      rest.push_back(w);
  std::sort(rest.begin(), rest.end());
  function.insert(function.end(), rest.begin(), rest.end());
  out.function.assign(std::move(function), kFunctionOffset, kFunctionZipf);

  // Content words: every word of the concept surfaces, their inflections, then blends.
  const auto& vocabulary = index::ConceptVocabulary::builtin();
  std::set<std::string> base;
  for (const auto& id : vocabulary.conceptIds()) {
    for (const auto& surface : vocabulary.surfaces(id, code)) {
      if (surface.find(' ') != std::string::npos && surface.size() < 60) out.phrases.push_back(surface);
      for (auto& w : wordsOf(surface))
        if (!stopwords.count(w)) base.insert(std::move(w));
    }
  }
  Random fixed(0x636f6e766f6361ULL + static_cast<uint64_t>(lang)); // the same tables for every seed
  std::vector<std::string> common(base.begin(), base.end());
  shuffle(common, fixed);
  std::vector<std::string> variants;
  for (const auto& w : common) variants.push_back(w + fixed.pick(kSuffixes[static_cast<size_t>(lang)]));
  std::vector<std::string> blends;
  while (blends.size() < kRareWords) blends.push_back(blend(fixed.pick(common), fixed.pick(common)));
  common.insert(common.end(), variants.begin(), variants.end());
  out.content.assign(std::move(common), kContentOffset, kContentZipf);
  out.rare.assign(std::move(blends), kContentOffset, 1.0);
  std::sort(out.phrases.begin(), out.phrases.end());
  return out;
}

constexpr double kStopwordShareOfProse = 0.38; // CORDIS objectives: 0.37, eu-ft texts: 0.35 (en list)
constexpr double kStopwordShareOfTitles = 0.22;

void capitaliseFirst(std::string& text, size_t at) {
  if (at < text.size() && text[at] >= 'a' && text[at] <= 'z')
    text[at] = static_cast<char>(text[at] - 'a' + 'A');
}

void appendWords(std::string& out, Random& random, const LanguageWords& words, int count, double stopShare) {
  for (int i = 0; i < count; ++i) {
    if (!out.empty() && out.back() != '\n') out += ' ';
    if (random.chance(stopShare))
      out += words.function.draw(random);
    else
      out += random.chance(kRareShareOfContent) ? words.rare.draw(random) : words.content.draw(random);
  }
}

} // namespace

std::string title(Random& random, const LanguageWords& words, int count) {
  std::string out;
  appendWords(out, random, words, count, kStopwordShareOfTitles);
  capitaliseFirst(out, 0);
  return out;
}

// Sentences of 8-26 words; a set phrase (concept surface) now and then; a new
// paragraph every few sentences when `paragraphs`.
std::string prose(Random& random, const LanguageWords& words, int count, bool paragraphs) {
  std::string out;
  out.reserve(static_cast<size_t>(count) * 8);
  int sentencesInParagraph = 0;
  while (count > 0) {
    const size_t start = out.empty() ? 0 : out.size() + (out.back() == '\n' ? 0 : 1);
    int length = std::min(count, random.between(8, 26));
    count -= length;
    if (random.chance(0.2)) {
      if (!out.empty() && out.back() != '\n') out += ' ';
      out += random.pick(words.phrases);
      length -= 2;
    }
    while (length > 0) {
      const int clause = std::min(length, random.between(4, 12));
      appendWords(out, random, words, clause, kStopwordShareOfProse);
      length -= clause;
      if (length > 0) out += ',';
    }
    capitaliseFirst(out, start);
    out += '.';
    if (paragraphs && ++sentencesInParagraph >= random.between(3, 5)) {
      out += '\n';
      sentencesInParagraph = 0;
    }
  }
  while (!out.empty() && out.back() == '\n') out.pop_back();
  return out;
}

CorpusWordTables::CorpusWordTables()
    : languages{buildLanguage(Lang::Ca), buildLanguage(Lang::Es), buildLanguage(Lang::En),
                buildLanguage(Lang::Fr)} {}

} // namespace convoca::app::bench
