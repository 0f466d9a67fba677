// The worker -> parent frame protocol. A frame is one type byte, a 4-byte
// big-endian payload length, then the payload. The worker writes frames on a
// descriptor of its own (not stdout: a plugin that prints cannot corrupt the
// stream); the parent treats anything malformed as a protocol error of that
// source only.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace convoca::plugin_host {

enum class FrameType : char {
  Record = 'R',    // payload: one record, JSON (already validated by the worker)
  Rejected = 'J',  // payload: the reason a record was rejected
  Log = 'L',       // payload: one level digit, then the message
  Progress = 'P',  // payload: JSON {"done":N,"total":N}
  Heartbeat = 'H', // payload: empty
  Cursor = 'C',    // payload: JSON {"key":..,"value":..}
  Done = 'D',      // payload: JSON {"status":N,"message":".."}; always the last frame
};

inline constexpr uint32_t kMaxFramePayload = 16u << 20;

struct Frame {
  FrameType type;
  std::string payload;
};

// Encodes one frame (header + payload) ready to write.
std::string encodeFrame(FrameType type, const std::string& payload);

// Incremental decoder: feed bytes as they arrive, take complete frames out.
class FrameDecoder {
public:
  void feed(const char* data, size_t size);
  // The next complete frame, or nullopt when more bytes are needed.
  // Throws std::runtime_error on an unknown type or an oversized frame.
  std::optional<Frame> next();
  bool idle() const { return buffer_.empty(); }

private:
  std::string buffer_;
};

} // namespace convoca::plugin_host
