#include "corpus.h"

#include "sdg_texts.h"
#include "source_files.h"
#include "term_lists.h"

#include <Poco/Exception.h>
#include <Poco/FileStream.h>
#include <Poco/StreamCopier.h>
#include <map>
#include <random>
#include <sstream>
#include <stdexcept>

namespace convoca::train_sdg {
namespace {

// Mac-Roman mojibake of curly quotes and dashes found in oro_gold_dataset.tsv.
std::string repairMojibake(std::string text) {
  static const std::pair<const char*, const char*> repairs[] = {{"‚Äô", "’"}, {"‚Äò", "‘"}, {"‚Äú", "“"},
                                                                {"‚Äù", "”"}, {"‚Äì", "–"}, {"‚Äî", "—"}};
  for (const auto& [broken, fixed] : repairs)
    for (size_t at = text.find(broken); at != std::string::npos; at = text.find(broken, at))
      text.replace(at, std::string(broken).size(), fixed);
  return text;
}

// "['SDG05', 'SDG08']" → {5, 8}
std::vector<int> labelsOf(const std::string& field) {
  std::vector<int> goals;
  for (size_t at = field.find("SDG"); at != std::string::npos; at = field.find("SDG", at + 3)) {
    const int goal = std::atoi(field.c_str() + at + 3);
    if (goal >= 1 && goal <= 17) goals.push_back(goal);
  }
  return goals;
}

std::vector<std::string> splitTabs(const std::string& line) {
  std::vector<std::string> fields;
  std::stringstream stream(line);
  for (std::string field; std::getline(stream, field, '\t');) fields.push_back(field);
  return fields;
}

// id, title, abstract, labels; an abstract may itself hold tabs.
void readLabelledTsv(const std::string& path, const std::string& source, Corpus& corpus) {
  std::stringstream lines(readSourceFile(path));
  std::string line;
  std::getline(lines, line); // header
  while (std::getline(lines, line)) {
    const std::vector<std::string> fields = splitTabs(line);
    if (fields.size() < 3) throw std::runtime_error(path + ": a row with fewer than 4 fields");
    TrainingDoc doc;
    doc.goals = labelsOf(fields.back());
    if (doc.goals.empty()) continue;
    std::string text = fields[1] + ".\n";
    for (size_t i = 2; i + 1 < fields.size(); ++i) text += fields[i] + " ";
    index::addSdgFeatures(repairMojibake(text), "en", doc.features);
    doc.source = source;
    const bool hasAbstract = text.find_first_not_of(" \t\r\n", fields[1].size() + 2) != std::string::npos;
    if (source == "oro" || hasAbstract) {
      doc.cvGroup = static_cast<int>(corpus.groupCount++);
      doc.heldOutIndex = static_cast<int>(corpus.heldOutCount++);
    }
    corpus.docs.push_back(std::move(doc));
  }
}

// "7-2-1-title" and "7-2-title" → "7-2"; goal keys ("7-title", "7-short") → "".
std::string targetOf(const std::string& key) {
  const size_t first = key.find('-');
  const size_t second = key.find('-', first + 1);
  if (second == std::string::npos) return "";
  return key.substr(0, second);
}

void addSdgTexts(const std::string& dataDir, const CorpusOptions& options, Corpus& corpus) {
  const auto english = readSdgTexts(dataDir, "en");
  std::map<std::string, int> groupOfTarget;
  for (const auto& [key, text] : english) {
    const std::string target = targetOf(key);
    if (!target.empty() && !groupOfTarget.count(target))
      groupOfTarget[target] = static_cast<int>(corpus.groupCount++);
  }
  for (const char* language : {"en", "ca", "es", "fr"}) {
    const bool isEnglish = language == std::string("en");
    for (const auto& [key, text] : isEnglish ? english : readSdgTexts(dataDir, language)) {
      TrainingDoc doc;
      doc.goals = {goalOfSdgTextKey(key)};
      doc.source = std::string("sdg-texts:") + language;
      const auto group = groupOfTarget.find(targetOf(key));
      if (group != groupOfTarget.end()) doc.cvGroup = group->second;
      if (group != groupOfTarget.end() && isEnglish)
        doc.heldOutIndex = static_cast<int>(corpus.heldOutCount++);
      index::addSdgFeatures(text, language, doc.features);
      corpus.docs.push_back(doc);
      const auto original = english.find(key);
      if (!options.pairSdgTexts || isEnglish || original == english.end()) continue;
      index::addSdgFeatures(original->second, "en", doc.features);
      doc.source = std::string("sdg-texts:") + language + "+en";
      corpus.docs.push_back(std::move(doc));
    }
  }
}

TermPattern patternOf(int goal, const index::SdgFeatureBag& features) {
  TermPattern pattern{goal, {}};
  for (const auto& [name, occurrence] : features)
    if (name.find(' ') != std::string::npos) pattern.required.push_back(name);
  if (pattern.required.empty())
    for (const auto& [name, occurrence] : features) pattern.required.push_back(name);
  return pattern;
}

// Terms in a seeded random order within each run of one system and goal, so
// that a document of N terms is a mix, not N neighbours in the alphabet.
void shuffleWithinRuns(std::vector<SdgTerm>& terms, uint32_t seed) {
  std::mt19937 random(seed);
  size_t start = 0;
  for (size_t end = 1; end <= terms.size(); ++end) {
    if (end < terms.size() && terms[end].goal == terms[start].goal &&
        terms[end].system == terms[start].system)
      continue;
    for (size_t i = end - 1; i > start; --i) std::swap(terms[i], terms[start + random() % (i - start + 1)]);
    start = end;
  }
}

void addTerms(const std::string& dataDir, const CorpusOptions& options, Corpus& corpus) {
  std::vector<SdgTerm> terms = readSdgTerms(dataDir);
  if (options.shuffleTerms) shuffleWithinRuns(terms, options.seed);
  TrainingDoc group;
  size_t inGroup = 0;
  auto close = [&]() {
    if (inGroup > 0 && !group.features.empty()) corpus.docs.push_back(std::move(group));
    group = TrainingDoc();
    inGroup = 0;
  };
  for (size_t i = 0; i < terms.size(); ++i) {
    const SdgTerm& term = terms[i];
    if (inGroup > 0 && (group.goals.front() != term.goal || group.source != "terms:" + term.system)) close();
    index::SdgFeatureBag termFeatures;
    index::addSdgFeatures(term.text, "en", termFeatures);
    if (termFeatures.empty()) continue;
    if (termFeatures.size() <= 5) corpus.patterns.push_back(patternOf(term.goal, termFeatures));
    group.goals = {term.goal};
    group.source = "terms:" + term.system;
    for (const auto& [name, occurrence] : termFeatures) group.features[name].count += occurrence.count;
    if (++inGroup == options.termsPerDoc) close();
  }
  close();
}

void addQueryHits(QueryFeatures which, Corpus& corpus) {
  if (which == QueryFeatures::None) return;
  for (const TermPattern& pattern : corpus.patterns) corpus.queries.add({pattern.goal, pattern.required});
  for (TrainingDoc& doc : corpus.docs)
    if (which == QueryFeatures::All || doc.source.rfind("terms:", 0) != 0)
      corpus.queries.addHits(doc.features);
}

} // namespace

std::string readSourceFile(const std::string& path) {
  try {
    Poco::FileInputStream stream(path);
    std::string text;
    Poco::StreamCopier::copyToString(stream, text);
    return text;
  } catch (const Poco::Exception& error) {
    throw std::runtime_error("cannot read " + path + ": " + error.displayText());
  }
}

Corpus loadCorpus(const std::string& dataDir, const CorpusOptions& options) {
  Corpus corpus;
  const std::string labelled = dataDir + "/labelled-sdg-abstracts-core/";
  readLabelledTsv(labelled + "oro_gold_dataset.tsv", "oro", corpus);
  readLabelledTsv(labelled + "aurora_survey_final.tsv", "aurora-survey", corpus);
  addSdgTexts(dataDir, options, corpus);
  addTerms(dataDir, options, corpus);
  addQueryHits(options.queryFeatures, corpus);
  return corpus;
}

} // namespace convoca::train_sdg
