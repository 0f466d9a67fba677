// The web room's ProfileService over the state DB, the index and Apertium.
#pragma once

#include "convoca/app/context.h"
#include "convoca/web/profile_service.h"

#include <memory>

namespace convoca::app {

std::unique_ptr<web::ProfileService> makeProfileService(const Context& context);

} // namespace convoca::app
