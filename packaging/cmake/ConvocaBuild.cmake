# One helper per kind of target (Abseil style): every folder's CMakeLists.txt is a
# few calls of these.

function(convoca_set_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow
    $<$<COMPILE_LANGUAGE:CXX>:-Wnon-virtual-dtor>)
  if(CONVOCA_WARNINGS_AS_ERRORS)
    # GCC 12's -Wmaybe-uninitialized misfires at -O2 inside inlined library
    # templates (date/date.h's parser): kept as a warning, not an error.
    target_compile_options(${target} PRIVATE -Werror)
    if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
      target_compile_options(${target} PRIVATE -Wno-error=maybe-uninitialized)
    endif()
  endif()
endfunction()

# convoca_add_library(NAME name SOURCES ... [PUBLIC_INCLUDE dir] [DEPS ...] [PRIVATE_DEPS ...])
# Creates convoca_<name> with the alias convoca::<name>.
function(convoca_add_library)
  cmake_parse_arguments(ARG "" "NAME;PUBLIC_INCLUDE" "SOURCES;DEPS;PRIVATE_DEPS" ${ARGN})
  set(target convoca_${ARG_NAME})
  add_library(${target} STATIC ${ARG_SOURCES})
  add_library(convoca::${ARG_NAME} ALIAS ${target})
  if(ARG_PUBLIC_INCLUDE)
    target_include_directories(${target} PUBLIC ${ARG_PUBLIC_INCLUDE})
  endif()
  target_link_libraries(${target} PUBLIC ${ARG_DEPS} PRIVATE ${ARG_PRIVATE_DEPS})
  convoca_set_warnings(${target})
endfunction()

# convoca_add_test(NAME name SOURCES ... [DEPS ...] [LABELS ...])
# A GoogleTest executable whose tests run from the source tree root, so tests can
# read fixtures as ./fixtures/... and the shared data as ../shared/...
function(convoca_add_test)
  cmake_parse_arguments(ARG "" "NAME" "SOURCES;DEPS;LABELS" ${ARGN})
  set(target test_${ARG_NAME})
  add_executable(${target} ${ARG_SOURCES})
  target_link_libraries(${target} PRIVATE ${ARG_DEPS} GTest::gtest convoca_gtest_main Threads::Threads)
  target_compile_definitions(${target} PRIVATE
    CONVOCA_SOURCE_DIR="${PROJECT_SOURCE_DIR}"
    CONVOCA_BINARY_DIR="${PROJECT_BINARY_DIR}")
  convoca_set_warnings(${target})
  set(labels ${ARG_LABELS})
  if(NOT labels)
    set(labels unit)
  endif()
  gtest_discover_tests(${target}
    WORKING_DIRECTORY "${PROJECT_SOURCE_DIR}"
    PROPERTIES LABELS "${labels}" TIMEOUT 300
    DISCOVERY_TIMEOUT 60
    # At test time, so parameterised suites see every plugin built by then.
    DISCOVERY_MODE PRE_TEST)
endfunction()
