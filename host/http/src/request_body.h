// The bytes a Request sends: its raw body, or its parts as multipart/form-data.
#pragma once

#include "convoca/http/client.h"

#include <string>

namespace convoca::http::detail {

struct EncodedBody {
  std::string bytes;
  std::string contentType;
};

// Encoded once per fetch, so every retry and redirect resends identical bytes
// with a Content-Length (some APIs refuse chunked uploads).
EncodedBody encodeRequestBody(const Request& request);

} // namespace convoca::http::detail
