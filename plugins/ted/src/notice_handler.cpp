#include "notice_handler.h"

#include "notice.h"
#include "tender_record.h"

namespace ted {
namespace {

const char* whyNoRecord(NoticeRole role) {
  return role == NoticeRole::Award ? "an award notice is not a call for tenders"
                                   : "this notice type is not a call for tenders";
}

} // namespace

void emitNotice(const convoca::sdk::Host& host, const std::string& name, const std::string& data,
                const std::string& publicationNumber, EmitCounts& counts) {
  Notice notice = readNotice(name, data, host);
  if (notice.role == NoticeRole::Award || notice.role == NoticeRole::Other) {
    host.info(name + ": " + notice.rootName + " " + notice.typeCode + " (notice " + notice.noticeId +
              "): no record, " + whyNoRecord(notice.role));
    ++counts.skipped;
    return;
  }
  if (notice.publicationNumber.empty()) notice.publicationNumber = publicationNumber;
  const std::vector<TenderRecord> records = recordsFor(name, notice);
  for (const auto& record : records) {
    if (host.emit(toJson(record)))
      ++counts.emitted;
    else
      ++counts.rejected;
  }
}

} // namespace ted
