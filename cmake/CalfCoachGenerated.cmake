# Generated sources, rebuilt when their inputs change; nothing here is committed.
#
# calfcoach_default_content  content/*.json compiled in, so the app and the tool start with no other file.
# calfcoach_font             Roboto Regular (Debian's fonts-roboto-unhinted) subset to the characters we
#                            use, as a byte array: no .data file, one-file page stays one file.

file(MAKE_DIRECTORY ${CMAKE_BINARY_DIR}/generated)

set(CALFCOACH_CONTENT_FILES
  ${CMAKE_SOURCE_DIR}/content/routines.json
  ${CMAKE_SOURCE_DIR}/content/techniques.json
  ${CMAKE_SOURCE_DIR}/content/learn.json
  ${CMAKE_SOURCE_DIR}/content/triage.json)

set(_content_cpp ${CMAKE_BINARY_DIR}/generated/default_content.cpp)
string(REPLACE ";" "|" _content_files_arg "${CALFCOACH_CONTENT_FILES}")  # a list cannot cross -D as is
add_custom_command(
  OUTPUT ${_content_cpp}
  COMMAND ${CMAKE_COMMAND} -DOUT=${_content_cpp} "-DFILES=${_content_files_arg}"
          -P ${CMAKE_SOURCE_DIR}/cmake/embed_content.cmake
  DEPENDS ${CALFCOACH_CONTENT_FILES} ${CMAKE_SOURCE_DIR}/cmake/embed_content.cmake
  COMMENT "Compiling the default content in"
  VERBATIM)
add_library(calfcoach_default_content STATIC ${_content_cpp})
target_link_libraries(calfcoach_default_content PUBLIC calfcoach_core)

if(TARGET calfcoach::imgui)
  set(CALFCOACH_FONT_TTF "/usr/share/fonts/truetype/roboto/unhinted/RobotoTTF/Roboto-Regular.ttf" CACHE FILEPATH
      "The UI font (fonts-roboto-unhinted)")
  file(GLOB _font_text_sources CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/src/ui/*.cpp)
  set(_font_cpp ${CMAKE_BINARY_DIR}/generated/font_data.cpp)
  add_custom_command(
    OUTPUT ${_font_cpp}
    COMMAND ${CALFCOACH_HOST_PYTHON} ${CMAKE_SOURCE_DIR}/cmake/make_font.py
            --ttf ${CALFCOACH_FONT_TTF} --out ${_font_cpp}
            --text ${CALFCOACH_CONTENT_FILES} ${_font_text_sources}
    DEPENDS ${CMAKE_SOURCE_DIR}/cmake/make_font.py ${CALFCOACH_CONTENT_FILES} ${_font_text_sources}
    COMMENT "Subsetting the UI font"
    VERBATIM)
  add_library(calfcoach_font STATIC ${_font_cpp})
  target_include_directories(calfcoach_font PUBLIC ${CMAKE_SOURCE_DIR}/src)
endif()
