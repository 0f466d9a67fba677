// How the concept vocabulary reads text: words with their byte ranges, in the
// forms they are compared by. Internal to convoca::text.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>
#include <xapian.h>

namespace convoca::index::text {

struct Token {
  size_t begin = 0; // byte range of the word in the input
  size_t end = 0;
  std::string raw;    // as written, compared by exact surfaces ("FEDER", "ESF+")
  std::string lower;  // Unicode lower-case, every Catalan "l·l" spelt with U+00B7
  std::string folded; // lower without accents or middle dot: "intelligencia"
  // Sentence punctuation or a line break lies between this word and the one
  // before: no phrase is matched across it.
  bool breakBefore = false;
};

// The words of a UTF-8 text. Apostrophes between letters ("l'habitatge",
// "d’edificis") and hyphens split words; the Catalan "l·l" (also written "ŀl"
// or with a look-alike dot) stays inside one; a trailing "+" belongs to its word ("ESF+", "Erasmus+"); a run
// of digits after letters is a word of its own ("ODS11" reads "ODS 11").
std::vector<Token> tokenise(std::string_view utf8);

// Four or more capitals and no lower-case letter: "PROJECTES", "FEDER".
bool isShouted(const Token& token);

// Lower-case letters without their accents (à→a, ç→c, ñ→n, œ→oe...), "·" dropped.
std::string foldAccents(std::string_view lower);

// The keys a word is compared by in one language: the folded stems of the
// word, of its guessed singular, and of both spelt without accents. Snowball
// does not always conflate plurals ("ciudad"→ciud but "ciudades"→ciudad;
// Catalan "bicicleta"→bicicl but "bicicletes"→biciclet), and it stems
// "rehabilitacio" (a capitalised title without accents) unlike
// "rehabilitació". Two words match when they share a key.
struct WordKeys {
  std::vector<std::string> keys;  // distinct; one to four
  std::vector<std::string> forms; // the word and its guessed singular, folded
  bool sharesKeyWith(const WordKeys& other) const;
};

// Per-language stemming for matching. Not thread-safe (Xapian::Stem is not):
// make one per call.
class MatchStemmer {
public:
  explicit MatchStemmer(const std::string& language);
  WordKeys keysOf(const Token& token);

private:
  std::string stemFolded(const std::string& lower);
  void addKeysOf(const std::string& lower, WordKeys& keys);
  std::string language_;
  Xapian::Stem stem_;
};

// The word with a plural ending replaced by the singular one, by simple
// spelling rules of ca, es, en and fr; other languages unchanged.
std::string guessSingular(const std::string& language, const std::string& lower);

} // namespace convoca::index::text
