// SDG tagging: which of the 17 UN Sustainable Development Goals a text is about,
// how strongly, and which of its words say so. A linear model over stemmed
// unigrams and bigrams per language (sdg_model.h), trained by
// tools/train-sdg and evaluated in indexes/EVALUATION-SDG.md.
#pragma once

#include <array>
#include <memory>
#include <string>
#include <vector>

namespace convoca::index {

class SdgModel;

inline constexpr int kSdgGoalCount = 17;

struct SdgTag {
  int goal = 0;                 // 1..17
  double score = 0;             // 0..1, comparable across goals and texts
  std::vector<std::string> why; // the strongest contributing words as they appear in the text, at most 6
};

struct SdgText {
  std::string text;
  std::string language; // ca es en fr; "" when unknown (read as English)
  std::string english;  // a machine translation of `text` when language != en; may be empty
};

class SdgTagger {
public:
  // The shipped model (indexes/data/sdg-model.tsv), compiled into the binary.
  // Parsed once, on first use; thread-safe.
  static const SdgTagger& builtin();
  // A model file, for training and evaluation experiments. Throws
  // std::runtime_error naming the file and line when it is not a valid model.
  static SdgTagger load(const std::string& path);
  // A model from its text (the format of sdg-model.tsv); `origin` names it in errors.
  static SdgTagger fromText(const std::string& modelText, const std::string& origin);

  SdgTagger(SdgTagger&&) noexcept;
  SdgTagger& operator=(SdgTagger&&) noexcept;
  ~SdgTagger();

  // Per-goal probability (index 0 is SDG 1); the 17 scores sum to 1, or are all 0
  // when the text has no word the model knows.
  std::array<double, kSdgGoalCount> scores(const SdgText& input) const;
  // The benchmark decision: does the text belong to `goal` (1..17), i.e. is it the
  // text's main goal (or as good as)? Usually true for one goal at most.
  bool belongs(const SdgText& input, int goal) const;
  // Every goal the text is about, best first, each with why: the goals it belongs
  // to and those the model's tagging rule (chosen on multi-label data) adds.
  std::vector<SdgTag> tag(const SdgText& input) const;
  // What the model says about itself (its training provenance line), for logs.
  const std::string& description() const;

private:
  explicit SdgTagger(std::unique_ptr<SdgModel> model);
  std::unique_ptr<SdgModel> model_;
};

} // namespace convoca::index
