// The files are flat YAML mappings (key: string); libyaml reads them.
#include "sdg_texts.h"

#include "source_files.h"

#include <memory>
#include <stdexcept>
#include <yaml.h>

namespace convoca::train_sdg {
namespace {

void readFlatYaml(const std::string& path, std::map<std::string, std::string>& into) {
  const std::string text = readSourceFile(path);
  yaml_parser_t parser;
  yaml_parser_initialize(&parser);
  std::unique_ptr<yaml_parser_t, void (*)(yaml_parser_t*)> guard(&parser, yaml_parser_delete);
  yaml_parser_set_input_string(&parser, reinterpret_cast<const unsigned char*>(text.data()), text.size());
  std::string key;
  bool expectKey = true;
  int depth = 0;
  while (true) {
    yaml_event_t event;
    if (!yaml_parser_parse(&parser, &event))
      throw std::runtime_error(path + ": YAML error: " + (parser.problem ? parser.problem : "unknown"));
    std::unique_ptr<yaml_event_t, void (*)(yaml_event_t*)> eventGuard(&event, yaml_event_delete);
    if (event.type == YAML_STREAM_END_EVENT) break;
    if (event.type == YAML_MAPPING_START_EVENT) ++depth;
    if (event.type == YAML_MAPPING_END_EVENT) --depth;
    if (event.type != YAML_SCALAR_EVENT || depth != 1) continue;
    std::string value(reinterpret_cast<const char*>(event.data.scalar.value), event.data.scalar.length);
    if (expectKey)
      key = std::move(value);
    else
      into[key] = std::move(value);
    expectKey = !expectKey;
  }
}

} // namespace

std::map<std::string, std::string> readSdgTexts(const std::string& dataDir, const std::string& language) {
  std::map<std::string, std::string> texts;
  for (const char* file : {"global_goals.yml", "global_targets.yml", "global_indicators.yml"})
    readFlatYaml(dataDir + "/sdg-texts-open-sdg/" + language + "/" + file, texts);
  return texts;
}

int goalOfSdgTextKey(const std::string& key) {
  const int goal = std::stoi(key.substr(0, key.find('-')));
  if (goal < 1 || goal > 17) throw std::runtime_error("SDG text key out of range: " + key);
  return goal;
}

} // namespace convoca::train_sdg
