#include "convoca/index/concepts.h"

#include "concept_data.h"
#include "convoca/index/language.h"
#include "embedded_text.h"

#include <algorithm>
#include <optional>
#include <set>
#include <tuple>
#include <unordered_map>

namespace convoca::index {
namespace {

using detail::Surface;
using detail::SurfaceWord;
using detail::VocabularyData;

// A text word matches a surface word when they share a stem and one of the
// text word's forms (as written, or its guessed singular) keeps all of one of
// the surface word's forms but its last letter ("energètic" for "energètica",
// "públiques" for "pública" through its guessed singular). Snowball stems deep, the
// Catalan stemmer deepest ("habitatge", "habitants" and "hàbitat" all stem
// to hab), and without this check they would all be homes.
bool sharesBeginning(const text::WordKeys& surfaceWord, const text::WordKeys& textWord) {
  for (const std::string& mine : surfaceWord.forms)
    for (const std::string& theirs : textWord.forms) {
      const size_t limit = std::min(mine.size(), theirs.size());
      size_t shared = 0;
      while (shared < limit && mine[shared] == theirs[shared]) ++shared;
      if (shared + 1 >= mine.size()) return true;
    }
  return false;
}

// Inside a phrase the text may hold a few stopwords the surface does not
// ("rehabilitació energètica de tots els edificis"), no more.
constexpr size_t kMaxSkippedStopwords = 3;

struct Candidate {
  uint32_t surface;
  size_t first; // tokens
  size_t last;
  size_t words;
  size_t bytes;
};

// The text's words as one language reads them; each distinct word is stemmed once.
struct ReadText {
  const std::vector<text::Token>& tokens;
  std::unordered_map<std::string, text::WordKeys> known; // lower-case word → keys
  std::vector<const text::WordKeys*> keys;               // per token; null for a stopword
  bool stopword(size_t i) const { return keys[i] == nullptr; }
};

void readAs(const std::string& language, ReadText& read) {
  const auto& stopwords = stopwordsFor(language);
  text::MatchStemmer stemmer(language);
  read.keys.assign(read.tokens.size(), nullptr);
  for (size_t i = 0; i < read.tokens.size(); ++i) {
    const text::Token& token = read.tokens[i];
    if (stopwords.count(token.lower)) continue;
    auto [at, added] = read.known.try_emplace(token.lower);
    if (added) at->second = stemmer.keysOf(token);
    read.keys[i] = &at->second; // unordered_map nodes do not move
  }
}

bool wordMatches(const SurfaceWord& word, const text::WordKeys& keys) {
  return word.keys.sharesKeyWith(keys) && sharesBeginning(word.keys, keys);
}

// The next word of a phrase after token `at`: stopwords skipped, not across a break.
std::optional<size_t> nextContentWord(const ReadText& read, size_t at) {
  for (size_t next = at + 1, skipped = 0; next < read.tokens.size(); ++next, ++skipped) {
    if (read.tokens[next].breakBefore || skipped > kMaxSkippedStopwords) return std::nullopt;
    if (!read.stopword(next)) return next;
  }
  return std::nullopt;
}

std::optional<Candidate> matchStemmedAt(const VocabularyData& data, uint32_t id, const ReadText& read,
                                        size_t first) {
  const Surface& surface = data.surfaces[id];
  size_t at = first;
  for (size_t w = 0; w < surface.words.size(); ++w) {
    if (w > 0) {
      const std::optional<size_t> next = nextContentWord(read, at);
      if (!next) return std::nullopt;
      at = *next;
    }
    if (!wordMatches(surface.words[w], *read.keys[at])) return std::nullopt;
  }
  return Candidate{id, first, at, surface.words.size(), read.tokens[at].end - read.tokens[first].begin};
}

void collectStemmed(const VocabularyData& data, const detail::LanguageIndex& index,
                    const std::vector<text::Token>& tokens, std::vector<Candidate>& out) {
  ReadText read{tokens, {}, {}};
  readAs(index.language, read);
  std::vector<uint32_t> tried;
  for (size_t i = 0; i < tokens.size(); ++i) {
    if (read.stopword(i)) continue;
    tried.clear();
    for (const std::string& key : read.keys[i]->keys) {
      auto found = index.byFirstKey.find(key);
      if (found == index.byFirstKey.end()) continue;
      for (uint32_t id : found->second) {
        if (std::find(tried.begin(), tried.end(), id) != tried.end()) continue;
        tried.push_back(id);
        if (auto candidate = matchStemmedAt(data, id, read, i)) out.push_back(*candidate);
      }
    }
  }
}

// An acronym between words written all in capitals is one of them, not the
// acronym: "PROJECTES AMB IMPACTE" holds no Àrea Metropolitana (AMB), "UN
// PROJECTE" no United Nations. Capitals that are themselves acronyms of the
// vocabulary ("FEDER ERDF") do not count as shouting.
bool nextToShouting(const VocabularyData& data, const std::vector<text::Token>& tokens, size_t first,
                    size_t last) {
  auto shouted = [&](size_t i) {
    return text::isShouted(tokens[i]) && !data.exactFirstWords.count(tokens[i].raw);
  };
  return (first > 0 && shouted(first - 1)) || (last + 1 < tokens.size() && shouted(last + 1));
}

void collectExact(const VocabularyData& data, const detail::LanguageIndex& index,
                  const std::vector<text::Token>& tokens, std::vector<Candidate>& out) {
  for (size_t i = 0; i < tokens.size(); ++i) {
    auto found = index.exactByFirstWord.find(tokens[i].raw);
    if (found == index.exactByFirstWord.end()) continue;
    for (uint32_t id : found->second) {
      const std::vector<SurfaceWord>& words = data.surfaces[id].words;
      if (i + words.size() > tokens.size()) continue;
      bool same = true;
      for (size_t w = 1; w < words.size() && same; ++w)
        same = !tokens[i + w].breakBefore && tokens[i + w].raw == words[w].raw;
      const size_t last = i + words.size() - 1;
      if (same && !nextToShouting(data, tokens, i, last))
        out.push_back({id, i, last, words.size(), tokens[last].end - tokens[i].begin});
    }
  }
}

// Longest first (most words, then most bytes); a candidate inside the words
// of a kept one is dropped ("habitatge" inside "habitatge assequible") unless
// it covers the very same words for another concept. Mentions that only
// overlap are both kept: "rehabilitació d'habitatges assequibles" names the
// renovation of housing and affordable housing.
std::vector<ConceptHit> keepLongest(const VocabularyData& data, std::vector<Candidate> candidates,
                                    const std::vector<text::Token>& tokens, const std::string& textBytes) {
  std::sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) {
    return std::tie(b.words, b.bytes, a.first, a.surface) < std::tie(a.words, a.bytes, b.first, b.surface);
  });
  std::vector<Candidate> kept;
  std::set<std::tuple<size_t, size_t, uint32_t>> keptConcepts; // first, last, concept
  for (const Candidate& candidate : candidates) {
    const uint32_t concept = data.surfaces[candidate.surface].concept;
    const bool nested = std::any_of(kept.begin(), kept.end(), [&candidate](const Candidate& longer) {
      const bool sameWords = longer.first == candidate.first && longer.last == candidate.last;
      return !sameWords && longer.first <= candidate.first && candidate.last <= longer.last;
    });
    if (nested) continue;
    if (!keptConcepts.insert({candidate.first, candidate.last, concept}).second) continue;
    kept.push_back(candidate);
  }
  std::vector<ConceptHit> hits;
  for (const Candidate& candidate : kept) {
    const size_t begin = tokens[candidate.first].begin;
    const size_t length = tokens[candidate.last].end - begin;
    hits.push_back({data.concepts[data.surfaces[candidate.surface].concept].id,
                    textBytes.substr(begin, length), begin, length});
  }
  std::sort(hits.begin(), hits.end(), [](const ConceptHit& a, const ConceptHit& b) {
    return std::tie(a.begin, a.conceptId) < std::tie(b.begin, b.conceptId);
  });
  return hits;
}

} // namespace

ConceptVocabulary::ConceptVocabulary(std::unique_ptr<const detail::VocabularyData> data)
    : data_(std::move(data)) {}
ConceptVocabulary::ConceptVocabulary(ConceptVocabulary&&) noexcept = default;
ConceptVocabulary& ConceptVocabulary::operator=(ConceptVocabulary&&) noexcept = default;
ConceptVocabulary::~ConceptVocabulary() = default;

const ConceptVocabulary& ConceptVocabulary::builtin() {
  static const ConceptVocabulary vocabulary = parse(std::string(text::embeddedText("concepts.tsv")));
  return vocabulary;
}

ConceptVocabulary ConceptVocabulary::parse(const std::string& tsvText) {
  return ConceptVocabulary(std::make_unique<const VocabularyData>(detail::parseVocabulary(tsvText)));
}

std::vector<ConceptHit> ConceptVocabulary::find(const std::string& utf8Text,
                                                const std::string& language) const {
  const std::vector<text::Token> tokens = text::tokenise(utf8Text);
  std::vector<Candidate> candidates;
  const std::string code = normaliseLanguageCode(language);
  const bool known = std::any_of(data_->languages.begin(), data_->languages.end(),
                                 [&](const detail::LanguageIndex& index) { return index.language == code; });
  for (const detail::LanguageIndex& index : data_->languages) {
    if (language.empty() || index.language == code) {
      collectExact(*data_, index, tokens, candidates);
      collectStemmed(*data_, index, tokens, candidates);
    } else if (!known) {
      // A language the vocabulary does not hold ("de", or nonsense): acronyms only, of every language.
      collectExact(*data_, index, tokens, candidates);
    }
  }
  return keepLongest(*data_, std::move(candidates), tokens, utf8Text);
}

std::string ConceptVocabulary::label(const std::string& conceptId, const std::string& language) const {
  auto found = data_->conceptIndex.find(conceptId);
  if (found == data_->conceptIndex.end()) return "";
  const auto& surfaces = data_->concepts[found->second].surfaces;
  for (const std::string& choice : {normaliseLanguageCode(language), std::string("en")}) {
    auto listed = surfaces.find(choice);
    if (listed != surfaces.end() && !listed->second.empty()) return listed->second.front();
  }
  return surfaces.empty() ? "" : surfaces.begin()->second.front();
}

std::string ConceptVocabulary::broader(const std::string& conceptId) const {
  for (size_t dot = conceptId.rfind('.'); dot != std::string::npos && dot > 0;
       dot = conceptId.rfind('.', dot - 1)) {
    const std::string prefix = conceptId.substr(0, dot);
    if (data_->conceptIndex.count(prefix)) return prefix;
  }
  return "";
}

std::vector<std::string> ConceptVocabulary::conceptIds() const {
  std::vector<std::string> ids;
  for (const detail::Concept& concept : data_->concepts) ids.push_back(concept.id);
  std::sort(ids.begin(), ids.end());
  return ids;
}

std::vector<std::string> ConceptVocabulary::surfaces(const std::string& conceptId,
                                                     const std::string& language) const {
  auto found = data_->conceptIndex.find(conceptId);
  if (found == data_->conceptIndex.end()) return {};
  const auto& byLanguage = data_->concepts[found->second].surfaces;
  auto listed = byLanguage.find(language);
  return listed == byLanguage.end() ? std::vector<std::string>{} : listed->second;
}

size_t ConceptVocabulary::size() const {
  return data_->concepts.size();
}

} // namespace convoca::index
