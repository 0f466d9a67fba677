#include "convoca/state/backup.h"

#include "convoca/state/state_db.h"

#include <Poco/Data/SQLite/Connector.h>
#include <Poco/Data/SQLite/Utility.h>
#include <Poco/Data/Session.h>
#include <Poco/File.h>

namespace convoca::state {
namespace {

Poco::Data::Session openSession(const std::string& path) {
  Poco::Data::SQLite::Connector::registerConnector();
  return Poco::Data::Session(Poco::Data::SQLite::Connector::KEY, path);
}

// Copies the whole of `session`'s database into the file `destination`.
void copyInto(Poco::Data::Session& session, const std::string& destination, const std::string& what) {
  try {
    if (!Poco::Data::SQLite::Utility::memoryToFile(destination, session))
      throw StateError(what + ": SQLite's backup did not finish (database busy?)");
  } catch (const Poco::Exception& e) {
    throw StateError(what + ": " + e.displayText());
  }
}

} // namespace

void backupStateDb(const std::string& livePath, const std::string& copyPath) {
  if (!Poco::File(livePath).exists()) throw StateError("no state DB at " + livePath);
  if (Poco::File(copyPath).exists()) throw StateError("will not overwrite " + copyPath);
  Poco::Data::Session live = openSession(livePath);
  copyInto(live, copyPath, "cannot copy the state DB " + livePath + " to " + copyPath);
}

void restoreStateDb(const std::string& copyPath, const std::string& livePath) {
  if (!Poco::File(copyPath).exists()) throw StateError("no state DB copy at " + copyPath);
  // A scratch copy beside the live DB is opened first: that checks it is a
  // state DB this convoca reads and migrates it, leaving the backup untouched
  // and the live DB untouched if it is not.
  const std::string scratch = livePath + ".restoring";
  if (Poco::File(scratch).exists()) Poco::File(scratch).remove();
  {
    Poco::Data::Session copy = openSession(copyPath);
    copyInto(copy, scratch, "cannot read the state DB copy " + copyPath);
  }
  try {
    StateDb check(scratch);
  } catch (const std::exception& e) {
    Poco::File(scratch).remove();
    throw StateError(copyPath + " is not a convoca state DB: " + e.what());
  }
  Poco::Data::Session restored = openSession(scratch);
  copyInto(restored, livePath, "cannot restore the state DB " + livePath + " from " + copyPath);
  restored.close();
  for (const char* suffix : {"", "-wal", "-shm"})
    if (Poco::File(scratch + suffix).exists()) Poco::File(scratch + suffix).remove();
}

} // namespace convoca::state
