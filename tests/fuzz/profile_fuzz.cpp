// The matching-profile reader (convoca::index::profileFromJson): the body of
// POST/PUT /api/profiles/... and `convoca profile import` both end here. Its
// documented error is ProfileError; an accepted profile must read back from
// its canonical form (profileToJson), which is what the export writes.
#include "fuzz_host.h"

#include <convoca/index/profile.h>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  convoca::index::Profile profile;
  try {
    profile = convoca::index::profileFromJson(convoca::fuzz::textOf(data, size));
  } catch (const convoca::index::ProfileError&) {
    return 0;
  }
  const std::string exported = convoca::index::profileToJson(profile);
  try {
    convoca::index::profileFromJson(exported);
  } catch (const convoca::index::ProfileError& error) {
    convoca::fuzz::finding("an accepted profile does not read back after profileToJson", error.what());
  }
  return 0;
}
