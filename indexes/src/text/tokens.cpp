#include "tokens.h"

#include "convoca/index/language.h"

#include <algorithm>
#include <string>

namespace convoca::index::text {
namespace {

constexpr unsigned kMiddleDot = 0x00B7;

struct CodePoint {
  unsigned ch;
  size_t offset; // of its first byte
};

std::vector<CodePoint> decode(std::string_view utf8) {
  std::vector<CodePoint> out;
  out.reserve(utf8.size());
  // Bytes that are not UTF-8 come out as Latin-1 characters, one byte each.
  for (Xapian::Utf8Iterator it(utf8.data(), utf8.size()); it != Xapian::Utf8Iterator(); ++it)
    out.push_back({*it, utf8.size() - it.left()});
  return out;
}

bool isWordChar(unsigned ch) {
  return Xapian::Unicode::is_wordchar(ch);
}

bool isDigit(unsigned ch) {
  return Xapian::Unicode::get_category(ch) == Xapian::Unicode::DECIMAL_DIGIT_NUMBER;
}

bool isLetterL(unsigned ch) {
  return ch == 'l' || ch == 'L';
}

// The Catalan "punt volat" and the characters people type for it.
bool isMiddleDotLike(unsigned ch) {
  return ch == kMiddleDot || ch == 0x2027 || ch == 0x2219 || ch == 0x22C5;
}

// Sentence and clause punctuation, brackets, quotes and line breaks: a phrase
// that runs across one of these is two phrases. Commas are not here because
// the names people write ("Peace, justice and strong institutions") hold them.
bool isPhraseBreak(unsigned ch) {
  static const std::u32string kBreaks = U".!?;:()[]{}\"|\n\r«»“”„¿¡•…–—";
  return kBreaks.find(static_cast<char32_t>(ch)) != std::u32string::npos;
}

// "4.0", "2,5", "2021–2027": punctuation between digits ends no phrase.
bool joinsDigits(const std::vector<CodePoint>& cps, size_t i) {
  const unsigned ch = cps[i].ch;
  return (ch == '.' || ch == ',' || ch == 0x2013) && i > 0 && i + 1 < cps.size() && isDigit(cps[i - 1].ch) &&
         isDigit(cps[i + 1].ch);
}

// Inside a word, at cps[i]: does the word go on through cps[i]?
bool continuesWord(const std::vector<CodePoint>& cps, size_t i) {
  const unsigned ch = cps[i].ch;
  if (isWordChar(ch)) return !(isDigit(ch) && !isDigit(cps[i - 1].ch)); // "ODS11" → "ODS" "11"
  if (isMiddleDotLike(ch)) return isLetterL(cps[i - 1].ch) && i + 1 < cps.size() && isLetterL(cps[i + 1].ch);
  return false;
}

// A run of "+" that ends a word ("ESF+", "C++") but not one inside "I+D+i".
size_t trailingPluses(const std::vector<CodePoint>& cps, size_t i) {
  size_t end = i;
  while (end < cps.size() && cps[end].ch == '+') ++end;
  if (end == i || (end < cps.size() && isWordChar(cps[end].ch))) return 0;
  return end - i;
}

void appendLower(std::string& out, unsigned ch) {
  if (ch == 0x013F || ch == 0x0140) { // Ŀ ŀ: the "l·" of "col·legi" as one letter
    out += 'l';
    Xapian::Unicode::append_utf8(out, kMiddleDot);
    return;
  }
  Xapian::Unicode::append_utf8(out, isMiddleDotLike(ch) ? kMiddleDot : Xapian::Unicode::tolower(ch));
}

// The unaccented spelling of one lower-case letter, or nullptr to keep it.
const char* unaccented(unsigned ch) {
  if (ch >= 0xE0 && ch <= 0xE5) return "a";
  if (ch >= 0xE8 && ch <= 0xEB) return "e";
  if (ch >= 0xEC && ch <= 0xEF) return "i";
  if ((ch >= 0xF2 && ch <= 0xF6) || ch == 0xF8) return "o";
  if (ch >= 0xF9 && ch <= 0xFC) return "u";
  if (ch == 0xE6) return "ae"; // æ
  if (ch == 0xE7) return "c";  // ç
  if (ch == 0xF1) return "n";  // ñ
  if (ch == 0xFD || ch == 0xFF) return "y";
  if (ch == 0xDF) return "ss";   // ß
  if (ch == 0x0153) return "oe"; // œ
  if (ch == 0x0140) return "l";  // ŀ
  if (ch == kMiddleDot) return "";
  return nullptr;
}

bool endsWith(const std::u32string& word, const std::u32string& suffix) {
  return word.size() >= suffix.size() &&
         word.compare(word.size() - suffix.size(), suffix.size(), suffix) == 0;
}

bool isVowel(char32_t ch) {
  static const std::u32string kVowels = U"aeiouáéíóúàèòïü";
  return kVowels.find(ch) != std::u32string::npos;
}

// Replaces `suffix` (which the word ends with) by `replacement`.
std::u32string swapEnding(const std::u32string& word, size_t suffixLength,
                          const std::u32string& replacement) {
  return word.substr(0, word.size() - suffixLength) + replacement;
}

std::u32string singularSpanish(const std::u32string& w) {
  const size_t n = w.size();
  if (n > 4 && endsWith(w, U"ces") && isVowel(w[n - 4])) return swapEnding(w, 3, U"z"); // luces → luz
  // ciudades → ciudad, mujeres → mujer; not "sostenibles" (consonant before l)
  static const std::u32string kConsonantPlurals = U"drnljy";
  if (n > 4 && endsWith(w, U"es") && kConsonantPlurals.find(w[n - 3]) != std::u32string::npos &&
      isVowel(w[n - 4]))
    return swapEnding(w, 2, U"");
  if (n > 3 && w[n - 1] == U's' && isVowel(w[n - 2])) return swapEnding(w, 1, U"");
  return w;
}

std::u32string singularCatalan(const std::u32string& w) {
  const size_t n = w.size();
  if (n <= 3 || w[n - 1] != U's') return w;
  static const std::pair<std::u32string, std::u32string> kEndings[] = {
      {U"qües", U"qua"}, {U"gües", U"gua"}, {U"ques", U"ca"}, {U"gues", U"ga"},
      {U"ges", U"ja"},   {U"ces", U"ça"},   {U"es", U"a"}, // bicicletes → bicicleta, públiques → pública
  };
  for (const auto& [plural, singular] : kEndings)
    if (n > plural.size() + 1 && endsWith(w, plural)) return swapEnding(w, plural.size(), singular);
  if (n > 4 && endsWith(w, U"os") && !isVowel(w[n - 3])) return swapEnding(w, 2, U""); // boscos → bosc
  if (endsWith(w, U"ns") && isVowel(w[n - 3])) return swapEnding(w, 2, U"");           // urbans → urba
  return swapEnding(w, 1, U"");                                                        // residus → residu
}

std::u32string singularFrench(const std::u32string& w) {
  const size_t n = w.size();
  if (n > 4 && endsWith(w, U"aux")) return swapEnding(w, 3, U"al"); // régionaux → régional
  if (n > 3 && (endsWith(w, U"eux") || endsWith(w, U"oux") || endsWith(w, U"eaux")))
    return swapEnding(w, 1, U"");
  if (n > 3 && w[n - 1] == U's' && w[n - 2] != U's') return swapEnding(w, 1, U"");
  return w;
}

std::u32string singularEnglish(const std::u32string& w) {
  const size_t n = w.size();
  if (n > 4 && endsWith(w, U"ies")) return swapEnding(w, 3, U"y");
  if (n > 4 && endsWith(w, U"sses")) return swapEnding(w, 2, U"");
  if (n > 3 && w[n - 1] == U's' && !endsWith(w, U"ss") && !endsWith(w, U"us") && !endsWith(w, U"is"))
    return swapEnding(w, 1, U"");
  return w;
}

std::u32string toCodePoints(const std::string& utf8) {
  std::u32string out;
  for (Xapian::Utf8Iterator it(utf8); it != Xapian::Utf8Iterator(); ++it) out.push_back(*it);
  return out;
}

std::string toUtf8(const std::u32string& codePoints) {
  std::string out;
  for (char32_t ch : codePoints) Xapian::Unicode::append_utf8(out, ch);
  return out;
}

bool isAllDigits(const std::string& word) {
  for (unsigned char c : word)
    if (c < '0' || c > '9') return false;
  return !word.empty();
}

} // namespace

std::string foldAccents(std::string_view lower) {
  std::string out;
  out.reserve(lower.size());
  for (Xapian::Utf8Iterator it(lower.data(), lower.size()); it != Xapian::Utf8Iterator(); ++it) {
    const char* plain = unaccented(*it);
    if (plain)
      out += plain;
    else
      Xapian::Unicode::append_utf8(out, *it);
  }
  return out;
}

std::vector<Token> tokenise(std::string_view utf8) {
  const std::vector<CodePoint> cps = decode(utf8);
  std::vector<Token> tokens;
  bool pendingBreak = false;
  size_t i = 0;
  while (i < cps.size()) {
    if (!isWordChar(cps[i].ch)) {
      pendingBreak = pendingBreak || (isPhraseBreak(cps[i].ch) && !joinsDigits(cps, i));
      ++i;
      continue;
    }
    Token token;
    token.breakBefore = pendingBreak && !tokens.empty();
    pendingBreak = false;
    token.begin = cps[i].offset;
    appendLower(token.lower, cps[i].ch);
    for (++i; i < cps.size() && continuesWord(cps, i); ++i) appendLower(token.lower, cps[i].ch);
    for (size_t pluses = trailingPluses(cps, i); pluses > 0; --pluses, ++i) token.lower += '+';
    token.end = i < cps.size() ? cps[i].offset : utf8.size();
    token.raw = std::string(utf8.substr(token.begin, token.end - token.begin));
    token.folded = foldAccents(token.lower);
    tokens.push_back(std::move(token));
  }
  return tokens;
}

bool isShouted(const Token& token) {
  size_t capitals = 0;
  for (Xapian::Utf8Iterator it(token.raw); it != Xapian::Utf8Iterator(); ++it) {
    const auto category = Xapian::Unicode::get_category(*it);
    if (category == Xapian::Unicode::LOWERCASE_LETTER) return false;
    if (category == Xapian::Unicode::UPPERCASE_LETTER) ++capitals;
  }
  return capitals >= 4;
}

std::string guessSingular(const std::string& language, const std::string& lower) {
  if (language == "en" && lower == "women") return "woman";
  if (language == "en" && lower == "children") return "child";
  // Every other rule strips a final "s" or "x": most words are done here.
  if (lower.empty() || (lower.back() != 's' && lower.back() != 'x')) return lower;
  std::u32string word = toCodePoints(lower);
  std::u32string singular = word;
  if (language == "es")
    singular = singularSpanish(word);
  else if (language == "ca")
    singular = singularCatalan(word);
  else if (language == "fr")
    singular = singularFrench(word);
  else if (language == "en")
    singular = singularEnglish(word);
  return singular == word ? lower : toUtf8(singular);
}

MatchStemmer::MatchStemmer(const std::string& language) : language_(language) {
  const std::string name = stemmerNameFor(language);
  if (!name.empty()) stem_ = Xapian::Stem(name); // else words compare whole
}

std::string MatchStemmer::stemFolded(const std::string& lower) {
  if (isAllDigits(lower)) return lower;
  size_t base = lower.size();
  while (base > 0 && lower[base - 1] == '+') --base;
  const std::string stem = stem_(lower.substr(0, base));
  return foldAccents(stem) + lower.substr(base);
}

void MatchStemmer::addKeysOf(const std::string& lower, WordKeys& keys) {
  auto add = [&keys](std::string key) {
    if (std::find(keys.keys.begin(), keys.keys.end(), key) == keys.keys.end())
      keys.keys.push_back(std::move(key));
  };
  add(stemFolded(lower));
  const std::string singular = guessSingular(language_, lower);
  if (singular != lower) add(stemFolded(singular));
}

WordKeys MatchStemmer::keysOf(const Token& token) {
  WordKeys keys;
  addKeysOf(token.lower, keys);
  if (token.folded != token.lower) addKeysOf(token.folded, keys);
  keys.forms.push_back(token.folded);
  const std::string singular = foldAccents(guessSingular(language_, token.lower));
  if (singular != token.folded) keys.forms.push_back(singular);
  return keys;
}

bool WordKeys::sharesKeyWith(const WordKeys& other) const {
  for (const std::string& key : keys)
    if (std::find(other.keys.begin(), other.keys.end(), key) != other.keys.end()) return true;
  return false;
}

} // namespace convoca::index::text
