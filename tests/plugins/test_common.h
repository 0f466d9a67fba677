/* Shared bits of the test plugins: a record with a valid shape. */
#ifndef CONVOCA_TEST_COMMON_H
#define CONVOCA_TEST_COMMON_H

#include <convoca/plugin.h>

#include <stdio.h>
#include <string.h>

static int emit_valid(const convoca_host_api* api, convoca_host* host, const char* source, int n) {
  char json[512];
  snprintf(json, sizeof json,
           "{\"id\":\"%s:%d\",\"source\":\"%s\",\"kind\":\"call\",\"title\":\"Test call %d about soil\","
           "\"deadlines\":[\"2099-01-01T17:00:00+01:00\"]}",
           source, n, source, n);
  return api->emit_record(host, json, strlen(json));
}

#endif
