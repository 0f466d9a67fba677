#include "fts5_engine.h"

#include <cstdio>
#include <filesystem>
#include <sqlite3.h>
#include <stdexcept>

namespace convoca::bench {
namespace {

class Statement {
public:
  Statement(sqlite3* db, const std::string& sql) {
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &statement_, nullptr) != SQLITE_OK)
      throw std::runtime_error(std::string("sqlite: ") + sqlite3_errmsg(db) + " in " + sql);
  }
  ~Statement() { sqlite3_finalize(statement_); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  void bind(int position, const std::string& text) {
    sqlite3_bind_text(statement_, position, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
  }
  bool step() {
    const int code = sqlite3_step(statement_);
    if (code == SQLITE_ROW) return true;
    if (code == SQLITE_DONE) return false;
    throw std::runtime_error(std::string("sqlite: ") + sqlite3_errmsg(sqlite3_db_handle(statement_)));
  }
  void reset() {
    sqlite3_reset(statement_);
    sqlite3_clear_bindings(statement_);
  }
  std::string text(int column) const {
    const auto* value = sqlite3_column_text(statement_, column);
    return value ? reinterpret_cast<const char*>(value) : "";
  }
  int64_t integer(int column) const { return sqlite3_column_int64(statement_, column); }

private:
  sqlite3_stmt* statement_ = nullptr;
};

// Each word quoted: an implicit AND of plain terms, as convoca ANDs words.
std::string matchExpression(const BenchQuery& query) {
  std::string expression;
  for (const auto& word : query.words) expression += (expression.empty() ? "\"" : " \"") + word + "\"";
  return expression;
}

// "docs MATCH ?1 AND source = ?2 ..." with the filters bound from ?2 on.
std::string whereClause(const BenchQuery& query) {
  std::string where = "docs MATCH ?1";
  int position = 2;
  for (const auto& [field, value] : query.filters)
    where += " AND " + field + " = ?" + std::to_string(position++);
  return where;
}

void bindQuery(Statement& statement, const BenchQuery& query) {
  statement.bind(1, matchExpression(query));
  int position = 2;
  for (const auto& filter : query.filters) statement.bind(position++, filter.second);
}

} // namespace

Fts5Engine::Fts5Engine(const std::string& path) {
  std::filesystem::remove(path);
  if (sqlite3_open(path.c_str(), &db_) != SQLITE_OK)
    throw std::runtime_error("cannot open SQLite database " + path);
  execute("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF");
  execute("CREATE VIRTUAL TABLE docs USING fts5(title, summary, text, id UNINDEXED, source UNINDEXED, "
          "programme UNINDEXED, status UNINDEXED, tokenize = 'porter unicode61 remove_diacritics 2')");
}

Fts5Engine::~Fts5Engine() {
  sqlite3_close(db_);
}

void Fts5Engine::execute(const std::string& sql) {
  char* message = nullptr;
  if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
    std::string error = message ? message : "unknown error";
    sqlite3_free(message);
    throw std::runtime_error("sqlite: " + error + " in " + sql);
  }
}

void Fts5Engine::load(const std::vector<index::Record>& records, int64_t now) {
  execute("BEGIN");
  Statement insert(db_, "INSERT INTO docs (title, summary, text, id, source, programme, status) "
                        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
  for (const auto& record : records) {
    insert.bind(1, record.title);
    insert.bind(2, record.summary);
    insert.bind(3, record.text);
    insert.bind(4, record.id);
    insert.bind(5, record.source);
    insert.bind(6, record.programmeCode);
    insert.bind(7, index::statusName(index::statusAt(record, now)));
    insert.step();
    insert.reset();
  }
  execute("COMMIT");
}

std::vector<std::string> Fts5Engine::search(const BenchQuery& query, size_t limit) {
  Statement select(db_, "SELECT id FROM docs WHERE " + whereClause(query) + " ORDER BY bm25(docs) LIMIT " +
                            std::to_string(limit));
  bindQuery(select, query);
  std::vector<std::string> ids;
  while (select.step()) ids.push_back(select.text(0));
  return ids;
}

size_t Fts5Engine::searchWithFacets(const BenchQuery& query, size_t limit) {
  size_t rows = search(query, limit).size();
  for (const char* facet : {"source", "programme", "status"}) {
    Statement counts(db_, std::string("SELECT ") + facet + ", count(*) FROM docs WHERE " +
                              whereClause(query) + " GROUP BY " + facet);
    bindQuery(counts, query);
    while (counts.step()) rows += static_cast<size_t>(counts.integer(1) > 0);
  }
  return rows;
}

uint64_t fileBytes(const std::string& path) {
  return std::filesystem::file_size(path);
}

} // namespace convoca::bench
