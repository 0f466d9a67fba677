/* test-after-cancel: keeps calling host services when it should have stopped.
 * Option mode:
 *   late            - harvest() emits one record, starts a thread and returns
 *                     success; once the host calls destroy() (which takes
 *                     late_ms) the thread calls emit_record, cursor_put and
 *                     http until destroy() returns, and destroy() logs what
 *                     they returned: "late calls: ...".
 *   ignore-deadline - harvest() never returns: it loops over emit_record,
 *                     cursor_put, http, progress and cancelled(), ignoring what
 *                     they say, until the host kills it at its deadline.
 * Option url: what http() fetches. */
#include "test_common.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <unistd.h>

static atomic_int g_destroying; /* set when the host calls destroy(): harvest() has returned */
static atomic_int g_stop;
static pthread_t g_thread;
static int g_thread_started;
static int g_late_emit_accepted, g_late_emit_refused, g_late_http_ok, g_late_cursor_ok;

static const char* option(const char* name, const char* fallback) {
  const char* value = g_api->get_option(g_host, name);
  return value ? value : fallback;
}

static int fetch(const char* url) {
  convoca_http_request request;
  memset(&request, 0, sizeof request);
  request.struct_size = sizeof request;
  request.method = "GET";
  request.url = url;
  convoca_http_response* response = NULL;
  const int status = g_api->http(g_host, &request, &response);
  g_api->free_response(g_host, response);
  return status;
}

/* Waits until the host is past harvest(), then calls it until told to stop. */
static void* keep_calling(void* url) {
  char json[256];
  while (!atomic_load(&g_destroying)) usleep(1000);
  for (int n = 1; !atomic_load(&g_stop); ++n) {
    snprintf(json, sizeof json,
             "{\"id\":\"test-after-cancel:late-%d\",\"source\":\"test-after-cancel\",\"kind\":\"call\","
             "\"title\":\"Call emitted after harvest returned\"}",
             n);
    if (g_api->emit_record(g_host, json, strlen(json)) == CONVOCA_OK)
      ++g_late_emit_accepted;
    else
      ++g_late_emit_refused;
    if (g_api->cursor_put(g_host, "position", "late") == CONVOCA_OK) ++g_late_cursor_ok;
    if (fetch((const char*)url) == CONVOCA_OK) ++g_late_http_ok;
    usleep(10000);
  }
  return NULL;
}

static int harvest_late(const char* url) {
  emit_valid(g_api, g_host, "test-after-cancel", 1);
  g_thread_started = pthread_create(&g_thread, NULL, keep_calling, (void*)url) == 0;
  return CONVOCA_OK;
}

static int harvest_ignoring_deadline(const char* url) {
  for (long n = 1;; ++n) {
    emit_valid(g_api, g_host, "test-after-cancel", 1);
    char position[32];
    snprintf(position, sizeof position, "%ld", n);
    g_api->cursor_put(g_host, "position", position);
    fetch(url);
    g_api->progress(g_host, (uint64_t)n, 0);
    (void)g_api->cancelled(g_host); /* asked, and ignored */
    usleep(20000);
  }
  return CONVOCA_OK;
}

static int harvest(void* instance) {
  (void)instance;
  const char* mode = option("mode", "late");
  const char* url = option("url", "http://127.0.0.1:9/");
  if (strcmp(mode, "ignore-deadline") == 0) return harvest_ignoring_deadline(url);
  return harvest_late(url);
}

/* The host's pointers stay valid until destroy() returns: the stray thread uses
 * them until then, after harvest() has returned. */
static void destroy_after_a_while(void* instance) {
  if (!g_thread_started) return destroy(instance);
  atomic_store(&g_destroying, 1);
  usleep((useconds_t)atoi(option("late_ms", "400")) * 1000);
  atomic_store(&g_stop, 1);
  pthread_join(g_thread, NULL);
  char line[200];
  snprintf(line, sizeof line, "late calls: emit accepted %d, emit refused %d, http ok %d, cursor_put ok %d",
           g_late_emit_accepted, g_late_emit_refused, g_late_http_ok, g_late_cursor_ok);
  g_api->log(g_host, CONVOCA_LOG_INFO, line);
  destroy(instance);
}

CONVOCA_PLUGIN_EXPORT const convoca_plugin* convoca_plugin_entry(void) {
  static const convoca_plugin descriptor = {
      sizeof(convoca_plugin),
      CONVOCA_PLUGIN_ABI_MAJOR,
      CONVOCA_PLUGIN_ABI_MINOR,
      "test-after-cancel",
      "1.0.0",
      "Test plugin: calls host services after it should have stopped",
      "[{\"name\":\"mode\",\"type\":\"string\",\"default\":\"late\",\"help\":\"late or ignore-deadline\"},"
      "{\"name\":\"url\",\"type\":\"string\",\"default\":\"\",\"help\":\"what http() fetches\"},"
      "{\"name\":\"late_ms\",\"type\":\"int\",\"default\":\"400\",\"help\":\"how long destroy() takes\"}]",
      CONVOCA_CAP_HARVEST,
      create,
      harvest,
      NULL,
      destroy_after_a_while};
  return &descriptor;
}
