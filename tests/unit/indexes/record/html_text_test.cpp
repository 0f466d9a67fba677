#include "convoca/index/html_text.h"

#include <gtest/gtest.h>

namespace convoca::index {
namespace {

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
