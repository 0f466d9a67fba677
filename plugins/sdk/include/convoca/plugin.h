/*
 * convoca plugin SDK — the whole C contract between convoca and a source plugin.
 *
 * A plugin is a shared library that exports one symbol:
 *
 *     CONVOCA_PLUGIN_EXPORT const convoca_plugin* convoca_plugin_entry(void);
 *
 * returning a pointer to a static, immutable descriptor. The host reads the
 * descriptor's ABI version before touching anything else and refuses the plugin
 * unless  abi_major == CONVOCA_PLUGIN_ABI_MAJOR  and  abi_minor <= the host's
 * minor. The host never unloads a plugin (no dlclose).
 *
 * Rules that hold for every function below:
 *  - Only C types cross this boundary. No exception may leave a plugin function
 *    (the C++ adapter in plugin.hpp catches them for you).
 *  - Strings are UTF-8 and NUL-terminated unless a length is given.
 *  - "Borrowed" memory belongs to the caller and is valid only for the duration
 *    of the call: copy what you keep.
 *  - Every struct starts with uint32_t struct_size. Structs only ever grow at the
 *    end; a reader treats fields past struct_size as absent (NULL / 0). Fill
 *    struct_size with sizeof(the struct) you compiled against.
 *  - A plugin never opens sockets or files itself: everything goes through the
 *    host services table, so every plugin is replayable and polite by
 *    construction.
 *  - One plugin instance is used by one thread at a time.
 *
 * Status codes: every plugin callback returns a CONVOCA_* status. On failure,
 * call host->set_error() first with a message; a failure without a message is
 * reported as a plugin bug.
 */
#ifndef CONVOCA_PLUGIN_H
#define CONVOCA_PLUGIN_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ABI version of this header. Major: incompatible change. Minor: appended fields. */
#define CONVOCA_PLUGIN_ABI_MAJOR 1
#define CONVOCA_PLUGIN_ABI_MINOR 0

/* Version of the JSON record schema plugins emit (see plugins/sdk/README.md). */
#define CONVOCA_RECORD_SCHEMA_VERSION 1

#if defined(_WIN32)
#define CONVOCA_PLUGIN_EXPORT __declspec(dllexport)
#else
#define CONVOCA_PLUGIN_EXPORT __attribute__((visibility("default")))
#endif

/* ---- status codes ------------------------------------------------------ */
enum {
  CONVOCA_OK = 0,
  CONVOCA_RETRY = 1,         /* transient failure (network, 5xx); a later run may succeed */
  CONVOCA_CONFIG = 2,        /* an option is missing or invalid */
  CONVOCA_SOURCE_FORMAT = 3, /* the payload is not in the format the plugin expects */
  CONVOCA_CANCELLED = 4,     /* the host asked to stop (cancelled() returned 1) */
  CONVOCA_INTERNAL = 5,      /* a bug or an unexpected state in the plugin */
  CONVOCA_NETWORK = 6,       /* the source could not be reached after the host's retries */
  CONVOCA_UNSUPPORTED = 7    /* the operation is not offered (e.g. parse of this payload kind) */
};

/* ---- capabilities (convoca_plugin.capabilities, bit flags) -------------- */
#define CONVOCA_CAP_HARVEST (1u << 0)     /* harvest() fetches from the source */
#define CONVOCA_CAP_PARSE (1u << 1)       /* parse() reads saved payload files */
#define CONVOCA_CAP_INCREMENTAL (1u << 2) /* uses cursors to fetch only what changed */
#define CONVOCA_CAP_DOCUMENTS (1u << 3)   /* emits records of kind "document" */

/* ---- log levels ---------------------------------------------------------- */
enum { CONVOCA_LOG_DEBUG = 0, CONVOCA_LOG_INFO = 1, CONVOCA_LOG_WARNING = 2, CONVOCA_LOG_ERROR = 3 };

/* ---- HTTP ---------------------------------------------------------------- */
typedef struct convoca_http_header {
  const char* name;
  const char* value;
} convoca_http_header;

/* One part of a multipart/form-data body. */
typedef struct convoca_http_part {
  const char* name;         /* form field name */
  const char* content_type; /* e.g. "application/json"; NULL = text/plain */
  const char* data;         /* part content, data_size bytes */
  size_t data_size;
} convoca_http_part;

/* Request flags. */
#define CONVOCA_HTTP_NO_CACHE (1u << 0) /* skip the ETag/Last-Modified conditional request */

/* A request. All pointers are borrowed for the duration of http(). */
typedef struct convoca_http_request {
  uint32_t struct_size;
  const char* method;                 /* "GET" or "POST" */
  const char* url;                    /* absolute http(s) URL, query string included */
  const convoca_http_header* headers; /* extra headers (User-Agent is the host's) */
  size_t header_count;
  const char* body; /* raw body for POST, body_size bytes, or NULL */
  size_t body_size;
  const char* content_type;       /* content type of body; ignored when parts are given */
  const convoca_http_part* parts; /* when part_count > 0 the body is multipart/form-data */
  size_t part_count;
  uint32_t flags; /* CONVOCA_HTTP_* */
} convoca_http_request;

/* A response. Owned by the host: read it, then release it with free_response(). */
typedef struct convoca_http_response {
  uint32_t struct_size;
  int status;       /* HTTP status of the final answer (after redirects) */
  const char* body; /* body bytes (NUL-terminated for convenience), body_size long */
  size_t body_size;
  const char* content_type; /* may be "" */
  const char* final_url;    /* URL after redirects */
  int from_cache;           /* 1 when the server answered 304 and body is the cached copy */
  const convoca_http_header* headers;
  size_t header_count;
} convoca_http_response;

/* ---- host services ---------------------------------------------------------
 * The host passes this table to create(). `host` is the opaque handle to pass
 * back on every call. Pointers in the table stay valid until destroy() returns.
 */
typedef struct convoca_host convoca_host;

typedef struct convoca_host_api {
  uint32_t struct_size;
  uint16_t abi_major; /* the host's ABI version */
  uint16_t abi_minor;

  /* Performs an HTTP request with the host's timeouts, retries (exponential
   * backoff with jitter, Retry-After), per-host rate limit, robots.txt,
   * conditional GET and size cap; in replay mode it answers from recordings.
   * On CONVOCA_OK *response is set (any HTTP status, including 4xx/5xx after
   * retries). On failure (CONVOCA_NETWORK, CONVOCA_CANCELLED, CONVOCA_CONFIG for
   * a URL robots.txt disallows) *response is NULL and the reason was logged.
   * Free the response with free_response(). */
  int (*http)(convoca_host* host, const convoca_http_request* request, convoca_http_response** response);
  /* Releases a response returned by http(). NULL is ignored. */
  void (*free_response)(convoca_host* host, convoca_http_response* response);

  /* Hands one record (JSON object text, json_size bytes, borrowed) to the host,
   * which copies and validates it. Returns CONVOCA_OK when accepted,
   * CONVOCA_SOURCE_FORMAT when rejected (the host counts and logs the reason),
   * CONVOCA_CANCELLED when the run is being cancelled. */
  int (*emit_record)(convoca_host* host, const char* json, size_t json_size);

  /* Value of a configured option, or NULL when unset (the plugin applies the
   * default it declared). Borrowed; valid until destroy(). */
  const char* (*get_option)(convoca_host* host, const char* name);

  /* Reads a small persistent cursor value; NULL when never stored. Borrowed;
   * valid until the next cursor_put() of the same key. */
  const char* (*cursor_get)(convoca_host* host, const char* key);
  /* Stores a cursor value (copied). Values put during a harvest are saved only
   * when harvest() returns CONVOCA_OK, so a failed run is retried from the old
   * cursor. Returns CONVOCA_OK or CONVOCA_INTERNAL when the value is too large
   * (limit 64 KiB). */
  int (*cursor_put)(convoca_host* host, const char* key, const char* value);

  /* Writes one log line (copied) at a CONVOCA_LOG_* level. */
  void (*log)(convoca_host* host, int level, const char* message);
  /* Reports progress; total 0 = unknown. Also tells the host the plugin is alive. */
  void (*progress)(convoca_host* host, uint64_t done, uint64_t total);
  /* 1 when the host asks the plugin to stop; return CONVOCA_CANCELLED soon after. */
  int (*cancelled)(convoca_host* host);
  /* Sets the error reported with a failing status. The message is copied. */
  void (*set_error)(convoca_host* host, int status, const char* message);

  /* Turns HTML (html_size bytes, borrowed) into plain text: tags dropped, block
   * elements on their own lines, entities decoded, whitespace collapsed.
   * Returns a string owned by the host; release it with free_string(). NULL on
   * allocation failure. */
  char* (*html_to_text)(convoca_host* host, const char* html, size_t html_size);
  /* Releases a string returned by the host. NULL is ignored. */
  void (*free_string)(convoca_host* host, char* text);

  /* Converts a wall-clock time in an IANA zone ("Europe/Brussels") to RFC 3339
   * with that zone's offset at that moment: local "2024-02-07T17:00:00" ->
   * "2024-02-07T17:00:00+01:00". out must hold at least 32 bytes. Returns
   * CONVOCA_OK, or CONVOCA_SOURCE_FORMAT for an unreadable time or zone. */
  int (*local_to_rfc3339)(convoca_host* host, const char* zone, const char* local_time, char* out,
                          size_t out_size);
  /* Formats an instant (milliseconds since the Unix epoch) as RFC 3339 in an
   * IANA zone: 1727560740000, "Europe/Brussels" -> "2024-09-28T23:59:00+02:00". */
  int (*instant_to_rfc3339)(convoca_host* host, const char* zone, int64_t unix_ms, char* out,
                            size_t out_size);
} convoca_host_api;

/* ---- the plugin descriptor ------------------------------------------------ */
typedef struct convoca_plugin {
  uint32_t struct_size; /* sizeof(convoca_plugin) the plugin was built with */
  uint16_t abi_major;   /* CONVOCA_PLUGIN_ABI_MAJOR the plugin was built with */
  uint16_t abi_minor;   /* CONVOCA_PLUGIN_ABI_MINOR the plugin was built with */

  const char* id;          /* source id, [a-z0-9-]+, e.g. "eu-ft"; part of every record id */
  const char* version;     /* the plugin's own semantic version, e.g. "1.2.0" */
  const char* description; /* one line for `convoca plugins` */
  /* JSON array describing the options the plugin reads with get_option():
   * [{"name":"page_size","type":"int","default":"100","help":"..."}, ...]
   * type is one of string, int, bool, list (comma-separated), secret. */
  const char* options_json;
  uint64_t capabilities; /* CONVOCA_CAP_* */

  /* Creates an instance. `api` and `host` stay valid until destroy(). On
   * CONVOCA_OK *instance is the plugin's state (may be NULL). */
  int (*create)(const convoca_host_api* api, convoca_host* host, void** instance);
  /* Fetches from the source and emits records. NULL without CONVOCA_CAP_HARVEST. */
  int (*harvest)(void* instance);
  /* Parses one saved payload (data, size bytes, borrowed; name is the file name,
   * a hint for the payload kind) and emits its records. NULL without
   * CONVOCA_CAP_PARSE. */
  int (*parse)(void* instance, const char* name, const char* data, size_t size);
  /* Frees the instance. Called once, also after a failed harvest or parse. */
  void (*destroy)(void* instance);
} convoca_plugin;

/* The one exported symbol. The descriptor it returns must live forever. */
typedef const convoca_plugin* (*convoca_plugin_entry_fn)(void);
#define CONVOCA_PLUGIN_ENTRY_SYMBOL "convoca_plugin_entry"

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* CONVOCA_PLUGIN_H */
