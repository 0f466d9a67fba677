#include "convoca/index/matcher.h"

#include "../index/call_cluster.h"
#include "../index/index_support.h"
#include "convoca/index/analyzer.h"
#include "convoca/index/concepts.h"
#include "convoca/index/schema.h"
#include "convoca/index/timeutil.h"
#include "match_gates.h"
#include "profile_query.h"

#include <algorithm>
#include <map>
#include <optional>
#include <xapian.h>

namespace convoca::index {
namespace {

namespace s = schema;

// Relevance feedback: the words that most distinguish the calls staff marked
// relevant join the query at this share of a profile word's weight.
constexpr Xapian::termcount kExpansionTerms = 12;
constexpr double kExpansionScale = 0.5;

// Only word terms (stems or plain words) expand a query: filters and concepts do not.
class WordsOnly : public Xapian::ExpandDecider {
public:
  bool operator()(const std::string& term) const override {
    return !term.empty() && (term[0] == 'Z' || std::islower(static_cast<unsigned char>(term[0])));
  }
};

// How the call names each concept it mentions (its own text, then its English
// form). Stored by the analysis since concept_words; an index written before
// that has only the ids, and the call's text is read again.
std::map<std::string, std::vector<std::string>> recordWordsByConcept(const Record& record) {
  if (!record.analysis.conceptWords.empty() || record.analysis.concepts.empty())
    return record.analysis.conceptWords;
  const std::string& language = record.analysis.language.empty() ? record.language : record.analysis.language;
  return conceptMentionsOf(analysisTextOf(record), language, record.analysis.english).words;
}

void explainTerms(Match& match, const Xapian::Enquire& enquire, const Xapian::MSetIterator& it,
                  const detail::ProfileQuery& query) {
  const std::string conceptPrefix = s::kConcept;
  std::vector<std::string> seenWords;
  std::optional<std::map<std::string, std::vector<std::string>>> recordWords; // found once, when needed
  for (auto term = enquire.get_matching_terms_begin(it); term != enquire.get_matching_terms_end(it); ++term) {
    const std::string name = *term;
    if (auto meaning = query.meanings.find(name); meaning != query.meanings.end()) {
      if (std::find(seenWords.begin(), seenWords.end(), meaning->second.word) == seenWords.end()) {
        seenWords.push_back(meaning->second.word);
        match.terms.push_back({meaning->second.word, meaning->second.via});
      }
    } else if (name.rfind(conceptPrefix, 0) == 0) {
      const std::string conceptId = name.substr(conceptPrefix.size());
      auto known = query.concepts.find(conceptId);
      if (known == query.concepts.end()) continue;
      if (!recordWords) recordWords = recordWordsByConcept(match.hit.record);
      match.concepts.push_back(
          {conceptId, known->second.label, known->second.profileWords, (*recordWords)[conceptId]});
    } else if (name.rfind(s::kSdgGiven, 0) == 0) {
      const int goal = std::atoi(name.c_str() + (name.rfind(s::kSdgTagged, 0) == 0 ? 5 : 4));
      if (goal > 0 &&
          std::find(match.sharedSdgs.begin(), match.sharedSdgs.end(), goal) == match.sharedSdgs.end())
        match.sharedSdgs.push_back(goal);
    } else if (!name.empty() && (name[0] == 'Z' || std::islower(static_cast<unsigned char>(name[0])))) {
      const std::string word = name[0] == 'Z' ? name.substr(1) : name;
      if (std::find(seenWords.begin(), seenWords.end(), word) == seenWords.end()) {
        seenWords.push_back(word);
        match.terms.push_back({word, "feedback"});
      }
    }
  }
  std::sort(match.sharedSdgs.begin(), match.sharedSdgs.end());
}

} // namespace

struct Matcher::Impl {
  std::string path;
  Xapian::Database database;
  detail::StubWatch stub;

  explicit Impl(std::string dbPath)
      : path(std::move(dbPath)), database(detail::openForReading(path)), stub(path) {}

  // Sees the latest commit, and the database a reindex or restore swapped in.
  void refresh() {
    if (stub.changed()) database = detail::openForReading(path);
    database.reopen();
  }

  Xapian::RSet relevantSet(const MatchFeedback& feedback) const {
    Xapian::RSet rset;
    for (const auto& id : feedback.relevant) {
      const std::string term = detail::uniqueTerm(id);
      Xapian::PostingIterator posting = database.postlist_begin(term);
      if (posting != database.postlist_end(term)) rset.add_document(*posting);
    }
    return rset;
  }

  MatchResult run(const MatchRequest& request) {
    const int64_t now = request.now ? *request.now : timeutil::now();
    const detail::ProfileQuery query = detail::buildProfileQuery(database, request);
    Xapian::Query ranking = query.ranking;
    const Xapian::RSet rset = relevantSet(request.feedback);
    Xapian::Enquire enquire(database);
    if (!rset.empty()) {
      enquire.set_query(ranking);
      const WordsOnly wordsOnly;
      const Xapian::ESet expansion = enquire.get_eset(kExpansionTerms, rset, &wordsOnly);
      const Xapian::Query expanded(Xapian::Query::OP_ELITE_SET, expansion.begin(), expansion.end(),
                                   kExpansionTerms);
      ranking = Xapian::Query(Xapian::Query::OP_OR, ranking,
                              Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, expanded, kExpansionScale));
    }
    enquire.set_collapse_key(detail::collapseSlotFor(database));
    // Equal scores in record id order, the same on one database and on shards.
    enquire.set_sort_by_relevance_then_value(s::kTieBreak, /*reverse=*/false);
    // The relevance set also reweights the profile's own terms (BM25's relevance information).
    const Xapian::RSet* relevance = rset.empty() ? nullptr : &rset;
    const auto matches = [&](detail::TimeGate timeGate, const Xapian::MatchDecider* decider) {
      enquire.set_query(request.gates ? Xapian::Query(Xapian::Query::OP_FILTER, ranking,
                                                      detail::gateQuery(request, now, timeGate))
                                      : ranking);
      return enquire.get_mset(
          static_cast<Xapian::doccount>(request.offset), static_cast<Xapian::doccount>(request.limit),
          static_cast<Xapian::doccount>(request.offset + request.limit), relevance, decider);
    };
    Xapian::MSet mset;
    if (detail::hasTimeGate(request)) {
      const detail::TimeGateDecider timeGate(request.profile, now);
      try {
        mset = matches(detail::TimeGate::Decider, &timeGate);
      } catch (const Xapian::UnimplementedError&) { // remote shards run no decider
        mset = matches(detail::TimeGate::InQuery, nullptr);
      }
    } else {
      mset = matches(detail::TimeGate::InQuery, nullptr);
    }
    MatchResult result;
    result.language = query.language;
    result.total = mset.get_matches_estimated();
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      Match match;
      match.hit = detail::hitFor(it.get_document(), now);
      match.hit.percent = it.get_percent();
      match.score = it.get_weight();
      match.fit = it.get_percent();
      if (request.explain) explainTerms(match, enquire, it, query);
      if (request.gates && request.explain) match.gates = detail::explainGates(match.hit, request);
      result.matches.push_back(std::move(match));
    }
    return result;
  }

  std::vector<std::string> bm25(const std::string& text, const std::string& language, size_t limit) {
    Xapian::QueryParser parser;
    parser.set_database(database);
    parser.set_stemmer(detail::stemmerFor(language));
    parser.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
    parser.set_default_op(Xapian::Query::OP_OR);
    // No operators: the text is prose, not query syntax.
    const Xapian::Query query = parser.parse_query(detail::splitElisions(text), 0);
    Xapian::Enquire enquire(database);
    enquire.set_query(query);
    const Xapian::MSet mset = enquire.get_mset(0, static_cast<Xapian::doccount>(limit));
    std::vector<std::string> ids;
    for (auto it = mset.begin(); it != mset.end(); ++it)
      ids.push_back(recordFromJson(it.get_document().get_data()).id);
    return ids;
  }
};

Matcher::Matcher(const std::string& path) : impl_(std::make_unique<Impl>(path)) {}

Matcher::~Matcher() = default;

MatchResult Matcher::match(const MatchRequest& request) {
  try {
    impl_->refresh();
    return impl_->run(request);
  } catch (const Xapian::Error& e) {
    throw IndexError("matching " + request.profile.id + " in " + impl_->path +
                     " failed: " + e.get_description());
  }
}

std::vector<std::string> Matcher::plainBm25(const std::string& text, const std::string& language,
                                            size_t limit) {
  try {
    impl_->refresh();
    return impl_->bm25(text, language, limit);
  } catch (const Xapian::Error& e) {
    throw IndexError("BM25 query in " + impl_->path + " failed: " + e.get_description());
  }
}

} // namespace convoca::index
