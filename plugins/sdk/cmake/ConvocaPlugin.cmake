# convoca_add_plugin(NAME <id> SOURCES <files...> [LIBRARIES <libs...>] [OUTPUT_DIRECTORY <dir>])
#
# Builds a source plugin as a shared library named <id>.so that exports only
# convoca_plugin_entry (and its per-name alias). Works inside the convoca tree and
# against an installed SDK (find_package(ConvocaPluginSDK)).
function(convoca_add_plugin)
  cmake_parse_arguments(ARG "" "NAME;OUTPUT_DIRECTORY" "SOURCES;LIBRARIES" ${ARGN})
  if(NOT ARG_NAME OR NOT ARG_SOURCES)
    message(FATAL_ERROR "convoca_add_plugin: NAME and SOURCES are required")
  endif()
  set(target convoca_plugin_${ARG_NAME})
  string(REPLACE "-" "_" target "${target}")
  add_library(${target} MODULE ${ARG_SOURCES})
  if(TARGET convoca::plugin_sdk)
    target_link_libraries(${target} PRIVATE convoca::plugin_sdk)
  elseif(TARGET ConvocaPluginSDK::sdk)
    target_link_libraries(${target} PRIVATE ConvocaPluginSDK::sdk)
  else()
    message(FATAL_ERROR "convoca_add_plugin: the plugin SDK target is not available")
  endif()
  target_link_libraries(${target} PRIVATE ${ARG_LIBRARIES})
  set_target_properties(${target} PROPERTIES
    PREFIX ""
    OUTPUT_NAME "${ARG_NAME}"
    CXX_STANDARD 17
    CXX_VISIBILITY_PRESET hidden
    VISIBILITY_INLINES_HIDDEN ON)
  if(ARG_OUTPUT_DIRECTORY)
    set_target_properties(${target} PROPERTIES LIBRARY_OUTPUT_DIRECTORY "${ARG_OUTPUT_DIRECTORY}")
  elseif(DEFINED CONVOCA_BUILD_PLUGIN_DIR)
    set_target_properties(${target} PROPERTIES LIBRARY_OUTPUT_DIRECTORY "${CONVOCA_BUILD_PLUGIN_DIR}")
  endif()
  # Refuse undefined symbols at link time: a plugin must not expect host symbols.
  # Except under clang's sanitizers, whose runtime lives in the executable that
  # loads the plugin (a module cannot link it).
  if(NOT (CMAKE_CXX_COMPILER_ID MATCHES "Clang" AND CMAKE_CXX_FLAGS MATCHES "-fsanitize="))
    target_link_options(${target} PRIVATE "LINKER:--no-undefined")
  endif()
  if(DEFINED CONVOCA_INSTALL_PLUGIN_DIR AND NOT ARG_OUTPUT_DIRECTORY)
    install(TARGETS ${target} LIBRARY DESTINATION "${CONVOCA_INSTALL_PLUGIN_DIR}")
  endif()
endfunction()
