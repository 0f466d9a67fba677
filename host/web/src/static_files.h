// The asset directory: the page, its scripts, styles and translations, served
// read-only under /static/ with no way out of the directory.
#pragma once

#include "exchange.h"

#include <filesystem>
#include <optional>
#include <string>

namespace convoca::web {

class AssetDirectory {
public:
  // Throws ListenError when `directory` has no index.html: the server would
  // start and serve nothing.
  explicit AssetDirectory(const std::string& directory);

  // The file for `relative` (the decoded URL path below /static/), or nullopt
  // when it names no servable file: an empty, "." or ".." segment, a hidden
  // file, a backslash or NUL, a type not in the content-type table, or a path
  // that leaves the directory through a symbolic link.
  std::optional<std::filesystem::path> resolve(const std::string& relative) const;

  // 200 with the file, 304 when If-None-Match has its ETag. Throws HttpError
  // 404 when resolve() finds nothing.
  Reply serve(const std::string& relative, const Request& request) const;

private:
  std::filesystem::path root_; // canonical
};

// The Content-Type for a file name, or nullptr for a type the server never serves.
const char* contentTypeFor(const std::filesystem::path& file);

} // namespace convoca::web
