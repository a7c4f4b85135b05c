# Dependencies, found the same way natively and under Emscripten.
#
# calfcoach::json   nlohmann/json 3.11 (Debian's nlohmann-json3-dev)
# calfcoach::qrcodegen  Nayuki's QR Code generator (its C file), from the source package scripts/setup unpacks
# calfcoach::imgui  Dear ImGui core + the GLFW/OpenGL3 backends under Emscripten, core only natively,
#                   built from the sources scripts/setup unpacks; configured through IMGUI_USER_CONFIG.

add_library(calfcoach_json INTERFACE)
add_library(calfcoach::json ALIAS calfcoach_json)
if(EMSCRIPTEN)
  # emcmake searches only the sysroot, and -isystem /usr/include breaks the wasm build:
  # expose just the nlohmann headers through a generated folder.
  set(_json_root "${CMAKE_BINARY_DIR}/generated/json-include")
  if(NOT EXISTS "${_json_root}/nlohmann/json.hpp")
    file(MAKE_DIRECTORY "${_json_root}")
    file(CREATE_LINK /usr/include/nlohmann "${_json_root}/nlohmann" SYMBOLIC)
  endif()
  target_include_directories(calfcoach_json SYSTEM INTERFACE "${_json_root}")
  # The wasm build has exceptions off; our code never relies on them (see json_safe.hpp).
  target_compile_definitions(calfcoach_json INTERFACE JSON_NOEXCEPTION=1)
else()
  find_package(nlohmann_json 3.11 REQUIRED)
  target_link_libraries(calfcoach_json INTERFACE nlohmann_json::nlohmann_json)
endif()

# The core makes the prescription's QR code with it, so it is required (the tool and the app need it).
# Its C implementation, not the C++ one: the same generator, but the C++ one builds its "data too
# long" message with std::ostringstream, which pulled all of iostreams into the wasm (+31 KB gzip).
if(NOT EXISTS "${CALFCOACH_QRCODEGEN_DIR}/c/qrcodegen.c")
  message(FATAL_ERROR "QR Code generator sources not found at ${CALFCOACH_QRCODEGEN_DIR}: run scripts/setup")
endif()
add_library(calfcoach_qrcodegen STATIC "${CALFCOACH_QRCODEGEN_DIR}/c/qrcodegen.c")
add_library(calfcoach::qrcodegen ALIAS calfcoach_qrcodegen)
set_target_properties(calfcoach_qrcodegen PROPERTIES C_STANDARD 99)
target_include_directories(calfcoach_qrcodegen SYSTEM PUBLIC "${CALFCOACH_QRCODEGEN_DIR}/c")

if(EXISTS "${CALFCOACH_IMGUI_DIR}/imgui.cpp")
  set(_imgui_sources
    ${CALFCOACH_IMGUI_DIR}/imgui.cpp
    ${CALFCOACH_IMGUI_DIR}/imgui_draw.cpp
    ${CALFCOACH_IMGUI_DIR}/imgui_tables.cpp
    ${CALFCOACH_IMGUI_DIR}/imgui_widgets.cpp)
  if(EMSCRIPTEN)
    list(APPEND _imgui_sources ${CALFCOACH_IMGUI_DIR}/backends/imgui_impl_opengl3.cpp)
  endif()
  add_library(calfcoach_imgui STATIC ${_imgui_sources})
  add_library(calfcoach::imgui ALIAS calfcoach_imgui)
  target_include_directories(calfcoach_imgui SYSTEM PUBLIC ${CALFCOACH_IMGUI_DIR} ${CALFCOACH_IMGUI_DIR}/backends)
  target_include_directories(calfcoach_imgui PUBLIC ${CMAKE_SOURCE_DIR}/src/ui/config)
  target_compile_definitions(calfcoach_imgui PUBLIC IMGUI_USER_CONFIG="calfcoach_imconfig.h")
  if(EMSCRIPTEN)
    target_compile_definitions(calfcoach_imgui PUBLIC IMGUI_IMPL_OPENGL_ES3)
  endif()
else()
  message(STATUS "Dear ImGui sources not found at ${CALFCOACH_IMGUI_DIR}: UI not built (run scripts/setup)")
endif()
