// Whole-file reads and crash-safe writes for the cache and the recordings.
#pragma once

#include <string>

namespace convoca::http::detail {

// The file's bytes; throws Poco::FileException when it cannot be read.
std::string readWholeFile(const std::string& path);

// Writes a sibling temporary file and renames it over `path`, so a reader (or a
// crash) never sees half a file.
void writeFileAtomically(const std::string& path, const std::string& bytes);

// Lower-case hex SHA-256 of `bytes`.
std::string sha256Hex(const std::string& bytes);

} // namespace convoca::http::detail
