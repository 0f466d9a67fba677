// One call for expression of interest (CFEI) of the UN Partner Portal → record.
//
// Two field sets are read (data-sources.md §2b):
//  - the 2019 public list (/api/public/projects/): displayID, title, countries
//    (country names), agency_name, specializations[{name, category}],
//    date_created, deadline_date, pdf_export_url;
//  - the current open list (/api/projects/open/): id, title, agency,
//    country_code, specializations, deadline_date, start_date.
// A row with displayID is read as the first, a row with id as the second.
//
// Every date is a Django DateField (no time, no zone). The portal lists a call
// while deadline_date >= today on its server, which runs in UTC, so a deadline
// is that day's 23:59:59 UTC with deadlines_time_assumed. date_created is the
// opening (00:00 UTC, assumed). start_date is the start of the funded project,
// not of the call: it goes into the text, never into opening.
#pragma once

#include "call_record.h"

#include <Poco/JSON/Object.h>
#include <convoca/plugin.hpp>
#include <stdexcept>
#include <string>

namespace unpp {

// A row that does not have the shape of either field set; what() names the field.
class RowError : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

class ProjectReader {
public:
  // siteUrl: the portal's web address ("https://www.unpartnerportal.org"), for links.
  ProjectReader(const convoca::sdk::Host& host, std::string siteUrl);

  // `where` names the row in messages ("results[3]"). Throws RowError.
  CallRecord read(const Poco::JSON::Object& row, const std::string& where);

private:
  CallRecord readPublic2019(const Poco::JSON::Object& row, const std::string& where);
  CallRecord readOpenList(const Poco::JSON::Object& row, const std::string& where);
  void readSpecialisations(const Poco::JSON::Object& row, const std::string& where, CallRecord& record);
  void setDeadline(const Poco::JSON::Object& row, const std::string& where, CallRecord& record) const;
  std::string utcTime(const std::string& day, const char* time, const std::string& field) const;

  const convoca::sdk::Host& host_;
  std::string siteUrl_;
  bool warnedAboutBareIds_ = false;
};

} // namespace unpp
