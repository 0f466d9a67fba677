#include "convoca/index/csv_reader.h"

#include <gtest/gtest.h>
#include <stdexcept>

using convoca::index::CsvRow;
using convoca::index::parseCsv;

TEST(CsvReader, SplitsPlainFieldsAndRecords) {
  const auto rows = parseCsv("id,sdg,label\na1,7,True\na2,13,False\n");
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0], (CsvRow{"id", "sdg", "label"}));
  EXPECT_EQ(rows[2], (CsvRow{"a2", "13", "False"}));
}

TEST(CsvReader, KeepsCommasLineBreaksAndDoubledQuotesInsideQuotes) {
  const auto rows = parseCsv("id,text\nx,\"Water, sanitation\nand \"\"hygiene\"\"\"\ny,plain\n");
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[1][1], "Water, sanitation\nand \"hygiene\"");
  EXPECT_EQ(rows[2], (CsvRow{"y", "plain"}));
}

TEST(CsvReader, AcceptsCrLfEmptyFieldsAndNoFinalLineBreak) {
  const auto rows = parseCsv("a,,c\r\n\"\",b,\r\nlast,row");
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0], (CsvRow{"a", "", "c"}));
  EXPECT_EQ(rows[1], (CsvRow{"", "b", ""}));
  EXPECT_EQ(rows[2], (CsvRow{"last", "row"}));
}

TEST(CsvReader, RefusesAnUnterminatedQuoteNamingItsLine) {
  try {
    parseCsv("id,text\n1,ok\n2,\"never closed\nstill open", "bench.csv");
    FAIL() << "expected an error";
  } catch (const std::runtime_error& error) {
    EXPECT_NE(std::string(error.what()).find("bench.csv:3"), std::string::npos) << error.what();
    EXPECT_NE(std::string(error.what()).find("never closed"), std::string::npos) << error.what();
  }
}

TEST(CsvReader, RefusesTextAfterAClosingQuote) {
  EXPECT_THROW(parseCsv("\"quoted\"tail,x\n"), std::runtime_error);
  EXPECT_THROW(parseCsv("un\"quoted,x\n"), std::runtime_error);
}
