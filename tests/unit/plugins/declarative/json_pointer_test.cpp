// RFC 6901 JSON pointers over Poco::JSON (Poco 1.11 has none of its own).
#include "json_pointer.h"

#include <Poco/JSON/Parser.h>
#include <gtest/gtest.h>

namespace declarative {
namespace {

// The example document of RFC 6901 §5.
const char* kRfcDocument = R"({
  "foo": ["bar", "baz"], "": 0, "a/b": 1, "c%d": 2, "e^f": 3, "g|h": 4, "i\\j": 5, "k\"l": 6, " ": 7, "m~n": 8
})";

class JsonPointerTest : public ::testing::Test {
protected:
  Poco::Dynamic::Var document = Poco::JSON::Parser().parse(kRfcDocument);

  std::string valueAt(const std::string& pointer) {
    const auto found = resolvePointer(document, pointer);
    return found ? found->toString() : "<none>";
  }
};

TEST_F(JsonPointerTest, ResolvesEveryExampleOfRfc6901Section5) {
  EXPECT_EQ(resolvePointer(document, "")->type(), typeid(Poco::JSON::Object::Ptr));
  EXPECT_EQ(valueAt("/foo/0"), "bar");
  EXPECT_EQ(valueAt("/foo/1"), "baz");
  EXPECT_EQ(valueAt("/"), "0");
  EXPECT_EQ(valueAt("/a~1b"), "1");
  EXPECT_EQ(valueAt("/c%d"), "2");
  EXPECT_EQ(valueAt("/e^f"), "3");
  EXPECT_EQ(valueAt("/g|h"), "4");
  EXPECT_EQ(valueAt("/i\\j"), "5");
  EXPECT_EQ(valueAt("/k\"l"), "6");
  EXPECT_EQ(valueAt("/ "), "7");
  EXPECT_EQ(valueAt("/m~0n"), "8");
  EXPECT_EQ(resolvePointer(document, "/foo")->type(), typeid(Poco::JSON::Array::Ptr));
}

TEST_F(JsonPointerTest, DesignatesNothingForMissingMembersAndBadIndexes) {
  EXPECT_EQ(valueAt("/nope"), "<none>");
  EXPECT_EQ(valueAt("/foo/2"), "<none>");
  EXPECT_EQ(valueAt("/foo/-"), "<none>");
  EXPECT_EQ(valueAt("/foo/01"), "<none>"); // leading zeros are not array indexes
  EXPECT_EQ(valueAt("/foo/0/deeper"), "<none>");
}

TEST_F(JsonPointerTest, UnescapesTildeOneBeforeTildeZero) {
  // "~01" is "~1" literally, not "/": RFC 6901 §4 order.
  EXPECT_EQ(pointerTokens("/~01"), std::vector<std::string>{"~1"});
  EXPECT_EQ(pointerTokens("/a/b~1c/"), (std::vector<std::string>{"a", "b/c", ""}));
}

TEST_F(JsonPointerTest, RefusesPointersThatAreNotRfc6901) {
  EXPECT_TRUE(pointerSyntaxError("foo").has_value());
  EXPECT_TRUE(pointerSyntaxError("/a~2").has_value());
  EXPECT_TRUE(pointerSyntaxError("/a~").has_value());
  EXPECT_FALSE(pointerSyntaxError("").has_value());
  EXPECT_FALSE(pointerSyntaxError("/acf/closing_dates").has_value());
}

} // namespace
} // namespace declarative
