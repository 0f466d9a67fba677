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

// How common a word is in how many records is what a search pays for (every
// match is counted for the total and the facets), so these are fitted to the
// document frequencies of the CORDIS sample (title and objective, 2,237
// projects; English records here, title, summary and text), measured
// 2026-11-28 on words drawn as the bench's query mix draws them (4-15
// letters, from a title): the share of records holding such a word, p50 / p90
// / p99 / mean, is 0.026 / 0.18 / 0.42 / 0.061 there and 0.022 / 0.22 / 0.63 /
// 0.077 here. Before, with an offset of 10 for content words, a Zipf exponent
// of 1.15 for function words and the less common function words in
// alphabetical order ("about", "above", "across" in three records of four),
// it was 0.065 / 0.60 / 0.83 / 0.18: three times the real search work.
// The 16 commonest function words are 77% of function words here, 73% there.
constexpr size_t kGeneralWords = 30000;
constexpr double kGeneralZipf = 1.0, kGeneralOffset = 200; // no content word in every record
constexpr double kFunctionZipf = 1.6, kFunctionOffset = 2.7;
// Concepts by popularity: the commonest is in about a third of the records,
// as in the real payloads (CORDIS objectives: "research" 48%, then 22%, 19%...;
// eu-ft topics: "eu" 48%, then 33%, 31%...), and half of them in under 1%.
constexpr double kConceptZipf = 1.0, kConceptOffset = 2;
// Content words that are concept words, so that a record mentions concepts
// at the rate of the real payloads: 8.1 mentions per 100 words in the eu-ft
// topics, 3.2 in the CORDIS objectives (ConceptVocabulary::find, 2026-11-28).
constexpr double kConceptShareOfContent = 0.3;
// Concept words from outside the record's topic: asides, boilerplate.
constexpr double kOffTopicShare = 0.15;
constexpr double kInflectedShare = 0.3;
constexpr double kPhraseShareOfSentences = 0.2;

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

// Concept ids in a fixed shuffled order: their popularity ranks, the same in
// every language (a subject common in English calls is common in Catalan ones).
std::vector<std::string> conceptsByPopularity() {
  std::vector<std::string> ids = index::ConceptVocabulary::builtin().conceptIds();
  std::sort(ids.begin(), ids.end());
  Random fixed(0x636f6e6365707473ULL);
  shuffle(ids, fixed);
  return ids;
}

LanguageWords buildLanguage(Lang lang) {
  const std::string code = kLangCodes[static_cast<size_t>(lang)];
  const auto& stopwords = index::stopwordsFor(code);
  LanguageWords out;
  // Function words: the commonest first, then the rest of the list in a fixed
  // shuffled order (sorted first: the set's own order is not stable), without
  // elided forms and one-letter pieces. Shuffled, not alphabetical: the ranks
  // after the commonest still carry weight, and "about" is no commoner than "whom".
  std::vector<std::string> function = kTopFunctionWords[static_cast<size_t>(lang)];
  std::vector<std::string> rest;
  for (const auto& w : stopwords)
    if (w.size() > 1 && isWord(w) && !isContractionPiece(w, stopwords) &&
        std::find(function.begin(), function.end(), w) == function.end())
      rest.push_back(w);
  std::sort(rest.begin(), rest.end());
  Random fixedOrder(0x66756e6374696f6eULL + static_cast<uint64_t>(lang)); // the same for every seed
  shuffle(rest, fixedOrder);
  function.insert(function.end(), rest.begin(), rest.end());
  out.function.assign(std::move(function), kFunctionOffset, kFunctionZipf);

  // Concept words: every word of each concept's surfaces in this language.
  const auto& vocabulary = index::ConceptVocabulary::builtin();
  std::vector<std::string> ids;
  std::set<std::string> base;
  for (const auto& id : conceptsByPopularity()) {
    ConceptWords concept;
    for (const auto& surface : vocabulary.surfaces(id, code)) {
      if (surface.size() < 60) concept.surfaces.push_back(surface);
      for (auto& w : wordsOf(surface))
        if (!stopwords.count(w) &&
            std::find(concept.words.begin(), concept.words.end(), w) == concept.words.end())
          concept.words.push_back(std::move(w));
    }
    if (concept.words.empty() || concept.surfaces.empty()) continue;
    base.insert(concept.words.begin(), concept.words.end());
    ids.push_back(id);
    out.concepts.push_back(std::move(concept));
  }
  out.conceptIds.assign(std::move(ids), kConceptOffset, kConceptZipf);
  out.inflections = kSuffixes[static_cast<size_t>(lang)];

  // General words: blends of the concept words, which read like the language
  // but name no concept.
  Random fixed(0x636f6e766f6361ULL + static_cast<uint64_t>(lang)); // the same tables for every seed
  const std::vector<std::string> common(base.begin(), base.end());
  std::set<std::string> seen(base.begin(), base.end());
  std::vector<std::string> general;
  while (general.size() < kGeneralWords) {
    std::string word = blend(fixed.pick(common), fixed.pick(common));
    if (seen.insert(word).second) general.push_back(std::move(word));
  }
  out.general.assign(std::move(general), kGeneralOffset, kGeneralZipf);
  return out;
}

const ConceptWords& conceptOf(Random& random, const LanguageWords& words, const Topic& topic) {
  if (topic.concepts.empty() || random.chance(kOffTopicShare))
    return words.concepts[words.conceptIds.drawIndex(random)];
  return words.concepts[random.pick(topic.concepts)];
}

constexpr double kStopwordShareOfProse = 0.38; // CORDIS objectives: 0.37, eu-ft texts: 0.35 (en list)
constexpr double kStopwordShareOfTitles = 0.22;

void capitaliseFirst(std::string& text, size_t at) {
  if (at < text.size() && text[at] >= 'a' && text[at] <= 'z')
    text[at] = static_cast<char>(text[at] - 'a' + 'A');
}

void appendWords(std::string& out, Random& random, const LanguageWords& words, const Topic& topic, int count,
                 double stopShare) {
  for (int i = 0; i < count; ++i) {
    if (!out.empty() && out.back() != '\n') out += ' ';
    if (random.chance(stopShare)) {
      out += words.function.draw(random);
    } else if (random.chance(kConceptShareOfContent)) {
      out += random.pick(conceptOf(random, words, topic).words);
      // Inflected as prose has them (the stemmers fold them back).
      if (random.chance(kInflectedShare)) out += random.pick(words.inflections);
    } else {
      out += words.general.draw(random);
    }
  }
}

} // namespace

Topic topicOf(Random& random, const LanguageWords& words) {
  Topic topic;
  for (int i = random.between(2, 7); i > 0; --i) {
    const size_t concept = words.conceptIds.drawIndex(random);
    if (std::find(topic.concepts.begin(), topic.concepts.end(), concept) == topic.concepts.end())
      topic.concepts.push_back(concept);
  }
  return topic;
}

std::string title(Random& random, const LanguageWords& words, const Topic& topic, int count) {
  std::string out;
  appendWords(out, random, words, topic, count, kStopwordShareOfTitles);
  capitaliseFirst(out, 0);
  return out;
}

std::string prose(Random& random, const LanguageWords& words, const Topic& topic, int count,
                  bool paragraphs) {
  std::string out;
  out.reserve(static_cast<size_t>(count) * 8);
  int sentencesInParagraph = 0;
  while (count > 0) {
    const size_t start = out.empty() ? 0 : out.size() + (out.back() == '\n' ? 0 : 1);
    int length = std::min(count, random.between(8, 26));
    count -= length;
    if (random.chance(kPhraseShareOfSentences)) {
      if (!out.empty() && out.back() != '\n') out += ' ';
      out += random.pick(conceptOf(random, words, topic).surfaces);
      length -= 2;
    }
    while (length > 0) {
      const int clause = std::min(length, random.between(4, 12));
      appendWords(out, random, words, topic, clause, kStopwordShareOfProse);
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

const std::string& keywordOf(Random& random, const LanguageWords& words, const Topic& topic) {
  return random.pick(conceptOf(random, words, topic).surfaces);
}

CorpusWordTables::CorpusWordTables()
    : languages{buildLanguage(Lang::Ca), buildLanguage(Lang::Es), buildLanguage(Lang::En),
                buildLanguage(Lang::Fr)} {}

} // namespace convoca::app::bench
