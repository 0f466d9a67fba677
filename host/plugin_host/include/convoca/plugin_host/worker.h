// The worker side: `convoca __worker` reads a WorkerJob on stdin, loads one
// plugin under resource limits and streams frames (protocol.h) to the parent.
#pragma once

namespace convoca::plugin_host {

// Entry of the hidden subcommand. Returns the process exit code.
int workerMain();

} // namespace convoca::plugin_host
