// `convoca user`: web UI logins managed from the command line, passwords read
// from stdin and stored only as hashes in the data directory's state DB.
#include "cli_runner.h"
#include "convoca/state/state_db.h"
#include "convoca/web/password.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <fstream>
#include <gtest/gtest.h>

namespace convoca::testing {
namespace {

const std::string kPassword = "contrasenya-segura";

std::optional<state::User> storedUser(const std::string& data, const std::string& name) {
  state::StateDb db(data + "/state.db");
  return db.user(name);
}

TEST(UserCommand, AddsAUserWithThePasswordFromStdinAndListsIt) {
  const std::string data = freshDirectory("user-add");
  const CliResult added = runConvoca(data, {"user", "add", "núria", "--role", "editor"}, kPassword + "\n");
  ASSERT_EQ(added.exitCode, 0) << added.err;
  EXPECT_NE(added.out.find("added núria (editor)"), std::string::npos) << added.out;

  const CliResult listed = runConvoca(data, {"user", "list", "--json"});
  ASSERT_EQ(listed.exitCode, 0) << listed.err;
  const auto users = Poco::JSON::Parser().parse(listed.out).extract<Poco::JSON::Array::Ptr>();
  ASSERT_EQ(users->size(), 1u) << listed.out;
  const auto user = users->getObject(0);
  EXPECT_EQ(user->getValue<std::string>("name"), "núria");
  EXPECT_EQ(user->getValue<std::string>("role"), "editor");
  EXPECT_FALSE(user->getValue<std::string>("created_at").empty());
  EXPECT_EQ(listed.out.find("pbkdf2"), std::string::npos) << "the list never shows hashes";

  const CliResult text = runConvoca(data, {"user", "list"});
  ASSERT_EQ(text.exitCode, 0) << text.err;
  EXPECT_NE(text.out.find("núria"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("editor"), std::string::npos) << text.out;

  const auto stored = storedUser(data, "núria");
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->passwordHash.find(kPassword), std::string::npos);
  EXPECT_TRUE(web::verifyPassword(kPassword, stored->passwordHash));
}

TEST(UserCommand, RefusesAnUnknownRoleOrNoRole) {
  const std::string data = freshDirectory("user-bad-role");
  const CliResult root = runConvoca(data, {"user", "add", "jordi", "--role", "root"}, kPassword + "\n");
  EXPECT_EQ(root.exitCode, 2);
  EXPECT_NE(root.err.find("unknown role 'root'"), std::string::npos) << root.err;
  EXPECT_NE(root.err.find("viewer, editor or admin"), std::string::npos) << root.err;

  const CliResult none = runConvoca(data, {"user", "add", "jordi"}, kPassword + "\n");
  EXPECT_EQ(none.exitCode, 2);
  EXPECT_NE(none.err.find("--role"), std::string::npos) << none.err;
  EXPECT_FALSE(storedUser(data, "jordi"));
}

TEST(UserCommand, RefusesAShortOrMissingPassword) {
  const std::string data = freshDirectory("user-short");
  const CliResult shortOne = runConvoca(data, {"user", "add", "jordi", "--role", "viewer"}, "curta-9ch\n");
  EXPECT_EQ(shortOne.exitCode, 2);
  EXPECT_NE(shortOne.err.find("at least 10 characters"), std::string::npos) << shortOne.err;

  const CliResult empty = runConvoca(data, {"user", "add", "jordi", "--role", "viewer"}, "");
  EXPECT_EQ(empty.exitCode, 2);
  EXPECT_NE(empty.err.find("no password"), std::string::npos) << empty.err;
  EXPECT_FALSE(storedUser(data, "jordi"));

  // Ten characters, counted as characters rather than UTF-8 bytes, are enough.
  const CliResult accents = runConvoca(data, {"user", "add", "jordi", "--role", "viewer"}, "àèìòùàèìòù\n");
  EXPECT_EQ(accents.exitCode, 0) << accents.err;
}

TEST(UserCommand, ChangesAPasswordAndKeepsTheRole) {
  const std::string data = freshDirectory("user-passwd");
  ASSERT_EQ(runConvoca(data, {"user", "add", "admin", "--role", "admin"}, kPassword + "\n").exitCode, 0);
  const CliResult changed = runConvoca(data, {"user", "passwd", "admin"}, "una-altra-clau-llarga\r\n");
  ASSERT_EQ(changed.exitCode, 0) << changed.err;
  const auto stored = storedUser(data, "admin");
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->role, state::Role::Admin);
  EXPECT_TRUE(web::verifyPassword("una-altra-clau-llarga", stored->passwordHash));
  EXPECT_FALSE(web::verifyPassword(kPassword, stored->passwordHash));

  const CliResult absent = runConvoca(data, {"user", "passwd", "ningú"}, kPassword + "\n");
  EXPECT_EQ(absent.exitCode, 1);
  EXPECT_NE(absent.err.find("no user 'ningú'"), std::string::npos) << absent.err;
}

TEST(UserCommand, RefusesToAddAnExistingUserAndRemovesUsers) {
  const std::string data = freshDirectory("user-rm");
  ASSERT_EQ(runConvoca(data, {"user", "add", "jordi", "--role", "viewer"}, kPassword + "\n").exitCode, 0);
  const CliResult again = runConvoca(data, {"user", "add", "jordi", "--role", "admin"}, kPassword + "\n");
  EXPECT_EQ(again.exitCode, 1);
  EXPECT_NE(again.err.find("exists"), std::string::npos) << again.err;
  EXPECT_EQ(storedUser(data, "jordi")->role, state::Role::Viewer);

  const CliResult removed = runConvoca(data, {"user", "rm", "jordi"});
  EXPECT_EQ(removed.exitCode, 0) << removed.err;
  EXPECT_FALSE(storedUser(data, "jordi"));
  EXPECT_EQ(runConvoca(data, {"user", "rm", "jordi"}).exitCode, 1);

  const CliResult empty = runConvoca(data, {"user", "list"});
  EXPECT_EQ(empty.exitCode, 0);
  EXPECT_NE(empty.out.find("no users yet"), std::string::npos) << empty.out;
}

TEST(UserCommand, RefusesNamesWithSpacesAndUnknownVerbs) {
  const std::string data = freshDirectory("user-usage");
  const CliResult spaced =
      runConvoca(data, {"user", "add", "jordi pujol", "--role", "viewer"}, kPassword + "\n");
  EXPECT_EQ(spaced.exitCode, 2);
  EXPECT_NE(spaced.err.find("no spaces"), std::string::npos) << spaced.err;
  const CliResult verb = runConvoca(data, {"user", "promote", "jordi"});
  EXPECT_EQ(verb.exitCode, 2);
  EXPECT_NE(verb.err.find("add, list, rm or passwd"), std::string::npos) << verb.err;
}

TEST(ServeCommand, RefusesANonLoopbackAddressUntilAUserExists) {
  const std::string data = freshDirectory("serve-open");
  const CliResult refused = runConvoca(data, {"serve", "--listen", "0.0.0.0:0"});
  EXPECT_EQ(refused.exitCode, 2) << refused.err;
  EXPECT_NE(refused.err.find("no user is configured"), std::string::npos) << refused.err;
  EXPECT_NE(refused.err.find("convoca user add"), std::string::npos) << refused.err;
}

TEST(ServeCommand, RefusesAnUnknownAuthSetting) {
  const std::string data = freshDirectory("serve-auth");
  const std::string config = data + "/convoca.properties";
  std::ofstream(config) << "web.auth = sometimes\n";
  const CliResult refused = runConvoca(data, {"serve", "--config", config, "--listen", "127.0.0.1:0"});
  EXPECT_EQ(refused.exitCode, 2) << refused.err;
  EXPECT_NE(refused.err.find("web.auth must be auto"), std::string::npos) << refused.err;
}

} // namespace
} // namespace convoca::testing
