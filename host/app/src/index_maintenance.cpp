#include "index_maintenance.h"

#include "convoca/index/index_store.h"
#include "convoca/index/schema.h"

#include <Poco/File.h>
#include <Poco/Logger.h>

namespace convoca::app {

void prepareIndexForWriting(const Context& context, const index::IndexerOptions& options) {
  const index::IndexStore store(context.dataDir);
  store.ensure();
  const std::string found = index::storedSchemaVersion(store.liveGeneration());
  const std::string expected = std::to_string(index::schema::kSchemaVersion);
  if (found == expected || found.empty()) return; // empty: a new, empty database
  Poco::Logger& log = Poco::Logger::get("index");
  log.notice("index " + store.liveGeneration() + " has schema " + found + ", this convoca writes schema " +
             expected + ": rebuilding it from its stored records (readers keep the old one until the swap)");
  const index::RebuildSummary summary = store.rebuild(options, [&log](size_t done, size_t total) {
    log.information("rebuilt " + std::to_string(done) + " of " + std::to_string(total) + " records");
  });
  log.notice("index rebuilt with schema " + expected + ": " + std::to_string(summary.records) +
             " records, now " + store.liveGeneration());
}

std::string indexForReading(const Context& context) {
  const index::IndexStore store(context.dataDir);
  if (!store.exists() && Poco::File(context.dataDir + "/index").isDirectory()) store.ensure();
  return context.searchDatabasePath();
}

} // namespace convoca::app
