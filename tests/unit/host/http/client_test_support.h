// Client settings that keep the http tests fast: millisecond backoffs and
// timeouts, no per-host gap, robots.txt off unless a test is about it.
#pragma once

#include "convoca/http/client.h"

#include <chrono>
#include <string>

namespace convoca::http::test_support {

inline ClientOptions fastOptions() {
  ClientOptions options;
  options.userAgent = "convoca-test/1.0 (+https://example.invalid)";
  options.connectTimeoutMs = 1000;
  options.readTimeoutMs = 1000;
  options.maxRetries = 2;
  options.backoffBaseMs = 10;
  options.backoffMaxMs = 40;
  options.perHostMinIntervalSec = 0.0;
  options.obeyRobots = false;
  return options;
}

inline Request get(const std::string& url) {
  Request request;
  request.url = url;
  return request;
}

inline long long millisecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start)
      .count();
}

// What a call threw, so a test can assert the kind and the message.
struct Thrown {
  bool thrown = false;
  ErrorKind kind = ErrorKind::Network;
  std::string message;
};

template <class Call> Thrown thrownBy(Call call) {
  try {
    call();
  } catch (const HttpError& error) {
    return {true, error.kind(), error.what()};
  }
  return {};
}

} // namespace convoca::http::test_support
