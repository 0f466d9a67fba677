#include "index_support.h"

#include "convoca/index/language.h"
#include "convoca/index/schema.h"
#include "convoca/index/timeutil.h"

#include <Poco/DigestEngine.h>
#include <Poco/File.h>
#include <Poco/SHA1Engine.h>
#include <cctype>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>

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
  if (language == "ca" || language == "es" || language == "en" || language == "fr")
    return Xapian::Stem(stemmerNameFor(language));
  return Xapian::Stem();
}

const Xapian::Stopper* stopperFor(const std::string& language) {
  // Built once per language; Xapian only reads a stopper, so sharing one
  // between threads is safe.
  static const std::map<std::string, std::unique_ptr<Xapian::SimpleStopper>> stoppers = [] {
    std::map<std::string, std::unique_ptr<Xapian::SimpleStopper>> all;
    for (const char* code : {"ca", "es", "en", "fr"}) {
      const auto& words = stopwordsFor(code);
      all[code] = std::make_unique<Xapian::SimpleStopper>(words.begin(), words.end());
    }
    return all;
  }();
  auto found = stoppers.find(language);
  return found == stoppers.end() ? nullptr : found->second.get();
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
                           ": run `convoca reindex` to rebuild it from its stored records "
                           "(harvest and serve also do it when they start)");
}

namespace {

// A byte that starts or continues a word: an ASCII letter or digit, or any
// byte of a multi-byte UTF-8 character (accented letters).
bool isWordByte(unsigned char c) {
  return std::isalnum(c) || c >= 0x80;
}

} // namespace

std::string splitElisions(const std::string& utf8) {
  static const std::string kRightQuote = "\xE2\x80\x99"; // U+2019
  std::string out;
  out.reserve(utf8.size());
  for (size_t i = 0; i < utf8.size(); ++i) {
    const bool ascii = utf8[i] == '\'';
    const bool curly = !ascii && utf8.compare(i, kRightQuote.size(), kRightQuote) == 0;
    const size_t width = ascii ? 1 : curly ? kRightQuote.size() : 0;
    if (width && !out.empty() && isWordByte(static_cast<unsigned char>(out.back())) &&
        i + width < utf8.size() && isWordByte(static_cast<unsigned char>(utf8[i + width]))) {
      out.push_back(' ');
      i += width - 1;
      continue;
    }
    out.push_back(utf8[i]);
  }
  return out;
}

Xapian::Database openForReading(const std::string& path) {
  Xapian::Database database;
  try {
    database = Xapian::Database(path);
  } catch (const Xapian::DatabaseNotFoundError&) {
    throw IndexError("no index at " + path + " (run convoca harvest or convoca index first)");
  } catch (const Xapian::Error& e) {
    throw IndexError("cannot open index " + path + ": " + e.get_description());
  }
  checkSchemaVersion(database, path);
  return database;
}

StubWatch::StubWatch(std::string path) : path_(std::move(path)) {
  changed();
}

bool StubWatch::changed() {
  std::ifstream in(path_);
  if (!in || Poco::File(path_).isDirectory()) return false;
  std::ostringstream text;
  text << in.rdbuf();
  if (text.str() == seen_) return false;
  seen_ = text.str();
  return true;
}

Hit hitFor(const Xapian::Document& document, int64_t now) {
  Hit hit;
  hit.record = recordFromJson(document.get_data());
  hit.status = statusName(statusAt(hit.record, now));
  for (const auto& deadline : hit.record.deadlines) {
    const std::optional<int64_t> instant = timeutil::parseInstant(deadline);
    if (instant && *instant >= now) {
      hit.nextDeadline = deadline;
      break;
    }
  }
  hit.sources.push_back({hit.record.source, hit.record.id, hit.record.url});
  return hit;
}

} // namespace convoca::index::detail
