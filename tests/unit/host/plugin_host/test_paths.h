#pragma once

#include <string>

namespace convoca::plugin_host::testing {

inline std::string testPluginDir() {
  return CONVOCA_BINARY_DIR "/tests/plugins";
}
inline std::string testPlugin(const std::string& name) {
  return testPluginDir() + "/" + name + ".so";
}
inline std::string convocaExecutable() {
  return CONVOCA_BINARY_DIR "/convoca";
}

} // namespace convoca::plugin_host::testing
