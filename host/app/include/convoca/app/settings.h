// Reading convoca's settings from the properties file (see packaging/convoca.properties).
#pragma once

#include "convoca/app/context.h"
#include "convoca/http/client.h"

#include <map>
#include <optional>
#include <string>

namespace convoca::app {

// Plugin options of one source: every source.<id>.option.<name>, or its value
// by reference: source.<id>.option.<name>.file = PATH (the file's content,
// trailing newline dropped) or .env = VARIABLE. Throws UsageError naming the key
// (never the value) when the file cannot be read, the variable is unset or a
// name is given more than one way. Values are secrets to the host: never log them.
std::map<std::string, std::string> sourceOptions(const Context& context, const std::string& source);

// HTTP politeness settings of one source: source.<id>.http.<key>, else
// http.<key> (user agent, rate, robots, timeouts, retries, size cap), plus the
// data dir's cache and --record/--replay.
http::ClientOptions httpSettings(const Context& context, const std::string& source);

// Why the source must not be harvested at this local hour (Europe/Madrid), when
// source.<id>.harvest_hours = FROM-TO says so ("1-6", "22-5"); nullopt when it may.
std::optional<std::string> outsideHarvestWindow(const Context& context, const std::string& source,
                                                int localHour);

// Wall-clock limit of one source run: --timeout, source.<id>.timeout_seconds,
// harvest.timeout_seconds, else 30 minutes.
int sourceTimeoutSeconds(const Context& context, const std::string& source);

} // namespace convoca::app
