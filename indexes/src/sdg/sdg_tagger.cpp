#include "convoca/index/sdg_tagger.h"

#include "convoca/index/sdg_model.h"
#include "sdg_builtin_model.h"

#include <Poco/Exception.h>
#include <Poco/FileStream.h>
#include <Poco/StreamCopier.h>
#include <algorithm>
#include <cctype>
#include <stdexcept>

namespace convoca::index {
namespace {

constexpr size_t kWhyLimit = 6;

SdgFeatureBag featuresOf(const SdgText& input, const SdgModel& model, SdgSurface surface) {
  SdgFeatureBag bag;
  addSdgFeatures(input.text, input.language, bag, surface);
  if (!input.english.empty() && sdgFeatureLanguage(input.language) != "en")
    addSdgFeatures(input.english, "en", bag, surface);
  model.queries.addHits(bag);
  return bag;
}

std::string readWholeFile(const std::string& path) {
  try {
    Poco::FileInputStream stream(path);
    std::string text;
    Poco::StreamCopier::copyToString(stream, text);
    return text;
  } catch (const Poco::Exception& error) {
    throw std::runtime_error("cannot read SDG model " + path + ": " + error.displayText());
  }
}

bool isWordByte(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || (static_cast<unsigned char>(c) & 0x80);
}

// Whether `word` occurs in `phrase` as a whole word ("air" is in "clean air", not in "fair").
bool containsWord(const std::string& phrase, const std::string& word) {
  for (size_t at = phrase.find(word); at != std::string::npos; at = phrase.find(word, at + 1)) {
    const size_t end = at + word.size();
    if ((at == 0 || !isWordByte(phrase[at - 1])) && (end == phrase.size() || !isWordByte(phrase[end])))
      return true;
  }
  return false;
}

// The words a user recognises, once each, strongest first: a pair ("renewable
// energy") takes the place of the single words inside it, wherever they came.
std::vector<std::string> whyWords(const std::vector<SdgContribution>& contributions) {
  std::vector<std::string> words;
  for (const SdgContribution& contribution : contributions) {
    const std::string& surface = contribution.surface;
    if (surface.empty()) continue;
    const bool covered = std::any_of(words.begin(), words.end(),
                                     [&](const std::string& word) { return containsWord(word, surface); });
    if (covered) continue;
    const auto inside = std::find_if(words.begin(), words.end(),
                                     [&](const std::string& word) { return containsWord(surface, word); });
    if (inside == words.end()) {
      if (words.size() < kWhyLimit) words.push_back(surface);
      continue;
    }
    *inside = surface;
    words.erase(std::remove_if(inside + 1, words.end(),
                               [&](const std::string& word) { return containsWord(surface, word); }),
                words.end());
  }
  return words;
}

} // namespace

SdgTagger::SdgTagger(std::unique_ptr<SdgModel> model) : model_(std::move(model)) {}
SdgTagger::SdgTagger(SdgTagger&&) noexcept = default;
SdgTagger& SdgTagger::operator=(SdgTagger&&) noexcept = default;
SdgTagger::~SdgTagger() = default;

const SdgTagger& SdgTagger::builtin() {
  static const SdgTagger tagger = fromText(std::string(sdg::builtinModelText()), "builtin sdg-model.tsv");
  return tagger;
}

SdgTagger SdgTagger::load(const std::string& path) {
  return fromText(readWholeFile(path), path);
}

SdgTagger SdgTagger::fromText(const std::string& modelText, const std::string& origin) {
  return SdgTagger(std::make_unique<SdgModel>(parseSdgModel(modelText, origin)));
}

std::array<double, kSdgGoalCount> SdgTagger::scores(const SdgText& input) const {
  return model_->probabilities(featuresOf(input, *model_, SdgSurface::Skip));
}

bool SdgTagger::belongs(const SdgText& input, int goal) const {
  if (goal < 1 || goal > kSdgGoalCount) return false;
  return sdgRuleAccepts(model_->rule, scores(input), goal - 1);
}

std::vector<SdgTag> SdgTagger::tag(const SdgText& input) const {
  const SdgFeatureBag bag = featuresOf(input, *model_, SdgSurface::Keep);
  const SdgVector probabilities = model_->probabilities(bag);
  std::vector<SdgTag> tags;
  for (int g = 0; g < kSdgGoalCount; ++g) {
    if (!sdgRuleAccepts(model_->tagRule, probabilities, g) && !sdgRuleAccepts(model_->rule, probabilities, g))
      continue;
    tags.push_back({g + 1, probabilities[static_cast<size_t>(g)],
                    whyWords(model_->contributions(bag, g, 4 * kWhyLimit))});
  }
  std::sort(tags.begin(), tags.end(), [](const SdgTag& a, const SdgTag& b) { return a.score > b.score; });
  return tags;
}

const std::string& SdgTagger::description() const {
  return model_->description;
}

} // namespace convoca::index
