// Finding plugin files, loading one, and checking its descriptor and ABI.
// Loading runs plugin code (the entry function), so the parent process only
// does it inside a worker (see supervisor.h); tests and `--in-process` call it directly.
#pragma once

#include <convoca/plugin.h>
#include <cstdint>
#include <string>
#include <vector>

namespace convoca::plugin_host {

struct PluginInfo {
  std::string path;
  std::string id;
  std::string version;
  std::string description;
  std::string optionsJson;
  uint64_t capabilities = 0;
  int abiMajor = 0;
  int abiMinor = 0;
  bool usable = false; // false: refused, see refusal
  std::string refusal; // why the plugin cannot be used

  std::string abiString() const { return std::to_string(abiMajor) + "." + std::to_string(abiMinor); }
};

struct LoadedPlugin {
  PluginInfo info;
  convoca_plugin descriptor{}; // copied up to struct_size, the rest zero
};

// Shared libraries (*.so) directly inside each directory, sorted by file name;
// missing directories are skipped.
std::vector<std::string> pluginFilesIn(const std::vector<std::string>& directories);

// Loads the library (RTLD_NOW | RTLD_LOCAL, never unloaded), calls its entry
// function and checks the descriptor. Never throws: failures come back as
// info.usable == false with a reason naming the file and both ABI versions.
LoadedPlugin loadPlugin(const std::string& path);

// Same checks for a plugin linked into the executable (tests).
LoadedPlugin loadLinkedPlugin(convoca_plugin_entry_fn entry, const std::string& label);

// The ABI rule: major equal, plugin minor <= host minor. Empty string when the
// version is acceptable, otherwise the reason.
std::string abiRefusal(int pluginMajor, int pluginMinor, const std::string& path);

} // namespace convoca::plugin_host
