// `convoca user add|list|rm|passwd`: who may log in to the web UI and with
// which role. Passwords come from stdin and are stored only as PBKDF2 hashes.
#include "command_user.h"

#include "convoca/state/state_db.h"
#include "convoca/web/password.h"

#include <Poco/File.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <algorithm>
#include <iomanip>
#include <iostream>
#include <ostream>
#include <termios.h>
#include <unistd.h>

namespace convoca::app {
namespace {

constexpr size_t kMinPasswordCharacters = 10;
constexpr size_t kMaxNameBytes = 64;

state::StateDb openState(const Context& context) {
  Poco::File(context.dataDir).createDirectories();
  return state::StateDb(context.statePath());
}

const std::string& userName(const Context& context) {
  if (context.args.size() < 2) throw UsageError("missing user NAME");
  const std::string& name = context.args[1];
  if (name.empty() || name.size() > kMaxNameBytes)
    throw UsageError("a user name has 1 to " + std::to_string(kMaxNameBytes) + " bytes");
  for (unsigned char c : name)
    if (c <= ' ' || c == 0x7f) throw UsageError("a user name has no spaces or control characters");
  return name;
}

// UTF-8 characters, not bytes: "contrasenyà" is 11 characters long.
size_t characterCount(const std::string& text) {
  size_t count = 0;
  for (unsigned char c : text)
    if ((c & 0xC0) != 0x80) ++count;
  return count;
}

// Turns the terminal's echo off while a password is typed, and back on.
class HiddenInput {
public:
  HiddenInput() : active_(isatty(STDIN_FILENO) && tcgetattr(STDIN_FILENO, &saved_) == 0) {
    if (!active_) return;
    termios quiet = saved_;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
  }
  ~HiddenInput() {
    if (active_) tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved_);
  }
  HiddenInput(const HiddenInput&) = delete;
  HiddenInput& operator=(const HiddenInput&) = delete;

private:
  termios saved_{};
  bool active_;
};

std::string readLine(std::istream& in) {
  std::string line;
  std::getline(in, line);
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

// The first line of stdin; on a terminal, asked twice without echo.
std::string readPassword(Context& context, const std::string& name) {
  const bool typed = isatty(STDIN_FILENO);
  std::string password;
  {
    HiddenInput hidden;
    if (typed) *context.err << "password for " << name << ": " << std::flush;
    password = readLine(std::cin);
    if (typed) {
      *context.err << "\nagain: " << std::flush;
      const std::string again = readLine(std::cin);
      *context.err << "\n";
      if (again != password) throw UsageError("the two passwords differ");
    }
  }
  if (password.empty())
    throw UsageError("no password given: write it as the first line of stdin, e.g. "
                     "printf '%s\\n' \"$PASSWORD\" | convoca user add NAME --role editor");
  if (characterCount(password) < kMinPasswordCharacters)
    throw UsageError("the password is too short: it needs at least " +
                     std::to_string(kMinPasswordCharacters) + " characters");
  return password;
}

state::Role requestedRole(const Context& context) {
  const std::string& name = context.options.role;
  if (name.empty()) throw UsageError("user add needs --role viewer, editor or admin");
  if (const auto role = state::parseRole(name)) return *role;
  throw UsageError("unknown role '" + name + "': viewer, editor or admin");
}

int addUser(Context& context, state::StateDb& db) {
  const std::string& name = userName(context);
  const state::Role role = requestedRole(context);
  if (db.user(name)) {
    *context.err << "convoca user: " << name << " exists; convoca user passwd " << name
                 << " changes the password, convoca user rm " << name << " removes it\n";
    return 1;
  }
  state::User user;
  user.name = name;
  user.role = role;
  user.passwordHash = web::hashPassword(readPassword(context, name));
  db.saveUser(user);
  *context.out << "added " << name << " (" << state::toString(role) << ")\n";
  return 0;
}

int changePassword(Context& context, state::StateDb& db) {
  const std::string& name = userName(context);
  std::optional<state::User> user = db.user(name);
  if (!user) {
    *context.err << "convoca user: no user '" << name << "' (convoca user list shows them)\n";
    return 1;
  }
  user->passwordHash = web::hashPassword(readPassword(context, name));
  db.saveUser(*user);
  *context.out << "changed the password of " << name << "\n";
  return 0;
}

int listUsers(Context& context, state::StateDb& db) {
  const std::vector<state::User> users = db.users();
  if (context.options.json) {
    Poco::JSON::Array list;
    for (const auto& user : users) {
      Poco::JSON::Object::Ptr item = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
      item->set("name", user.name);
      item->set("role", std::string(state::toString(user.role)));
      item->set("created_at", user.createdAt);
      item->set("updated_at", user.updatedAt);
      list.add(item);
    }
    list.stringify(*context.out);
    *context.out << "\n";
    return 0;
  }
  if (users.empty())
    *context.out << "no users yet: convoca user add NAME --role admin (needed before serve listens "
                    "beyond this machine)\n";
  for (const auto& user : users)
    *context.out << std::left << std::setw(24) << user.name << std::setw(8) << state::toString(user.role)
                 << "  since " << user.createdAt << "\n";
  return 0;
}

int removeUser(Context& context, state::StateDb& db) {
  const std::string& name = userName(context);
  if (!db.removeUser(name)) {
    *context.err << "convoca user: no user '" << name << "'\n";
    return 1;
  }
  *context.out << "removed " << name << "\n";
  const std::vector<state::User> left = db.users();
  const bool adminLeft = std::any_of(left.begin(), left.end(),
                                     [](const state::User& user) { return user.role == state::Role::Admin; });
  if (!left.empty() && !adminLeft)
    *context.err << "convoca user: no admin is left; only this command line can manage users now\n";
  return 0;
}

} // namespace

int runUser(Context& context) {
  if (context.args.empty()) throw UsageError("missing a user verb: add, list, rm or passwd");
  const std::string& verb = context.args[0];
  state::StateDb db = openState(context);
  if (verb == "add") return addUser(context, db);
  if (verb == "list") return listUsers(context, db);
  if (verb == "rm") return removeUser(context, db);
  if (verb == "passwd") return changePassword(context, db);
  throw UsageError("unknown user verb '" + verb + "': add, list, rm or passwd");
}

} // namespace convoca::app
