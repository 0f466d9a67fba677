/* test-memory-hog: emits one record, then allocates and touches memory without
 * bound, logging every 64 MiB. When the worker's address-space limit refuses an
 * allocation it aborts, as a C++ plugin dies of an uncaught std::bad_alloc. */
#include "test_common.h"

#include <stdlib.h>

enum { kStepBytes = 16 << 20, kReportEvery = 4 };

static int harvest(void* instance) {
  (void)instance;
  emit_valid(g_api, g_host, "test-memory-hog", 1);
  for (long steps = 1;; ++steps) {
    char* block = malloc(kStepBytes);
    if (!block) {
      char line[128];
      snprintf(line, sizeof line, "allocation refused after %ld MiB", (steps - 1) * (kStepBytes >> 20));
      g_api->log(g_host, CONVOCA_LOG_ERROR, line);
      abort();
    }
    memset(block, 0x5a, kStepBytes); /* touched: resident, not just reserved */
    if (steps % kReportEvery == 0) {
      char line[128];
      snprintf(line, sizeof line, "holding %ld MiB", steps * (kStepBytes >> 20));
      g_api->log(g_host, CONVOCA_LOG_INFO, line);
    }
  }
  return CONVOCA_OK;
}

CONVOCA_PLUGIN_EXPORT const convoca_plugin* convoca_plugin_entry(void) {
  static const convoca_plugin descriptor = {sizeof(convoca_plugin),
                                            CONVOCA_PLUGIN_ABI_MAJOR,
                                            CONVOCA_PLUGIN_ABI_MINOR,
                                            "test-memory-hog",
                                            "1.0.0",
                                            "Test plugin: allocates memory without bound",
                                            "[]",
                                            CONVOCA_CAP_HARVEST,
                                            create,
                                            harvest,
                                            NULL,
                                            destroy};
  return &descriptor;
}
