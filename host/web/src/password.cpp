#include "convoca/web/password.h"

#include <Poco/Base64Decoder.h>
#include <Poco/Base64Encoder.h>
#include <Poco/Exception.h>
#include <Poco/NumberParser.h>
#include <Poco/StringTokenizer.h>
#include <climits>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>
#include <sstream>
#include <stdexcept>
#include <vector>

namespace convoca::web {
namespace {

using Bytes = std::vector<unsigned char>;

constexpr std::string_view kScheme = "pbkdf2-sha256";
constexpr std::size_t kSaltBytes = 16;
constexpr std::size_t kHashBytes = 32;
// Stored text comes from our own DB, but a hand-edited row must not turn every
// login into minutes of CPU.
constexpr int kMaxIterations = 10000000;

Bytes randomBytes(std::size_t count) {
  Bytes bytes(count);
  if (count > INT_MAX || RAND_bytes(bytes.data(), static_cast<int>(count)) != 1)
    throw std::runtime_error("OpenSSL could not produce random bytes (RAND_bytes failed)");
  return bytes;
}

std::string encodeBase64(const Bytes& bytes, int options) {
  std::ostringstream text;
  Poco::Base64Encoder encoder(text, options);
  encoder.rdbuf()->setLineLength(0);
  encoder.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
  encoder.close();
  return text.str();
}

// Throws Poco::DataFormatException on text that is not base64.
Bytes decodeBase64(const std::string& text) {
  std::istringstream in(text);
  Poco::Base64Decoder decoder(in);
  Bytes bytes;
  for (int c = decoder.get(); c != std::char_traits<char>::eof(); c = decoder.get())
    bytes.push_back(static_cast<unsigned char>(c));
  return bytes;
}

Bytes pbkdf2(std::string_view password, const Bytes& salt, int iterations, std::size_t length) {
  if (password.size() > INT_MAX) throw std::invalid_argument("password too long");
  Bytes hash(length);
  if (PKCS5_PBKDF2_HMAC(password.data(), static_cast<int>(password.size()), salt.data(),
                        static_cast<int>(salt.size()), iterations, EVP_sha256(), static_cast<int>(length),
                        hash.data()) != 1)
    throw std::runtime_error("OpenSSL PBKDF2 failed");
  return hash;
}

struct StoredHash {
  int iterations = 0;
  Bytes salt;
  Bytes hash;
};

// Splits stored text into its parts; false when it is not what hashPassword() writes.
bool parseStored(std::string_view stored, StoredHash& parsed) {
  const Poco::StringTokenizer parts(std::string(stored), "$");
  if (parts.count() != 4 || parts[0] != kScheme) return false;
  if (!Poco::NumberParser::tryParse(parts[1], parsed.iterations) || parsed.iterations < 1 ||
      parsed.iterations > kMaxIterations || std::to_string(parsed.iterations) != parts[1])
    return false;
  try {
    parsed.salt = decodeBase64(parts[2]);
    parsed.hash = decodeBase64(parts[3]);
  } catch (const Poco::Exception&) {
    return false;
  }
  // Only what hashPassword() writes: a shorter hash would be a weaker one.
  return parsed.salt.size() == kSaltBytes && parsed.hash.size() == kHashBytes;
}

} // namespace

std::string hashPassword(std::string_view password) {
  return hashPassword(password, kPasswordIterations);
}

std::string hashPassword(std::string_view password, int iterations) {
  if (iterations < 1) throw std::invalid_argument("PBKDF2 needs at least one iteration");
  const Bytes salt = randomBytes(kSaltBytes);
  const Bytes hash = pbkdf2(password, salt, iterations, kHashBytes);
  return std::string(kScheme) + "$" + std::to_string(iterations) + "$" + encodeBase64(salt, 0) + "$" +
         encodeBase64(hash, 0);
}

bool verifyPassword(std::string_view password, std::string_view stored) {
  StoredHash parsed;
  if (!parseStored(stored, parsed)) return false;
  try {
    const Bytes computed = pbkdf2(password, parsed.salt, parsed.iterations, parsed.hash.size());
    return CRYPTO_memcmp(computed.data(), parsed.hash.data(), computed.size()) == 0;
  } catch (const std::exception&) {
    return false;
  }
}

std::string randomToken(std::size_t bytes) {
  return encodeBase64(randomBytes(bytes), Poco::BASE64_URL_ENCODING | Poco::BASE64_NO_PADDING);
}

std::string feedToken(std::string_view user, std::string_view passwordHash) {
  const std::string message = "convoca feed token\n" + std::string(user);
  Bytes mac(EVP_MAX_MD_SIZE);
  unsigned int length = 0;
  if (!HMAC(EVP_sha256(), passwordHash.data(), static_cast<int>(passwordHash.size()),
            reinterpret_cast<const unsigned char*>(message.data()), message.size(), mac.data(), &length))
    throw std::runtime_error("HMAC-SHA-256 failed");
  mac.resize(length);
  return encodeBase64(mac, Poco::BASE64_URL_ENCODING | Poco::BASE64_NO_PADDING);
}

} // namespace convoca::web
