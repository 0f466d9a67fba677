// The record validator (convoca::index::recordFromJson), which every record a
// plugin emits goes through before it reaches the index. Its documented error
// is RecordError; anything else escaping is a finding. An accepted record must
// also survive its own serialisation: recordToJson's output is read back.
#include "fuzz_host.h"

#include <convoca/index/record.h>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  convoca::index::Record record;
  try {
    record = convoca::index::recordFromJson(convoca::fuzz::textOf(data, size));
  } catch (const convoca::index::RecordError&) {
    return 0;
  }
  const std::string written = convoca::index::recordToJson(record);
  try {
    convoca::index::recordFromJson(written);
  } catch (const convoca::index::RecordError& error) {
    convoca::fuzz::finding("an accepted record does not read back after recordToJson", error.what());
  }
  return 0;
}
