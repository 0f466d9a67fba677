// Reading the options a plugin declared: absent -> the declared default;
// present but invalid -> Error(CONVOCA_CONFIG) naming the option.
#pragma once

#include <convoca/plugin.hpp>
#include <string>
#include <vector>

namespace oai {

std::string stringOption(const convoca::sdk::Host& host, const char* name, const std::string& fallback);
int intOption(const convoca::sdk::Host& host, const char* name, int fallback, int min, int max);
bool boolOption(const convoca::sdk::Host& host, const char* name, bool fallback);
// Comma-separated, each item trimmed, empty items dropped.
std::vector<std::string> listOption(const convoca::sdk::Host& host, const char* name,
                                    const std::vector<std::string>& fallback);
// An absolute http(s) URL; `required` makes an absent or empty value a CONFIG error.
std::string urlOption(const convoca::sdk::Host& host, const char* name, const std::string& fallback,
                      bool required = false);
// "", "auto", YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ; "auto" and "" both mean "ask Identify".
std::string granularityOption(const convoca::sdk::Host& host, const char* name);
// "" or a datestamp (YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ).
std::string datestampOption(const convoca::sdk::Host& host, const char* name);

std::vector<std::string> splitList(const std::string& text);

} // namespace oai
