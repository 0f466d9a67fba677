// Broken payloads: refused with CONVOCA_SOURCE_FORMAT naming the file and the position; nothing emitted.
#include "fake_host.h"

#include <gtest/gtest.h>

namespace ted_test {
namespace {

struct Refusal {
  int status;
  std::string message;
  size_t records;
};

Refusal parseRefusal(const std::string& name, const std::string& data) {
  FakeHost host;
  const int status = host.parse(name, data);
  return {status, host.errorMessage(), host.records().size()};
}

Refusal parseMalformed(const std::string& file) {
  return parseRefusal(file, readFile("fixtures/ted/malformed/" + file));
}

TEST(MalformedNotices, TruncatedXmlNamesFileLineAndColumn) {
  const Refusal refusal = parseMalformed("truncated.xml");
  EXPECT_EQ(refusal.status, CONVOCA_SOURCE_FORMAT);
  EXPECT_EQ(refusal.records, 0u) << "the first lot was complete, yet nothing of a broken payload is emitted";
  EXPECT_NE(refusal.message.find("truncated.xml: line "), std::string::npos) << refusal.message;
  EXPECT_NE(refusal.message.find(", column "), std::string::npos) << refusal.message;
}

TEST(MalformedNotices, NonEformsRootIsNamed) {
  const Refusal refusal = parseMalformed("not-eforms.xml");
  EXPECT_EQ(refusal.status, CONVOCA_SOURCE_FORMAT);
  EXPECT_NE(refusal.message.find("not-eforms.xml: line 3"), std::string::npos) << refusal.message;
  EXPECT_NE(refusal.message.find("TED_EXPORT is not an eForms notice"), std::string::npos) << refusal.message;
}

TEST(MalformedNotices, ImpossibleDeadlineDateRefusesTheWholeNotice) {
  const Refusal refusal = parseMalformed("bad-deadline.xml");
  EXPECT_EQ(refusal.status, CONVOCA_SOURCE_FORMAT);
  EXPECT_EQ(refusal.records, 0u);
  EXPECT_NE(refusal.message.find("bad-deadline.xml: line "), std::string::npos) << refusal.message;
  EXPECT_NE(refusal.message.find("2026-12-45+01:00"), std::string::npos) << refusal.message;
}

TEST(MalformedNotices, DeadlineTimeThatIsNotATimeIsRefused) {
  std::string notice = readFile("fixtures/ted/payloads/amb-cn-two-lots.xml");
  const std::string time = "<cbc:EndTime>12:00:00+01:00</cbc:EndTime>";
  notice.replace(notice.find(time), time.size(), "<cbc:EndTime>noon+01:00</cbc:EndTime>");
  const Refusal refusal = parseRefusal("noon.xml", notice);
  EXPECT_EQ(refusal.status, CONVOCA_SOURCE_FORMAT);
  EXPECT_NE(refusal.message.find("noon.xml: line "), std::string::npos) << refusal.message;
}

TEST(MalformedNotices, LotWithoutIdentifierIsRefused) {
  const Refusal refusal = parseMalformed("lot-without-id.xml");
  EXPECT_EQ(refusal.status, CONVOCA_SOURCE_FORMAT);
  EXPECT_EQ(refusal.records, 0u);
  EXPECT_NE(refusal.message.find("ProcurementProjectLot has no cbc:ID"), std::string::npos)
      << refusal.message;
}

TEST(MalformedNotices, EmptyPayloadAndJsonAreRefused) {
  EXPECT_EQ(parseRefusal("empty.xml", "").status, CONVOCA_SOURCE_FORMAT);
  const Refusal json = parseRefusal("search.json", R"({"notices":[]})");
  EXPECT_EQ(json.status, CONVOCA_SOURCE_FORMAT);
  EXPECT_NE(json.message.find("search.json: line 1"), std::string::npos) << json.message;
}

TEST(MalformedNotices, DocumentTypeDeclarationIsRefusedWithoutExpandingEntities) {
  const std::string xxe = "<?xml version=\"1.0\"?>\n<!DOCTYPE ContractNotice [<!ENTITY secret SYSTEM "
                          "\"file:///etc/passwd\">]>\n<ContractNotice "
                          "xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:ContractNotice-2\">&secret;"
                          "</ContractNotice>\n";
  const Refusal refusal = parseRefusal("xxe.xml", xxe);
  EXPECT_EQ(refusal.status, CONVOCA_SOURCE_FORMAT);
  EXPECT_NE(refusal.message.find("document type declaration"), std::string::npos) << refusal.message;
  EXPECT_EQ(refusal.message.find("root:"), std::string::npos);
}

} // namespace
} // namespace ted_test
