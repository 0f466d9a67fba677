// The seeded profiles of the matching benchmark: each is written from one
// corpus record as an office would describe a line of action (its title, its
// summary as the description, up to three of its keywords, its SDGs and
// language), so every profile has calls to find and the profiles vary in
// language and length as the corpus does.
#pragma once

#include "convoca/index/profile.h"
#include "convoca/index/record.h"

#include <cstdint>
#include <vector>

namespace convoca::bench {

// `count` profiles, the same for the same records, count and seed.
std::vector<index::Profile> makeProfileMix(const std::vector<index::Record>& records, size_t count,
                                           uint32_t seed);

} // namespace convoca::bench
