#include "notice.h"

#include "dates.h"
#include "xml_document.h"

#include <Poco/NumberParser.h>
#include <algorithm>

namespace ted {
namespace {

using convoca::sdk::Error;

// The notice-level extension; lots and awarding criteria have extensions of their own.
constexpr const char* kRootExtension =
    "ext:UBLExtensions/ext:UBLExtension/ext:ExtensionContent/efext:EformsExtension";

// Every failure of this reader names the file, the line and the business term.
class NoticeReader {
public:
  NoticeReader(const std::string& name, const XmlDocument& xml, const convoca::sdk::Host& host)
      : name_(name), xml_(xml), host_(host) {}

  Notice read() {
    Notice notice;
    const xmlNodePtr root = xml_.root();
    notice.rootName = localNameOf(root);
    notice.typeCode = xml_.text("cbc:NoticeTypeCode", root);
    notice.role = roleOf(namespaceOf(root), notice.rootName, notice.typeCode, root);
    notice.noticeId = required("cbc:ID[@schemeName='notice-id']", root, "notice identifier (BT-701)");
    notice.language = xml_.text("cbc:NoticeLanguageCode", root);
    if (notice.role == NoticeRole::Award || notice.role == NoticeRole::Other) return notice;

    const std::string extension = kRootExtension;
    notice.publicationNumber =
        withoutPadding(xml_.text((extension + "/efac:Publication/efbc:NoticePublicationID").c_str(), root));
    notice.changedNoticeId =
        withoutVersion(xml_.text((extension + "/efac:Changes/efbc:ChangedNoticeIdentifier").c_str(), root));
    notice.procedureType = xml_.text("cac:TenderingProcess/cbc:ProcedureCode", root);
    notice.buyers = buyers((extension + "/efac:Organizations/efac:Organization/efac:Company").c_str(), root);
    if (const xmlNodePtr procedure = xml_.first("cac:ProcurementProject", root))
      notice.procedure = project(procedure);
    for (const xmlNodePtr lot : xml_.nodes("cac:ProcurementProjectLot", root))
      if (attributeOf(xml_.first("cbc:ID", lot), "schemeName") != "LotsGroup")
        notice.lots.push_back(readLot(lot));
    if (notice.lots.empty())
      fail(root,
           notice.rootName + " has no cac:ProcurementProjectLot (a notice has at least one lot or part)");
    return notice;
  }

private:
  [[noreturn]] void fail(xmlNodePtr node, const std::string& problem) const {
    throw Error(CONVOCA_SOURCE_FORMAT, name_ + ": line " + std::to_string(lineOf(node)) + ": " + problem);
  }

  std::string required(const char* xpath, xmlNodePtr context, const std::string& what) const {
    const std::string value = xml_.text(xpath, context);
    if (value.empty()) fail(context, localNameOf(context) + " has no " + xpath + " (" + what + ")");
    return value;
  }

  NoticeRole roleOf(const std::string& ns, const std::string& rootName, const std::string& typeCode,
                    xmlNodePtr root) const {
    if (ns == kNsContractAwardNotice && rootName == "ContractAwardNotice") return NoticeRole::Award;
    if (ns == kNsContractNotice && rootName == "ContractNotice") return NoticeRole::CallForTenders;
    if (ns == kNsPriorInformationNotice && rootName == "PriorInformationNotice") {
      // pin-cfc-*: a PIN used as the call for competition; pin-only, pin-buyer, pin-rtl, pin-tran announce.
      if (typeCode.rfind("pin-cfc", 0) == 0) return NoticeRole::CallForTenders;
      if (typeCode.rfind("pin-", 0) == 0) return NoticeRole::PriorInformation;
      return NoticeRole::Other;
    }
    fail(root,
         "root element {" + ns + "}" + rootName +
             " is not an eForms notice (ContractNotice, PriorInformationNotice or ContractAwardNotice)");
  }

  // "00712345-2026" -> "712345-2026": the XML pads the number, the Search API and the notice pages do not.
  static std::string withoutPadding(const std::string& number) {
    const auto start = number.find_first_not_of('0');
    return start == std::string::npos || number[start] == '-' ? number : number.substr(start);
  }

  // "4a1e...-01" -> "4a1e..." : BT-758 is the changed notice's identifier plus its version.
  static std::string withoutVersion(const std::string& changed) {
    const auto dash = changed.find_last_of('-');
    if (dash == std::string::npos || changed.size() - dash != 3) return changed;
    return changed.substr(0, dash);
  }

  Texts texts(const char* xpath, xmlNodePtr context) const {
    Texts found;
    for (const xmlNodePtr node : xml_.nodes(xpath, context)) {
      std::string text = textOf(node);
      if (!text.empty()) found.push_back({attributeOf(node, "languageID"), std::move(text)});
    }
    return found;
  }

  std::vector<std::string> values(const char* xpath, xmlNodePtr context) const {
    std::vector<std::string> found;
    for (const xmlNodePtr node : xml_.nodes(xpath, context)) {
      std::string value = textOf(node);
      if (!value.empty() && std::find(found.begin(), found.end(), value) == found.end())
        found.push_back(std::move(value));
    }
    return found;
  }

  std::optional<Amount> amount(xmlNodePtr context) const {
    const xmlNodePtr node =
        xml_.first("cac:RequestedTenderTotal/cbc:EstimatedOverallContractAmount", context);
    if (!node) return std::nullopt;
    Amount amount;
    amount.currency = attributeOf(node, "currencyID");
    if (!Poco::NumberParser::tryParseFloat(textOf(node), amount.value) || amount.value < 0)
      fail(node, "cbc:EstimatedOverallContractAmount '" + textOf(node) + "' is not an amount (BT-27)");
    if (amount.currency.size() != 3)
      fail(node, "cbc:EstimatedOverallContractAmount has no currencyID (BT-27)");
    return amount;
  }

  Project project(xmlNodePtr node) const {
    Project project;
    project.names = texts("cbc:Name", node);
    project.descriptions = texts("cbc:Description", node);
    project.notes = texts("cbc:Note", node);
    project.placeDescriptions = texts("cac:RealizedLocation/cbc:Description", node);
    project.estimatedValue = amount(node);
    project.cpv = values("cac:MainCommodityClassification/cbc:ItemClassificationCode[@listName='cpv']", node);
    for (auto& code :
         values("cac:AdditionalCommodityClassification/cbc:ItemClassificationCode[@listName='cpv']", node))
      if (std::find(project.cpv.begin(), project.cpv.end(), code) == project.cpv.end())
        project.cpv.push_back(std::move(code));
    project.contractNature = xml_.text("cbc:ProcurementTypeCode", node);
    project.placeNuts = values("cac:RealizedLocation/cac:Address/cbc:CountrySubentityCode", node);
    project.placeCountries =
        values("cac:RealizedLocation/cac:Address/cac:Country/cbc:IdentificationCode", node);
    return project;
  }

  void addDeadline(const char* period, xmlNodePtr tenderingProcess, Lot& lot) const {
    const xmlNodePtr node = xml_.first(period, tenderingProcess);
    if (!node) return;
    const std::string date = xml_.text("cbc:EndDate", node);
    const std::string time = xml_.text("cbc:EndTime", node);
    if (date.empty()) {
      if (!time.empty()) fail(node, std::string(period) + " has a cbc:EndTime but no cbc:EndDate");
      return;
    }
    const auto deadline = deadlineFrom(date, time, host_);
    if (!deadline)
      fail(node, std::string(period) + " date '" + date + "' / time '" + time + "' is unreadable");
    lot.deadlines.push_back(*deadline);
  }

  Lot readLot(xmlNodePtr node) const {
    Lot lot;
    lot.id = required("cbc:ID", node, "lot identifier (BT-137)");
    if (const xmlNodePtr project = xml_.first("cac:ProcurementProject", node))
      lot.project = this->project(project);
    if (const xmlNodePtr process = xml_.first("cac:TenderingProcess", node)) {
      addDeadline("cac:ParticipationRequestReceptionPeriod", process, lot); // BT-1311
      addDeadline("cac:TenderSubmissionDeadlinePeriod", process, lot);      // BT-131
    }
    const xmlNodePtr terms = xml_.first("cac:TenderingTerms", node);
    for (auto& uri :
         values("cac:CallForTendersDocumentReference/cac:Attachment/cac:ExternalReference/cbc:URI", terms))
      if (uri.rfind("http://", 0) == 0 || uri.rfind("https://", 0) == 0)
        lot.documents.push_back(std::move(uri));
    lot.submissionUrl = xml_.text("cac:TenderRecipientParty/cbc:EndpointID", terms);
    lot.euFunded = xml_.text("cbc:FundingProgramCode[@listName='eu-funded']", terms) == "eu-funds";
    return lot;
  }

  std::vector<Organization> buyers(const char* companies, xmlNodePtr root) const {
    std::vector<Organization> known;
    for (const xmlNodePtr company : xml_.nodes(companies, root))
      known.push_back({xml_.text("cac:PartyIdentification/cbc:ID", company),
                       xml_.text("cac:PartyName/cbc:Name", company),
                       xml_.text("cac:PostalAddress/cbc:CityName", company),
                       xml_.text("cac:PostalAddress/cac:Country/cbc:IdentificationCode", company)});
    std::vector<Organization> found;
    for (const auto& id : values("cac:ContractingParty/cac:Party/cac:PartyIdentification/cbc:ID", root)) {
      const auto match =
          std::find_if(known.begin(), known.end(), [&](const auto& org) { return org.id == id; });
      if (match == known.end())
        host_.warn(name_ + ": buyer " + id + " is not among the efac:Organizations; its name is left out");
      else if (!match->name.empty())
        found.push_back(*match);
    }
    return found;
  }

  const std::string& name_;
  const XmlDocument& xml_;
  const convoca::sdk::Host& host_;
};

} // namespace

Notice readNotice(const std::string& name, const std::string& data, const convoca::sdk::Host& host) {
  try {
    const XmlDocument xml(name, data);
    return NoticeReader(name, xml, host).read();
  } catch (const XmlSyntaxError& error) {
    throw Error(CONVOCA_SOURCE_FORMAT, error.what());
  }
}

std::string textIn(const Texts& texts, const std::string& language) {
  for (const auto& text : texts)
    if (text.language == language) return text.text;
  return texts.empty() ? std::string() : texts.front().text;
}

} // namespace ted
