#include "similar.h"

#include "convoca/index/schema.h"
#include "index_support.h"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <string>
#include <vector>

namespace convoca::index::detail {
namespace {

namespace s = schema;

// Enough terms to describe a call, few enough that the OR stays specific.
constexpr Xapian::termcount kTellingTerms = 30;

bool isUpper(char c) {
  return std::isupper(static_cast<unsigned char>(c));
}

// A word worth matching on: three bytes or more, not only digits (years and
// numbers are shared by unrelated calls), no stopword of ca, es, en or fr.
bool isTellingWord(const std::string& word) {
  if (word.size() < 3) return false;
  if (std::all_of(word.begin(), word.end(),
                  [](char c) { return std::isdigit(static_cast<unsigned char>(c)); }))
    return false;
  for (const char* language : {"ca", "es", "en", "fr"}) {
    const Xapian::Stopper* stopper = stopperFor(language);
    if (stopper && (*stopper)(word)) return false;
  }
  return true;
}

// Free-text words (unprefixed), their stems (Z) and concepts (XC + a
// lower-case id); every other prefix is a field copy or a filter term.
class TellingTerms : public Xapian::ExpandDecider {
public:
  bool operator()(const std::string& term) const override {
    if (term.empty()) return false;
    const size_t conceptPrefix = std::strlen(s::kConcept);
    if (term.compare(0, conceptPrefix, s::kConcept) == 0)
      return term.size() > conceptPrefix && !isUpper(term[conceptPrefix]); // not XCALL…
    if (term.compare(0, 1, s::kStemmed) == 0)
      return term.size() > 1 && !isUpper(term[1]) && isTellingWord(term.substr(1));
    return !isUpper(term[0]) && isTellingWord(term);
  }
};

// The records of the same call as `document`: never offered as similar.
Xapian::Query sameCall(const Xapian::Document& document, const Record& record) {
  std::vector<Xapian::Query> same{
      Xapian::Query(booleanTerm(s::kCluster, document.get_value(s::kCollapseKey))),
      Xapian::Query(uniqueTerm(record.id)),
      Xapian::Query(booleanTerm(s::kParent, record.id)),
  };
  if (!record.parent.empty()) {
    same.emplace_back(uniqueTerm(record.parent));
    same.emplace_back(booleanTerm(s::kParent, record.parent));
  }
  return Xapian::Query(Xapian::Query::OP_OR, same.begin(), same.end());
}

} // namespace

std::optional<Xapian::Query> similarQuery(const Xapian::Database& database, Xapian::docid docid,
                                          const Xapian::Document& document, const Record& record) {
  Xapian::RSet relevant;
  relevant.add_document(docid); // not document.get_docid(): a shard's own id on a sharded database
  Xapian::Enquire enquire(database);
  const TellingTerms decider;
  const Xapian::ESet telling = enquire.get_eset(kTellingTerms, relevant, &decider);
  if (telling.empty()) return std::nullopt;
  std::vector<std::string> terms(telling.begin(), telling.end());
  const Xapian::Query alike(Xapian::Query::OP_OR, terms.begin(), terms.end());
  return Xapian::Query(Xapian::Query::OP_AND_NOT, alike, sameCall(document, record));
}

} // namespace convoca::index::detail
