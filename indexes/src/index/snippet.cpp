#include "snippet.h"

#include "../text/tokens.h"
#include "convoca/index/schema.h"
#include "index_support.h"

#include <string_view>

namespace convoca::index::detail {
namespace {

constexpr size_t kSnippetBytes = 300;
// MSet::snippet reads its whole input; a book-length text is cut first.
constexpr size_t kMaxSnippetSourceBytes = 64 * 1024;
constexpr char kHighlightStart = '\x01';
constexpr char kHighlightEnd = '\x02';

// Cuts at most `maxBytes`, never inside a UTF-8 sequence.
std::string utf8Prefix(const std::string& text, size_t maxBytes) {
  if (text.size() <= maxBytes) return text;
  size_t end = maxBytes;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return text.substr(0, end);
}

std::string snippetSource(const Record& record) {
  std::string source = record.summary;
  if (!source.empty() && !record.text.empty()) source += "\n";
  source += record.text;
  if (source.empty()) source = record.title;
  // The markers are ours: a stray one in the text would break the ranges.
  for (char& c : source)
    if (c == kHighlightStart || c == kHighlightEnd) c = ' ';
  return utf8Prefix(source, kMaxSnippetSourceBytes);
}

// MSet::snippet escapes exactly &, < and > for HTML; undo that (callers
// escape for their own output) and turn the markers into ranges.
Snippet plainSnippet(const std::string& marked) {
  static constexpr std::pair<std::string_view, char> kEntities[] = {
      {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}};
  Snippet snippet;
  size_t highlightBegin = 0;
  for (size_t i = 0; i < marked.size();) {
    const char c = marked[i];
    if (c == kHighlightStart) {
      highlightBegin = snippet.text.size();
      ++i;
      continue;
    }
    if (c == kHighlightEnd) {
      snippet.highlights.push_back(Highlight{highlightBegin, snippet.text.size() - highlightBegin});
      ++i;
      continue;
    }
    bool decoded = false;
    for (const auto& [entity, character] : kEntities) {
      if (std::string_view(marked).substr(i, entity.size()) == entity) {
        snippet.text += character;
        i += entity.size();
        decoded = true;
        break;
      }
    }
    if (!decoded) snippet.text += marked[i++];
  }
  return snippet;
}

// Stems only the words whose initial is one of a stemmed query term's.
class InitialFilteredStem : public Xapian::StemImplementation {
public:
  InitialFilteredStem(Xapian::Stem stem, std::shared_ptr<const std::set<std::string>> initials)
      : stem_(std::move(stem)), initials_(std::move(initials)) {}

  std::string operator()(const std::string& word) override {
    if (initials_->count(foldedInitial(word)) == 0) return ""; // "Z" alone is no query term
    return stem_(word);
  }

  std::string get_description() const override { return "initial-filtered " + stem_.get_description(); }

private:
  Xapian::Stem stem_;
  std::shared_ptr<const std::set<std::string>> initials_;
};

} // namespace

std::string foldedInitial(const std::string& word) {
  Xapian::Utf8Iterator first(word);
  if (first == Xapian::Utf8Iterator()) return "";
  std::string lower;
  Xapian::Unicode::append_utf8(lower, Xapian::Unicode::tolower(*first));
  return text::foldAccents(lower);
}

SnippetStemmers::SnippetStemmers(const Xapian::Query& query) {
  auto initials = std::make_shared<std::set<std::string>>();
  const std::string stemmed = schema::kStemmed;
  for (auto term = query.get_unique_terms_begin(); term != query.get_unique_terms_end(); ++term)
    if ((*term).size() > stemmed.size() && (*term).compare(0, stemmed.size(), stemmed) == 0)
      initials->insert(foldedInitial((*term).substr(stemmed.size())));
  initials_ = std::move(initials);
}

Xapian::Stem SnippetStemmers::forLanguage(const std::string& language) {
  auto found = stemmers_.find(language);
  if (found != stemmers_.end()) return found->second;
  Xapian::Stem plain = stemmerFor(language);
  Xapian::Stem filtered = plain.is_none() ? plain : Xapian::Stem(new InitialFilteredStem(plain, initials_));
  return stemmers_.emplace(language, filtered).first->second;
}

Snippet snippetFor(const Xapian::MSet& matches, const Record& record, SnippetStemmers& stemmers) {
  const std::string marked = matches.snippet(
      snippetSource(record), kSnippetBytes, stemmers.forLanguage(record.language),
      Xapian::MSet::SNIPPET_EXHAUSTIVE, std::string(1, kHighlightStart), std::string(1, kHighlightEnd), "…");
  return plainSnippet(marked);
}

} // namespace convoca::index::detail
