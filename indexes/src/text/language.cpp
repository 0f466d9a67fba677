#include "convoca/index/language.h"

#include <cctype>
#include <map>

// clang-format off
#include <cstdio> // first: compact_lang_det.h uses FILE without including <cstdio>
#include <cld2/public/compact_lang_det.h>
#include <cld2/public/encodings.h>
// clang-format on

namespace convoca::index {
namespace {

// A declaration is overridden only by this much text in another language...
constexpr int kOverrideDeclaredTextBytes = 200;
// ...and it stands when it holds this share of a mixed text.
constexpr int kDeclaredSharePercent = 20;
// CLD2 is linear and fast, but a 2 MB document says nothing its first
// quarter megabyte did not.
constexpr size_t kMaxDetectedBytes = 256 * 1024;

std::string lowerAscii(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

// Cuts at a character boundary so CLD2 does not see a broken last character.
size_t boundedLength(const std::string& text) {
  if (text.size() <= kMaxDetectedBytes) return text.size();
  size_t end = kMaxDetectedBytes;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return end;
}

bool isDetectableCode(const std::string& code) {
  return code.size() == 2 && std::islower(static_cast<unsigned char>(code[0])) &&
         std::islower(static_cast<unsigned char>(code[1]));
}

int shareOf(const LanguageGuess& guess, const std::string& language) {
  for (const LanguageShare& share : guess.shares)
    if (share.language == language) return share.percent;
  return 0;
}

bool longEnough(const LanguageGuess& guess) {
  return guess.reliable && isDetectableCode(guess.language) && guess.textBytes >= kMinDetectableTextBytes;
}

} // namespace

LanguageGuess guessLanguage(const std::string& utf8Text) {
  // No hints: the declared language is weighed in resolveLanguage(), in the open.
  const CLD2::CLDHints noHints = {nullptr, nullptr, CLD2::UNKNOWN_ENCODING, CLD2::UNKNOWN_LANGUAGE};
  CLD2::Language top3[3];
  int percent3[3] = {0, 0, 0};
  double normalisedScore3[3];
  int textBytes = 0;
  bool reliable = false;
  int validPrefixBytes = 0;
  int length = static_cast<int>(boundedLength(utf8Text));
  auto detect = [&] {
    return CLD2::ExtDetectLanguageSummaryCheckUTF8(utf8Text.data(), length, true, &noHints, 0, top3, percent3,
                                                   normalisedScore3, nullptr, &textBytes, &reliable,
                                                   &validPrefixBytes);
  };
  CLD2::Language top = detect();
  if (validPrefixBytes < length && validPrefixBytes > 0) {
    length = validPrefixBytes; // CLD2 refuses a whole text for one bad byte: judge the valid part
    top = detect();
  }
  LanguageGuess guess;
  if (top != CLD2::UNKNOWN_LANGUAGE) guess.language = CLD2::LanguageCode(top);
  guess.reliable = reliable && top != CLD2::UNKNOWN_LANGUAGE;
  guess.textBytes = textBytes;
  for (int i = 0; i < 3; ++i)
    if (top3[i] != CLD2::UNKNOWN_LANGUAGE && percent3[i] > 0)
      guess.shares.push_back({CLD2::LanguageCode(top3[i]), percent3[i]});
  return guess;
}

std::optional<std::string> detectLanguage(const std::string& utf8Text) {
  const LanguageGuess guess = guessLanguage(utf8Text);
  if (!longEnough(guess)) return std::nullopt;
  return guess.language;
}

std::string normaliseLanguageCode(const std::string& declared) {
  std::string code = lowerAscii(declared);
  code.erase(0, code.find_first_not_of(" \t"));
  code = code.substr(0, code.find_first_of("-_ \t")); // "en-GB" → "en"
  static const std::map<std::string, std::string> kThreeLetterCodes = {
      {"cat", "ca"}, {"spa", "es"}, {"esl", "es"}, {"eng", "en"}, {"fra", "fr"}, {"fre", "fr"},
      {"ita", "it"}, {"deu", "de"}, {"ger", "de"}, {"por", "pt"}, {"nld", "nl"}, {"dut", "nl"},
  };
  if (auto found = kThreeLetterCodes.find(code); found != kThreeLetterCodes.end()) return found->second;
  return isDetectableCode(code) ? code : "";
}

std::string resolveLanguage(const std::string& utf8Text, const std::string& declared) {
  const std::string declaredCode = normaliseLanguageCode(declared);
  const LanguageGuess guess = guessLanguage(utf8Text);
  if (declaredCode.empty()) return longEnough(guess) ? guess.language : "";
  if (!longEnough(guess) || guess.language == declaredCode) return declaredCode;
  if (shareOf(guess, declaredCode) >= kDeclaredSharePercent) return declaredCode;
  const int needed = declaredCode == "en" ? kMinDetectableTextBytes : kOverrideDeclaredTextBytes;
  return guess.textBytes >= needed ? guess.language : declaredCode;
}

std::string stemmerNameFor(const std::string& code) {
  static const std::map<std::string, std::string> kStemmers = {
      {"ca", "catalan"}, {"es", "spanish"}, {"en", "english"},    {"fr", "french"},
      {"it", "italian"}, {"de", "german"},  {"pt", "portuguese"},
  };
  auto found = kStemmers.find(code);
  return found == kStemmers.end() ? "" : found->second;
}

bool isSupportedStemLanguage(const std::string& code) {
  return !stemmerNameFor(code).empty();
}

} // namespace convoca::index
