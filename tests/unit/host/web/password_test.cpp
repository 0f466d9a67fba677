// Password hashes and random tokens for the web login.
#include "convoca/web/password.h"

#include <Poco/StringTokenizer.h>
#include <gtest/gtest.h>
#include <set>
#include <stdexcept>

namespace convoca::web {
namespace {

// Few iterations keep the suite fast; the default count is checked once.
constexpr int kFast = 1000;

// Made by Python's hashlib.pbkdf2_hmac("sha256", b"contrasenya-segura",
// b"0123456789abcdef", 1000): another implementation of the same algorithm.
const std::string kSalt = "MDEyMzQ1Njc4OWFiY2RlZg==";
const std::string kHash = "kE9+vMm7dj6c2ALI4cEW+02ZVQr34eHitbLjedgilII=";
const std::string kMadeElsewhere = "pbkdf2-sha256$1000$" + kSalt + "$" + kHash;

TEST(PasswordTest, HashHasSchemeIterationsSaltAndHash) {
  const std::string stored = hashPassword("contrasenya-segura", kFast);
  const Poco::StringTokenizer parts(stored, "$");
  ASSERT_EQ(parts.count(), 4u) << stored;
  EXPECT_EQ(parts[0], "pbkdf2-sha256");
  EXPECT_EQ(parts[1], "1000");
  EXPECT_EQ(parts[2].size(), 24u) << "16 salt bytes in padded base64";
  EXPECT_EQ(parts[3].size(), 44u) << "32 hash bytes in padded base64";
  EXPECT_EQ(stored.find("contrasenya"), std::string::npos);
}

TEST(PasswordTest, DefaultHashUsesOwaspIterationCountAndVerifies) {
  const std::string stored = hashPassword("contrasenya-segura");
  EXPECT_EQ(stored.rfind("pbkdf2-sha256$600000$", 0), 0u) << stored;
  EXPECT_TRUE(verifyPassword("contrasenya-segura", stored));
}

TEST(PasswordTest, VerifiesOnlyTheRightPassword) {
  const std::string stored = hashPassword("Núria-2026-clau", kFast);
  EXPECT_TRUE(verifyPassword("Núria-2026-clau", stored));
  EXPECT_FALSE(verifyPassword("núria-2026-clau", stored));
  EXPECT_FALSE(verifyPassword("Núria-2026-clau ", stored));
  EXPECT_FALSE(verifyPassword("", stored));
}

TEST(PasswordTest, SamePasswordGetsADifferentSaltEachTime) {
  const std::string first = hashPassword("contrasenya-segura", kFast);
  const std::string second = hashPassword("contrasenya-segura", kFast);
  EXPECT_NE(first, second);
  EXPECT_TRUE(verifyPassword("contrasenya-segura", first));
  EXPECT_TRUE(verifyPassword("contrasenya-segura", second));
}

TEST(PasswordTest, VerifiesAHashMadeElsewhereWithTheSameAlgorithm) {
  EXPECT_TRUE(verifyPassword("contrasenya-segura", kMadeElsewhere));
  EXPECT_FALSE(verifyPassword("contrasenya-segurA", kMadeElsewhere));
}

TEST(PasswordTest, MalformedStoredTextNeverVerifies) {
  const std::string good = hashPassword("contrasenya-segura", kFast);
  const std::string& salt = kSalt;
  const std::string& hash = kHash;
  ASSERT_TRUE(verifyPassword("contrasenya-segura", kMadeElsewhere));
  for (const std::string& stored : {
           std::string(),
           std::string("contrasenya-segura"),
           "pbkdf2-sha1$1000$" + salt + "$" + hash,
           "pbkdf2-sha256$1000$" + salt,
           "pbkdf2-sha256$1000$" + salt + "$" + hash + "$",
           "pbkdf2-sha256$0$" + salt + "$" + hash,
           "pbkdf2-sha256$-1000$" + salt + "$" + hash,
           "pbkdf2-sha256$+1000$" + salt + "$" + hash,
           "pbkdf2-sha256$01000$" + salt + "$" + hash,
           "pbkdf2-sha256$mil$" + salt + "$" + hash,
           "pbkdf2-sha256$99999999999$" + salt + "$" + hash,
           "pbkdf2-sha256$2000000000$" + salt + "$" + hash, // would take hours: refused
           "pbkdf2-sha256$1000$$" + hash,
           "pbkdf2-sha256$1000$" + salt + "$",
           "pbkdf2-sha256$1000$" + salt + "$!!not*base64!!",
           "pbkdf2-sha256$1000$" + salt + "$c2hvcnQ=",       // a 5-byte hash
           "pbkdf2-sha256$1000$c2FsdA==$" + hash,            // a 4-byte salt
           "pbkdf2-sha256$1000$" + salt + "$" + hash + hash, // 64 bytes: not what we write
           good.substr(0, good.size() - 8),                  // a truncated hash is a weaker one
       })
    EXPECT_FALSE(verifyPassword("contrasenya-segura", stored)) << stored;
}

TEST(PasswordTest, RefusesZeroIterations) {
  EXPECT_THROW(hashPassword("contrasenya-segura", 0), std::invalid_argument);
}

TEST(RandomTokenTest, IsUnpaddedBase64UrlOfTheRequestedLength) {
  const std::string token = randomToken();
  EXPECT_EQ(token.size(), 43u) << token;
  EXPECT_EQ(token.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
            std::string::npos)
      << token;
  EXPECT_EQ(randomToken(16).size(), 22u);
  EXPECT_EQ(randomToken(3).size(), 4u);
}

TEST(RandomTokenTest, TokensDoNotRepeat) {
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) seen.insert(randomToken());
  EXPECT_EQ(seen.size(), 1000u);
}

} // namespace
} // namespace convoca::web
