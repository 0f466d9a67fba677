// The key catalogue: every key convoca reads from its properties file, with its
// type, default and meaning. `convoca config check` validates against it and
// packaging/convoca.properties documents each entry; a key read anywhere in the
// code belongs here.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace convoca::app {

enum class KeyType {
  String,
  Bool,       // Poco's booleans: true/false, yes/no, on/off, a number
  Int,        // decimal or 0x hex, within [min, max]
  Double,     // within [min, max]
  Enum,       // one of `allowed`, '|'-separated
  Path,       // a file or directory; empty = unset where the default is empty
  HostPort,   // HOST:PORT, [IPv6]:PORT, HOST or PORT as the web server reads them
  List,       // comma-separated, items trimmed
  HourWindow, // FROM-TO local hours, FROM 0..23, TO 1..24, end excluded
};

struct ConfigKey {
  std::string name; // "web.listen"; per-source keys use <id> (and <name> for plugin options)
  KeyType type = KeyType::String;
  std::string defaultValue; // as it would be written in the file; "" = unset
  std::string meaning;      // one line
  double min = 0;           // Int, Double: inclusive bounds
  double max = 0;
  std::string allowed;     // Enum: "auto|required"
  bool secretFile = false; // the value names a file holding a secret
  bool mustExist = false;  // Path: a missing file or directory is worth a warning
  bool aboveMin = false;   // Double: min itself is excluded
};

// Every key, in the order packaging/convoca.properties documents them.
const std::vector<ConfigKey>& configKeys();

// The entry a concrete key falls under ("source.bdns.http.max_retries" ->
// "source.<id>.http.max_retries"); nullptr when convoca reads no such key.
const ConfigKey* findConfigKey(const std::string& key);

// Why `value` is not a valid value of `key`; nullopt when it is. Messages quote
// the value: catalogue keys hold no secrets (those are files or variables).
std::optional<std::string> invalidValue(const ConfigKey& key, const std::string& value);

// "int 1..86400", "enum auto|required", "hour window FROM-TO"...
std::string describeType(const ConfigKey& key);

// FROM-TO hours ("1-6", "22-5"); nullopt when the text is not such a window.
std::optional<std::pair<int, int>> parseHourWindow(const std::string& text);

// Levenshtein distance, for "did you mean" suggestions.
size_t editDistance(const std::string& a, const std::string& b);

// The parts of `text` between separators ("a.b" -> {"a", "b"}; empty parts kept).
std::vector<std::string> split(const std::string& text, char separator);

// The candidate closest to `key` when it is close enough to be a typo.
std::optional<std::string> closestName(const std::string& key, const std::vector<std::string>& candidates);

} // namespace convoca::app
