// eForms language codes (ISO 639-3 style, "ENG", "SPA", "CAT") to the ISO 639-1
// codes convoca uses ("en", "es", "ca").
#pragma once

#include <string>

namespace ted {

// "" for a code outside the table (the record then leaves language out and convoca detects it).
std::string isoLanguageOf(const std::string& eformsCode);

} // namespace ted
