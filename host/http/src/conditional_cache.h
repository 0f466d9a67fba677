// The conditional-GET cache: the last 200 answer to each URL that carried an
// ETag or Last-Modified, so the next GET can ask "changed since?" and a 304
// costs no body.
//
// Layout: <dir>/<sha256(url)>.json (validators, status, headers, final URL and
// the body's SHA-256) next to <dir>/<sha256(url)>.body. Both are written
// atomically, body first; an entry whose body does not match its hash is a miss.
#pragma once

#include "convoca/http/client.h"

#include <optional>
#include <string>

namespace convoca::http::detail {

struct CachedAnswer {
  std::string etag;
  std::string lastModified;
  int status = 200;
  Headers headers;
  std::string finalUrl;
  std::string body;
};

class ConditionalCache {
public:
  // Creates `dir` when missing.
  explicit ConditionalCache(std::string dir);

  // nullopt when nothing usable is stored for `url`.
  std::optional<CachedAnswer> load(const std::string& url) const;
  // Stores `answer` when it has a validator. Throws Poco::Exception when it cannot write.
  void store(const std::string& url, const CachedAnswer& answer) const;

  // The request headers that make a GET conditional on `answer`.
  static Headers validatorsFor(const CachedAnswer& answer);

private:
  std::string pathFor(const std::string& url, const char* suffix) const;

  std::string dir_;
};

} // namespace convoca::http::detail
