#include "convoca/app/settings.h"

#include "convoca/app/version.h"

namespace convoca::app {

std::map<std::string, std::string> sourceOptions(const Context& context, const std::string& source) {
  std::map<std::string, std::string> options;
  const std::string prefix = "source." + source + ".option";
  Poco::Util::AbstractConfiguration::Keys keys;
  context.config->keys(prefix, keys); // empty when the source has no options set
  for (const auto& key : keys) options[key] = context.config->getString(prefix + "." + key);
  return options;
}

http::ClientOptions httpSettings(const Context& context) {
  const auto& c = *context.config;
  http::ClientOptions h;
  h.userAgent = c.getString("http.user_agent", userAgent());
  h.connectTimeoutMs = c.getInt("http.connect_timeout_seconds", 15) * 1000;
  h.readTimeoutMs = c.getInt("http.read_timeout_seconds", 60) * 1000;
  h.maxRetries = c.getInt("http.max_retries", h.maxRetries);
  h.backoffBaseMs = c.getInt("http.backoff_base_ms", h.backoffBaseMs);
  h.retryAfterMaxSec = c.getInt("http.retry_after_max_seconds", h.retryAfterMaxSec);
  h.perHostMinIntervalSec = c.getDouble("http.per_host_interval_seconds", h.perHostMinIntervalSec);
  h.maxResponseBytes = static_cast<size_t>(c.getInt("http.max_response_mb", 256)) << 20;
  h.obeyRobots = c.getBool("http.obey_robots", true);
  h.cacheDir = context.httpCacheDir();
  h.recordDir = context.options.recordDir;
  h.replayDir = context.options.replayDir;
  return h;
}

int sourceTimeoutSeconds(const Context& context, const std::string& source) {
  if (context.options.timeoutSeconds) return *context.options.timeoutSeconds;
  return context.config->getInt("source." + source + ".timeout_seconds",
                                context.config->getInt("harvest.timeout_seconds", 1800));
}

} // namespace convoca::app
