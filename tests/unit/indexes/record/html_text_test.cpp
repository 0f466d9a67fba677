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

// Text without markup or references skips the parse: it must read exactly as
// the same text inside an element, which the parser reads.
TEST(HtmlText, ReadsPlainTextAsTheParserDoes) {
  const std::string texts[] = {
      "  Grants\tfor\r\n soil \n",
      "closed on the\xC2\xA0"
      "21 September",
      "caf\xC3\xA9 \xE2\x80\xA6 \xF0\x9F\x98\x80",
      "a > b \"quoted\" 'single' / ]]>",
      "   ",
      "\xC2\xA0\xC2\xA0x\xC2\xA0",
  };
  for (const auto& text : texts) EXPECT_EQ(htmlToText(text), htmlToText("<span>" + text + "</span>")) << text;
  EXPECT_EQ(htmlToText("  Grants\tfor\r\n soil \n"), "Grants for soil");
  EXPECT_EQ(htmlToText("   "), "");
}

// What the parser drops or decodes still goes through it.
TEST(HtmlText, ParsesTextWithReferencesOrCharactersTheParserChanges) {
  EXPECT_EQ(htmlToText("R&amp;D &#233;"), "R&D \xC3\xA9");
  EXPECT_EQ(htmlToText("a\x0C"
                       "b"),
            htmlToText("<span>a\x0C"
                       "b</span>"))
      << "form feed, not an XML character";
  EXPECT_EQ(htmlToText("\xEF\xBB\xBFtext"), "text") << "a leading byte order mark";
  EXPECT_EQ(htmlToText("caf\xE9"), htmlToText("<span>caf\xE9</span>")) << "Latin-1, not UTF-8";
}

} // namespace
} // namespace convoca::index
