// Function words the SDG features skip, per language.
#pragma once

#include <string>
#include <string_view>

namespace convoca::index::sdg {

// True for a lower-cased function word of `language` (ca, es, en, fr).
bool isStopword(std::string_view language, const std::string& word);

} // namespace convoca::index::sdg
