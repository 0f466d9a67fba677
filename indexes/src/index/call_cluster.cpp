#include "call_cluster.h"

#include "convoca/index/schema.h"

#include <optional>
#include <vector>

namespace convoca::index::detail {

namespace s = schema;

std::string clusterTermOf(const Xapian::Document& document) {
  const std::string prefix = s::kCluster;
  Xapian::TermIterator term = document.termlist_begin();
  term.skip_to(prefix);
  if (term == document.termlist_end() || (*term).compare(0, prefix.size(), prefix) != 0) return "";
  return *term;
}

Xapian::docid storeInCluster(Xapian::WritableDatabase& database, const std::string& uniqueTerm,
                             Xapian::Document& document) {
  const std::string cluster = clusterTermOf(document);
  if (!cluster.empty()) {
    std::optional<Xapian::docid> own;
    if (auto posting = database.postlist_begin(uniqueTerm); posting != database.postlist_end(uniqueTerm))
      own = *posting;
    std::vector<Xapian::docid> others;
    for (auto member = database.postlist_begin(cluster); member != database.postlist_end(cluster); ++member)
      if (*member != own) others.push_back(*member);
    if (!others.empty()) document.add_value(s::kLocalCollapseKey, cluster);
    for (const Xapian::docid other : others) {
      Xapian::Document member = database.get_document(other);
      if (!member.get_value(s::kLocalCollapseKey).empty()) continue;
      member.add_value(s::kLocalCollapseKey, cluster);
      database.replace_document(other, member);
    }
  }
  return database.replace_document(uniqueTerm, document);
}

Xapian::valueno collapseSlotFor(const Xapian::Database& database) {
  return database.size() == 1 ? s::kLocalCollapseKey : s::kCollapseKey;
}

} // namespace convoca::index::detail
