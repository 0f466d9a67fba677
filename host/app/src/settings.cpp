#include "convoca/app/settings.h"

#include "convoca/app/version.h"

#include <sstream>

namespace convoca::app {

std::map<std::string, std::string> sourceOptions(const Context& context, const std::string& source) {
  std::map<std::string, std::string> options;
  const std::string prefix = "source." + source + ".option";
  Poco::Util::AbstractConfiguration::Keys keys;
  context.config->keys(prefix, keys); // empty when the source has no options set
  for (const auto& key : keys) options[key] = context.config->getString(prefix + "." + key);
  return options;
}

namespace {

// source.<id>.http.<key> when set, else http.<key>: politeness is per source.
class HttpSetting {
public:
  HttpSetting(const Poco::Util::AbstractConfiguration& config, const std::string& source)
      : config_(config), sourcePrefix_("source." + source + ".http.") {}
  std::string key(const std::string& name) const {
    return config_.has(sourcePrefix_ + name) ? sourcePrefix_ + name : "http." + name;
  }
  int getInt(const std::string& name, int fallback) const { return config_.getInt(key(name), fallback); }
  double getDouble(const std::string& name, double fallback) const {
    return config_.getDouble(key(name), fallback);
  }
  bool getBool(const std::string& name, bool fallback) const { return config_.getBool(key(name), fallback); }
  std::string getString(const std::string& name, const std::string& fallback) const {
    return config_.getString(key(name), fallback);
  }

private:
  const Poco::Util::AbstractConfiguration& config_;
  std::string sourcePrefix_;
};

} // namespace

http::ClientOptions httpSettings(const Context& context, const std::string& source) {
  const HttpSetting c(*context.config, source);
  http::ClientOptions h;
  h.userAgent = c.getString("user_agent", userAgent());
  h.connectTimeoutMs = c.getInt("connect_timeout_seconds", 15) * 1000;
  h.readTimeoutMs = c.getInt("read_timeout_seconds", 60) * 1000;
  h.maxRetries = c.getInt("max_retries", h.maxRetries);
  h.backoffBaseMs = c.getInt("backoff_base_ms", h.backoffBaseMs);
  h.retryAfterMaxSec = c.getInt("retry_after_max_seconds", h.retryAfterMaxSec);
  h.perHostMinIntervalSec = c.getDouble("per_host_interval_seconds", h.perHostMinIntervalSec);
  h.maxResponseBytes = static_cast<size_t>(c.getInt("max_response_mb", 256)) << 20;
  h.obeyRobots = c.getBool("obey_robots", true);
  h.cacheDir = context.httpCacheDir();
  h.recordDir = context.options.recordDir;
  h.replayDir = context.options.replayDir;
  return h;
}

std::optional<std::string> outsideHarvestWindow(const Context& context, const std::string& source,
                                                int localHour) {
  const std::string key = "source." + source + ".harvest_hours";
  if (!context.config->has(key)) return std::nullopt;
  const std::string window = context.config->getString(key);
  int from = 0, to = 0;
  char dash = 0;
  std::istringstream in(window);
  if (!(in >> from >> dash >> to) || dash != '-' || from < 0 || from > 23 || to < 1 || to > 24)
    throw UsageError(key + " = '" + window + "': expected HOUR-HOUR such as 1-6 (local time, end excluded)");
  const bool inside =
      from < to ? (localHour >= from && localHour < to) : (localHour >= from || localHour < to);
  if (inside) return std::nullopt;
  return "outside its harvest window " + window + " h (now " + std::to_string(localHour) + " h)";
}

int sourceTimeoutSeconds(const Context& context, const std::string& source) {
  if (context.options.timeoutSeconds) return *context.options.timeoutSeconds;
  return context.config->getInt("source." + source + ".timeout_seconds",
                                context.config->getInt("harvest.timeout_seconds", 1800));
}

} // namespace convoca::app
