#include "translation_setup.h"

#include <Poco/Logger.h>

namespace convoca::app {

TranslationSetup makeTranslation(const Context& context, state::StateDb* state) {
  translation::TranslationOptions options;
  if (context.config) {
    options.enabled = context.config->getBool("translation.enabled", true);
    options.apertiumDataDir = context.config->getString("translation.apertium_data_dir", "");
    options.timeout = std::chrono::seconds(context.config->getInt("translation.timeout_seconds", 30));
  }
  TranslationSetup setup;
  if (state) {
    setup.cacheDb = std::make_unique<state::StateDb>(state->path());
    setup.cache = std::make_unique<translation::StateDbTranslationCache>(*setup.cacheDb);
  }
  setup.translator = std::make_unique<translation::Translator>(options, setup.cache.get(),
                                                               Poco::Logger::get("convoca.translation"));
  return setup;
}

index::IndexerOptions indexerOptionsFor(translation::Translator& translator) {
  index::IndexerOptions options;
  options.translate = [&translator](const std::string& language, const std::string& text) {
    return translator.toEnglish(language, text);
  };
  return options;
}

} // namespace convoca::app
