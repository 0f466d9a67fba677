#include "files.h"

#include <Poco/DigestEngine.h>
#include <Poco/Exception.h>
#include <Poco/File.h>
#include <Poco/Process.h>
#include <Poco/SHA2Engine.h>
#include <atomic>
#include <fstream>
#include <sstream>

namespace convoca::http::detail {

std::string readWholeFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Poco::FileException("cannot read", path);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

void writeFileAtomically(const std::string& path, const std::string& bytes) {
  static std::atomic<unsigned> sequence{0};
  const std::string temporary =
      path + ".tmp-" + std::to_string(Poco::Process::id()) + "-" + std::to_string(sequence++);
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.close();
    if (!out) {
      if (Poco::File(temporary).exists()) Poco::File(temporary).remove();
      throw Poco::FileException("cannot write", temporary);
    }
  }
  Poco::File(temporary).renameTo(path);
}

std::string sha256Hex(const std::string& bytes) {
  Poco::SHA2Engine engine(Poco::SHA2Engine::SHA_256);
  engine.update(bytes);
  return Poco::DigestEngine::digestToHex(engine.digest());
}

} // namespace convoca::http::detail
