// `convoca backup DIR`, `convoca restore DIR` and `convoca reindex`.
//
// A backup folder holds index/ (a compacted Xapian copy of one revision),
// state.db (SQLite's online backup) and MANIFEST.json (what and when). Both
// copies are taken under the index's write lock, so no harvest commits between
// them and the state DB's run reports match the index.
#include "convoca/app/context.h"
#include "convoca/app/version.h"
#include "convoca/index/index_store.h"
#include "convoca/index/schema.h"
#include "convoca/index/timeutil.h"
#include "convoca/state/backup.h"
#include "convoca/state/state_db.h"
#include "index_maintenance.h"
#include "translation_setup.h"

#include <Poco/DirectoryIterator.h>
#include <Poco/File.h>
#include <Poco/FileStream.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Logger.h>
#include <Poco/Path.h>

namespace convoca::app {
namespace {

constexpr const char* kManifest = "MANIFEST.json";

std::string onlyArgument(const Context& context, const std::string& command) {
  if (context.args.size() != 1) throw UsageError(command + " needs one DIR");
  return Poco::Path(context.args.front()).absolute().toString(Poco::Path::PATH_UNIX);
}

bool isEmptyDirectory(const std::string& path) {
  return Poco::DirectoryIterator(path) == Poco::DirectoryIterator();
}

void writeManifest(const std::string& dir, size_t documents, bool withState) {
  Poco::JSON::Object manifest;
  manifest.set("convoca", version());
  manifest.set("index_schema", index::schema::kSchemaVersion);
  manifest.set("documents", documents);
  manifest.set("state_db", withState);
  manifest.set("created_at", index::timeutil::formatInstant(index::timeutil::now(), "UTC"));
  Poco::FileOutputStream out(dir + "/" + kManifest);
  manifest.stringify(out, 2);
  out << "\n";
}

Poco::JSON::Object::Ptr readManifest(const std::string& dir) {
  const std::string path = dir + "/" + kManifest;
  if (!Poco::File(path).exists())
    throw UsageError(dir + " is not a convoca backup (no " + std::string(kManifest) + ")");
  Poco::FileInputStream in(path);
  try {
    return Poco::JSON::Parser().parse(in).extract<Poco::JSON::Object::Ptr>();
  } catch (const Poco::Exception& e) {
    throw UsageError(path + " is not valid JSON: " + e.displayText());
  }
}

} // namespace

int runBackup(Context& context) {
  const std::string dir = onlyArgument(context, "backup");
  if (Poco::File(dir).exists() && !isEmptyDirectory(dir))
    throw UsageError("backup folder " + dir + " is not empty: give a new or empty one");
  const index::IndexStore store(context.dataDir);
  if (!store.exists()) throw UsageError("no index in " + context.dataDir + ": nothing to back up");
  Poco::File(dir).createDirectories();
  const bool withState = Poco::File(context.statePath()).exists();
  const size_t documents = store.backupTo(dir + "/index", [&] {
    if (withState) state::backupStateDb(context.statePath(), dir + "/state.db");
  });
  writeManifest(dir, documents, withState);
  *context.out << "backed up " << documents << " documents" << (withState ? " and the state DB" : "")
               << " to " << dir << "\n";
  return 0;
}

int runRestore(Context& context) {
  const std::string dir = onlyArgument(context, "restore");
  const Poco::JSON::Object::Ptr manifest = readManifest(dir);
  if (!Poco::File(dir + "/index").isDirectory()) throw UsageError(dir + " has no index/ folder");
  Poco::File(context.dataDir).createDirectories();
  const bool withState = manifest->optValue("state_db", false);
  if (withState) state::restoreStateDb(dir + "/state.db", context.statePath());
  state::StateDb stateDb(context.statePath());
  TranslationSetup translation = makeTranslation(context, &stateDb);
  const size_t documents = index::IndexStore(context.dataDir)
                               .restoreFrom(dir + "/index", indexerOptionsFor(*translation.translator));
  *context.out << "restored " << documents << " documents" << (withState ? " and the state DB" : "")
               << " from " << dir << " (backup of " << manifest->optValue<std::string>("created_at", "?")
               << ")\n";
  return 0;
}

int runReindex(Context& context) {
  if (!context.args.empty()) throw UsageError("reindex takes no arguments");
  const index::IndexStore store(context.dataDir);
  if (!store.exists() && !Poco::File(context.dataDir + "/index").exists())
    throw UsageError("no index in " + context.dataDir + ": nothing to rebuild");
  Poco::File(context.dataDir).createDirectories();
  state::StateDb stateDb(context.statePath());
  TranslationSetup translation = makeTranslation(context, &stateDb);
  Poco::Logger& log = Poco::Logger::get("reindex");
  const index::RebuildSummary summary =
      store.rebuild(indexerOptionsFor(*translation.translator), [&log](size_t done, size_t total) {
        log.information("rebuilt " + std::to_string(done) + " of " + std::to_string(total) + " records");
      });
  *context.out << "reindexed " << summary.records << " records (schema "
               << (summary.fromSchema.empty() ? "unknown" : summary.fromSchema) << " -> "
               << index::schema::kSchemaVersion << ") into " << store.liveGeneration() << "\n";
  return 0;
}

} // namespace convoca::app
