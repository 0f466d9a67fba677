// The shipped model's text, linked into the library (sdg_builtin_model.cpp).
#pragma once

#include <string_view>

namespace convoca::index::sdg {

std::string_view builtinModelText();

} // namespace convoca::index::sdg
