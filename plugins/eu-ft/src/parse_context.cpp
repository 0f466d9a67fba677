#include "parse_context.h"

#include "text.h"

namespace euft {

std::string ParseContext::plainText(const std::string& html) const {
  if (html.empty()) return {};
  std::string text = host_.htmlToText(html);
  // Trim only: the host keeps block elements on their own lines, which summaryOf() uses.
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return {};
  const auto last = text.find_last_not_of(" \t\r\n");
  return text.substr(first, last - first + 1);
}

const Programme* ParseContext::programme(const std::string& frameworkProgrammeCode) {
  if (frameworkProgrammeCode.empty()) return nullptr;
  const Programme* found = programmeByCode(frameworkProgrammeCode);
  if (!found && warnedCodes_.insert(frameworkProgrammeCode).second)
    host_.warn("unknown frameworkProgramme code " + frameworkProgrammeCode +
               ": programme left empty (add it to the eu-ft programme table)");
  return found;
}

} // namespace euft
