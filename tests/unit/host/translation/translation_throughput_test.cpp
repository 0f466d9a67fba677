// Measurements behind host/translation/README.md, on the UN's official SDG
// target texts (../shared/vocab-real/sdg-texts-open-sdg: the same 169 targets
// in ca, es, fr and en): throughput on record-sized texts, and how much of the
// English wording each route recovers. Label "slow"; skipped without
// ../shared or Apertium. Run:
//   build/tests/unit/host/translation/test_translation_throughput
#include "convoca/translation/translator.h"
#include "translation_test_support.h"

#include <Poco/Logger.h>
#include <cctype>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <iostream>
#include <map>
#include <memory>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <sys/resource.h>
#include <vector>
#include <yaml.h>

namespace convoca::translation {
namespace {

const std::string kSdgTexts = "../shared/vocab-real/sdg-texts-open-sdg";
constexpr size_t kRecords = 200;
constexpr size_t kRecordBytes = 2000;

// The files are flat YAML mappings (key: string); libyaml reads them.
std::map<std::string, std::string> readFlatYaml(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  yaml_parser_t parser;
  yaml_parser_initialize(&parser);
  std::unique_ptr<yaml_parser_t, void (*)(yaml_parser_t*)> guard(&parser, yaml_parser_delete);
  yaml_parser_set_input_string(&parser, reinterpret_cast<const unsigned char*>(text.data()), text.size());
  std::map<std::string, std::string> entries;
  std::string key;
  bool expectKey = true;
  while (true) {
    yaml_event_t event;
    if (!yaml_parser_parse(&parser, &event)) throw std::runtime_error(path + ": YAML error");
    std::unique_ptr<yaml_event_t, void (*)(yaml_event_t*)> eventGuard(&event, yaml_event_delete);
    if (event.type == YAML_STREAM_END_EVENT) break;
    if (event.type != YAML_SCALAR_EVENT) continue;
    std::string value(reinterpret_cast<const char*>(event.data.scalar.value), event.data.scalar.length);
    if (expectKey)
      key = std::move(value);
    else
      entries[key] = std::move(value);
    expectKey = !expectKey;
  }
  return entries;
}

std::vector<std::string> targetsIn(const std::string& language) {
  std::vector<std::string> targets;
  for (auto& [key, text] : readFlatYaml(kSdgTexts + "/" + language + "/global_targets.yml"))
    targets.push_back(text);
  return targets;
}

size_t wordsIn(const std::string& text) {
  std::istringstream words(text);
  size_t count = 0;
  for (std::string word; words >> word;) ++count;
  return count;
}

// Record-sized texts: consecutive targets joined until each holds kRecordBytes,
// each record starting at another target so that no two are equal.
std::vector<std::string> recordSizedTexts(const std::vector<std::string>& targets) {
  std::vector<std::string> records;
  for (size_t r = 0; r < kRecords; ++r) {
    std::string record;
    for (size_t t = r; record.size() < kRecordBytes; ++t) record += targets[t % targets.size()] + "\n";
    records.push_back(record);
  }
  return records;
}

// English content words, compared on their first five letters (a crude stem:
// "climatic" meets "climate").
std::set<std::string> contentStems(const std::string& text) {
  static const std::set<std::string> stop = {
      "with", "that", "this", "from", "their", "them", "have",  "which", "such",  "other",     "through",
      "into", "also", "more", "will", "2030",  "2020", "those", "these", "where", "including", "within"};
  std::set<std::string> stems;
  std::string word;
  auto flush = [&] {
    if (word.size() >= 4 && stop.count(word) == 0) stems.insert(word.substr(0, 5));
    word.clear();
  };
  for (unsigned char c : text) {
    if (std::isalpha(c))
      word += static_cast<char>(std::tolower(c));
    else
      flush();
  }
  flush();
  return stems;
}

// Mean share of the English reference's content stems found in `candidates`.
double recall(const std::vector<std::string>& references, const std::vector<std::string>& candidates) {
  double sum = 0;
  for (size_t i = 0; i < references.size(); ++i) {
    const std::set<std::string> wanted = contentStems(references[i]);
    const std::set<std::string> found = contentStems(candidates[i]);
    size_t hits = 0;
    for (const std::string& stem : wanted) hits += found.count(stem);
    sum += wanted.empty() ? 1.0 : static_cast<double>(hits) / static_cast<double>(wanted.size());
  }
  return sum / static_cast<double>(references.size());
}

class TranslationMeasurement : public ::testing::Test {
protected:
  void SetUp() override {
    if (!std::filesystem::exists(kSdgTexts)) GTEST_SKIP() << kSdgTexts << " is absent (the shared data)";
    const std::string why = testing::whyNoApertium();
    if (!why.empty()) GTEST_SKIP() << why;
  }
  Poco::Logger& log_ = Poco::Logger::get("translation-measurement");
};

// CPU seconds of the children reaped so far (an Apertium pipeline's stages
// count once the Translator that started it is gone).
double childCpuSeconds() {
  rusage usage{};
  ::getrusage(RUSAGE_CHILDREN, &usage);
  auto seconds = [](const timeval& t) { return static_cast<double>(t.tv_sec) + t.tv_usec / 1e6; };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

TEST_F(TranslationMeasurement, ThroughputOnTwoHundredRecordSizedTexts) {
  using Clock = std::chrono::steady_clock;
  for (const std::string language : {"ca", "es", "fr"}) {
    const std::vector<std::string> records = recordSizedTexts(targetsIn(language));
    size_t words = 0;
    for (const std::string& record : records) words += wordsIn(record);
    const double cpuBefore = childCpuSeconds();
    double coldSeconds = 0, warmSeconds = 0;
    {
      Translator translator(TranslationOptions{}, nullptr, log_);
      const auto t0 = Clock::now();
      translator.toEnglish(language, records);
      const auto t1 = Clock::now();
      const std::vector<std::string> warm = translator.toEnglish(language, records);
      const auto t2 = Clock::now();
      coldSeconds = std::chrono::duration<double>(t1 - t0).count();
      warmSeconds = std::chrono::duration<double>(t2 - t1).count();
      EXPECT_EQ(translator.stats().failed, 0u);
      for (size_t i = 0; i < records.size(); ++i) EXPECT_FALSE(warm[i].empty()) << language << " text " << i;
    }
    const double cpu = childCpuSeconds() - cpuBefore;
    std::cout << language << ": " << records.size() << " texts, " << words
              << " words; first call (pipeline start included) " << coldSeconds
              << " s = " << static_cast<int>(words / coldSeconds) << " words/s; second call " << warmSeconds
              << " s = " << static_cast<int>(words / warmSeconds) << " words/s; "
              << static_cast<int>(2 * words / cpu) << " words per CPU second\n";
    RecordProperty(language + "_words_per_second", static_cast<int>(words / warmSeconds));
  }
}

TEST_F(TranslationMeasurement, EachRouteRecoversTheEnglishWording) {
  const std::vector<std::string> english = targetsIn("en");
  Translator translator(TranslationOptions{}, nullptr, log_);
  for (const std::string language : {"ca", "es", "fr"}) {
    const std::vector<std::string> source = targetsIn(language);
    ASSERT_EQ(source.size(), english.size()) << language;
    const double untranslated = recall(english, source);
    const double translated = recall(english, translator.toEnglish(language, source));
    std::cout << language << " (" << routeName(modesToEnglish(language))
              << "): English content words recovered " << static_cast<int>(100 * translated + 0.5)
              << "% (untranslated text: " << static_cast<int>(100 * untranslated + 0.5) << "%)\n";
    EXPECT_GT(translated, untranslated + 0.1) << language;
  }
}

} // namespace
} // namespace convoca::translation
