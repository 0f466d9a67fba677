/* test-stdout-flood: writes megabytes to stdout and stderr (text, binary, bytes
 * shaped like frame headers) between its records, then succeeds. The record
 * stream must come through intact. */
#include "test_common.h"

#include <unistd.h>

enum { kRecords = 40, kFloodPerRecord = 64 * 1024 };

static void flood(int fd, int round) {
  char chunk[4096];
  for (size_t i = 0; i < sizeof chunk; ++i) chunk[i] = (char)((i * 31 + (size_t)round) & 0xff);
  /* A fake record frame header: 'R' and a length, as the worker's protocol writes them. */
  memcpy(chunk, "R\0\0\0\x40{\"id\":\"test-stdout-flood:fake\"}", 36);
  for (size_t sent = 0; sent < kFloodPerRecord; sent += sizeof chunk) {
    ssize_t n = write(fd, chunk, sizeof chunk);
    (void)n; /* a full pipe blocks; a closed one fails: neither matters here */
  }
}

static int harvest(void* instance) {
  (void)instance;
  for (int i = 1; i <= kRecords; ++i) {
    flood(STDOUT_FILENO, i);
    printf("plain stdout line %d\n", i);
    fflush(stdout);
    if (i % 4 == 0) flood(STDERR_FILENO, i);
    if (emit_valid(g_api, g_host, "test-stdout-flood", i) != CONVOCA_OK) {
      g_api->set_error(g_host, CONVOCA_INTERNAL, "a valid record was refused");
      return CONVOCA_INTERNAL;
    }
  }
  return CONVOCA_OK;
}

CONVOCA_PLUGIN_EXPORT const convoca_plugin* convoca_plugin_entry(void) {
  static const convoca_plugin descriptor = {sizeof(convoca_plugin),
                                            CONVOCA_PLUGIN_ABI_MAJOR,
                                            CONVOCA_PLUGIN_ABI_MINOR,
                                            "test-stdout-flood",
                                            "1.0.0",
                                            "Test plugin: floods stdout and stderr",
                                            "[]",
                                            CONVOCA_CAP_HARVEST,
                                            create,
                                            harvest,
                                            NULL,
                                            destroy};
  return &descriptor;
}
