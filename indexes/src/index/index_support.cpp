#include "index_support.h"

#include "convoca/index/schema.h"

#include <Poco/DigestEngine.h>
#include <Poco/SHA1Engine.h>

namespace convoca::index::detail {

std::string lowerCase(const std::string& utf8) {
  return Xapian::Unicode::tolower(utf8);
}

std::string boundedTerm(const std::string& prefix, const std::string& value) {
  std::string term = prefix + value;
  if (term.size() <= schema::kMaxTermBytes) return term;
  Poco::SHA1Engine sha1;
  sha1.update(value);
  const std::string digest = Poco::DigestEngine::digestToHex(sha1.digest());
  term.resize(schema::kMaxTermBytes - digest.size());
  return term + digest;
}

std::string booleanTerm(const std::string& prefix, const std::string& value) {
  return boundedTerm(prefix, lowerCase(value));
}

std::string uniqueTerm(const std::string& recordId) {
  return boundedTerm(schema::kUniqueId, recordId);
}

Xapian::Stem stemmerFor(const std::string& language) {
  if (language == "ca") return Xapian::Stem("catalan");
  if (language == "es") return Xapian::Stem("spanish");
  if (language == "en") return Xapian::Stem("english");
  if (language == "fr") return Xapian::Stem("french");
  return Xapian::Stem();
}

std::string serialiseNumber(double number) {
  return Xapian::sortable_serialise(number);
}

std::optional<double> numberValue(const Xapian::Document& document, Xapian::valueno slot) {
  const std::string value = document.get_value(slot);
  if (value.empty()) return std::nullopt;
  return Xapian::sortable_unserialise(value);
}

void checkSchemaVersion(const Xapian::Database& database, const std::string& path) {
  const std::string expected = std::to_string(schema::kSchemaVersion);
  const std::string found = database.get_metadata(schema::kSchemaVersionKey);
  if (found == expected) return;
  if (found.empty() && database.get_doccount() == 0) return;
  throw SchemaVersionError("index " + path + ": index schema version " + (found.empty() ? "unknown" : found) +
                           ", this convoca expects " + expected +
                           ": move it aside and harvest again to rebuild it");
}

} // namespace convoca::index::detail
