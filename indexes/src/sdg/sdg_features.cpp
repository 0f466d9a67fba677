// Tokenising and stemming for the SDG model. Xapian's Unicode tables decide what
// a word character is and how it lower-cases; Xapian's Snowball stemmers stem.
#include "convoca/index/sdg_features.h"

#include "sdg_stopwords.h"

#include <xapian.h>

namespace convoca::index {
namespace {

struct Token {
  std::string word; // lower-cased
  size_t begin = 0; // byte span in the text, for the surface form
  size_t end = 0;
  bool startsClause = false; // no pair with the previous word
};

bool breaksClause(unsigned ch) {
  switch (ch) {
  case '.':
  case ',':
  case ';':
  case ':':
  case '!':
  case '?':
  case '(':
  case ')':
  case '[':
  case ']':
  case '"':
  case '\n':
  case '\r':
  case 0x00AB:
  case 0x00BB:
  case 0x201C:
  case 0x201D:
  case 0x2022:
    return true;
  default:
    return false;
  }
}

// A middle dot inside a word is Catalan's "l·l" (col·lectiu): part of the word.
constexpr unsigned kMiddleDot = 0x00B7;

bool hasLetter(const std::string& word) {
  for (Xapian::Utf8Iterator it(word); it != Xapian::Utf8Iterator(); ++it)
    switch (Xapian::Unicode::get_category(*it)) {
    case Xapian::Unicode::UPPERCASE_LETTER:
    case Xapian::Unicode::LOWERCASE_LETTER:
    case Xapian::Unicode::TITLECASE_LETTER:
    case Xapian::Unicode::MODIFIER_LETTER:
    case Xapian::Unicode::OTHER_LETTER:
      return true;
    default:
      break;
    }
  return false;
}

size_t characterCount(const std::string& word) {
  size_t count = 0;
  for (Xapian::Utf8Iterator it(word); it != Xapian::Utf8Iterator(); ++it) ++count;
  return count;
}

// Calls `emit(token)` for every word that is neither a stop word, a number nor a
// single letter, flagging the first word after a clause break.
template <typename Emit>
void forEachContentWord(std::string_view text, const std::string& language, Emit emit) {
  Token current;
  bool clauseBreak = true;
  auto flush = [&](size_t end) {
    if (current.word.empty()) return;
    current.end = end;
    if (hasLetter(current.word) && characterCount(current.word) >= 2 &&
        !sdg::isStopword(language, current.word)) {
      current.startsClause = clauseBreak;
      emit(current);
      clauseBreak = false;
    }
    current.word.clear();
  };
  const char* base = text.data();
  Xapian::Utf8Iterator it(text.data(), text.size());
  const Xapian::Utf8Iterator endIt;
  while (it != endIt) {
    const size_t offset = static_cast<size_t>(it.raw() - base);
    const unsigned ch = *it;
    ++it;
    if (Xapian::Unicode::is_wordchar(ch) ||
        (ch == kMiddleDot && !current.word.empty() && it != endIt && Xapian::Unicode::is_wordchar(*it))) {
      if (current.word.empty()) current.begin = offset;
      Xapian::Unicode::append_utf8(current.word, Xapian::Unicode::tolower(ch));
      continue;
    }
    flush(offset);
    if (breaksClause(ch)) clauseBreak = true;
  }
  flush(text.size());
}

std::string stemmerName(const std::string& language) {
  if (language == "ca") return "catalan";
  if (language == "es") return "spanish";
  if (language == "fr") return "french";
  return "english";
}

// Xapian::Stem keeps state while stemming: one per thread and language.
const Xapian::Stem& stemmerFor(const std::string& language) {
  thread_local std::unordered_map<std::string, Xapian::Stem> stemmers;
  auto found = stemmers.find(language);
  if (found == stemmers.end()) found = stemmers.emplace(language, Xapian::Stem(stemmerName(language))).first;
  return found->second;
}

std::string surfaceOf(std::string_view text, size_t begin, size_t end) {
  std::string surface(text.substr(begin, end - begin));
  for (char& c : surface)
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  return surface;
}

} // namespace

std::string sdgFeatureLanguage(std::string_view language) {
  if (language == "ca" || language == "es" || language == "fr") return std::string(language);
  return "en";
}

void addSdgFeatures(std::string_view text, std::string_view language, SdgFeatureBag& bag,
                    SdgSurface surface) {
  const std::string lang = sdgFeatureLanguage(language);
  const std::string prefix = lang == "en" ? std::string() : lang + ":";
  const Xapian::Stem& stem = stemmerFor(lang);
  std::string previousStem;
  size_t previousBegin = 0;
  auto count = [&](const std::string& name, size_t begin, size_t end) {
    SdgFeatureOccurrence& occurrence = bag[name];
    if (occurrence.count++ == 0 && surface == SdgSurface::Keep)
      occurrence.surface = surfaceOf(text, begin, end);
  };
  forEachContentWord(text, lang, [&](const Token& token) {
    std::string stemmed = stem(token.word);
    if (stemmed.empty()) return;
    count(prefix + stemmed, token.begin, token.end);
    if (!token.startsClause && !previousStem.empty())
      count(prefix + previousStem + " " + stemmed, previousBegin, token.end);
    previousStem = std::move(stemmed);
    previousBegin = token.begin;
  });
}

} // namespace convoca::index
