#include "static_files.h"

#include "convoca/web/server.h"

#include <Poco/File.h>
#include <Poco/FileStream.h>
#include <Poco/StreamCopier.h>
#include <Poco/StringTokenizer.h>
#include <algorithm>
#include <utility>

namespace convoca::web {

namespace {

namespace fs = std::filesystem;

constexpr std::pair<const char*, const char*> kContentTypes[] = {
    {".html", "text/html; charset=utf-8"},
    {".css", "text/css; charset=utf-8"},
    {".js", "text/javascript; charset=utf-8"},
    {".mjs", "text/javascript; charset=utf-8"},
    {".json", "application/json; charset=utf-8"},
    {".svg", "image/svg+xml"},
    {".png", "image/png"},
    {".ico", "image/x-icon"},
    {".woff2", "font/woff2"},
    {".txt", "text/plain; charset=utf-8"},
};

bool isSafeSegment(const std::string& segment) {
  return !segment.empty() && segment.front() != '.' && segment.find('\\') == std::string::npos &&
         segment.find('\0') == std::string::npos;
}

bool isInside(const fs::path& file, const fs::path& root) {
  auto [rootEnd, fileAt] = std::mismatch(root.begin(), root.end(), file.begin(), file.end());
  return rootEnd == root.end() && fileAt != file.end();
}

// Changes whenever the file does; weak because it is not a hash of the bytes.
std::string entityTag(const fs::path& file) {
  const Poco::File info(file.string());
  return "W/\"" + std::to_string(info.getSize()) + "-" +
         std::to_string(info.getLastModified().epochMicroseconds()) + "\"";
}

std::string readFile(const fs::path& file) {
  Poco::FileInputStream input(file.string());
  std::string content;
  Poco::StreamCopier::copyToString(input, content);
  return content;
}

} // namespace

const char* contentTypeFor(const fs::path& file) {
  const std::string extension = file.extension().string();
  for (const auto& [suffix, type] : kContentTypes) {
    if (extension == suffix) return type;
  }
  return nullptr;
}

AssetDirectory::AssetDirectory(const std::string& directory) {
  std::error_code error;
  root_ = fs::canonical(directory, error);
  if (error || !fs::is_regular_file(root_ / "index.html")) {
    throw ListenError("no web assets in \"" + directory + "\" (index.html is missing)");
  }
}

std::optional<fs::path> AssetDirectory::resolve(const std::string& relative) const {
  fs::path candidate = root_;
  // Tokenize keeps empty segments, so "a//b" and a trailing "/" are refused.
  Poco::StringTokenizer segments(relative, "/");
  if (segments.count() == 0) return std::nullopt;
  for (const std::string& segment : segments) {
    if (!isSafeSegment(segment)) return std::nullopt;
    candidate /= segment;
  }
  if (contentTypeFor(candidate) == nullptr) return std::nullopt;
  std::error_code error;
  fs::path real = fs::canonical(candidate, error);
  if (error || !isInside(real, root_) || !fs::is_regular_file(real)) return std::nullopt;
  return real;
}

Reply AssetDirectory::serve(const std::string& relative, const Request& request) const {
  std::optional<fs::path> file = resolve(relative);
  if (!file) throw HttpError(HttpStatus::HTTP_NOT_FOUND, "no such file");
  Reply reply;
  const std::string tag = entityTag(*file);
  reply.headers.emplace_back("ETag", tag);
  // Assets are not fingerprinted, so the browser revalidates every time (a
  // cheap 304) and an upgrade is seen at once.
  reply.headers.emplace_back("Cache-Control", "no-cache");
  if (request.ifNoneMatch == tag) {
    reply.status = HttpStatus::HTTP_NOT_MODIFIED;
    return reply;
  }
  reply.contentType = contentTypeFor(*file);
  reply.body = readFile(*file);
  return reply;
}

} // namespace convoca::web
