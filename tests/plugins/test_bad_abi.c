/* test-bad-abi: claims a future ABI major; the host must refuse it before calling anything. */
#include "test_common.h"

#include <stdlib.h>

static int create(const convoca_host_api* api, convoca_host* host, void** instance) {
  (void)api;
  (void)host;
  (void)instance;
  abort(); /* never reached: the host refuses the plugin first */
}

static void destroy(void* instance) { (void)instance; }

CONVOCA_PLUGIN_EXPORT const convoca_plugin* convoca_plugin_entry(void) {
  static const convoca_plugin descriptor = {sizeof(convoca_plugin), CONVOCA_PLUGIN_ABI_MAJOR + 1, 0,
                                            "test-bad-abi", "9.0.0", "Test plugin: built for another ABI major",
                                            "[]", CONVOCA_CAP_HARVEST, create, NULL, NULL, destroy};
  return &descriptor;
}
