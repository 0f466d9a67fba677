// JSON Pointer (RFC 6901) over Poco::JSON values.
//
// Poco 1.11 has no JSON Pointer: Poco::JSON::Query takes dotted paths
// ("a.b[0]"), which cannot address keys containing '.', '[' or '/', nor the
// empty key. Definitions use RFC 6901 pointers ("/data/0/title", "/a~1b"), so
// this small evaluator walks Poco::JSON objects and arrays itself.
#pragma once

#include <Poco/Dynamic/Var.h>
#include <optional>
#include <string>
#include <vector>

namespace declarative {

// The reference tokens of a pointer, unescaped (~1 -> '/', ~0 -> '~').
// "" is the whole document (no tokens). Throws std::invalid_argument with the
// reason for a pointer that is not RFC 6901 syntax (no leading '/', a '~' not
// followed by 0 or 1).
std::vector<std::string> pointerTokens(const std::string& pointer);

// The reason `pointer` is not a valid RFC 6901 pointer, or nullopt when it is.
std::optional<std::string> pointerSyntaxError(const std::string& pointer);

// The value `pointer` designates in `document`, or nullopt when it designates
// nothing (missing member, index out of range, "-", a leading zero, or a step
// into a scalar). Array indexes are decimal without leading zeros, as RFC 6901 says.
std::optional<Poco::Dynamic::Var> resolvePointer(const Poco::Dynamic::Var& document,
                                                 const std::string& pointer);

} // namespace declarative
