// Machine translation of Catalan, Spanish and French text into English with
// Apertium: the bridge that lets a Catalan profile meet English calls (DESIGN.md
// "Index", cross-lingual). The English form is indexed or queried beside the
// original. Design, measurements and fallbacks: host/translation/README.md.
#pragma once

#include <chrono>
#include <cstddef>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace Poco {
class Logger;
}

namespace convoca::translation {

struct TranslationOptions {
  // false: every text comes back untranslated (empty), without a warning.
  bool enabled = true;
  // Apertium's data directory: a pair is installed when <dir>/modes/<mode>.mode
  // exists (what `apertium -l` lists). Empty: $APERTIUM_DATADIR, else
  // /usr/share/apertium, as the apertium script does.
  std::string apertiumDataDir;
  // How long one batch may take, the pipeline's start (1-2 s) included. A batch
  // that runs out is killed; its unfinished texts come back empty and the next
  // batch starts a new Apertium process.
  std::chrono::milliseconds timeout{30000};
  // A longer text is cut, at a word boundary, before it is translated.
  size_t maxItemBytes = 20000;
  // Texts go to Apertium in batches of about this many bytes, each under its
  // own timeout. The size hardly changes throughput (README); a small batch
  // loses less when it fails, and 32 KiB take 1-5 s on a busy machine.
  size_t batchBytes = 32 * 1024;
};

// Where translations outlive the process: English text by the SHA-1 (40 hex
// digits) of the source text as it was sent to Apertium, per route ("cat-eng",
// "spa-eng", "fra-cat+cat-eng"). Implementations may throw; the Translator
// logs the error and goes on without the cache.
class TranslationCache {
public:
  virtual ~TranslationCache() = default;
  // Those of `sha1s` that are cached, sha1 -> English.
  virtual std::map<std::string, std::string> lookup(const std::string& route,
                                                    const std::vector<std::string>& sha1s) = 0;
  virtual void store(const std::string& route, const std::map<std::string, std::string>& bySha1) = 0;
};

// Counts since the Translator was made, by input text (a duplicate counts twice).
struct TranslationStats {
  size_t cached = 0;        // answered from the cache
  size_t translated = 0;    // answered by Apertium
  size_t failed = 0;        // left empty: pair missing, batch timed out or Apertium died
  size_t processStarts = 0; // Apertium processes started (one per mode while all goes well)
};

// The Apertium modes that take `language` to English, applied in order:
// "ca" -> {cat-eng}, "es" -> {spa-eng}, "fr" -> {fra-cat, cat-eng} (there is no
// fra-eng pair, so French pivots through Catalan). Accepts ISO 639-1 or -2
// codes in any case, with a region ("ca-ES"). Empty for English and for
// languages without a route.
std::vector<std::string> modesToEnglish(const std::string& language);

// The cache name of a route: its modes joined with '+'.
std::string routeName(const std::vector<std::string>& modes);

// Runs one long-lived Apertium pipeline per mode (the mode file in null-flush
// form, in its own process group) and feeds it batches of texts delimited by NUL.
//
// Never throws into its caller: when Apertium is not installed, a pair is
// missing, a batch times out or the process dies, the affected texts come back
// empty and a warning is logged (once per missing mode). Calls are serialised
// by an internal mutex, so one Translator may be shared by threads.
class Translator {
public:
  // `cache` may be null; when given it must outlive the Translator.
  Translator(TranslationOptions options, TranslationCache* cache, Poco::Logger& log);
  ~Translator(); // ends the Apertium processes
  Translator(const Translator&) = delete;
  Translator& operator=(const Translator&) = delete;

  // The English form of each text, in the same order. Empty means "no English
  // form": the language is English or has no route, the text is empty, or the
  // translation is unavailable or failed. Texts are cleaned first (valid UTF-8,
  // control characters dropped, cut at maxItemBytes).
  std::vector<std::string> toEnglish(const std::string& language, const std::vector<std::string>& texts);
  std::string toEnglish(const std::string& language, const std::string& text);

  // Every mode of the language's route is installed (checked once per mode).
  // False for English and languages without a route.
  bool available(const std::string& language);

  // Ends the Apertium processes (together 0.5-0.8 GB resident when all three
  // modes run), e.g. once a harvest has indexed; the next call starts them again.
  void close();

  TranslationStats stats() const;

private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

} // namespace convoca::translation
