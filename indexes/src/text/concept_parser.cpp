// Reads the concept vocabulary format described in indexes/data/CONCEPTS.md.
#include "concept_data.h"
#include "convoca/index/language.h"

#include <algorithm>
#include <set>
#include <stdexcept>

namespace convoca::index::detail {
namespace {

// Where a line's wording came from (CONCEPTS.md, "Sources").
const std::set<std::string> kSourceCodes = {"team", "sdg-texts", "eurovoc", "termcat", "official"};

class LineError : public std::invalid_argument {
public:
  LineError(size_t line, const std::string& what)
      : std::invalid_argument("concepts line " + std::to_string(line) + ": " + what) {}
};

std::string trimmed(const std::string& text) {
  const size_t first = text.find_first_not_of(" \t\r");
  if (first == std::string::npos) return "";
  return text.substr(first, text.find_last_not_of(" \t\r") - first + 1);
}

std::vector<std::string> split(const std::string& text, char separator) {
  std::vector<std::string> parts;
  size_t start = 0;
  for (size_t at = text.find(separator); at != std::string::npos; at = text.find(separator, start)) {
    parts.push_back(text.substr(start, at - start));
    start = at + 1;
  }
  parts.push_back(text.substr(start));
  return parts;
}

bool isIdChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
}

// Lower-case ASCII segments joined by dots: "climate.adaptation", "sdg.11".
bool isConceptId(const std::string& id) {
  for (const std::string& segment : split(id, '.'))
    if (segment.empty() || !std::all_of(segment.begin(), segment.end(), isIdChar)) return false;
  return true;
}

bool isLanguageCode(const std::string& code) {
  return code.size() == 2 &&
         std::all_of(code.begin(), code.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

void checkSources(size_t line, const std::string& field) {
  for (const std::string& code : split(field, ','))
    if (!kSourceCodes.count(trimmed(code)))
      throw LineError(line, "unknown source '" + trimmed(code) + "' (CONCEPTS.md lists the sources)");
}

class Builder {
public:
  void addLine(size_t line, const std::vector<std::string>& fields);
  VocabularyData take() { return std::move(data_); }

private:
  uint32_t conceptFor(const std::string& id);
  LanguageIndex& indexFor(const std::string& language);
  void addSurface(size_t line, uint32_t concept, const std::string& language, std::string text);

  VocabularyData data_;
  std::map<std::string, text::MatchStemmer> stemmers_;
};

uint32_t Builder::conceptFor(const std::string& id) {
  auto [at, added] = data_.conceptIndex.emplace(id, static_cast<uint32_t>(data_.concepts.size()));
  if (added) data_.concepts.push_back({id, {}});
  return at->second;
}

LanguageIndex& Builder::indexFor(const std::string& language) {
  for (LanguageIndex& index : data_.languages)
    if (index.language == language) return index;
  data_.languages.push_back({language, {}, {}});
  return data_.languages.back();
}

void Builder::addLine(size_t line, const std::vector<std::string>& fields) {
  if (fields.size() < 3 || fields.size() > 4)
    throw LineError(line,
                    "expected 3 or 4 tab-separated fields (concept, language, surfaces, source), found " +
                        std::to_string(fields.size()));
  const std::string id = trimmed(fields[0]);
  const std::string language = trimmed(fields[1]);
  if (!isConceptId(id)) throw LineError(line, "'" + id + "' is not a concept id (like climate.adaptation)");
  if (!isLanguageCode(language))
    throw LineError(line, "'" + language + "' is not a two-letter language code");
  if (fields.size() == 4 && !trimmed(fields[3]).empty()) checkSources(line, fields[3]);
  const uint32_t concept = conceptFor(id);
  for (const std::string& surface : split(fields[2], '|'))
    addSurface(line, concept, language, trimmed(surface));
}

void Builder::addSurface(size_t line, uint32_t concept, const std::string& language, std::string text) {
  const bool exact = !text.empty() && text[0] == '=';
  if (exact) text = trimmed(text.substr(1));
  if (text.empty()) throw LineError(line, "empty surface");
  std::vector<std::string>& listed = data_.concepts[concept].surfaces[language];
  if (std::find(listed.begin(), listed.end(), text) != listed.end())
    throw LineError(line, "surface '" + text + "' listed twice for " + data_.concepts[concept].id);

  const std::vector<text::Token> tokens = text::tokenise(text);
  if (std::any_of(tokens.begin(), tokens.end(), [](const text::Token& t) { return t.breakBefore; }))
    throw LineError(line, "surface '" + text + "' holds punctuation that ends a phrase");
  const auto& stopwords = stopwordsFor(language);
  text::MatchStemmer& stemmer = stemmers_.try_emplace(language, language).first->second;
  Surface surface{concept, exact, {}};
  for (const text::Token& token : tokens) {
    if (!exact && stopwords.count(token.lower)) continue;
    surface.words.push_back({token.raw, exact ? text::WordKeys{} : stemmer.keysOf(token)});
  }
  if (surface.words.empty())
    throw LineError(line, "surface '" + text + "' has no word that is not a stopword of '" + language + "'");

  listed.push_back(text);
  const auto id = static_cast<uint32_t>(data_.surfaces.size());
  LanguageIndex& index = indexFor(language);
  if (exact) {
    index.exactByFirstWord[surface.words.front().raw].push_back(id);
    data_.exactFirstWords.insert(surface.words.front().raw);
  } else {
    for (const std::string& key : surface.words.front().keys.keys) index.byFirstKey[key].push_back(id);
  }
  data_.surfaces.push_back(std::move(surface));
}

} // namespace

VocabularyData parseVocabulary(const std::string& tsvText) {
  Builder builder;
  size_t lineNumber = 0;
  for (const std::string& rawLine : split(tsvText, '\n')) {
    ++lineNumber;
    std::string line = rawLine;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const std::string content = trimmed(line);
    if (content.empty() || content[0] == '#') continue;
    builder.addLine(lineNumber, split(line, '\t'));
  }
  return builder.take();
}

} // namespace convoca::index::detail
