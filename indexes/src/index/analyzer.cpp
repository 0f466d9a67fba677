#include "convoca/index/analyzer.h"

#include "convoca/index/concepts.h"
#include "convoca/index/language.h"
#include "convoca/index/sdg_tagger.h"

#include <algorithm>
#include <map>

namespace convoca::index {
namespace {

// The English form is made from the words people read first; linked
// documents are left out (megabytes, and Apertium runs at a few thousand words a second).
constexpr size_t kMaxTranslatedBytes = 12000;
// A stored tag needs a real share of the 17 probabilities: the tagger's
// benchmark rule accepts a best goal from 0.10, which lets off-topic texts
// (a recipe, a match report) reach 0.14-0.21 on some goal; calls about a goal
// score 0.4-0.9 on it.
constexpr double kMinSdgScore = 0.25;
constexpr size_t kMaxSdgTags = 3;

std::string cut(const std::string& text, size_t maxBytes) {
  if (text.size() <= maxBytes) return text;
  size_t end = maxBytes;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end; // whole UTF-8 characters
  return text.substr(0, end);
}

} // namespace

std::string analysisTextOf(const Record& record) {
  std::string text = record.title;
  for (const std::string* part : {&record.summary, &record.text})
    if (!part->empty()) text += "\n" + *part;
  for (const auto& keyword : record.keywords) text += "\n" + keyword;
  return text;
}

std::string analysisLanguageOf(const Record& record) {
  return resolveLanguage(analysisTextOf(record), record.language);
}

ConceptMentions conceptMentionsOf(const std::string& text, const std::string& language,
                                  const std::string& english) {
  ConceptMentions mentions;
  const auto collect = [&mentions](const std::vector<ConceptHit>& hits) {
    for (const ConceptHit& hit : hits) {
      std::vector<std::string>& surfaces = mentions.words[hit.conceptId];
      if (surfaces.empty()) mentions.ids.push_back(hit.conceptId);
      if (std::find(surfaces.begin(), surfaces.end(), hit.surface) == surfaces.end())
        surfaces.push_back(hit.surface);
    }
  };
  collect(ConceptVocabulary::builtin().find(text, language));
  if (!english.empty()) collect(ConceptVocabulary::builtin().find(english, "en"));
  return mentions;
}

void analyseRecord(Record& record, const TranslateToEnglish& translate) {
  Analysis analysis;
  const std::string text = analysisTextOf(record);
  analysis.language = resolveLanguage(text, record.language);
  if (translate && !analysis.language.empty() && analysis.language != "en")
    analysis.english = translate(analysis.language, cut(text, kMaxTranslatedBytes));

  ConceptMentions mentions = conceptMentionsOf(text, analysis.language, analysis.english);
  analysis.concepts = std::move(mentions.ids);
  analysis.conceptWords = std::move(mentions.words);

  const SdgText input{text, analysis.language, analysis.english};
  for (const SdgTag& tag : SdgTagger::builtin().tag(input)) {
    if (tag.score < kMinSdgScore || analysis.sdgTags.size() >= kMaxSdgTags) break;
    analysis.sdgTags.push_back({tag.goal, tag.score, tag.why});
  }
  record.analysis = std::move(analysis);
}

} // namespace convoca::index
