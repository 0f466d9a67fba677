// The office's own data in the state DB, over HTTP:
//   /api/searches…  saved searches, with their Atom (RFC 4287) and ICS feeds
//   /api/pipeline   each call's state per profile (board, CSV for management)
//   /api/sources, /api/runs   harvest health
// Route shapes and parameters: host/web/assets/openapi.json.
#pragma once

#include "convoca/state/state_db.h"
#include "convoca/web/search_service.h"
#include "exchange.h"

#include <string>

namespace convoca::web {

Reply savedSearchController(const Request& request, state::StateDb& state, SearchService& search,
                            const std::string& assetDir);
Reply pipelineController(const Request& request, state::StateDb& state, SearchService& search);
Reply sourcesController(const Request& request, state::StateDb& state, SearchService& search);
Reply runsController(const Request& request, state::StateDb& state);

} // namespace convoca::web
