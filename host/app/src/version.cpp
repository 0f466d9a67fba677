#include "convoca/app/version.h"

#include <convoca/plugin.h>

namespace convoca::app {

std::string version() {
  return CONVOCA_VERSION;
}

std::string userAgent() {
  return "convoca/" + version() + " (funding-call harvester; self-hosted; plugin ABI " +
         std::to_string(CONVOCA_PLUGIN_ABI_MAJOR) + "." + std::to_string(CONVOCA_PLUGIN_ABI_MINOR) + ")";
}

} // namespace convoca::app
