// The words of the benchmark corpus (bench_corpus.cpp has what they are
// modelled on): per language, function words and content words ranked by
// frequency and drawn Zipf-like, so the term statistics look like prose; and
// the seeded random stream everything is drawn from. Determinism: only
// std::mt19937_64 (its output is fixed by the standard) and distributions
// written here; the std:: distributions differ between standard libraries.
#pragma once

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

namespace convoca::app::bench {

// splitmix64's finaliser: a bijection, so distinct inputs give distinct outputs.
uint64_t mix(uint64_t x);
// FNV-1a: std::hash is not the same everywhere.
uint64_t fnv1a(const std::string& text);

class Random {
public:
  explicit Random(uint64_t seed) : engine_(seed) {}
  double uniform() { return static_cast<double>(engine_() >> 11) * 0x1.0p-53; } // [0, 1)
  uint64_t below(uint64_t n) { return engine_() % n; } // bias < n / 2^64: irrelevant here
  int between(int low, int high) {
    return low + static_cast<int>(below(static_cast<uint64_t>(high - low + 1)));
  }
  bool chance(double p) { return uniform() < p; }
  double normal() { // Box-Muller
    const double u1 = 1.0 - uniform(), u2 = uniform();
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
  }
  double logNormal(double median, double sigma) { return median * std::exp(sigma * normal()); }
  int around(double median, double sigma, int low, int high) {
    return std::clamp(static_cast<int>(std::lround(logNormal(median, sigma))), low, high);
  }
  // An index drawn with the given relative weights.
  template <size_t N> size_t weighted(const std::array<double, N>& weights) {
    double total = 0;
    for (double w : weights) total += w;
    double x = uniform() * total;
    for (size_t i = 0; i < N; ++i)
      if ((x -= weights[i]) < 0) return i;
    return N - 1;
  }
  template <typename T, size_t N> const T& pick(const std::array<T, N>& items) { return items[below(N)]; }
  template <typename T> const T& pick(const std::vector<T>& items) { return items[below(items.size())]; }
  std::string hex(int digits) {
    static const char* const kHex = "0123456789abcdef";
    std::string out;
    for (int i = 0; i < digits; ++i) out += kHex[below(16)];
    return out;
  }

private:
  std::mt19937_64 engine_;
};

enum class Lang { Ca, Es, En, Fr };
inline constexpr std::array<const char*, 4> kLangCodes{"ca", "es", "en", "fr"};

// Words in rank order, drawn with weight 1 / (rank + offset)^exponent
// (Zipf-Mandelbrot). A guide table narrows the search to one bucket of the
// cumulative weights: the draw stays cheap with tens of thousands of words.
class ZipfWords {
public:
  void assign(std::vector<std::string> words, double offset, double exponent) {
    words_ = std::move(words);
    cumulative_.clear();
    double total = 0;
    for (size_t r = 0; r < words_.size(); ++r)
      cumulative_.push_back(total += 1.0 / std::pow(static_cast<double>(r) + offset, exponent));
    guide_.assign(kGuideBuckets + 1, 0);
    size_t i = 0;
    for (size_t k = 0; k <= kGuideBuckets; ++k) {
      while (i + 1 < words_.size() && cumulative_[i] <= total * static_cast<double>(k) / kGuideBuckets) ++i;
      guide_[k] = static_cast<uint32_t>(i);
    }
  }
  const std::string& draw(Random& random) const { return words_[drawIndex(random)]; }
  size_t drawIndex(Random& random) const {
    const double u = random.uniform();
    const double x = u * cumulative_.back();
    const size_t bucket = static_cast<size_t>(u * kGuideBuckets);
    const auto begin = cumulative_.begin() + guide_[bucket];
    const auto end = cumulative_.begin() + std::min(cumulative_.size() - 1, size_t{guide_[bucket + 1]} + 1);
    return static_cast<size_t>(std::upper_bound(begin, end, x) - cumulative_.begin());
  }
  const std::vector<std::string>& words() const { return words_; }

private:
  static constexpr size_t kGuideBuckets = 1 << 12; // small enough to stay in cache
  std::vector<std::string> words_;
  std::vector<double> cumulative_;
  std::vector<uint32_t> guide_; // the first word of each 1/kGuideBuckets of the mass
};

// The words of one concept of the vocabulary in one language.
struct ConceptWords {
  std::vector<std::string> words;    // every word of its surfaces, stopwords left out
  std::vector<std::string> surfaces; // as listed: keywords and set phrases
};

struct LanguageWords {
  ZipfWords function;
  // Content words outside the concept vocabulary: blends of its words, ranked
  // Zipf-like, so a few are common and the long tail keeps growing with the corpus.
  ZipfWords general;
  // The concepts that have words in this language, commonest first (the same
  // order in every language), and the words of each, in the same order.
  ZipfWords conceptIds;
  std::vector<ConceptWords> concepts;
  std::vector<std::string> inflections; // endings that make variants of a concept word
};

// What one record is about: the few concepts its concept words, set phrases
// and keywords come from. Real texts return to their subjects (eu-ft topics:
// 13.3 concept mentions but 5.8 distinct concepts per record), where words
// drawn independently would touch 30 concepts in every record.
struct Topic {
  std::vector<size_t> concepts; // indices into LanguageWords::concepts
};

// Every language's words, built once per generator from the project's
// stopword lists and concept vocabulary (the same tables for every seed).
struct CorpusWordTables {
  CorpusWordTables();
  std::array<LanguageWords, 4> languages;
  const LanguageWords& of(Lang lang) const { return languages[static_cast<size_t>(lang)]; }
};

// Two to seven concepts, the common ones more often.
Topic topicOf(Random& random, const LanguageWords& words);
// A title of `count` words, capitalised.
std::string title(Random& random, const LanguageWords& words, const Topic& topic, int count);
// Sentences of 8-26 words; a set phrase of the topic now and then; a new
// paragraph every few sentences when `paragraphs`.
std::string prose(Random& random, const LanguageWords& words, const Topic& topic, int count, bool paragraphs);
// One of the topic's surfaces, as a keyword.
const std::string& keywordOf(Random& random, const LanguageWords& words, const Topic& topic);

} // namespace convoca::app::bench
