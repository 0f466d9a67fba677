// Copies of the state DB taken and put back with SQLite's online backup API
// (https://sqlite.org/backup.html), through Poco::Data::SQLite::Utility:
// consistent while other connections read and write, unlike a file copy of a
// database in WAL mode.
#pragma once

#include <string>

namespace convoca::state {

// Writes a copy of the state DB at `livePath` to the new file `copyPath`.
// Throws StateError (state_db.h).
void backupStateDb(const std::string& livePath, const std::string& copyPath);

// Replaces the content of the state DB at `livePath` (created when absent) by
// the copy at `copyPath`; connections already open see the restored content.
// The copy must be a convoca state DB. Throws StateError.
void restoreStateDb(const std::string& copyPath, const std::string& livePath);

} // namespace convoca::state
