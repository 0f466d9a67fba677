#include "convoca/plugin_host/protocol.h"

#include <stdexcept>

namespace convoca::plugin_host {
namespace {

bool isKnown(char type) {
  switch (static_cast<FrameType>(type)) {
  case FrameType::Record:
  case FrameType::Rejected:
  case FrameType::Log:
  case FrameType::Progress:
  case FrameType::Heartbeat:
  case FrameType::Cursor:
  case FrameType::Done:
    return true;
  }
  return false;
}

} // namespace

std::string encodeFrame(FrameType type, const std::string& payload) {
  if (payload.size() > kMaxFramePayload) throw std::length_error("frame payload too large");
  const auto size = static_cast<uint32_t>(payload.size());
  std::string frame;
  frame.reserve(5 + payload.size());
  frame.push_back(static_cast<char>(type));
  for (int shift = 24; shift >= 0; shift -= 8) frame.push_back(static_cast<char>((size >> shift) & 0xFF));
  frame += payload;
  return frame;
}

void FrameDecoder::feed(const char* data, size_t size) {
  buffer_.append(data, size);
}

std::optional<Frame> FrameDecoder::next() {
  if (buffer_.size() < 5) return std::nullopt;
  if (!isKnown(buffer_[0]))
    throw std::runtime_error("protocol error: unknown frame type byte " +
                             std::to_string(static_cast<unsigned char>(buffer_[0])));
  uint32_t size = 0;
  for (int i = 1; i <= 4; ++i) size = (size << 8) | static_cast<unsigned char>(buffer_[i]);
  if (size > kMaxFramePayload)
    throw std::runtime_error("protocol error: frame of " + std::to_string(size) + " bytes exceeds the limit");
  if (buffer_.size() < 5 + size) return std::nullopt;
  Frame frame{static_cast<FrameType>(buffer_[0]), buffer_.substr(5, size)};
  buffer_.erase(0, 5 + size);
  return frame;
}

} // namespace convoca::plugin_host
