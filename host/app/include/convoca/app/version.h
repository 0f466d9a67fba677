#pragma once

#include <string>

namespace convoca::app {

std::string version();   // "0.1.0"
std::string userAgent(); // what every HTTP request says about us

} // namespace convoca::app
