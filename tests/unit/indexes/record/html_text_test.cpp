#include "convoca/index/html_text.h"

#include <gtest/gtest.h>

namespace convoca::index {
namespace {

bool isValidUtf8(const std::string& text) {
  return validUtf8(text, text.size()) == text;
}

// Found by the document_text fuzz target: every invalid byte becomes a 3-byte
// U+FFFD, so converting after the cut gave up to three times maxBytes.
TEST(ValidUtf8, StaysWithinMaxBytesWhenInvalidBytesAreReplaced) {
  const std::string stray(20, '\xAF');
  const std::string clean = validUtf8(stray, 32);
  EXPECT_LE(clean.size(), 32u);
  EXPECT_EQ(clean.size(), 30u) << "ten whole U+FFFD";
  EXPECT_TRUE(isValidUtf8(clean));
}

TEST(ValidUtf8, AStrayRunDoesNotEatTheValidTextBeforeIt) {
  EXPECT_EQ(validUtf8("abc" + std::string(40, '\x80'), 10).substr(0, 3), "abc");
  EXPECT_EQ(validUtf8(std::string(40, '\x80'), 10).empty(), false);
}

TEST(ValidUtf8, CutsOnACharacterBoundary) {
  const std::string aGrave = "a\xC3\xA0"; // "à", two bytes
  EXPECT_EQ(validUtf8(aGrave + "b", 2), "a") << "the 2-byte \u00e0 does not fit whole";
  EXPECT_EQ(validUtf8(aGrave + "b", 3), aGrave);
  EXPECT_EQ(validUtf8("ok", 10), "ok");
}

TEST(HtmlText, DropsTagsAndKeepsBlocksOnLines) {
  std::string text = htmlToText(
      R"(<p class="topicdescriptionkind">Expected Outcome:</p><p>Living <b>labs</b> for soil</p><ul><li>one</li><li>two</li></ul>)");
  EXPECT_EQ(text, "Expected Outcome:\nLiving labs for soil\none\ntwo");
}

TEST(HtmlText, DecodesEntitiesAndNoBreakSpaces) {
  EXPECT_EQ(htmlToText("<p>closed on the&#xa0;21 September &amp; more</p>"),
            "closed on the 21 September & more");
}

TEST(HtmlText, SkipsScriptsAndSurvivesBrokenMarkup) {
  EXPECT_EQ(htmlToText("<div>safe<script>alert(1)</script> text<p>unclosed"), "safe text\nunclosed");
  EXPECT_EQ(htmlToText(""), "");
  EXPECT_EQ(htmlToText("plain text"), "plain text");
}

} // namespace
} // namespace convoca::index
