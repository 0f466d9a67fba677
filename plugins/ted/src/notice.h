// An eForms notice, read into the few things convoca needs: what kind of notice
// it is, its identifiers, buyer, procedure and lots (deadlines, CPV, value, texts).
#pragma once

#include <convoca/plugin.hpp>
#include <optional>
#include <string>
#include <vector>

namespace ted {

// What a notice means for someone looking for calls.
enum class NoticeRole {
  CallForTenders,   // contract notices and PINs used as a call for competition: one record per lot
  PriorInformation, // pin-only and the other PINs: a tender announced, no deadline yet
  Award,            // ContractAwardNotice (results, VEAT, modifications): not a call, no record
  Other,            // any other notice type (e.g. EEIG/European company notices): no record
};

// A text with the eForms language of its languageID attribute ("ENG", "SPA", "CAT"...).
struct Text {
  std::string language;
  std::string text;
};
using Texts = std::vector<Text>;

struct Amount {
  double value = 0;
  std::string currency; // currencyID, ISO 4217
};

// A cac:ProcurementProject, of the procedure or of one lot.
struct Project {
  Texts names;
  Texts descriptions;
  Texts notes;
  Texts placeDescriptions;
  std::optional<Amount> estimatedValue;    // cac:RequestedTenderTotal/cbc:EstimatedOverallContractAmount
  std::vector<std::string> cpv;            // main classification first, then additional ones
  std::string contractNature;              // works | supplies | services
  std::vector<std::string> placeNuts;      // place of performance (BT-5071)
  std::vector<std::string> placeCountries; // ISO 3166-1 alpha-3 as eForms writes them (BT-5141)
};

struct Deadline {
  std::string instant; // RFC 3339 with the offset the notice gives
  std::string raw;     // "<EndDate> <EndTime>" as written
  bool timeAssumed = false;
};

struct Lot {
  std::string id; // "LOT-0001", or "PAR-0000" for the parts of a PIN
  Project project;
  std::vector<Deadline> deadlines;    // requests to participate (BT-1311), then tenders (BT-131)
  std::vector<std::string> documents; // procurement document URLs (BT-15)
  std::string submissionUrl;          // BT-18
  bool euFunded = false;              // BT-60
};

struct Organization {
  std::string id;
  std::string name;
  std::string city;
  std::string country;
};

struct Notice {
  NoticeRole role = NoticeRole::Other;
  std::string rootName;          // ContractNotice | PriorInformationNotice | ContractAwardNotice
  std::string noticeId;          // BT-701, a UUID
  std::string changedNoticeId;   // BT-758 of a change notice: the notice it replaces, without version
  std::string typeCode;          // BT-02, e.g. cn-standard, pin-only, can-standard
  std::string language;          // BT-702, e.g. ENG
  std::string publicationNumber; // OJ S publication number ("123456-2026"), once published
  std::string procedureType;     // BT-105, e.g. open
  std::vector<Organization> buyers;
  Project procedure;
  std::vector<Lot> lots;
};

// Reads one eForms notice. `name` (the file name) starts every error message.
// Throws convoca::sdk::Error(CONVOCA_SOURCE_FORMAT) naming the file and the
// line for malformed XML, a root that is not an eForms notice, or a missing or
// unreadable mandatory field. The host converts zone-less times (Europe/Brussels).
Notice readNotice(const std::string& name, const std::string& data, const convoca::sdk::Host& host);

// The text in `language`, else the first one; "" when there is none.
std::string textIn(const Texts& texts, const std::string& language);

} // namespace ted
