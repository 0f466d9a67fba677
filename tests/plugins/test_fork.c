/* test-fork: emits one record, forks a child that keeps the worker's
 * descriptors open, writes to stdout and stderr and sleeps for a while, then
 * returns success at once. The host must neither wait for the child nor leave
 * it running. The child lives at most child_seconds (option, default 20). */
#include "test_common.h"

#include <stdlib.h>
#include <unistd.h>

static int harvest(void* instance) {
  (void)instance;
  emit_valid(g_api, g_host, "test-fork", 1);
  const char* seconds_option = g_api->get_option(g_host, "child_seconds");
  const int seconds = seconds_option ? atoi(seconds_option) : 20;
  fflush(stdout);
  fflush(stderr);
  const pid_t child = fork();
  if (child < 0) {
    g_api->set_error(g_host, CONVOCA_INTERNAL, "fork failed");
    return CONVOCA_INTERNAL;
  }
  if (child == 0) {
    for (int i = 0; i < seconds * 10; ++i) {
      printf("forked child %d still here\n", (int)getpid());
      fflush(stdout);
      fprintf(stderr, "forked child stderr\n");
      usleep(100000);
    }
    _exit(0);
  }
  char line[96];
  snprintf(line, sizeof line, "forked child %d", (int)child);
  g_api->log(g_host, CONVOCA_LOG_INFO, line);
  return CONVOCA_OK;
}

CONVOCA_PLUGIN_EXPORT const convoca_plugin* convoca_plugin_entry(void) {
  static const convoca_plugin descriptor = {sizeof(convoca_plugin),
                                            CONVOCA_PLUGIN_ABI_MAJOR,
                                            CONVOCA_PLUGIN_ABI_MINOR,
                                            "test-fork",
                                            "1.0.0",
                                            "Test plugin: forks a child that outlives it",
                                            "[{\"name\":\"child_seconds\",\"type\":\"int\",\"default\":"
                                            "\"20\",\"help\":\"how long the child lives\"}]",
                                            CONVOCA_CAP_HARVEST,
                                            create,
                                            harvest,
                                            NULL,
                                            destroy};
  return &descriptor;
}
