// The CSV writer: RFC 4180 quoting, CRLF rows, the UTF-8 BOM, accents intact and
// no field a spreadsheet would run as a formula.
#include "formats/csv.h"

#include <gtest/gtest.h>

namespace convoca::web::testing {
namespace {

const std::string kBom = "\xEF\xBB\xBF";

TEST(CsvDocument, StartsWithTheUtf8ByteOrderMarkAndEndsRowsInCrlf) {
  const std::string csv = csvDocument({"id", "title"}, {{"a", "b"}, {"c", "d"}});
  EXPECT_EQ(csv, kBom + "id,title\r\na,b\r\nc,d\r\n");
}

TEST(CsvDocument, KeepsAccentsAndApostrophesInsideWords) {
  const std::string csv = csvDocument({"programa", "lloc"}, {{"Programa d'Acció", "València"}});
  EXPECT_EQ(csv, kBom + "programa,lloc\r\nPrograma d'Acció,València\r\n");
}

TEST(CsvDocument, WritesAHeaderAloneWhenThereAreNoRows) {
  EXPECT_EQ(csvDocument({"id"}, {}), kBom + "id\r\n");
}

TEST(CsvField, QuotesFieldsWithCommasQuotesAndLineBreaks) {
  EXPECT_EQ(csvField("Cultura, educació"), "\"Cultura, educació\"");
  EXPECT_EQ(csvField("el \"Pla\" 2026"), "\"el \"\"Pla\"\" 2026\"");
  EXPECT_EQ(csvField("línia 1\nlínia 2"), "\"línia 1\nlínia 2\"");
  EXPECT_EQ(csvField("a\r\nb"), "\"a\r\nb\"");
  EXPECT_EQ(csvField("\""), "\"\"\"\"");
}

TEST(CsvField, LeavesPlainFieldsAsTheyAre) {
  EXPECT_EQ(csvField(""), "");
  EXPECT_EQ(csvField("2026-09-23T10:00:00+02:00"), "2026-09-23T10:00:00+02:00");
  EXPECT_EQ(csvField("1500000"), "1500000");
}

TEST(CsvField, TurnsFormulasIntoText) {
  EXPECT_EQ(csvField("=HYPERLINK(\"http://x\")"), "\"'=HYPERLINK(\"\"http://x\"\")\"");
  EXPECT_EQ(csvField("=1+2"), "'=1+2");
  EXPECT_EQ(csvField("+34 93 000 00 00"), "'+34 93 000 00 00");
  EXPECT_EQ(csvField("-2+3"), "'-2+3");
  EXPECT_EQ(csvField("@SUM(A1:A2)"), "'@SUM(A1:A2)");
  EXPECT_EQ(csvField("\t=1"), "'\t=1");
  EXPECT_EQ(csvField("\r=1"), "\"'\r=1\"");
}

TEST(CsvField, LeavesFormulaCharactersAfterTheFirstAlone) {
  EXPECT_EQ(csvField("a=b"), "a=b");
  EXPECT_EQ(csvField("info@example.org"), "info@example.org");
}

} // namespace
} // namespace convoca::web::testing
