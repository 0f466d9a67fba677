#include "languages.h"

#include <Poco/String.h>
#include <map>

namespace ted {

std::string isoLanguageOf(const std::string& eformsCode) {
  // The 24 official EU languages, plus the co-official languages of Spain that
  // Spanish buyers add to their notices.
  static const std::map<std::string, std::string> kCodes = {
      {"BUL", "bg"}, {"CES", "cs"}, {"DAN", "da"}, {"DEU", "de"}, {"ELL", "el"}, {"ENG", "en"}, {"EST", "et"},
      {"FIN", "fi"}, {"FRA", "fr"}, {"GLE", "ga"}, {"HRV", "hr"}, {"HUN", "hu"}, {"ITA", "it"}, {"LAV", "lv"},
      {"LIT", "lt"}, {"MLT", "mt"}, {"NLD", "nl"}, {"POL", "pl"}, {"POR", "pt"}, {"RON", "ro"}, {"SLK", "sk"},
      {"SLV", "sl"}, {"SPA", "es"}, {"SWE", "sv"}, {"CAT", "ca"}, {"EUS", "eu"}, {"GLG", "gl"}};
  const auto found = kCodes.find(Poco::toUpper(eformsCode));
  return found == kCodes.end() ? std::string() : found->second;
}

} // namespace ted
