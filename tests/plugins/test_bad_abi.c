/* test-bad-abi: claims a future ABI major; the host must refuse it before calling anything. */
#include "test_common.h"

#include <stdlib.h>

/* Never called: the host refuses the plugin on its ABI first. */
static int harvest(void* instance) {
  (void)instance;
  abort();
}

CONVOCA_PLUGIN_EXPORT const convoca_plugin* convoca_plugin_entry(void) {
  static const convoca_plugin descriptor = {sizeof(convoca_plugin),
                                            CONVOCA_PLUGIN_ABI_MAJOR + 1,
                                            0,
                                            "test-bad-abi",
                                            "9.0.0",
                                            "Test plugin: built for another ABI major",
                                            "[]",
                                            CONVOCA_CAP_HARVEST,
                                            create,
                                            harvest,
                                            NULL,
                                            destroy};
  return &descriptor;
}
