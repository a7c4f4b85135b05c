# CalfCoachWeb.cmake — one helper to add a WebAssembly app (ours, and the benchmark's reference builds).
#
# calfcoach_add_web_app(<target>
#   SOURCES <files...>        C++ sources of the app (main and platform)
#   LINK <targets...>         libraries to link (e.g. calfcoach_ui calfcoach_font)
#   [OUTPUT_NAME <name>]      base name of the emitted .js/.wasm             default: <target>
#   [OUTPUT_DIR <dir>]        where the .js/.wasm go                          default: CALFCOACH_DIST_DIR
#   [WEB_FILES <files...>]    static files copied beside them (index.html...) default: none
#   [CONTINUOUS_LOOP]         reference builds only: flags of ImGui's own web examples, no closure
# )
#
# Release flags are the lean ones measured in TOOLCHAIN.md: -Oz, LTO, no filesystem, closure.
# Memory, every build: 16 MB at start, growth allowed up to 128 MB (iOS can refuse larger maximums).

set(CALFCOACH_DIST_DIR "${CMAKE_SOURCE_DIR}/dist" CACHE PATH "Where the web build puts the site")

# Lean code generation for every target of the web build (our code and Dear ImGui alike).
set(CMAKE_CXX_FLAGS_MINSIZEREL "-Oz -DNDEBUG" CACHE STRING "" FORCE)
set(CMAKE_C_FLAGS_MINSIZEREL "-Oz -DNDEBUG" CACHE STRING "" FORCE)
if(CMAKE_BUILD_TYPE STREQUAL "MinSizeRel")
  add_compile_options(-flto)
endif()

function(calfcoach_add_web_app target)
  cmake_parse_arguments(APP "CONTINUOUS_LOOP" "OUTPUT_NAME;OUTPUT_DIR" "SOURCES;LINK;WEB_FILES" ${ARGN})
  if(NOT APP_OUTPUT_NAME)
    set(APP_OUTPUT_NAME ${target})
  endif()
  if(NOT APP_OUTPUT_DIR)
    set(APP_OUTPUT_DIR ${CALFCOACH_DIST_DIR})
  endif()

  add_executable(${target} ${APP_SOURCES})
  target_link_libraries(${target} PRIVATE ${APP_LINK})
  set_target_properties(${target} PROPERTIES
    OUTPUT_NAME ${APP_OUTPUT_NAME}
    SUFFIX ".js"
    RUNTIME_OUTPUT_DIRECTORY ${APP_OUTPUT_DIR})

  set(_link
    -sUSE_GLFW=3
    -sMIN_WEBGL_VERSION=2 -sMAX_WEBGL_VERSION=2
    -sENVIRONMENT=web
    -sALLOW_MEMORY_GROWTH=1
    # 16 MB at start (Emscripten's default, made explicit; a session stays within it), growing on
    # demand to at most 128 MB: iOS Safari can refuse to make a WebAssembly memory whose maximum is
    # large (the default maximum is 2 GB), and then the app would not start on an iPhone at all.
    -sINITIAL_MEMORY=16MB
    -sMAXIMUM_MEMORY=128MB
    -sEXIT_RUNTIME=0)
  if(NOT APP_CONTINUOUS_LOOP)
    # No eval / new Function in the output (strict CSP); no virtual filesystem; small malloc.
    list(APPEND _link -sFILESYSTEM=0 -sDYNAMIC_EXECUTION=0 -sMALLOC=emmalloc
                      -sEXPORTED_FUNCTIONS=_main,_malloc,_free
                      -sEXPORTED_RUNTIME_METHODS=UTF8ToString)
  endif()
  if(CMAKE_BUILD_TYPE STREQUAL "MinSizeRel")
    list(APPEND _link -Oz -flto)
    if(NOT APP_CONTINUOUS_LOOP)
      list(APPEND _link --closure=1)
    endif()
  else()
    list(APPEND _link -O0 -g -sASSERTIONS=1)
  endif()
  target_link_options(${target} PRIVATE ${_link})

  if(APP_WEB_FILES)
    set(_copied "")
    foreach(_file IN LISTS APP_WEB_FILES)
      get_filename_component(_name ${_file} NAME)
      add_custom_command(
        OUTPUT ${APP_OUTPUT_DIR}/${_name}
        COMMAND ${CMAKE_COMMAND} -E copy_if_different ${_file} ${APP_OUTPUT_DIR}/${_name}
        DEPENDS ${_file} VERBATIM)
      list(APPEND _copied ${APP_OUTPUT_DIR}/${_name})
    endforeach()
    add_custom_target(${target}_web_files ALL DEPENDS ${_copied})
    add_dependencies(${target} ${target}_web_files)
  endif()
endfunction()
