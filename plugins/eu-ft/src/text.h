// Small text clean-ups shared by both payload parsers.
#pragma once

#include <string>
#include <vector>

namespace euft {

// Runs of whitespace become one space; leading and trailing whitespace go
// ("HORIZON  Research and Innovation Actions" -> "HORIZON Research and Innovation Actions").
std::string collapseSpaces(const std::string& text);

// A short summary of a plain-text description: its first sentences up to about
// 300 characters, skipping lines that end with ':' ("Expected Outcome:",
// "Proposals should address the following:"). Cut at a word boundary with an
// ellipsis when the first sentence alone is longer.
std::string summaryOf(const std::string& plainText);

// Appends `value` (space-collapsed) to `list` unless it is empty or already there.
void addUnique(std::vector<std::string>& list, const std::string& value);

} // namespace euft
