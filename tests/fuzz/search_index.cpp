#include "search_index.h"

#include "fuzz_host.h"

#include <Poco/File.h>
#include <Poco/TemporaryFile.h>
#include <convoca/index/indexer.h>
#include <convoca/index/record.h>
#include <fstream>
#include <memory>
#include <string>

namespace convoca::fuzz {
namespace {

std::string buildIndex() {
  // Poco removes the directory when the process exits normally.
  const std::string dir = Poco::TemporaryFile::tempName() + "-convoca-fuzz-index";
  Poco::TemporaryFile::registerForDeletion(dir);
  const std::string records = std::string(CONVOCA_SOURCE_DIR) + "/fixtures/xss/records.jsonl";
  std::ifstream in(records);
  if (!in) finding("cannot read the records of the fuzz index", records);
  index::Indexer indexer(dir);
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) indexer.upsert(index::recordFromJson(line));
  indexer.commit();
  return dir;
}

} // namespace

index::Searcher& fixtureSearcher() {
  static const std::string dir = buildIndex();
  static index::Searcher searcher(dir);
  return searcher;
}

} // namespace convoca::fuzz
