#include "convoca/app/settings.h"

#include "config_keys.h"
#include "convoca/app/version.h"

#include <Poco/Environment.h>
#include <Poco/Exception.h>
#include <Poco/FileStream.h>
#include <Poco/StreamCopier.h>

namespace convoca::app {
namespace {

// The content of a credentials file, without the trailing newline editors add.
// Errors name the key and the file, never the content.
std::string readOptionFile(const std::string& fileKey, const std::string& path) {
  std::string content;
  try {
    Poco::FileInputStream in(path);
    Poco::StreamCopier::copyToString(in, content);
  } catch (const Poco::Exception& e) {
    throw UsageError(fileKey + ": cannot read " + path + ": " + e.displayText());
  }
  while (!content.empty() && (content.back() == '\n' || content.back() == '\r')) content.pop_back();
  return content;
}

// One plugin option: source.<id>.option.<name> itself, or by reference from a
// file (<key>.file) or an environment variable (<key>.env) so secrets stay out
// of the properties file.
std::string optionValue(const Poco::Util::AbstractConfiguration& config, const std::string& key) {
  const bool inlineValue = config.has(key);
  const bool fromFile = config.has(key + ".file");
  const bool fromEnvironment = config.has(key + ".env");
  if (inlineValue + fromFile + fromEnvironment > 1)
    throw UsageError(key + " is given more than once (inline, .file, .env): keep one");
  if (fromFile) return readOptionFile(key + ".file", config.getString(key + ".file"));
  if (fromEnvironment) {
    const std::string variable = config.getString(key + ".env");
    if (!Poco::Environment::has(variable))
      throw UsageError(key + ".env: environment variable " + variable + " is not set");
    return Poco::Environment::get(variable);
  }
  return config.getString(key);
}

} // namespace

std::map<std::string, std::string> sourceOptions(const Context& context, const std::string& source) {
  std::map<std::string, std::string> options;
  const std::string prefix = "source." + source + ".option";
  Poco::Util::AbstractConfiguration::Keys names;
  context.config->keys(prefix, names); // empty when the source has no options set
  for (const auto& name : names) options[name] = optionValue(*context.config, prefix + "." + name);
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
  const auto hours = parseHourWindow(window);
  if (!hours)
    throw UsageError(key + " = '" + window + "': expected HOUR-HOUR such as 1-6 (local time, end excluded)");
  const auto [from, to] = *hours;
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
