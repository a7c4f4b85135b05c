# CalfCoachBench.cmake — the two reference builds scripts/bench measures ours against (never shipped,
# never committed as binaries). Included from CMakeLists.txt when CALFCOACH_BENCH=ON (preset "bench").
#
# floor  bench/floor: a bare Dear ImGui + GLFW + WebGL2 window with one button, with our release flags
#        (calfcoach::imgui with our imconfig, -Oz, LTO, no filesystem, closure): the least this stack costs.
# peer   bench/peer: Dear ImGui's own demo window, built as ImGui's web examples are
#        (examples/example_glfw_opengl3/Makefile.emscripten of the same sources): ImGui's GLFW backend,
#        a continuous main loop, -Os, asserts on, -sASSERTIONS=1, no LTO, no closure.
#
# Outputs: ${CMAKE_BINARY_DIR}/floor and ${CMAKE_BINARY_DIR}/peer (index.html, style.css, boot.js,
# app.js, app.wasm each).

if(NOT EMSCRIPTEN OR NOT TARGET calfcoach::imgui)
  message(WARNING "CALFCOACH_BENCH needs the Emscripten build and the Dear ImGui sources: no reference builds")
  return()
endif()

set(CALFCOACH_BENCH_PEER_OPT "-Os" CACHE STRING
    "Optimisation of the peer build (ImGui's Makefile.emscripten uses -Os)")

set(_bench_dir "${CMAKE_SOURCE_DIR}/bench")
set(_bench_web_files "${_bench_dir}/web/boot.js" "${_bench_dir}/web/style.css")

# floor: exactly our flags (the helper's release defaults).
calfcoach_add_web_app(calfcoach_bench_floor
  SOURCES "${_bench_dir}/floor/main.cpp"
  LINK calfcoach::imgui
  OUTPUT_NAME app
  OUTPUT_DIR "${CMAKE_BINARY_DIR}/floor"
  WEB_FILES "${_bench_dir}/floor/index.html" ${_bench_web_files})

# peer: its own Dear ImGui library, WITHOUT our imconfig (the demo windows are compiled in), with the
# demo and ImGui's GLFW backend.
add_library(calfcoach_bench_imgui_demo STATIC
  "${CALFCOACH_IMGUI_DIR}/imgui.cpp"
  "${CALFCOACH_IMGUI_DIR}/imgui_demo.cpp"
  "${CALFCOACH_IMGUI_DIR}/imgui_draw.cpp"
  "${CALFCOACH_IMGUI_DIR}/imgui_tables.cpp"
  "${CALFCOACH_IMGUI_DIR}/imgui_widgets.cpp"
  "${CALFCOACH_IMGUI_DIR}/backends/imgui_impl_glfw.cpp"
  "${CALFCOACH_IMGUI_DIR}/backends/imgui_impl_opengl3.cpp")
target_include_directories(calfcoach_bench_imgui_demo SYSTEM PUBLIC
  "${CALFCOACH_IMGUI_DIR}" "${CALFCOACH_IMGUI_DIR}/backends")
# The Makefile builds without a filesystem and so defines IMGUI_DISABLE_FILE_FUNCTIONS; WebGL2 as ours.
target_compile_definitions(calfcoach_bench_imgui_demo PUBLIC IMGUI_DISABLE_FILE_FUNCTIONS IMGUI_IMPL_OPENGL_ES3)

calfcoach_add_web_app(calfcoach_bench_peer
  SOURCES "${_bench_dir}/peer/main.cpp"
  LINK calfcoach_bench_imgui_demo
  OUTPUT_NAME app
  OUTPUT_DIR "${CMAKE_BINARY_DIR}/peer"
  WEB_FILES "${_bench_dir}/peer/index.html" ${_bench_web_files}
  CONTINUOUS_LOOP)

# The bench preset is MinSizeRel (for the floor); give the peer ImGui's example flags instead:
# drop the directory-wide -flto, compile at CALFCOACH_BENCH_PEER_OPT (after -Oz on the command line, so
# it wins) with asserts on (no NDEBUG), and link with the Makefile's flags, without -Oz/-flto.
foreach(_target calfcoach_bench_imgui_demo calfcoach_bench_peer)
  set_property(TARGET ${_target} PROPERTY COMPILE_OPTIONS ${CALFCOACH_BENCH_PEER_OPT} -UNDEBUG)
endforeach()
get_target_property(_peer_link calfcoach_bench_peer LINK_OPTIONS)
list(REMOVE_ITEM _peer_link -Oz -flto)
list(APPEND _peer_link ${CALFCOACH_BENCH_PEER_OPT}
  -sWASM=1 -sALLOW_MEMORY_GROWTH=1 -sNO_EXIT_RUNTIME=0 -sASSERTIONS=1 -sNO_FILESYSTEM=1
  -sDISABLE_EXCEPTION_CATCHING=1)
set_property(TARGET calfcoach_bench_peer PROPERTY LINK_OPTIONS ${_peer_link})
