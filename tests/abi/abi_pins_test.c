/* Pins the layout of every struct of plugin ABI 1.0 (LP64). Compiled as C, the
 * language of the contract: a change here is an ABI break, so it fails the build.
 * Structs may only grow at the end; a new minor adds pins, never edits these. */
#include <convoca/plugin.h>
#include <stddef.h>

#define PIN(type, field, offset) _Static_assert(offsetof(type, field) == (offset), #type "." #field " moved")

/* The three fields the host reads before anything else: fixed forever. */
PIN(convoca_plugin, struct_size, 0);
PIN(convoca_plugin, abi_major, 4);
PIN(convoca_plugin, abi_minor, 6);
PIN(convoca_plugin, id, 8);
PIN(convoca_plugin, version, 16);
PIN(convoca_plugin, description, 24);
PIN(convoca_plugin, options_json, 32);
PIN(convoca_plugin, capabilities, 40);
PIN(convoca_plugin, create, 48);
PIN(convoca_plugin, harvest, 56);
PIN(convoca_plugin, parse, 64);
PIN(convoca_plugin, destroy, 72);
_Static_assert(sizeof(convoca_plugin) == 80, "convoca_plugin 1.0 size");

PIN(convoca_host_api, struct_size, 0);
PIN(convoca_host_api, abi_major, 4);
PIN(convoca_host_api, abi_minor, 6);
PIN(convoca_host_api, http, 8);
PIN(convoca_host_api, free_response, 16);
PIN(convoca_host_api, emit_record, 24);
PIN(convoca_host_api, get_option, 32);
PIN(convoca_host_api, cursor_get, 40);
PIN(convoca_host_api, cursor_put, 48);
PIN(convoca_host_api, log, 56);
PIN(convoca_host_api, progress, 64);
PIN(convoca_host_api, cancelled, 72);
PIN(convoca_host_api, set_error, 80);
PIN(convoca_host_api, html_to_text, 88);
PIN(convoca_host_api, free_string, 96);
PIN(convoca_host_api, local_to_rfc3339, 104);
PIN(convoca_host_api, instant_to_rfc3339, 112);
_Static_assert(sizeof(convoca_host_api) == 120, "convoca_host_api 1.0 size");

PIN(convoca_http_request, struct_size, 0);
PIN(convoca_http_request, method, 8);
PIN(convoca_http_request, url, 16);
PIN(convoca_http_request, headers, 24);
PIN(convoca_http_request, header_count, 32);
PIN(convoca_http_request, body, 40);
PIN(convoca_http_request, body_size, 48);
PIN(convoca_http_request, content_type, 56);
PIN(convoca_http_request, parts, 64);
PIN(convoca_http_request, part_count, 72);
PIN(convoca_http_request, flags, 80);
_Static_assert(sizeof(convoca_http_request) == 88, "convoca_http_request 1.0 size");

PIN(convoca_http_response, struct_size, 0);
PIN(convoca_http_response, status, 4);
PIN(convoca_http_response, body, 8);
PIN(convoca_http_response, body_size, 16);
PIN(convoca_http_response, content_type, 24);
PIN(convoca_http_response, final_url, 32);
PIN(convoca_http_response, from_cache, 40);
PIN(convoca_http_response, headers, 48);
PIN(convoca_http_response, header_count, 56);
_Static_assert(sizeof(convoca_http_response) == 64, "convoca_http_response 1.0 size");

PIN(convoca_http_part, name, 0);
PIN(convoca_http_part, content_type, 8);
PIN(convoca_http_part, data, 16);
PIN(convoca_http_part, data_size, 24);
PIN(convoca_http_header, name, 0);
PIN(convoca_http_header, value, 8);

/* Status codes and capability bits are part of the ABI too. */
_Static_assert(CONVOCA_OK == 0 && CONVOCA_RETRY == 1 && CONVOCA_CONFIG == 2 && CONVOCA_SOURCE_FORMAT == 3 &&
                   CONVOCA_CANCELLED == 4 && CONVOCA_INTERNAL == 5 && CONVOCA_NETWORK == 6 &&
                   CONVOCA_UNSUPPORTED == 7,
               "status codes changed");
_Static_assert(CONVOCA_CAP_HARVEST == 1 && CONVOCA_CAP_PARSE == 2 && CONVOCA_CAP_INCREMENTAL == 4 &&
                   CONVOCA_CAP_DOCUMENTS == 8,
               "capability bits changed");

int convoca_abi_pins_compiled(void) {
  return CONVOCA_PLUGIN_ABI_MAJOR * 100 + CONVOCA_PLUGIN_ABI_MINOR;
}
