// One call for its page: GET /api/calls/{id} and GET /api/calls/{id}/similar.
//
//   {"call": <hit JSON of /api/search, status and next deadline computed now>,
//    "record": <the normalised record (record.h) as indexed, with its analysis:
//               deadlines in the source's own offset, SDG tags with why...;
//               documents_text left out>,
//    "changes": [{"run_id","changed_at","source","field","before","after"}...]}
//   {"results": [hit...]}   similar calls, best first (?limit=1..20, default 5)
#pragma once

#include "convoca/web/search_service.h"
#include "exchange.h"

namespace convoca::state {
class StateDb;
}

namespace convoca::web {

// `state` may be null: the change log is then empty.
Reply callController(const Request& request, SearchService& search, state::StateDb* state);

} // namespace convoca::web
