/* test-enormous-record: emits two good records around a series of records the
 * host must reject (too large, not UTF-8, nested beyond reason, not an object,
 * not its own), logging what each emit_record returned, then succeeds. */
#include "test_common.h"

#include <stdlib.h>

/* A record whose text field holds `text_bytes` letters: valid JSON, just big. */
static char* huge_record(size_t text_bytes, size_t* size) {
  static const char head[] =
      "{\"id\":\"test-enormous-record:huge\",\"source\":\"test-enormous-record\",\"kind\":\"call\","
      "\"title\":\"Huge\",\"text\":\"";
  static const char tail[] = "\"}";
  *size = sizeof head - 1 + text_bytes + sizeof tail - 1;
  char* json = malloc(*size);
  if (!json) return NULL;
  memcpy(json, head, sizeof head - 1);
  memset(json + sizeof head - 1, 'a', text_bytes);
  memcpy(json + sizeof head - 1 + text_bytes, tail, sizeof tail - 1);
  return json;
}

/* {"id":...,"title":"Deep","keywords":[[[[...]]]]} nested `depth` arrays deep. */
static char* deep_record(size_t depth, size_t* size) {
  static const char head[] = "{\"id\":\"test-enormous-record:deep\",\"source\":\"test-enormous-record\","
                             "\"kind\":\"call\",\"title\":\"Deep\",\"keywords\":";
  *size = sizeof head - 1 + 2 * depth + 1;
  char* json = malloc(*size);
  if (!json) return NULL;
  memcpy(json, head, sizeof head - 1);
  memset(json + sizeof head - 1, '[', depth);
  memset(json + sizeof head - 1 + depth, ']', depth);
  json[*size - 1] = '}';
  return json;
}

static void emit_and_report(const char* name, const char* json, size_t size) {
  const int status = g_api->emit_record(g_host, json, size); /* NULL on purpose too */
  char line[160];
  snprintf(line, sizeof line, "emit %s (%zu bytes) returned %d", name, size, status);
  g_api->log(g_host, CONVOCA_LOG_INFO, line);
}

static int harvest(void* instance) {
  (void)instance;
  static const char bad_utf8[] = "{\"id\":\"test-enormous-record:utf8\",\"source\":\"test-enormous-record\","
                                 "\"kind\":\"call\",\"title\":\"Bad \xff\xfe bytes \xc3\"}";
  static const char not_object[] = "[\"test-enormous-record:array\"]";
  static const char with_nul[] = "{\"id\":\"test-enormous-record:nul\",\"source\":\"test-enormous-record\","
                                 "\"kind\":\"call\",\"title\":\"A\0B\"}";
  emit_valid(g_api, g_host, "test-enormous-record", 1);

  size_t size = 0;
  char* huge = huge_record((size_t)9 << 20, &size);
  emit_and_report("huge", huge, size);
  free(huge);
  char* deep = deep_record(200000, &size);
  emit_and_report("deep", deep, size);
  free(deep);
  emit_and_report("utf8", bad_utf8, sizeof bad_utf8 - 1);
  emit_and_report("array", not_object, sizeof not_object - 1);
  emit_and_report("nul", with_nul, sizeof with_nul - 1);
  emit_and_report("null-pointer", NULL, 12);

  emit_valid(g_api, g_host, "test-enormous-record", 2);
  return CONVOCA_OK;
}

CONVOCA_PLUGIN_EXPORT const convoca_plugin* convoca_plugin_entry(void) {
  static const convoca_plugin descriptor = {sizeof(convoca_plugin),
                                            CONVOCA_PLUGIN_ABI_MAJOR,
                                            CONVOCA_PLUGIN_ABI_MINOR,
                                            "test-enormous-record",
                                            "1.0.0",
                                            "Test plugin: emits enormous and malformed records",
                                            "[]",
                                            CONVOCA_CAP_HARVEST,
                                            create,
                                            harvest,
                                            NULL,
                                            destroy};
  return &descriptor;
}
