// Getting the data dir's index ready for a writer: created when absent, a
// pre-stub index adopted, an index of another schema version rebuilt from its
// stored records (with a log line saying so). See convoca/index/index_store.h.
#pragma once

#include "convoca/app/context.h"
#include "convoca/index/indexer.h"

namespace convoca::app {

// Call before opening context.indexPath() for writing (harvest, index, serve, demo).
void prepareIndexForWriting(const Context& context, const index::IndexerOptions& options);

// What search and matching open: context.searchDatabasePath(), after writing
// the stub of a data dir whose index predates stubs (readers need no writer first).
std::string indexForReading(const Context& context);

} // namespace convoca::app
