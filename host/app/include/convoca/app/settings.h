// Reading convoca's settings from the properties file (see packaging/convoca.properties).
#pragma once

#include "convoca/app/context.h"
#include "convoca/http/client.h"

#include <map>
#include <string>

namespace convoca::app {

// Plugin options of one source: every key source.<id>.option.<name>.
std::map<std::string, std::string> sourceOptions(const Context& context, const std::string& source);

// HTTP politeness settings (http.*), plus the data dir's cache and --record/--replay.
http::ClientOptions httpSettings(const Context& context);

// Wall-clock limit of one source run: --timeout, source.<id>.timeout_seconds,
// harvest.timeout_seconds, else 30 minutes.
int sourceTimeoutSeconds(const Context& context, const std::string& source);

} // namespace convoca::app
