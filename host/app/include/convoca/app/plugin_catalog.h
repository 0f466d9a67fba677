// The plugins found in the plugin directories, each described by a worker
// process (loading runs plugin code, so never in the parent unless --in-process).
#pragma once

#include "convoca/app/context.h"
#include "convoca/plugin_host/loader.h"

#include <string>
#include <vector>

namespace convoca::app {

// Every plugin file, in directory order; refused ones included with their reason.
// A refused plugin whose descriptor could not be read gets its file name as id.
// When two files declare the same id the first wins; the later one is refused.
std::vector<plugin_host::PluginInfo> discoverPlugins(const Context& context);

// The usable plugin with this id, or a UsageError naming the ids that exist.
const plugin_host::PluginInfo& requirePlugin(const std::vector<plugin_host::PluginInfo>& catalog,
                                             const std::string& id);

} // namespace convoca::app
