#include "convoca/plugin_host/loader.h"

#include <Poco/DirectoryIterator.h>
#include <Poco/File.h>
#include <Poco/Path.h>
#include <Poco/SharedLibrary.h>
#include <algorithm>
#include <cstring>
#include <memory>
#include <mutex>

namespace convoca::plugin_host {
namespace {

// Plugins are never unloaded (a plugin may leave threads or atexit handlers
// behind; OBS and DuckDB never dlclose either), so the libraries live here forever.
std::vector<std::unique_ptr<Poco::SharedLibrary>>& keptLibraries() {
  static auto* libraries = new std::vector<std::unique_ptr<Poco::SharedLibrary>>;
  return *libraries;
}

bool isPluginId(const char* id) {
  if (!id || !*id || std::strlen(id) > 64) return false;
  for (const char* p = id; *p; ++p)
    if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-')) return false;
  return true;
}

std::string text(const char* value) {
  return value ? value : "";
}

LoadedPlugin describe(const convoca_plugin* raw, const std::string& path) {
  LoadedPlugin loaded;
  loaded.info.path = path;
  if (!raw) {
    loaded.info.refusal = path + ": the entry function returned no descriptor";
    return loaded;
  }
  // Only the first three fields are fixed forever; read them before anything else.
  loaded.info.abiMajor = raw->abi_major;
  loaded.info.abiMinor = raw->abi_minor;
  if (std::string reason = abiRefusal(raw->abi_major, raw->abi_minor, path); !reason.empty()) {
    loaded.info.refusal = reason;
    return loaded;
  }
  if (raw->struct_size < offsetof(convoca_plugin, destroy) + sizeof(raw->destroy)) {
    loaded.info.refusal = path + ": descriptor too small (" + std::to_string(raw->struct_size) + " bytes)";
    return loaded;
  }
  std::memcpy(&loaded.descriptor, raw, std::min<size_t>(raw->struct_size, sizeof(convoca_plugin)));
  const convoca_plugin& d = loaded.descriptor;
  loaded.info.id = text(d.id);
  loaded.info.version = text(d.version);
  loaded.info.description = text(d.description);
  loaded.info.optionsJson = d.options_json ? d.options_json : "[]";
  loaded.info.capabilities = d.capabilities;
  if (!isPluginId(d.id))
    loaded.info.refusal = path + ": plugin id '" + text(d.id) + "' is not [a-z0-9-]+";
  else if (!d.create || !d.destroy)
    loaded.info.refusal = path + ": descriptor lacks create or destroy";
  else if ((d.capabilities & CONVOCA_CAP_HARVEST) && !d.harvest)
    loaded.info.refusal = path + ": declares harvest but has no harvest function";
  else if ((d.capabilities & CONVOCA_CAP_PARSE) && !d.parse)
    loaded.info.refusal = path + ": declares parse but has no parse function";
  else
    loaded.info.usable = true;
  return loaded;
}

} // namespace

std::string abiRefusal(int pluginMajor, int pluginMinor, const std::string& path) {
  const std::string built = std::to_string(pluginMajor) + "." + std::to_string(pluginMinor);
  const std::string host =
      std::to_string(CONVOCA_PLUGIN_ABI_MAJOR) + "." + std::to_string(CONVOCA_PLUGIN_ABI_MINOR);
  if (pluginMajor != CONVOCA_PLUGIN_ABI_MAJOR)
    return path + ": built for plugin ABI " + built + ", this convoca provides ABI " + host +
           " (the major version must match); rebuild the plugin against this convoca's SDK";
  if (pluginMinor > CONVOCA_PLUGIN_ABI_MINOR)
    return path + ": built for plugin ABI " + built + ", newer than this convoca's ABI " + host +
           "; upgrade convoca or rebuild the plugin against this SDK";
  return {};
}

std::vector<std::string> pluginFilesIn(const std::vector<std::string>& directories) {
  std::vector<std::string> files;
  for (const auto& directory : directories) {
    Poco::File dir(directory);
    if (!dir.exists() || !dir.isDirectory()) continue;
    std::vector<std::string> here;
    for (Poco::DirectoryIterator it(directory), end; it != end; ++it)
      if (it->isFile() && Poco::Path(it->path()).getExtension() == "so")
        here.push_back(Poco::Path(it->path()).absolute().toString()); // stable in reports and the state DB
    std::sort(here.begin(), here.end());
    files.insert(files.end(), here.begin(), here.end());
  }
  return files;
}

LoadedPlugin loadPlugin(const std::string& path) {
  static std::mutex mutex;
  std::lock_guard<std::mutex> lock(mutex);
  LoadedPlugin failed;
  failed.info.path = path;
  try {
    auto library = std::make_unique<Poco::SharedLibrary>();
    library->load(path, Poco::SharedLibrary::SHLIB_LOCAL);
    if (!library->hasSymbol(CONVOCA_PLUGIN_ENTRY_SYMBOL)) {
      failed.info.refusal = path + ": no exported symbol " CONVOCA_PLUGIN_ENTRY_SYMBOL "()";
      keptLibraries().push_back(std::move(library));
      return failed;
    }
    auto entry = reinterpret_cast<convoca_plugin_entry_fn>(library->getSymbol(CONVOCA_PLUGIN_ENTRY_SYMBOL));
    keptLibraries().push_back(std::move(library));
    return describe(entry(), path);
  } catch (const Poco::Exception& e) {
    failed.info.refusal = path + ": cannot load: " + e.displayText();
    return failed;
  }
}

LoadedPlugin loadLinkedPlugin(convoca_plugin_entry_fn entry, const std::string& label) {
  return describe(entry ? entry() : nullptr, label);
}

} // namespace convoca::plugin_host
