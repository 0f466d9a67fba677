// The cross-lingual concept vocabulary: Catalan, Spanish, English and French
// words and phrases mapped to shared concept ids ("energy.renovation",
// "sdg.11", "funding.erdf"), so that a Catalan profile and an English call
// meet on the same concept terms. Format, matching rules and sources:
// indexes/data/CONCEPTS.md.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

namespace convoca::index {

namespace detail {
struct VocabularyData;
}

// One mention of a concept in a text.
struct ConceptHit {
  std::string conceptId;
  std::string surface; // the words as they appeared in the text
  size_t begin = 0;    // byte range of those words in the input
  size_t length = 0;
};

class ConceptVocabulary {
public:
  // The vocabulary compiled in from indexes/data/concepts.tsv (parsed once).
  static const ConceptVocabulary& builtin();

  // Throws std::invalid_argument naming the line ("concepts line 12: ...") on
  // a malformed line.
  static ConceptVocabulary parse(const std::string& tsvText);

  ConceptVocabulary(ConceptVocabulary&&) noexcept;
  ConceptVocabulary& operator=(ConceptVocabulary&&) noexcept;
  ~ConceptVocabulary();

  // Every mention, in text order. The surfaces of `language` are looked for:
  // words compared by their stems, case and accents folded, stopwords skipped
  // inside phrases; surfaces marked exact (acronyms: FEDER, ESF+) compare as
  // written. A mention inside a longer one's words is dropped (the longest
  // wins); mentions that only overlap are both kept, and so are mentions of
  // different concepts with the very same words. language "" tries every
  // language of the vocabulary (ca es en fr); a language it does not hold
  // ("de") gets the exact surfaces of all of them. Safe to call from several
  // threads at once.
  std::vector<ConceptHit> find(const std::string& utf8Text, const std::string& language) const;

  // A display label: the first surface listed in `language`, else in English,
  // else any; "" for an unknown concept.
  std::string label(const std::string& conceptId, const std::string& language) const;

  // The nearest broader concept: the longest proper dotted prefix of the id
  // that is itself a concept ("climate" for "climate.adaptation"), else "".
  std::string broader(const std::string& conceptId) const;

  // Every concept id, sorted; the surfaces of one concept in one language, as listed.
  std::vector<std::string> conceptIds() const;
  std::vector<std::string> surfaces(const std::string& conceptId, const std::string& language) const;

  // The number of concepts.
  size_t size() const;

private:
  explicit ConceptVocabulary(std::unique_ptr<const detail::VocabularyData> data);
  std::unique_ptr<const detail::VocabularyData> data_;
};

} // namespace convoca::index
