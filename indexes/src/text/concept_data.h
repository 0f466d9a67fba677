// The parsed concept vocabulary, laid out for find(): surfaces indexed by a key
// of their first word, so a text is read once and each word costs one lookup
// per language. Internal to convoca::text.
#pragma once

#include "tokens.h"

#include <cstdint>
#include <map>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace convoca::index::detail {

struct SurfaceWord {
  std::string raw;     // exact surfaces compare the text's words with this
  text::WordKeys keys; // the others compare keys, and check the forms' beginnings
};

struct Surface {
  uint32_t concept = 0; // index in VocabularyData::concepts
  bool exact = false;
  // Every word when exact; else the words that are not stopwords of the
  // surface's language, which the text may also hold between them.
  std::vector<SurfaceWord> words;
};

struct Concept {
  std::string id;
  std::map<std::string, std::vector<std::string>> surfaces; // language → surfaces as listed
};

struct LanguageIndex {
  std::string language;
  std::unordered_map<std::string, std::vector<uint32_t>> byFirstKey;       // key → surfaces (not exact)
  std::unordered_map<std::string, std::vector<uint32_t>> exactByFirstWord; // word as written → exact surfaces
};

struct VocabularyData {
  std::vector<Concept> concepts;
  std::unordered_map<std::string, uint32_t> conceptIndex; // id → index in concepts
  std::vector<Surface> surfaces;
  std::vector<LanguageIndex> languages;            // in the order first listed
  std::unordered_set<std::string> exactFirstWords; // of every language
};

// Throws std::invalid_argument naming the line on a malformed line.
VocabularyData parseVocabulary(const std::string& tsvText);

} // namespace convoca::index::detail
