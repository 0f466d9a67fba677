#include "conditional_cache.h"

#include "files.h"
#include "json_io.h"

#include <Poco/Exception.h>
#include <Poco/File.h>
#include <Poco/Path.h>

namespace convoca::http::detail {

ConditionalCache::ConditionalCache(std::string dir) : dir_(std::move(dir)) {
  Poco::File(dir_).createDirectories();
}

std::string ConditionalCache::pathFor(const std::string& url, const char* suffix) const {
  return Poco::Path(dir_, sha256Hex(url) + suffix).toString();
}

std::optional<CachedAnswer> ConditionalCache::load(const std::string& url) const {
  const std::string metaPath = pathFor(url, ".json");
  if (!Poco::File(metaPath).exists()) return std::nullopt;
  try {
    const Poco::JSON::Object::Ptr meta = parseJsonObject(readWholeFile(metaPath));
    if (meta->optValue<std::string>("url", "") != url) return std::nullopt; // hash collision
    CachedAnswer answer;
    answer.etag = meta->optValue<std::string>("etag", "");
    answer.lastModified = meta->optValue<std::string>("last_modified", "");
    answer.status = meta->optValue<int>("status", 200);
    answer.finalUrl = meta->optValue<std::string>("final_url", url);
    answer.headers = headersFromJson(meta->getArray("headers"));
    answer.body = readWholeFile(pathFor(url, ".body"));
    if (sha256Hex(answer.body) != meta->optValue<std::string>("body_sha256", "")) return std::nullopt;
    return answer;
  } catch (const Poco::Exception&) {
    return std::nullopt; // a damaged entry is a miss; the next 200 rewrites it
  }
}

void ConditionalCache::store(const std::string& url, const CachedAnswer& answer) const {
  if (answer.etag.empty() && answer.lastModified.empty()) return;
  Poco::JSON::Object::Ptr meta = orderedObject();
  meta->set("url", url);
  meta->set("final_url", answer.finalUrl);
  meta->set("etag", answer.etag);
  meta->set("last_modified", answer.lastModified);
  meta->set("status", answer.status);
  meta->set("headers", headersToJson(answer.headers));
  meta->set("body_sha256", sha256Hex(answer.body));
  writeFileAtomically(pathFor(url, ".body"), answer.body);
  writeFileAtomically(pathFor(url, ".json"), toJsonText(meta));
}

Headers ConditionalCache::validatorsFor(const CachedAnswer& answer) {
  Headers validators;
  if (!answer.etag.empty()) validators.emplace_back("If-None-Match", answer.etag);
  if (!answer.lastModified.empty()) validators.emplace_back("If-Modified-Since", answer.lastModified);
  return validators;
}

} // namespace convoca::http::detail
