#include "convoca/translation/translator.h"

#include "apertium_process.h"
#include "stream_text.h"

#include <Poco/DigestEngine.h>
#include <Poco/Environment.h>
#include <Poco/File.h>
#include <Poco/Logger.h>
#include <Poco/SHA1Engine.h>
#include <algorithm>
#include <cctype>
#include <mutex>
#include <optional>
#include <set>
#include <stdexcept>

namespace convoca::translation {

using detail::ApertiumProcess;
using detail::Clock;

namespace {

// A mode whose batches fail this many times in a row is given up for the rest of the call.
constexpr int kFailuresBeforeGivingUp = 2;

std::string primaryLanguage(const std::string& language) {
  std::string code = language.substr(0, language.find_first_of("-_"));
  std::transform(code.begin(), code.end(), code.begin(), [](unsigned char c) { return std::tolower(c); });
  return code;
}

std::string sha1Of(const std::string& text) {
  Poco::SHA1Engine engine;
  engine.update(text);
  return Poco::DigestEngine::digestToHex(engine.digest());
}

// Distinct texts of one call, each with the positions it fills in the answer.
struct Work {
  std::vector<std::string> texts;
  std::vector<std::string> sha1s;
  std::vector<std::vector<size_t>> positions;
};

Work distinctTexts(const std::vector<std::string>& texts, size_t maxBytes) {
  Work work;
  std::map<std::string, size_t> bySha1;
  for (size_t i = 0; i < texts.size(); ++i) {
    std::string text = detail::prepareText(texts[i], maxBytes);
    if (text.empty()) continue;
    std::string sha1 = sha1Of(text);
    auto [it, added] = bySha1.emplace(sha1, work.texts.size());
    if (added) {
      work.texts.push_back(std::move(text));
      work.sha1s.push_back(std::move(sha1));
      work.positions.emplace_back();
    }
    work.positions[it->second].push_back(i);
  }
  return work;
}

// The Debian package that installs a mode, for the warning when it is missing.
std::string packageOf(const std::string& mode) {
  if (mode == "cat-eng") return "apertium-eng-cat";
  if (mode == "spa-eng") return "apertium-eng-spa";
  if (mode == "fra-cat") return "apertium-fra-cat";
  return "apertium-" + mode;
}

} // namespace

std::vector<std::string> modesToEnglish(const std::string& language) {
  const std::string code = primaryLanguage(language);
  if (code == "ca" || code == "cat") return {"cat-eng"};
  if (code == "es" || code == "spa") return {"spa-eng"};
  if (code == "fr" || code == "fra" || code == "fre") return {"fra-cat", "cat-eng"};
  return {};
}

std::string routeName(const std::vector<std::string>& modes) {
  std::string name;
  for (const std::string& mode : modes) name += (name.empty() ? "" : "+") + mode;
  return name;
}

class Translator::Impl {
public:
  Impl(TranslationOptions options, TranslationCache* cache, Poco::Logger& log)
      : options_(std::move(options)), cache_(cache), log_(log) {}

  std::vector<std::string> toEnglish(const std::string& language, const std::vector<std::string>& texts);
  bool available(const std::vector<std::string>& modes);
  void close();
  TranslationStats stats() const { return stats_; }
  Poco::Logger& log() { return log_; }

  std::mutex mutex;

private:
  bool modeInstalled(const std::string& mode);
  std::string dataDir() const;
  std::map<std::string, std::string> cached(const std::string& route, const std::vector<std::string>& sha1s);
  void store(const std::string& route, const std::map<std::string, std::string>& bySha1);
  std::vector<std::optional<std::string>> translateWith(const std::string& mode,
                                                        const std::vector<std::string>& texts);
  std::vector<std::optional<std::string>> translateThrough(const std::vector<std::string>& modes,
                                                           std::vector<std::string> texts);
  ApertiumProcess* processFor(const std::string& mode);

  TranslationOptions options_;
  TranslationCache* cache_;
  Poco::Logger& log_;
  TranslationStats stats_;
  std::map<std::string, std::string> pipelines_; // installed modes: mode -> null-flush pipeline
  std::set<std::string> missingModes_;           // modes found missing (and warned about) once
  std::map<std::string, std::unique_ptr<ApertiumProcess>> processes_;
};

bool Translator::Impl::modeInstalled(const std::string& mode) {
  if (pipelines_.count(mode) > 0) return true;
  if (missingModes_.count(mode) > 0) return false;
  const std::string modeFile = dataDir() + "/modes/" + mode + ".mode";
  std::string why;
  if (!Poco::File(modeFile).exists()) {
    why = "no " + modeFile + " (Debian package " + packageOf(mode) + ")";
  } else {
    try {
      pipelines_[mode] = detail::nullFlushPipeline(modeFile, Clock::now() + options_.timeout);
      return true;
    } catch (const std::exception& e) {
      why = e.what();
    }
  }
  missingModes_.insert(mode);
  log_.warning("translation " + mode + " unavailable: " + why +
               "; indexing and matching without the English form");
  return false;
}

std::string Translator::Impl::dataDir() const {
  if (!options_.apertiumDataDir.empty()) return options_.apertiumDataDir;
  return Poco::Environment::get("APERTIUM_DATADIR", "/usr/share/apertium");
}

bool Translator::Impl::available(const std::vector<std::string>& modes) {
  if (!options_.enabled || modes.empty()) return false;
  bool all = true;
  for (const std::string& mode : modes) all = modeInstalled(mode) && all;
  return all;
}

std::map<std::string, std::string> Translator::Impl::cached(const std::string& route,
                                                            const std::vector<std::string>& sha1s) {
  if (!cache_ || sha1s.empty()) return {};
  try {
    return cache_->lookup(route, sha1s);
  } catch (const std::exception& e) {
    log_.warning("translation " + route + ": cannot read the cache: " + e.what());
    return {};
  }
}

void Translator::Impl::store(const std::string& route, const std::map<std::string, std::string>& bySha1) {
  if (!cache_ || bySha1.empty()) return;
  try {
    cache_->store(route, bySha1);
  } catch (const std::exception& e) {
    log_.warning("translation " + route + ": cannot write the cache: " + e.what());
  }
}

ApertiumProcess* Translator::Impl::processFor(const std::string& mode) {
  auto& process = processes_[mode];
  if (process && process->usable()) return process.get();
  process.reset();
  try {
    process = std::make_unique<ApertiumProcess>(pipelines_.at(mode), mode);
    ++stats_.processStarts;
    log_.debug("translation " + mode + ": started Apertium, pid " + std::to_string(process->pid()));
  } catch (const std::exception& e) {
    log_.warning("translation " + mode + ": cannot start the Apertium pipeline: " + e.what());
  }
  return process.get();
}

// One mode's translation of `texts`, batch by batch; nullopt where it failed.
std::vector<std::optional<std::string>>
Translator::Impl::translateWith(const std::string& mode, const std::vector<std::string>& texts) {
  std::vector<std::optional<std::string>> english(texts.size());
  int failuresInARow = 0;
  for (size_t begin = 0; begin < texts.size();) {
    size_t end = begin, bytes = 0;
    while (end < texts.size() && (end == begin || bytes + texts[end].size() <= options_.batchBytes))
      bytes += texts[end++].size();
    ApertiumProcess* process = processFor(mode);
    if (!process) break;
    const std::vector<std::string> batch(texts.begin() + static_cast<std::ptrdiff_t>(begin),
                                         texts.begin() + static_cast<std::ptrdiff_t>(end));
    detail::BatchAnswers result = process->translate(batch, Clock::now() + options_.timeout);
    for (size_t i = 0; i < std::min(result.answers.size(), batch.size()); ++i)
      english[begin + i] = detail::trimmed(result.answers[i]);
    if (result.failure.empty()) {
      failuresInARow = 0;
    } else {
      log_.warning("translation " + mode + ": Apertium " + result.failure + "; " +
                   std::to_string(batch.size() - result.answers.size()) + " of " +
                   std::to_string(batch.size()) + " texts of the batch left without English form");
      processes_.erase(mode); // the next batch starts a fresh process
      if (++failuresInARow >= kFailuresBeforeGivingUp && end < texts.size()) {
        log_.warning("translation " + mode + ": giving up on the remaining " +
                     std::to_string(texts.size() - end) + " texts of this call");
        break;
      }
    }
    begin = end;
  }
  return english;
}

// Each text through every mode of the route in turn (French: fra-cat, then
// cat-eng on its Catalan); nullopt where a mode failed.
std::vector<std::optional<std::string>>
Translator::Impl::translateThrough(const std::vector<std::string>& modes, std::vector<std::string> texts) {
  std::vector<size_t> alive(texts.size()); // positions of `texts` in the answer
  for (size_t i = 0; i < alive.size(); ++i) alive[i] = i;
  std::vector<std::optional<std::string>> english(texts.size());
  for (const std::string& mode : modes) {
    std::vector<std::optional<std::string>> out = translateWith(mode, texts);
    std::vector<size_t> nextAlive;
    std::vector<std::string> next;
    for (size_t i = 0; i < out.size(); ++i) {
      if (!out[i] || out[i]->empty()) continue;
      nextAlive.push_back(alive[i]);
      next.push_back(std::move(*out[i]));
    }
    alive = std::move(nextAlive);
    texts = std::move(next);
  }
  for (size_t i = 0; i < alive.size(); ++i) english[alive[i]] = std::move(texts[i]);
  return english;
}

std::vector<std::string> Translator::Impl::toEnglish(const std::string& language,
                                                     const std::vector<std::string>& texts) {
  std::vector<std::string> english(texts.size());
  const std::vector<std::string> modes = modesToEnglish(language);
  if (!options_.enabled || modes.empty()) return english;
  const std::string route = routeName(modes);
  const Work work = distinctTexts(texts, options_.maxItemBytes);

  auto answer = [&](size_t w, const std::string& translation) {
    for (size_t position : work.positions[w]) english[position] = translation;
  };
  const std::map<std::string, std::string> hits = cached(route, work.sha1s);
  std::vector<size_t> missing; // indexes into work
  for (size_t w = 0; w < work.texts.size(); ++w) {
    auto hit = hits.find(work.sha1s[w]);
    if (hit == hits.end()) {
      missing.push_back(w);
    } else {
      answer(w, hit->second);
      stats_.cached += work.positions[w].size();
    }
  }
  if (missing.empty()) return english;

  std::vector<std::optional<std::string>> translated(missing.size());
  if (available(modes)) {
    std::vector<std::string> sources;
    for (size_t w : missing) sources.push_back(work.texts[w]);
    translated = translateThrough(modes, std::move(sources));
  }
  std::map<std::string, std::string> fresh; // sha1 -> English, for the cache
  for (size_t i = 0; i < missing.size(); ++i) {
    const size_t w = missing[i];
    if (!translated[i]) {
      stats_.failed += work.positions[w].size();
      continue;
    }
    answer(w, *translated[i]);
    stats_.translated += work.positions[w].size();
    fresh[work.sha1s[w]] = *translated[i];
  }
  store(route, fresh);
  return english;
}

void Translator::Impl::close() {
  processes_.clear();
}

Translator::Translator(TranslationOptions options, TranslationCache* cache, Poco::Logger& log)
    : impl_(std::make_unique<Impl>(std::move(options), cache, log)) {}

Translator::~Translator() = default;

std::vector<std::string> Translator::toEnglish(const std::string& language,
                                               const std::vector<std::string>& texts) {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  try {
    return impl_->toEnglish(language, texts);
  } catch (const std::exception& e) {
    // Nothing above is meant to throw; should it, the caller still indexes without English.
    impl_->log().error(std::string("translation failed: ") + e.what());
    return std::vector<std::string>(texts.size());
  }
}

std::string Translator::toEnglish(const std::string& language, const std::string& text) {
  return toEnglish(language, std::vector<std::string>{text}).front();
}

bool Translator::available(const std::string& language) {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  return impl_->available(modesToEnglish(language));
}

void Translator::close() {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  impl_->close();
}

TranslationStats Translator::stats() const {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  return impl_->stats();
}

} // namespace convoca::translation
