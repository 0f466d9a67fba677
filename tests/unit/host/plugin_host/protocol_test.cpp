#include "convoca/plugin_host/protocol.h"

#include <gtest/gtest.h>

namespace convoca::plugin_host {
namespace {

TEST(Protocol, FramesSurviveBeingSplitAnywhere) {
  std::string stream = encodeFrame(FrameType::Record, R"({"id":"a:1"})") +
                       encodeFrame(FrameType::Heartbeat, "") +
                       encodeFrame(FrameType::Done, R"({"status":0})");
  FrameDecoder decoder;
  std::vector<Frame> frames;
  for (char byte : stream) {
    decoder.feed(&byte, 1);
    while (auto frame = decoder.next()) frames.push_back(*frame);
  }
  ASSERT_EQ(frames.size(), 3u);
  EXPECT_EQ(frames[0].type, FrameType::Record);
  EXPECT_EQ(frames[0].payload, R"({"id":"a:1"})");
  EXPECT_EQ(frames[1].type, FrameType::Heartbeat);
  EXPECT_EQ(frames[2].type, FrameType::Done);
  EXPECT_TRUE(decoder.idle());
}

TEST(Protocol, UnknownFrameTypeIsAProtocolError) {
  FrameDecoder decoder;
  std::string garbage = "hello, I am not a frame";
  decoder.feed(garbage.data(), garbage.size());
  EXPECT_THROW(decoder.next(), std::runtime_error);
}

TEST(Protocol, OversizedFrameIsRefusedBeforeBuffering) {
  FrameDecoder decoder;
  const char header[] = {'R', 0x7f, 0x00, 0x00, 0x00};
  decoder.feed(header, sizeof header);
  EXPECT_THROW(decoder.next(), std::runtime_error);
}

TEST(Protocol, BinaryPayloadsRoundTrip) {
  std::string payload("a\0b\xff", 4);
  FrameDecoder decoder;
  std::string frame = encodeFrame(FrameType::Log, payload);
  decoder.feed(frame.data(), frame.size());
  auto decoded = decoder.next();
  ASSERT_TRUE(decoded);
  EXPECT_EQ(decoded->payload, payload);
}

} // namespace
} // namespace convoca::plugin_host
