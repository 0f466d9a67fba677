/* test-crash: emits three records, then dies of a segmentation fault mid-harvest. */
#include "test_common.h"

#include <signal.h>
#include <stdlib.h>

static int harvest(void* instance) {
  (void)instance;
  for (int i = 1; i <= 3; ++i) emit_valid(g_api, g_host, "test-crash", i);
  g_api->log(g_host, CONVOCA_LOG_INFO, "about to crash");
  raise(SIGSEGV);
  return CONVOCA_OK;
}

CONVOCA_PLUGIN_EXPORT const convoca_plugin* convoca_plugin_entry(void) {
  static const convoca_plugin descriptor = {sizeof(convoca_plugin),
                                            CONVOCA_PLUGIN_ABI_MAJOR,
                                            CONVOCA_PLUGIN_ABI_MINOR,
                                            "test-crash",
                                            "1.0.0",
                                            "Test plugin: segfaults mid-harvest",
                                            "[]",
                                            CONVOCA_CAP_HARVEST,
                                            create,
                                            harvest,
                                            NULL,
                                            destroy};
  return &descriptor;
}
