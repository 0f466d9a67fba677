// The training material for the SDG model, read from ../shared/vocab-real (see
// indexes/EVALUATION-SDG.md for each source and its licence).
#pragma once

#include "convoca/index/sdg_features.h"
#include "convoca/index/sdg_queries.h"

#include <cstdint>
#include <string>
#include <vector>

namespace convoca::train_sdg {

// One training document: its features and the goals (1..17) it is labelled with.
struct TrainingDoc {
  index::SdgFeatureBag features;
  std::vector<int> goals;
  std::string source; // "oro", "aurora-survey", "sdg-texts:<lang>", "terms:<system>"
  // Cross-validation leaves whole groups out of training: each oro paper, each
  // Aurora survey paper with an abstract, each SDG target with its indicators in
  // every language. -1: always trained on.
  int cvGroup = -1;
  // Set for the documents a held-out fold is scored on: the papers above and the
  // English target and indicator texts.
  int heldOutIndex = -1;
};

// A term of a query system or vocabulary, reduced to the features that must all
// occur for the term to match (its stem, or the pairs of adjacent stems).
struct TermPattern {
  int goal = 0;
  std::vector<std::string> required;
};

// Which training documents get the query-hit features "q:<goal>" (sdg_queries.h):
// none (the model has no queries), the labelled texts only (papers and SDG
// texts; a term-list document hits its own terms by construction), or all.
enum class QueryFeatures { None, LabelledTexts, All };

struct CorpusOptions {
  size_t termsPerDoc = 1;    // terms of one goal and system gathered into one document
  bool shuffleTerms = false; // gathered in a seeded random order, not the file's (alphabetical) one
  uint32_t seed = 20240712;
  bool pairSdgTexts = true; // also a document of each non-English SDG text with its English original
  QueryFeatures queryFeatures = QueryFeatures::None;
};

struct Corpus {
  std::vector<TrainingDoc> docs;
  std::vector<TermPattern> patterns; // every term, for building plausible negatives
  index::SdgQueryMatcher queries;    // the same terms as query patterns (when queryFeatures is not None)
  size_t heldOutCount = 0;
  size_t groupCount = 0;
};

// Throws std::runtime_error naming the file when a source is missing or malformed.
Corpus loadCorpus(const std::string& dataDir, const CorpusOptions& options);

} // namespace convoca::train_sdg
