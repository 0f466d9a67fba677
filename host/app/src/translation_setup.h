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
  std::unique_ptr<translation::StateDbTranslationCache> cache;
  std::unique_ptr<translation::Translator> translator;
};

// `state` may be null (no cache); it must outlive the result.
TranslationSetup makeTranslation(const Context& context, state::StateDb* state);

// Indexer options whose English form comes from `translator` (which must
// outlive them): what harvest, index, reindex and restore write with.
index::IndexerOptions indexerOptionsFor(translation::Translator& translator);

} // namespace convoca::app
