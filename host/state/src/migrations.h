// The state DB's schema as a numbered list of migrations, and the code that
// brings a DB up to date. Private to host/state.
#pragma once

#include <string>
#include <vector>

namespace Poco::Data {
class Session;
}

namespace convoca::state::detail {

struct Migration {
  int version; // 1, 2, 3, ... in order, never renumbered once released
  std::string name;
  std::vector<std::string> statements; // one SQL statement each
};

// Every migration this build knows, ascending.
const std::vector<Migration>& migrations();
int latestVersion();

// Highest applied migration; 0 for a new DB.
int appliedVersion(Poco::Data::Session& session);

// Applies the pending migrations, each in its own transaction, and returns the
// resulting version. Throws StateError when the DB is newer than this build.
int migrate(Poco::Data::Session& session, const std::string& path);

} // namespace convoca::state::detail
