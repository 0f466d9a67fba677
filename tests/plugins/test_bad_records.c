/* test-bad-records: emits one good record and three the host must reject, prints
 * to stdout (which must not corrupt the frame stream), then succeeds. */
#include "test_common.h"

static int harvest(void* instance) {
  (void)instance;
  static const char* const bad[] = {
      "{\"id\":\"test-bad-records:2\",\"source\":\"test-bad-records\",\"kind\":\"call\"}",
      "{\"id\":\"other:3\",\"source\":\"other\",\"kind\":\"call\",\"title\":\"not mine\"}",
      "this is not json",
  };
  /* Looks like a frame header: it must land in the log, not in the record stream. */
  fwrite("R\0\0\0\5hello garbage on stdout\n", 1, 29, stdout);
  fflush(stdout);
  emit_valid(g_api, g_host, "test-bad-records", 1);
  int rejected = 0;
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; ++i)
    if (g_api->emit_record(g_host, bad[i], strlen(bad[i])) == CONVOCA_SOURCE_FORMAT) ++rejected;
  if (rejected != 3) {
    g_api->set_error(g_host, CONVOCA_INTERNAL, "the host accepted an invalid record");
    return CONVOCA_INTERNAL;
  }
  g_api->cursor_put(g_host, "last", "run-1");
  return CONVOCA_OK;
}

CONVOCA_PLUGIN_EXPORT const convoca_plugin* convoca_plugin_entry(void) {
  static const convoca_plugin descriptor = {sizeof(convoca_plugin),
                                            CONVOCA_PLUGIN_ABI_MAJOR,
                                            CONVOCA_PLUGIN_ABI_MINOR,
                                            "test-bad-records",
                                            "1.0.0",
                                            "Test plugin: emits invalid records",
                                            "[]",
                                            CONVOCA_CAP_HARVEST,
                                            create,
                                            harvest,
                                            NULL,
                                            destroy};
  return &descriptor;
}
