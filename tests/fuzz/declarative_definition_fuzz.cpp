// The declarative-source definition reader (declarative::loadDefinitions):
// staff-written JSON with XPath, JSON pointers, date directives and zones.
// Its documented error is DefinitionError. The zone check is the plugin's own
// rule (a zone is known when the host converts a time in it), done here with
// the record library the host uses.
#include "definition.h"
#include "fuzz_host.h"

#include <convoca/index/timeutil.h>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const auto zoneIsKnown = [](const std::string& zone) {
    return convoca::index::timeutil::localToRfc3339(zone, "2026-01-01T12:00:00").has_value();
  };
  try {
    declarative::loadDefinitions(convoca::fuzz::textOf(data, size), "fuzz.json", zoneIsKnown);
  } catch (const declarative::DefinitionError&) {
  }
  return 0;
}
