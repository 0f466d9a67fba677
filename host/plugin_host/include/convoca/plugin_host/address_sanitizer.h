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

// CONVOCA_THREAD_SANITIZER: the same for ThreadSanitizer (the tsan preset),
// which also reserves its shadow memory up front.
#if defined(__SANITIZE_THREAD__)
#define CONVOCA_THREAD_SANITIZER 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define CONVOCA_THREAD_SANITIZER 1
#endif
#endif
