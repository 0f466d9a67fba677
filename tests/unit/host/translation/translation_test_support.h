// Shared by the translation tests: a logger whose messages the test can read,
// a temporary directory, fake Apertium data directories and pipelines, and an
// in-memory cache.
#pragma once

#include "convoca/translation/translator.h"

#include <Poco/AutoPtr.h>
#include <Poco/Channel.h>
#include <Poco/Logger.h>
#include <Poco/Message.h>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <map>
#include <mutex>
#include <sstream>
#include <string>
#include <sys/stat.h>
#include <vector>

namespace convoca::translation::testing {

class RecordingChannel : public Poco::Channel {
public:
  void log(const Poco::Message& message) override {
    std::lock_guard<std::mutex> lock(mutex_);
    messages_.push_back(message);
  }
  // Warnings and worse whose text contains `part`.
  std::vector<std::string> warningsContaining(const std::string& part) {
    std::lock_guard<std::mutex> lock(mutex_);
    std::vector<std::string> found;
    for (const Poco::Message& m : messages_)
      if (m.getPriority() <= Poco::Message::PRIO_WARNING && m.getText().find(part) != std::string::npos)
        found.push_back(m.getText());
    return found;
  }

private:
  std::mutex mutex_;
  std::vector<Poco::Message> messages_;
};

// Translations in a map, keyed "route/sha1".
class MemoryCache : public TranslationCache {
public:
  std::map<std::string, std::string> lookup(const std::string& route,
                                            const std::vector<std::string>& sha1s) override {
    std::map<std::string, std::string> found;
    for (const std::string& sha1 : sha1s) {
      auto it = entries.find(route + "/" + sha1);
      if (it != entries.end()) found[sha1] = it->second;
    }
    return found;
  }
  void store(const std::string& route, const std::map<std::string, std::string>& bySha1) override {
    for (const auto& [sha1, english] : bySha1) entries[route + "/" + sha1] = english;
  }

  std::map<std::string, std::string> entries;
};

// Each test gets its own logger (named after the test) recording into a
// RecordingChannel, and a temporary directory removed afterwards.
class TranslationTest : public ::testing::Test {
protected:
  void SetUp() override {
    std::string pattern = ::testing::TempDir() + "convoca-translation-test-XXXXXX";
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    log_ =
        &Poco::Logger::get(std::string("translation-test.") + info->test_suite_name() + "." + info->name());
    log_->setChannel(channel_);
    log_->setLevel(Poco::Message::PRIO_DEBUG);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  // An executable script in the test's directory.
  std::string script(const std::string& name, const std::string& body) {
    const std::string path = (dir_ / name).string();
    std::ofstream(path) << body;
    ::chmod(path.c_str(), 0755);
    return path;
  }

  // An Apertium data directory whose modes/<mode>.mode files (one per word of
  // `modes`) run `program`, as a real mode file runs its pipeline.
  std::string fakeDataDir(const std::string& program, const std::string& modes) {
    const std::filesystem::path data = dir_ / ("data-" + std::to_string(++dataDirs_));
    std::filesystem::create_directories(data / "modes");
    std::istringstream words(modes);
    for (std::string mode; words >> mode;)
      std::ofstream(data / "modes" / (mode + ".mode")) << "'" << program << "' $1 $2\n";
    return data.string();
  }

  // A stand-in for a translation pipeline: appends its pid to <dir>/pids and
  // echoes every NUL-terminated item back (so the "translation" is the text
  // itself), except that an item containing HANG makes it hang, one containing
  // DIE makes it exit, and one containing TWICE comes back with two NULs.
  std::string fakePipeline() {
    return script("fake-pipeline", "#!/bin/bash\n"
                                   "echo $$ >> \"$(dirname \"$0\")/pids\"\n"
                                   "while IFS= read -r -d '' item; do\n"
                                   "  case \"$item\" in\n"
                                   "    *HANG*) sleep 60 ;;\n"
                                   "    *DIE*) exit 3 ;;\n"
                                   "    *TWICE*) printf '%s\\0\\0' \"$item\" ;;\n"
                                   "    *) printf '%s\\0' \"$item\" ;;\n"
                                   "  esac\n"
                                   "done\n");
  }

  // Options that run the fake pipeline for each of `modes`.
  TranslationOptions fakeOptions(std::chrono::milliseconds timeout = std::chrono::milliseconds(5000),
                                 const std::string& modes = "cat-eng") {
    TranslationOptions options;
    options.apertiumDataDir = fakeDataDir(fakePipeline(), modes);
    options.timeout = timeout;
    return options;
  }

  // Options whose data directory has no modes at all.
  TranslationOptions nothingInstalled() {
    TranslationOptions options;
    options.apertiumDataDir = (dir_ / "no-apertium-data").string();
    return options;
  }

  // The pids of the fake pipelines started so far.
  std::vector<int> fakePids() {
    std::vector<int> pids;
    std::ifstream in(dir_ / "pids");
    for (int pid; in >> pid;) pids.push_back(pid);
    return pids;
  }

  std::filesystem::path dir_;
  int dataDirs_ = 0;
  Poco::AutoPtr<RecordingChannel> channel_{new RecordingChannel};
  Poco::Logger* log_ = nullptr;
};

// The fake pipelines go through the real apertium-wblank-mode (package
// apertium), as real mode files do.
class FakePipelineTest : public TranslationTest {
protected:
  void SetUp() override {
    TranslationTest::SetUp();
    if (std::system("command -v apertium-wblank-mode >/dev/null 2>&1") != 0)
      GTEST_SKIP() << "apertium-wblank-mode is not installed (package apertium; packaging/install-deps.sh)";
  }
};

// Empty when Apertium and its cat-eng pair are installed, else why not.
inline std::string whyNoApertium() {
  if (std::system(
          "command -v apertium-wblank-mode >/dev/null 2>&1 && apertium -l 2>/dev/null | grep -q cat-eng") !=
      0)
    return "Apertium with the cat-eng pair is not installed (packaging/install-deps.sh installs it)";
  return "";
}

} // namespace convoca::translation::testing
