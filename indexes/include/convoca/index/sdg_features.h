// The words the SDG model reads: stems and pairs of adjacent stems, per language.
// Shared by the tagger and its trainer (tools/train-sdg) so that both see a text
// the same way.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>

namespace convoca::index {

// How often a feature occurs in a text and, when asked for, the words that
// produced it the first time ("renewable energy" for the feature "renew energi").
struct SdgFeatureOccurrence {
  int count = 0;
  std::string surface;
};

// Feature name → occurrence. Names: English stems as they are ("energi",
// "renew energi"); other languages prefixed with their code ("ca:energ",
// "es:energi renov"), because a stem means different things in each language.
using SdgFeatureBag = std::unordered_map<std::string, SdgFeatureOccurrence>;

enum class SdgSurface { Skip, Keep };

// Adds the features of `text` read as `language` (ca, es, en, fr; anything else
// is read as English) to `bag`: lower-cased words, elisions (l', d', qu') and
// stop words dropped, numbers dropped, each word stemmed with Xapian's stemmer
// for the language, and each pair of adjacent remaining words within a clause.
void addSdgFeatures(std::string_view text, std::string_view language, SdgFeatureBag& bag,
                    SdgSurface surface = SdgSurface::Skip);

// The language code the features use for `language` ("en" for unknown ones).
std::string sdgFeatureLanguage(std::string_view language);

} // namespace convoca::index
