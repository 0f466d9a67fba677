// What convoca derives from a record before indexing it (Record::analysis):
// the language its text is analysed in, an English form, the cross-lingual
// concepts it mentions and its SDG tags with their evidence.
#pragma once

#include "convoca/index/record.h"

#include <functional>
#include <map>
#include <string>
#include <vector>

namespace convoca::index {

// Translates `text` written in `language` (ca, es, fr) into English; returns
// "" when it cannot (the host's Apertium bridge, or nothing in tests).
using TranslateToEnglish = std::function<std::string(const std::string& language, const std::string& text)>;

// The language a record's text is analysed in: the source's when it names one
// and CLD2 does not reliably disagree on a long text, else CLD2's reliable
// guess, else "" (see language.h resolveLanguage()).
std::string analysisLanguageOf(const Record& record);

// Fills record.analysis (replacing what was there). `translate` may be empty.
void analyseRecord(Record& record, const TranslateToEnglish& translate);

// The text a record is analysed on: title, summary, text and keywords.
std::string analysisTextOf(const Record& record);

// The concepts a text (in `language`) and its English form mention: their ids
// in order of first mention, and how the texts say each (its surfaces, each
// once). The analysis stores both; the matcher finds them again for a record
// of an index written before concept_words was stored.
struct ConceptMentions {
  std::vector<std::string> ids;
  std::map<std::string, std::vector<std::string>> words;
};
ConceptMentions conceptMentionsOf(const std::string& text, const std::string& language,
                                  const std::string& english);

} // namespace convoca::index
