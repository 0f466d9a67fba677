#include "convoca/documents/extract.h"

#include <Poco/FileStream.h>
#include <Poco/StreamCopier.h>

#include <gtest/gtest.h>

namespace convoca::documents {
namespace {

std::string fixture(const std::string& name) {
  Poco::FileInputStream in(std::string(CONVOCA_SOURCE_DIR) + "/fixtures/documents/" + name);
  std::string data;
  Poco::StreamCopier::copyToString(in, data);
  return data;
}

TEST(Extract, ReadsThePagesAndTitleOfAPdf) {
  ExtractedText pdf = extractText("application/pdf", fixture("call-guide.pdf"), 1 << 20);
  EXPECT_EQ(pdf.title, "Guide for applicants - green corridors");
  EXPECT_NE(pdf.text.find("Metropolitan green corridors 2027"), std::string::npos) << pdf.text;
  EXPECT_NE(pdf.text.find("urban heat islands"), std::string::npos) << pdf.text;
}

TEST(Extract, RecognisesAPdfServedWithAWrongType) {
  EXPECT_NE(extractText("application/octet-stream", fixture("call-guide.pdf"), 1 << 20).text.find("pocket parks"),
            std::string::npos);
}

TEST(Extract, KeepsTheMainTextOfAPageWithoutItsNavigation) {
  ExtractedText page = extractText("text/html; charset=utf-8", fixture("call-page.html"), 1 << 20);
  EXPECT_EQ(page.title, "Call for proposals: schoolyard climate shelters");
  EXPECT_NE(page.text.find("climate shelters"), std::string::npos) << page.text;
  EXPECT_EQ(page.text.find("Home"), std::string::npos) << "navigation left in: " << page.text;
  EXPECT_EQ(page.text.find("Cookie"), std::string::npos) << "footer left in: " << page.text;
  EXPECT_EQ(page.text.find("trackVisit"), std::string::npos) << "script left in: " << page.text;
}

TEST(Extract, PlainTextIsCutAtACharacterBoundary) {
  ExtractedText text = extractText("text/plain", "Convocatòria d’ajuts", 12);
  EXPECT_EQ(text.text, "Convocatòri") << "the 'à' is two bytes: cutting inside it would leave a broken character";
}

TEST(Extract, RefusesWhatItCannotRead) {
  EXPECT_THROW(extractText("image/png", "\x89PNG....", 1024), ExtractError);
  EXPECT_THROW(extractText("application/pdf", "%PDF-1.4 this is not a pdf", 1024), ExtractError);
}

} // namespace
} // namespace convoca::documents
