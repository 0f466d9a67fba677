// --record and --replay: exchanges saved as files (format in client.h) and
// served back without a network.
#pragma once

#include "convoca/http/client.h"

#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace convoca::http::detail {

class ExchangeRecorder {
public:
  // Creates `dir` when missing; numbering continues after the files already there.
  explicit ExchangeRecorder(std::string dir);

  // Saves the request as the caller made it and the answer it got (after
  // redirects and the cache). Throws Poco::Exception when it cannot write.
  void save(const Request& request, const Response& response);

private:
  std::string dir_;
  std::mutex mutex_;
  int nextSequence_ = 1;
};

class ExchangeReplayer {
public:
  // Loads every *.exchange.json in `dir`, in file-name order. Throws
  // HttpError(NoRecording) naming the file that cannot be read.
  explicit ExchangeReplayer(const std::string& dir);

  // The next matching exchange's response; nullopt when none matches.
  std::optional<Response> answer(const Request& request);

private:
  struct Exchange {
    std::string method;
    std::string url;
    std::vector<Part> parts;
    std::optional<std::string> body;
    Response response;
    bool served = false;
  };

  static Exchange load(const std::string& dir, const std::string& fileName);
  static bool matches(const Exchange& exchange, const Request& request);

  std::mutex mutex_;
  std::vector<Exchange> exchanges_;
};

} // namespace convoca::http::detail
