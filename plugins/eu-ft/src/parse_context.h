// What both payload parsers need from the host, plus warn-once bookkeeping.
#pragma once

#include "dates.h"
#include "programmes.h"

#include <convoca/plugin.hpp>
#include <set>
#include <string>

namespace euft {

class ParseContext {
public:
  explicit ParseContext(const convoca::sdk::Host& host) : host_(host), time_(host) {}

  const convoca::sdk::Host& host() const { return host_; }
  const PortalTime& time() const { return time_; }

  // Plain text of an HTML description, through the host's converter.
  std::string plainText(const std::string& html) const;

  // The programme of a frameworkProgramme code, or nullptr. An unknown code is
  // logged once per run: it usually means the portal added a programme.
  const Programme* programme(const std::string& frameworkProgrammeCode);

private:
  const convoca::sdk::Host& host_;
  PortalTime time_;
  std::set<std::string> warnedCodes_;
};

} // namespace euft
