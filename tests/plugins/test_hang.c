/* test-hang: emits one record, then never returns and never calls the host again. */
#include "test_common.h"

#include <unistd.h>

static int harvest(void* instance) {
  (void)instance;
  emit_valid(g_api, g_host, "test-hang", 1);
  for (;;) sleep(1);
  return CONVOCA_OK;
}

CONVOCA_PLUGIN_EXPORT const convoca_plugin* convoca_plugin_entry(void) {
  static const convoca_plugin descriptor = {sizeof(convoca_plugin),
                                            CONVOCA_PLUGIN_ABI_MAJOR,
                                            CONVOCA_PLUGIN_ABI_MINOR,
                                            "test-hang",
                                            "1.0.0",
                                            "Test plugin: hangs forever",
                                            "[]",
                                            CONVOCA_CAP_HARVEST,
                                            create,
                                            harvest,
                                            NULL,
                                            destroy};
  return &descriptor;
}
