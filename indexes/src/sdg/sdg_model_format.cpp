// Reading and writing sdg-model.tsv (format in sdg_model.h). Numbers go through
// std::from_chars/to_chars: independent of the C locale.
#include "convoca/index/sdg_model.h"

#include <charconv>
#include <stdexcept>
#include <string_view>

namespace convoca::index {
namespace {

constexpr std::string_view kMagic = "convoca-sdg-model";
constexpr std::string_view kVersion = "1";

std::vector<std::string_view> splitFields(std::string_view line, char separator) {
  std::vector<std::string_view> fields;
  size_t start = 0;
  while (true) {
    const size_t end = line.find(separator, start);
    fields.push_back(
        line.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
    if (end == std::string_view::npos) return fields;
    start = end + 1;
  }
}

class ModelReader {
public:
  ModelReader(const std::string& text, const std::string& origin) : text_(text), origin_(origin) {}

  SdgModel read() {
    SdgModel model;
    bool hasTagRule = false;
    expectMagic();
    while (nextLine()) {
      const auto fields = splitFields(line_, '\t');
      if (fields[0] == "description" && fields.size() == 2)
        model.description = std::string(fields[1]);
      else if (fields[0] == "link" && fields.size() == 2)
        model.link = readLink(fields[1]);
      else if (fields[0] == "rule" && fields.size() == 3)
        readRule(fields[1], fields[2], model.rule);
      else if (fields[0] == "tag_rule" && fields.size() == 3) {
        readRule(fields[1], fields[2], model.tagRule);
        hasTagRule = true;
      } else if (fields[0] == "query" && fields.size() >= 3)
        readQuery(fields, model.queries);
      else if (fields[0] == "bias" && fields.size() == 1 + kSdgModelGoals)
        readBias(fields, model.bias);
      else if (fields[0] == "features" && fields.size() == 2) {
        if (!hasTagRule) model.tagRule = model.rule;
        readFeatures(static_cast<size_t>(number(fields[1], "feature count")), model);
        if (nextLine()) fail("unexpected line after the last feature");
        return model;
      } else
        fail("unexpected line '" + std::string(line_.substr(0, 40)) + "'");
    }
    fail("missing 'features' section");
  }

private:
  bool nextLine() {
    if (position_ >= text_.size()) return false;
    const size_t end = text_.find('\n', position_);
    line_ = std::string_view(text_).substr(position_,
                                           end == std::string::npos ? std::string::npos : end - position_);
    position_ = end == std::string::npos ? text_.size() : end + 1;
    ++lineNumber_;
    if (!line_.empty() && line_.back() == '\r') line_.remove_suffix(1);
    return true;
  }

  [[noreturn]] void fail(const std::string& reason) const {
    throw std::runtime_error(origin_ + ":" + std::to_string(lineNumber_) + ": not an SDG model: " + reason);
  }

  double number(std::string_view field, const char* what) const {
    double value = 0;
    const auto [end, error] = std::from_chars(field.data(), field.data() + field.size(), value);
    if (error != std::errc() || end != field.data() + field.size() || field.empty())
      fail(std::string("bad ") + what + " '" + std::string(field) + "'");
    return value;
  }

  void expectMagic() {
    if (!nextLine()) fail("empty file");
    const auto fields = splitFields(line_, '\t');
    if (fields.size() != 2 || fields[0] != kMagic)
      fail("first line must be '" + std::string(kMagic) + "<TAB>" + std::string(kVersion) + "'");
    if (fields[1] != kVersion) fail("unsupported version " + std::string(fields[1]));
  }

  SdgLink readLink(std::string_view name) const {
    if (name == "softmax") return SdgLink::Softmax;
    if (name == "sigmoid") return SdgLink::Sigmoid;
    fail("unknown link '" + std::string(name) + "' (softmax or sigmoid)");
  }

  void readRule(std::string_view name, std::string_view value, SdgDecisionRule& rule) const {
    const double parsed = number(value, "rule value");
    if (name == "floor")
      rule.floor = parsed;
    else if (name == "min_probability")
      rule.minProbability = parsed;
    else if (name == "relative_to_best")
      rule.relativeToBest = parsed;
    else if (name == "max_rank")
      rule.maxRank = static_cast<int>(parsed);
    else
      fail("unknown rule '" + std::string(name) + "'");
  }

  void readQuery(const std::vector<std::string_view>& fields, SdgQueryMatcher& queries) const {
    const double goal = number(fields[1], "query goal");
    if (goal < 1 || goal > kSdgModelGoals || goal != static_cast<int>(goal)) fail("query goal out of 1..17");
    SdgQueryPattern pattern{static_cast<int>(goal), {}};
    for (size_t i = 2; i < fields.size(); ++i) {
      if (fields[i].empty()) fail("empty query feature");
      pattern.required.emplace_back(fields[i]);
    }
    queries.add(std::move(pattern));
  }

  void readBias(const std::vector<std::string_view>& fields, SdgVector& bias) const {
    for (int g = 0; g < kSdgModelGoals; ++g) bias[static_cast<size_t>(g)] = number(fields[1 + g], "bias");
  }

  void readFeatures(size_t count, SdgModel& model) {
    for (size_t i = 0; i < count; ++i) {
      if (!nextLine()) fail("expected " + std::to_string(count) + " features, found " + std::to_string(i));
      const auto fields = splitFields(line_, '\t');
      if (fields.size() != 3 || fields[0].empty()) fail("a feature line is NAME<TAB>IDF<TAB>GOAL:WEIGHT ...");
      std::vector<SdgModel::Weight> weights;
      if (!fields[2].empty())
        for (std::string_view pair : splitFields(fields[2], ' ')) weights.push_back(weight(pair));
      try {
        model.addFeature(std::string(fields[0]), static_cast<float>(number(fields[1], "idf")),
                         std::move(weights));
      } catch (const std::invalid_argument& duplicate) {
        fail(duplicate.what());
      }
    }
  }

  SdgModel::Weight weight(std::string_view pair) const {
    const size_t colon = pair.find(':');
    if (colon == std::string_view::npos) fail("bad weight '" + std::string(pair) + "' (GOAL:WEIGHT)");
    const double goal = number(pair.substr(0, colon), "goal");
    if (goal < 1 || goal > kSdgModelGoals || goal != static_cast<int>(goal))
      fail("goal out of 1..17 in '" + std::string(pair) + "'");
    return {static_cast<uint8_t>(goal - 1), static_cast<float>(number(pair.substr(colon + 1), "weight"))};
  }

  const std::string& text_;
  const std::string& origin_;
  size_t position_ = 0;
  size_t lineNumber_ = 0;
  std::string_view line_;
};

void appendNumber(std::string& out, double value, int precision) {
  char buffer[32];
  const auto result =
      std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::general, precision);
  out.append(buffer, result.ptr);
}

void appendRule(std::string& out, const std::string& kind, const SdgDecisionRule& rule) {
  const std::pair<const char*, double> values[] = {{"floor", rule.floor},
                                                   {"min_probability", rule.minProbability},
                                                   {"relative_to_best", rule.relativeToBest},
                                                   {"max_rank", rule.maxRank}};
  for (const auto& [name, value] : values) {
    out.append(kind).append("\t").append(name).append("\t");
    appendNumber(out, value, 6);
    out.append("\n");
  }
}

} // namespace

SdgModel parseSdgModel(const std::string& text, const std::string& origin) {
  return ModelReader(text, origin).read();
}

std::string formatSdgModel(const SdgModel& model) {
  std::string out;
  out.append(kMagic).append("\t").append(kVersion).append("\n");
  out.append("description\t").append(model.description).append("\n");
  if (model.link == SdgLink::Sigmoid) out.append("link\tsigmoid\n");
  appendRule(out, "rule", model.rule);
  appendRule(out, "tag_rule", model.tagRule);
  for (const SdgQueryPattern& pattern : model.queries.patterns()) {
    out.append("query\t").append(std::to_string(pattern.goal));
    for (const std::string& feature : pattern.required) out.append("\t").append(feature);
    out.append("\n");
  }
  out.append("bias");
  for (double b : model.bias) appendNumber(out.append("\t"), b, 6);
  out.append("\nfeatures\t").append(std::to_string(model.featureCount())).append("\n");
  model.forEachFeature(
      [&](const std::string& name, float idf, const SdgModel::Weight* weights, size_t count) {
        out.append(name).append("\t");
        appendNumber(out, idf, 4);
        out.append("\t");
        for (size_t i = 0; i < count; ++i) {
          if (i > 0) out.append(" ");
          out.append(std::to_string(weights[i].goal + 1)).append(":");
          appendNumber(out, weights[i].value, 3);
        }
        out.append("\n");
      });
  return out;
}

} // namespace convoca::index
