// Passwords and secrets for the web UI's login (OpenSSL underneath).
//
// Stored password text is "pbkdf2-sha256$<iterations>$<salt>$<hash>": PBKDF2
// with HMAC-SHA-256, a random 16-byte salt and a 32-byte hash, both in standard
// base64. The iteration count travels with the hash, so raising the default
// later leaves older hashes verifiable.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace convoca::web {

// OWASP's 2023 recommendation for PBKDF2-HMAC-SHA256.
inline constexpr int kPasswordIterations = 600000;

// A new salted hash of `password`, with kPasswordIterations (or `iterations`,
// which tests lower to stay fast). Throws std::runtime_error when the system
// has no randomness to give, std::invalid_argument for iterations < 1.
std::string hashPassword(std::string_view password);
std::string hashPassword(std::string_view password, int iterations);

// Whether `password` is the one `stored` was made from. Compares in constant
// time; false (never an exception) for stored text that is not a hash this
// build writes (another scheme, a salt other than 16 bytes, a hash other than
// 32 bytes, an iteration count outside 1..10 000 000).
bool verifyPassword(std::string_view password, std::string_view stored);

// `bytes` random bytes as unpadded base64url (43 characters for 32 bytes):
// session ids and CSRF tokens. Throws std::runtime_error when the system has no
// randomness to give.
std::string randomToken(std::size_t bytes = 32);

// A user's feed token: HMAC-SHA-256 keyed with the user's stored password hash
// (secret to the server, salted), over the user name, as unpadded base64url. It
// lets a calendar app or feed reader fetch that user's Atom and ICS feeds
// without a session; it changes, revoking every feed link, when the password
// changes.
std::string feedToken(std::string_view user, std::string_view passwordHash);

} // namespace convoca::web
