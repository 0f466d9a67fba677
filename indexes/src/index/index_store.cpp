#include "convoca/index/index_store.h"

#include "call_cluster.h"
#include "document_builder.h"
#include "index_support.h"
#include "spelling.h"

#include <Poco/DirectoryIterator.h>
#include <Poco/File.h>
#include <Poco/FileStream.h>
#include <Poco/NumberParser.h>
#include <Poco/Path.h>
#include <Poco/StreamCopier.h>
#include <Poco/String.h>
#include <xapian.h>

namespace convoca::index {
namespace s = schema;
namespace {

constexpr const char* kGenerationPrefix = "index-";
constexpr const char* kPreStubIndex = "index"; // the directory of an index from before stubs
constexpr size_t kRebuildBatch = 500;

std::string readText(const std::string& path) {
  Poco::FileInputStream in(path);
  std::string text;
  Poco::StreamCopier::copyToString(in, text);
  return text;
}

// The generation number of a directory name ("index-12" -> 12), or -1.
int generationNumber(const std::string& name) {
  if (name.rfind(kGenerationPrefix, 0) != 0) return -1;
  int number = -1;
  return Poco::NumberParser::tryParse(name.substr(std::string(kGenerationPrefix).size()), number) ? number
                                                                                                  : -1;
}

bool isGenerationName(const std::string& name) {
  return name == kPreStubIndex || generationNumber(name) >= 0;
}

// Writes `text` to `path` through a temporary file and one rename.
void replaceFile(const std::string& path, const std::string& text) {
  const std::string temporary = path + ".tmp";
  {
    Poco::FileOutputStream out(temporary);
    out << text;
    out.close();
    if (!out) throw IndexError("cannot write " + temporary);
  }
  Poco::File(temporary).renameTo(path);
}

} // namespace

IndexStore::IndexStore(std::string dataDir)
    : dataDir_(std::move(dataDir)), stubPath_(dataDir_ + "/index.stub") {}

bool IndexStore::exists() const {
  return Poco::File(stubPath_).exists();
}

void IndexStore::ensure() const {
  if (exists()) return;
  Poco::File(dataDir_).createDirectories();
  const std::string preStub = dataDir_ + "/" + kPreStubIndex;
  if (Poco::File(preStub).exists()) {
    replaceFile(stubPath_, std::string("auto ") + kPreStubIndex + "\n");
    return;
  }
  const std::string first = newGeneration();
  try {
    Xapian::WritableDatabase created(first, Xapian::DB_CREATE_OR_OPEN);
    created.set_metadata(s::kSchemaVersionKey, std::to_string(s::kSchemaVersion));
    created.commit();
  } catch (const Xapian::Error& e) {
    throw IndexError("cannot create index " + first + ": " + e.get_description());
  }
  replaceFile(stubPath_, "auto " + Poco::Path(first).getFileName() + "\n");
}

std::string IndexStore::liveGeneration() const {
  // The stub is ours: one line, "auto NAME", NAME relative to the data dir.
  const std::string line = Poco::trim(readText(stubPath_));
  const size_t space = line.find(' ');
  const std::string name = space == std::string::npos ? line : Poco::trim(line.substr(space + 1));
  if (!isGenerationName(name))
    throw IndexError("index stub " + stubPath_ + " names no convoca index: " + line);
  return dataDir_ + "/" + name;
}

uint64_t IndexStore::liveBytes() const {
  uint64_t bytes = 0;
  for (Poco::DirectoryIterator it(liveGeneration()), end; it != end; ++it)
    if (it->isFile()) bytes += it->getSize(); // a glass database is one flat folder
  return bytes;
}

std::string IndexStore::newGeneration() const {
  int highest = 0;
  if (Poco::File(dataDir_).exists())
    for (Poco::DirectoryIterator it(dataDir_), end; it != end; ++it)
      highest = std::max(highest, generationNumber(it.name()));
  return dataDir_ + "/" + kGenerationPrefix + std::to_string(highest + 1);
}

void IndexStore::activate(const std::string& generation) const {
  const std::string name = Poco::Path(generation).getFileName();
  if (!isGenerationName(name) || !Poco::File(dataDir_ + "/" + name).isDirectory())
    throw IndexError("cannot activate " + generation + ": not an index generation of " + dataDir_);
  const std::string previous = exists() ? Poco::Path(liveGeneration()).getFileName() : "";
  replaceFile(stubPath_, "auto " + name + "\n");
  for (Poco::DirectoryIterator it(dataDir_), end; it != end; ++it) {
    if (!it->isDirectory() || !isGenerationName(it.name())) continue;
    if (it.name() == name || it.name() == previous) continue;
    Poco::File(it.path()).remove(true);
  }
}

namespace {

// The write lock of a database, held for the lifetime of the object.
Xapian::WritableDatabase lockForSwap(const std::string& path) {
  try {
    return Xapian::WritableDatabase(path, Xapian::DB_OPEN);
  } catch (const Xapian::DatabaseLockError& e) {
    throw IndexLockedError("index " + path + " is being written by another process (a harvest?); try again " +
                           "when it has finished (" + e.get_msg() + ")");
  } catch (const Xapian::Error& e) {
    throw IndexError("cannot open index " + path + ": " + e.get_description());
  }
}

} // namespace

RebuildSummary IndexStore::rebuild(const IndexerOptions& options, const RebuildProgress& progress) const {
  ensure();
  const std::string live = liveGeneration();
  const Xapian::WritableDatabase lock = lockForSwap(live);
  const std::string generation = newGeneration();
  const RebuildSummary summary = rebuildDatabase(live, generation, options, progress);
  activate(generation);
  return summary;
}

size_t IndexStore::backupTo(const std::string& directory, const std::function<void()>& whileLocked) const {
  ensure();
  const std::string live = liveGeneration();
  const Xapian::WritableDatabase lock = lockForSwap(live);
  size_t documents = 0;
  try {
    Xapian::Database database(live);
    documents = database.get_doccount();
    database.compact(directory, Xapian::DBCOMPACT_NO_RENUMBER);
  } catch (const Xapian::Error& e) {
    throw IndexError("cannot copy index " + live + " to " + directory + ": " + e.get_description());
  }
  if (whileLocked) whileLocked();
  return documents;
}

size_t IndexStore::restoreFrom(const std::string& directory, const IndexerOptions& options) const {
  ensure();
  const std::string stored = storedSchemaVersion(directory);
  const Xapian::WritableDatabase lock = lockForSwap(liveGeneration());
  const std::string generation = newGeneration();
  size_t documents = 0;
  if (stored == std::to_string(s::kSchemaVersion)) {
    try {
      Xapian::Database database(directory);
      documents = database.get_doccount();
      database.compact(generation, Xapian::DBCOMPACT_NO_RENUMBER);
    } catch (const Xapian::Error& e) {
      throw IndexError("cannot restore index from " + directory + ": " + e.get_description());
    }
  } else {
    documents = rebuildDatabase(directory, generation, options).records;
  }
  activate(generation);
  return documents;
}

std::string storedSchemaVersion(const std::string& path) {
  try {
    return Xapian::Database(path).get_metadata(s::kSchemaVersionKey);
  } catch (const Xapian::Error& e) {
    throw IndexError("cannot open index " + path + ": " + e.get_description());
  }
}

RebuildSummary rebuildDatabase(const std::string& fromPath, const std::string& toPath,
                               const IndexerOptions& options, const RebuildProgress& progress) {
  RebuildSummary summary;
  try {
    const Xapian::Database from(fromPath);
    summary.fromSchema = from.get_metadata(s::kSchemaVersionKey);
    Xapian::WritableDatabase to(toPath, Xapian::DB_CREATE);
    to.set_metadata(s::kSchemaVersionKey, std::to_string(s::kSchemaVersion));
    // The committed-run tags travel with the records they describe.
    for (auto key = from.metadata_keys_begin(s::kCommittedRunKeyPrefix);
         key != from.metadata_keys_end(s::kCommittedRunKeyPrefix); ++key)
      to.set_metadata(*key, from.get_metadata(*key));
    const size_t total = from.get_doccount();
    // Document id order is the order the records first arrived in.
    for (auto it = from.postlist_begin(""); it != from.postlist_end(""); ++it) {
      const Xapian::Document old = from.get_document(*it);
      Record record = recordFromJson(old.get_data());
      if (options.analyse) analyseRecord(record, options.translate);
      Xapian::Document document = detail::buildDocument(record);
      const std::string firstSeen = old.get_value(s::kRecency);
      if (!record.opening && !firstSeen.empty()) document.add_value(s::kRecency, firstSeen);
      detail::storeInCluster(to, detail::uniqueTerm(record.id), document);
      detail::updateSpelling(to, nullptr, &record);
      if (++summary.records % kRebuildBatch == 0 && progress) progress(summary.records, total);
    }
    to.commit();
    if (progress) progress(summary.records, total);
  } catch (const RecordError& e) {
    throw IndexError("cannot rebuild " + fromPath + ": record " + std::to_string(summary.records + 1) +
                     " is not a valid record: " + e.what());
  } catch (const Xapian::Error& e) {
    throw IndexError("cannot rebuild " + fromPath + " into " + toPath + ": " + e.get_description());
  }
  return summary;
}

} // namespace convoca::index
