/* Shared bits of the test plugins: a record with a valid shape. */
#ifndef CONVOCA_TEST_COMMON_H
#define CONVOCA_TEST_COMMON_H

#include <convoca/plugin.h>
#include <stdio.h>
#include <string.h>

/* The host services, kept from create() for the plugin's single instance. */
static const convoca_host_api* g_api;
static convoca_host* g_host;

static int create(const convoca_host_api* api, convoca_host* host, void** instance) {
  g_api = api;
  g_host = host;
  *instance = NULL;
  return CONVOCA_OK;
}

static void destroy(void* instance) {
  (void)instance;
}

static int emit_valid(const convoca_host_api* api, convoca_host* host, const char* source, int n) {
  char json[512];
  snprintf(json, sizeof json,
           "{\"id\":\"%s:%d\",\"source\":\"%s\",\"kind\":\"call\",\"title\":\"Test call %d about soil\","
           "\"deadlines\":[\"2099-01-01T17:00:00+01:00\"]}",
           source, n, source, n);
  return api->emit_record(host, json, strlen(json));
}

#endif
