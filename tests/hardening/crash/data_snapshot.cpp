#include "data_snapshot.h"

#include "convoca/index/schema.h"

#include <Poco/Data/SQLite/Connector.h>
#include <Poco/Data/Session.h>
#include <Poco/File.h>
#include <sstream>
#include <xapian.h>

namespace convoca::testing::crash {
namespace {

using Poco::Data::Keywords::into;
using Poco::Data::Keywords::now;

std::string recordIdOf(const Xapian::Document& document) {
  const std::string prefix = index::schema::kUniqueId;
  for (auto term = document.termlist_begin(); term != document.termlist_end(); ++term) {
    const std::string name = *term;
    if (name.rfind(prefix, 0) == 0) return name.substr(prefix.size());
  }
  return "";
}

std::string contentOf(const Xapian::Document& document) {
  std::ostringstream content;
  content << document.get_data() << "\n";
  for (auto value = document.values_begin(); value != document.values_end(); ++value)
    content << "value " << value.get_valueno() << "=" << *value << "\n";
  for (auto term = document.termlist_begin(); term != document.termlist_end(); ++term)
    content << "term " << *term << "*" << term.get_wdf() << "\n";
  return content.str();
}

} // namespace

std::set<std::string> IndexSnapshot::ids() const {
  std::set<std::string> all;
  for (const auto& [id, content] : documents) all.insert(id);
  return all;
}

IndexSnapshot readIndex(const std::string& dataDir) {
  IndexSnapshot snapshot;
  const std::string stub = dataDir + "/index.stub";
  snapshot.stubExists = Poco::File(stub).exists();
  if (!snapshot.stubExists) return snapshot;
  try {
    const Xapian::Database database(stub);
    snapshot.revision = database.get_revision();
    for (auto posting = database.postlist_begin(""); posting != database.postlist_end(""); ++posting) {
      const Xapian::Document document = database.get_document(*posting);
      snapshot.documents[recordIdOf(document)] = contentOf(document);
    }
    snapshot.opened = true;
  } catch (const Xapian::Error& e) {
    snapshot.error = e.get_description();
  }
  return snapshot;
}

std::string describeDifference(const std::map<std::string, std::string>& expected,
                               const std::map<std::string, std::string>& actual) {
  std::ostringstream out;
  int shown = 0;
  for (const auto& [id, content] : expected) {
    auto found = actual.find(id);
    if (found == actual.end())
      out << "  missing " << id << "\n";
    else if (found->second != content)
      out << "  differs " << id << "\n";
    else
      continue;
    if (++shown == 5) return out.str() + "  ...\n";
  }
  for (const auto& [id, content] : actual) {
    if (expected.count(id)) continue;
    out << "  unexpected " << id << "\n";
    if (++shown == 5) return out.str() + "  ...\n";
  }
  return out.str();
}

std::multiset<std::string> StateSnapshot::changesAfter(int64_t runId) const {
  std::multiset<std::string> after;
  for (const auto& row : changes)
    if (row.runId > runId) after.insert(row.change);
  return after;
}

StateSnapshot readState(const std::string& dataDir) {
  static const bool registered = (Poco::Data::SQLite::Connector::registerConnector(), true);
  (void)registered;
  StateSnapshot snapshot;
  const std::string path = dataDir + "/state.db";
  snapshot.exists = Poco::File(path).exists();
  if (!snapshot.exists) return snapshot;
  Poco::Data::Session session("SQLite", path);
  std::vector<std::string> problems;
  session << "PRAGMA integrity_check", into(problems), now;
  for (const auto& problem : problems)
    snapshot.integrity += (snapshot.integrity.empty() ? "" : "; ") + problem;
  // A state DB killed during its very first migration may have no tables yet.
  int tables = 0;
  session << "SELECT COUNT(*) FROM sqlite_master WHERE name IN ('harvest_runs', 'record_changes')",
      into(tables), now;
  if (tables < 2) return snapshot;
  session << "SELECT COUNT(*), COALESCE(MAX(id), 0), COALESCE(SUM(finished_at IS NULL), 0) FROM harvest_runs",
      into(snapshot.runs), into(snapshot.lastRunId), into(snapshot.unfinishedRuns), now;
  std::vector<int64_t> runIds;
  std::vector<std::string> ids, fields, olds, news;
  session
      << "SELECT COALESCE(run_id, 0), record_id, field, old_value, new_value FROM record_changes ORDER BY id",
      into(runIds), into(ids), into(fields), into(olds), into(news), now;
  for (size_t i = 0; i < ids.size(); ++i)
    snapshot.changes.push_back({runIds[i], ids[i] + " " + fields[i] + ": " + olds[i] + " -> " + news[i]});
  return snapshot;
}

} // namespace convoca::testing::crash
