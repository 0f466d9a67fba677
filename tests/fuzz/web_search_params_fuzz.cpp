// GET /api/search without the server: the raw query string decoded as the
// router does (Poco::URI), read by searchRequestFromParameters, searched, and
// written as the response JSON (snippet HTML included). The documented
// errors are those the router answers with 400: Poco::SyntaxException for a
// malformed URI, BadRequest, QueryError. Anything else would be a 500: a finding.
#include "fuzz_host.h"
#include "search_index.h"

#include <Poco/Exception.h>
#include <Poco/JSON/Object.h>
#include <Poco/URI.h>
#include <convoca/web/search_api.h>
#include <sstream>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  convoca::web::QueryParameters parameters;
  try {
    parameters = Poco::URI("/api/search?" + convoca::fuzz::textOf(data, size)).getQueryParameters();
  } catch (const Poco::SyntaxException&) {
    return 0;
  }
  try {
    convoca::index::SearchRequest request = convoca::web::searchRequestFromParameters(parameters);
    request.now = convoca::fuzz::kFixedNow;
    const auto result = convoca::fuzz::fixtureSearcher().search(request);
    std::ostringstream json;
    convoca::web::searchResponseJson(request, result)->stringify(json);
  } catch (const convoca::web::BadRequest&) {
  } catch (const convoca::index::QueryError&) {
  }
  return 0;
}
