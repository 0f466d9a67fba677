// `convoca user add|list|rm|passwd`: the web UI's users in the state DB.
#pragma once

#include "convoca/app/context.h"

namespace convoca::app {

// user add NAME --role ROLE | list [--json] | rm NAME | passwd NAME; passwords
// are read from stdin, never from the command line (which `ps` shows).
int runUser(Context& context);

} // namespace convoca::app
