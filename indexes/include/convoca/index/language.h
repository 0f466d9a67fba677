// Which language a text is written in (CLD2), which languages have a stemmer,
// and the stopwords of each language the office works in (ca, es, en, fr).
#pragma once

#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

namespace convoca::index {

// What CLD2 made of a text, for callers that want more than the verdict.
struct LanguageShare {
  std::string language; // ISO 639-1 ("ca") or CLD2's own code for others ("zh-Hant")
  int percent = 0;      // share of the text's letters
};
struct LanguageGuess {
  std::string language;              // CLD2's top language, "" when it has none
  bool reliable = false;             // CLD2's own is_reliable
  int textBytes = 0;                 // letters CLD2 scored (markup, digits and spaces not counted)
  std::vector<LanguageShare> shares; // up to three, largest first
};
LanguageGuess guessLanguage(const std::string& utf8Text);

// Below this many scored bytes (about six words) no guess is trusted: CLD2
// calls two-word titles "reliable", and mistakes Catalan for Spanish there.
inline constexpr int kMinDetectableTextBytes = 40;

// The ISO 639-1 code of the text's language, only when CLD2 is reliable and
// the text is long enough (kMinDetectableTextBytes); nullopt otherwise.
std::optional<std::string> detectLanguage(const std::string& utf8Text);

// A declared language as an ISO 639-1 code: "EN", "en-GB", "en_US" → "en";
// ISO 639-2 "cat"/"spa"/"eng"/"fra"/"fre"/... → two letters; anything else "".
std::string normaliseLanguageCode(const std::string& declared);

// The language to analyse a text in, given what its source (or profile) declares.
// 1. Nothing usable declared: the detection when reliable, else "".
// 2. Detection unreliable, too short, or equal to the declaration: the declaration.
// 3. The declared language holds at least 20% of a mixed text: the declaration.
// 4. Otherwise detection overrides the declaration only on enough text: 200
//    scored bytes (a paragraph) against a deliberate declaration, but only
//    kMinDetectableTextBytes against "en", which many portals and feed
//    templates declare for everything they publish.
// The result is normalised (normaliseLanguageCode) and may be "".
std::string resolveLanguage(const std::string& utf8Text, const std::string& declared);

// True when Xapian has a stemmer for the language: ca es en fr it de pt.
bool isSupportedStemLanguage(const std::string& code);
// Xapian's name of that stemmer ("catalan"), "" when there is none.
std::string stemmerNameFor(const std::string& code);

// The function words of ca, es, en or fr, lower-case and accented as written
// (data in indexes/data/stopwords/, compiled in). An elided form is there with
// its apostrophe ("l'", "l’") and bare ("l"), because tokenisers split
// "l'habitatge" at the apostrophe. An empty set for any other language.
const std::unordered_set<std::string>& stopwordsFor(const std::string& language);

} // namespace convoca::index
