#pragma once
// CONVOCA_ADDRESS_SANITIZER is defined when this build runs under AddressSanitizer
// (the asan-ubsan and ci presets). GCC says so with __SANITIZE_ADDRESS__, clang
// only through __has_feature(address_sanitizer): test both, never one alone.
#if defined(__SANITIZE_ADDRESS__)
#define CONVOCA_ADDRESS_SANITIZER 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define CONVOCA_ADDRESS_SANITIZER 1
#endif
#endif
