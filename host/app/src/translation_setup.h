// The Apertium bridge as the CLI configures it: `translation.enabled`
// (default true), `translation.apertium_data_dir` (default: Apertium's own),
// `translation.timeout_seconds`.
#pragma once

#include "convoca/app/context.h"
#include "convoca/index/indexer.h"
#include "convoca/state/state_db.h"
#include "convoca/translation/state_db_cache.h"
#include "convoca/translation/translator.h"

#include <memory>

namespace convoca::app {

struct TranslationSetup {
  // The cache's own connection to the state DB: the indexer translates on its
  // analysis threads while the caller goes on using its StateDb.
  std::unique_ptr<state::StateDb> cacheDb;
  std::unique_ptr<translation::StateDbTranslationCache> cache;
  std::unique_ptr<translation::Translator> translator;
};

// `state` may be null (no cache); the cache opens its own connection to the
// same file.
TranslationSetup makeTranslation(const Context& context, state::StateDb* state);

// Indexer options whose English form comes from `translator` (which must
// outlive them): what harvest, index, reindex and restore write with.
index::IndexerOptions indexerOptionsFor(translation::Translator& translator);

} // namespace convoca::app
