// `convoca config check [FILE]`: validates a properties file against the key
// catalogue (config_keys.h) and the installed plugins' declared options. Values
// of plugin options and of unknown keys are never printed: they may be secrets.
#include "config_keys.h"
#include "convoca/app/context.h"
#include "convoca/app/plugin_catalog.h"

#include <Poco/Environment.h>
#include <Poco/File.h>
#include <Poco/FileStream.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/String.h>
#include <Poco/Util/PropertyFileConfiguration.h>
#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <sys/stat.h>

namespace convoca::app {
namespace {

constexpr const char* kSystemConfig = "/etc/convoca/convoca.properties";

enum class Severity { Error, Warning };

struct Problem {
  int line = 0; // 0: about the file as a whole
  std::string key;
  Severity severity = Severity::Error;
  std::string message;
  std::string suggestion; // a key or option name that is close, "" = none
};

// Where each key is set in the file. Poco keeps the last of repeated keys, so
// the last line wins here too; earlier ones are remembered to warn about.
struct KeyLines {
  std::map<std::string, int> last;
  std::vector<std::pair<std::string, int>> overridden;
};

// Mirrors PropertyFileConfiguration's reading: '#' and '!' start comments, the
// key ends at '=' or ':', a trailing backslash continues the value.
KeyLines scanKeyLines(const std::string& path) {
  KeyLines lines;
  Poco::FileInputStream in(path);
  bool inValue = false; // the previous line ended with a backslash
  int number = 0;
  for (std::string line; std::getline(in, line);) {
    ++number;
    const std::string trimmed = Poco::trim(line);
    const bool continues = !trimmed.empty() && trimmed.back() == '\\';
    if (inValue) {
      inValue = continues;
      continue;
    }
    if (trimmed.empty() || trimmed[0] == '#' || trimmed[0] == '!') continue;
    const std::string key = Poco::trim(trimmed.substr(0, trimmed.find_first_of("=:")));
    auto [it, inserted] = lines.last.emplace(key, number);
    if (!inserted) {
      lines.overridden.emplace_back(key, it->second);
      it->second = number;
    }
    inValue = continues;
  }
  return lines;
}

// Every key that holds a value, however deep.
void collectKeys(const Poco::Util::AbstractConfiguration& config, const std::string& prefix,
                 std::vector<std::string>& out) {
  Poco::Util::AbstractConfiguration::Keys children;
  config.keys(prefix, children);
  for (const auto& child : children) {
    const std::string key = prefix.empty() ? child : prefix + "." + child;
    if (config.has(key)) out.push_back(key);
    collectKeys(config, key, out);
  }
}

// The catalogue's names, per-source ones spelled with this key's source id and
// option name, so "source.bdns.timout_seconds" finds its neighbour.
std::vector<std::string> candidateNames(const std::string& key) {
  const std::vector<std::string> parts = split(key, '.');
  const bool perSource = parts.size() >= 3 && parts[0] == "source";
  std::vector<std::string> names;
  for (const auto& entry : configKeys()) {
    std::string name = entry.name;
    if (name.rfind("source.<id>.", 0) == 0) {
      if (!perSource) continue;
      name = Poco::replace(name, std::string("<id>"), parts[1]);
      if (name.find("<name>") != std::string::npos) {
        if (parts.size() < 4) continue;
        name = Poco::replace(name, std::string("<name>"), parts[3]);
      }
    }
    names.push_back(name);
  }
  return names;
}

struct OptionUse {
  std::set<std::string> forms; // "inline", "file", "env"
  std::string key;             // source.<id>.option.<name>
};

class ConfigChecker {
public:
  ConfigChecker(Context& context, std::string path) : context_(context), path_(std::move(path)) {}

  std::vector<Problem> check() {
    lines_ = scanKeyLines(path_);
    Poco::AutoPtr<Poco::Util::PropertyFileConfiguration> config(
        new Poco::Util::PropertyFileConfiguration(path_));
    collectKeys(*config, "", keys_);
    for (const auto& key : keys_) checkKey(*config, key);
    for (const auto& [key, line] : lines_.overridden)
      warn(line, key, "set again on line " + std::to_string(lines_.last[key]) + ", which wins");
    checkOptionForms();
    if (!sources_.empty()) checkPlugins(*config);
    std::stable_sort(problems_.begin(), problems_.end(),
                     [](const Problem& a, const Problem& b) { return a.line < b.line; });
    return problems_;
  }

  size_t keyCount() const { return keys_.size(); }

private:
  int lineOf(const std::string& key) const {
    auto found = lines_.last.find(key);
    return found == lines_.last.end() ? 0 : found->second;
  }
  void error(const std::string& key, const std::string& message, const std::string& suggestion = "") {
    problems_.push_back({lineOf(key), key, Severity::Error, message, suggestion});
  }
  void warn(int line, const std::string& key, const std::string& message,
            const std::string& suggestion = "") {
    problems_.push_back({line, key, Severity::Warning, message, suggestion});
  }

  void checkKey(const Poco::Util::AbstractConfiguration& config, const std::string& key) {
    const ConfigKey* entry = findConfigKey(key);
    if (!entry) {
      error(key, "unknown key", closestName(key, candidateNames(key)).value_or(""));
      return;
    }
    std::string value;
    try {
      value = config.getString(key); // ${other.key} references expanded, as convoca reads it
    } catch (const Poco::Exception& e) {
      error(key, "cannot be read: " + e.displayText());
      return;
    }
    noteSourceUse(key, value);
    if (auto why = invalidValue(*entry, value)) return error(key, *why);
    if (entry->type == KeyType::Path && !value.empty()) checkPath(*entry, key, value);
    if (Poco::endsWith(key, std::string(".env")) && entry->name.find("<name>") != std::string::npos)
      checkVariable(key, value);
  }

  void noteSourceUse(const std::string& key, const std::string& value) {
    const std::vector<std::string> parts = split(key, '.');
    if (key == "harvest.sources") {
      for (const auto& id : split(value, ','))
        if (!Poco::trim(id).empty()) sources_.emplace(Poco::trim(id), key);
      return;
    }
    if (parts[0] != "source") return;
    sources_.emplace(parts[1], key);
    if (parts[2] != "option") return;
    OptionUse& use = options_[{parts[1], parts[3]}];
    use.key = "source." + parts[1] + ".option." + parts[3];
    use.forms.insert(parts.size() == 5 ? parts[4] : "inline");
  }

  void checkPath(const ConfigKey& entry, const std::string& key, const std::string& path) {
    const Poco::File file(path);
    if (entry.secretFile) {
      if (!file.exists() || !file.canRead()) return error(key, path + " does not exist or is not readable");
      struct stat info {};
      if (::stat(path.c_str(), &info) == 0 && (info.st_mode & (S_IRGRP | S_IROTH)))
        warn(lineOf(key), key, path + " is readable by group or others; chmod 600 it");
    } else if (entry.mustExist && !file.exists()) {
      warn(lineOf(key), key, path + " does not exist");
    }
  }

  void checkVariable(const std::string& key, const std::string& variable) {
    if (!Poco::Environment::has(variable))
      error(key, "environment variable " + variable + " is not set");
    else if (Poco::Environment::get(variable).empty())
      warn(lineOf(key), key, "environment variable " + variable + " is empty");
  }

  void checkOptionForms() {
    for (const auto& [source, use] : options_)
      if (use.forms.size() > 1)
        error(use.key + (use.forms.count("inline") ? "" : "." + *use.forms.begin()),
              "given more than one way (inline, .file, .env); keep one");
  }

  void checkPlugins(const Poco::Util::AbstractConfiguration& config) {
    std::map<std::string, const plugin_host::PluginInfo*> usable;
    std::map<std::string, std::string> refused; // id -> why
    const std::vector<plugin_host::PluginInfo> catalog = discoverPlugins(context_);
    std::vector<std::string> ids;
    for (const auto& info : catalog) {
      if (!info.usable) {
        refused.emplace(info.id, info.refusal);
        continue;
      }
      usable[info.id] = &info;
      ids.push_back(info.id);
    }
    for (const auto& [id, key] : sources_) {
      if (usable.count(id)) continue;
      if (refused.count(id))
        warn(lineOf(key), key, "plugin '" + id + "' is installed but refused: " + refused[id]);
      else
        warn(lineOf(key), key, "no installed plugin has id '" + id + "' (a plugin may be installed later)",
             closestName(id, ids).value_or(""));
    }
    for (const auto& [sourceAndName, use] : options_) {
      auto plugin = usable.find(sourceAndName.first);
      if (plugin != usable.end()) checkOption(config, *plugin->second, sourceAndName.second, use);
    }
  }

  // Against the options the plugin declares (convoca_plugin.options_json).
  void checkOption(const Poco::Util::AbstractConfiguration& config, const plugin_host::PluginInfo& plugin,
                   const std::string& name, const OptionUse& use) {
    Poco::JSON::Array::Ptr declared;
    try {
      declared = Poco::JSON::Parser().parse(plugin.optionsJson).extract<Poco::JSON::Array::Ptr>();
    } catch (const Poco::Exception&) {
      return; // `convoca plugins` shows the malformed declaration
    }
    std::vector<std::string> names;
    std::string type;
    for (size_t i = 0; i < declared->size(); ++i) {
      Poco::JSON::Object::Ptr option = declared->getObject(static_cast<unsigned>(i));
      if (!option) continue;
      names.push_back(option->optValue<std::string>("name", ""));
      if (names.back() == name) type = option->optValue<std::string>("type", "string");
    }
    const std::string shownKey = use.forms.count("inline") ? use.key : use.key + "." + *use.forms.begin();
    if (type.empty())
      return error(shownKey, "plugin " + plugin.id + " has no option '" + name + "'",
                   closestName(name, names).value_or(""));
    if (!use.forms.count("inline")) return;
    if (type == "secret")
      return warn(lineOf(use.key), use.key,
                  "a secret written in the file; prefer " + use.key + ".file or " + use.key + ".env");
    ConfigKey typed;
    typed.type = type == "int" ? KeyType::Int : type == "bool" ? KeyType::Bool : KeyType::String;
    typed.min = -2147483648.0;
    typed.max = 2147483647.0;
    if (invalidValue(typed, config.getString(use.key))) // its message would quote the value
      error(use.key, "not a valid " + type + " (plugin " + plugin.id + " declares it " + type + ")");
  }

  Context& context_;
  std::string path_;
  KeyLines lines_;
  std::vector<std::string> keys_;
  std::map<std::string, std::string> sources_; // source id -> first key naming it
  std::map<std::pair<std::string, std::string>, OptionUse> options_;
  std::vector<Problem> problems_;
};

std::string fileToCheck(const Context& context) {
  if (context.args.size() == 2) return context.args[1];
  return context.configFile.empty() ? kSystemConfig : context.configFile;
}

std::string describe(const Problem& problem) {
  std::string text =
      problem.key + ": " + (problem.severity == Severity::Warning ? "warning: " : "") + problem.message;
  if (!problem.suggestion.empty()) text += " (did you mean " + problem.suggestion + "?)";
  return text;
}

size_t countOf(const std::vector<Problem>& problems, Severity severity) {
  return static_cast<size_t>(std::count_if(problems.begin(), problems.end(),
                                           [severity](const Problem& p) { return p.severity == severity; }));
}

void printText(std::ostream& out, const std::string& path, const std::vector<Problem>& problems,
               size_t keys) {
  for (const auto& problem : problems)
    out << path << ":" << problem.line << ": " << describe(problem) << "\n";
  const size_t errors = countOf(problems, Severity::Error);
  const size_t warnings = countOf(problems, Severity::Warning);
  out << path << ": " << (errors ? "invalid" : "valid") << ": " << keys << " key(s), " << errors
      << " error(s), " << warnings << " warning(s)\n";
}

void printJson(std::ostream& out, const std::string& path, const std::vector<Problem>& problems,
               size_t keys) {
  Poco::JSON::Object result(Poco::JSON_PRESERVE_KEY_ORDER);
  result.set("file", path);
  result.set("valid", countOf(problems, Severity::Error) == 0);
  result.set("keys", keys);
  result.set("errors", countOf(problems, Severity::Error));
  result.set("warnings", countOf(problems, Severity::Warning));
  Poco::JSON::Array list;
  for (const auto& problem : problems) {
    Poco::JSON::Object::Ptr o = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    o->set("line", problem.line);
    o->set("key", problem.key);
    o->set("severity", std::string(problem.severity == Severity::Error ? "error" : "warning"));
    o->set("message", problem.message);
    if (!problem.suggestion.empty()) o->set("suggestion", problem.suggestion);
    list.add(o);
  }
  result.set("problems", list);
  result.stringify(out);
  out << "\n";
}

} // namespace

int runConfig(Context& context) {
  if (context.args.empty() || context.args[0] != "check" || context.args.size() > 2)
    throw UsageError("usage: config check [FILE] (default: --config, else " + std::string(kSystemConfig) +
                     ")");
  const std::string path = fileToCheck(context);
  if (!Poco::File(path).exists() || !Poco::File(path).isFile() || !Poco::File(path).canRead())
    throw UsageError(path + " does not exist or is not a readable file");
  ConfigChecker checker(context, path);
  const std::vector<Problem> problems = checker.check();
  if (context.options.json)
    printJson(*context.out, path, problems, checker.keyCount());
  else
    printText(*context.out, path, problems, checker.keyCount());
  return countOf(problems, Severity::Error) ? 1 : 0;
}

} // namespace convoca::app
