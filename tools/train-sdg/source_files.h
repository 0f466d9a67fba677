// Reading the training sources whole.
#pragma once

#include <string>

namespace convoca::train_sdg {

// The bytes of `path`; throws std::runtime_error naming it when it cannot be read.
std::string readSourceFile(const std::string& path);

} // namespace convoca::train_sdg
