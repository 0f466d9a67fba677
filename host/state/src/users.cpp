// The web UI's users and their roles in the state DB. Only password hashes are
// stored (host/web password.h makes them); sessions stay in the server's memory.
#include "state_impl.h"

#include <Poco/Data/Statement.h>
#include <Poco/DateTimeFormat.h>
#include <Poco/DateTimeFormatter.h>
#include <Poco/Timestamp.h>
#include <stdexcept>

namespace convoca::state {

using Poco::Data::Keywords::into;
using Poco::Data::Keywords::now;
using Poco::Data::Keywords::range;
using Poco::Data::Keywords::useRef;

namespace {

// The CHECK constraint on users.role keeps unknown names out, so an unreadable
// one means the file was edited by hand.
Role roleFromColumn(const std::string& name) {
  if (auto role = parseRole(name)) return *role;
  throw Poco::DataFormatException("unknown role in state DB", name);
}

const char* const kSelectUsers = "SELECT name, role, password_hash, created_at, updated_at FROM users ";

} // namespace

const char* toString(Role role) {
  switch (role) {
  case Role::Viewer:
    return "viewer";
  case Role::Editor:
    return "editor";
  case Role::Admin:
    return "admin";
  }
  return "viewer";
}

std::optional<Role> parseRole(std::string_view name) {
  for (Role role : {Role::Viewer, Role::Editor, Role::Admin})
    if (name == toString(role)) return role;
  return std::nullopt;
}

void StateDb::saveUser(const User& user) {
  if (user.name.empty()) throw std::invalid_argument("a user needs a name");
  if (user.passwordHash.empty()) throw std::invalid_argument("user " + user.name + " needs a password hash");
  impl_->guarded("saving user " + user.name, [&](Poco::Data::Session& session) {
    const std::string role = toString(user.role);
    const std::string at = nowUtc();
    session
        << "INSERT INTO users (name, role, password_hash, created_at, updated_at) VALUES (?, ?, ?, ?, ?) "
           "ON CONFLICT(name) DO UPDATE SET role = excluded.role, password_hash = excluded.password_hash, "
           "updated_at = excluded.updated_at",
        useRef(user.name), useRef(role), useRef(user.passwordHash), useRef(at), useRef(at), now;
  });
}

std::vector<User> StateDb::users() {
  return impl_->guarded("listing users", [&](Poco::Data::Session& session) {
    std::vector<User> all;
    User row;
    std::string role;
    Poco::Data::Statement select(session);
    select << kSelectUsers << "ORDER BY name", into(row.name), into(role), into(row.passwordHash),
        into(row.createdAt), into(row.updatedAt), range(0, 1);
    while (!select.done()) {
      if (select.execute() == 0) break;
      row.role = roleFromColumn(role);
      all.push_back(row);
    }
    return all;
  });
}

std::optional<User> StateDb::user(const std::string& name) {
  return impl_->guarded("reading user " + name, [&](Poco::Data::Session& session) {
    User row;
    std::string role;
    Poco::Data::Statement select(session);
    select << kSelectUsers << "WHERE name = ?", useRef(name), into(row.name), into(role),
        into(row.passwordHash), into(row.createdAt), into(row.updatedAt);
    if (select.execute() == 0) return std::optional<User>();
    row.role = roleFromColumn(role);
    return std::optional<User>(row);
  });
}

bool StateDb::removeUser(const std::string& name) {
  return impl_->guarded("removing user " + name, [&](Poco::Data::Session& session) {
    Poco::Data::Statement remove(session);
    remove << "DELETE FROM users WHERE name = ?", useRef(name);
    return remove.execute() > 0;
  });
}

bool StateDb::hasUsers() {
  return impl_->guarded("counting users", [&](Poco::Data::Session& session) {
    int count = 0;
    session << "SELECT COUNT(*) FROM (SELECT 1 FROM users LIMIT 1)", into(count), now;
    return count > 0;
  });
}

} // namespace convoca::state
