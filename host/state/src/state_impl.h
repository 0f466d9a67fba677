// The state DB's connection, shared by the files that implement StateDb.
#pragma once

#include "convoca/state/state_db.h"
#include "migrations.h"

#include <Poco/Data/SQLite/Connector.h>
#include <Poco/Data/Session.h>
#include <Poco/DateTimeFormat.h>
#include <Poco/DateTimeFormatter.h>
#include <Poco/Exception.h>
#include <Poco/Timestamp.h>
#include <cstddef>
#include <mutex>
#include <string>

namespace convoca::state {

// Now as RFC 3339 UTC ("2026-11-27T18:00:00Z"), the form every timestamp column holds.
inline std::string nowUtc() {
  return Poco::DateTimeFormatter::format(Poco::Timestamp(), Poco::DateTimeFormat::ISO8601_FORMAT);
}

// How long a writer waits for another connection's lock before failing. Harvest
// commits are short, so this is only reached when something is wrong.
inline constexpr std::size_t kBusyTimeoutSeconds = 5;

// WAL, synchronous=NORMAL, foreign keys (state_db.cpp).
void configureConnection(Poco::Data::Session& session);

class StateDb::Impl {
public:
  explicit Impl(const std::string& dbPath)
      : path(dbPath), session(Poco::Data::SQLite::Connector::KEY, dbPath, kBusyTimeoutSeconds) {
    configureConnection(session);
    detail::migrate(session, path);
  }

  // Runs `body` on the session under the mutex, turning Poco errors into a
  // StateError that says what was being done and where.
  template <typename Body> auto guarded(const std::string& operation, Body&& body) {
    std::lock_guard<std::mutex> lock(mutex);
    try {
      return body(session);
    } catch (const Poco::Exception& e) {
      throw StateError(operation + " in state DB " + path + ": " + e.displayText());
    }
  }

  const std::string path;
  Poco::Data::Session session;
  std::mutex mutex;
};

} // namespace convoca::state
