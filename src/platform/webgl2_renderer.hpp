// webgl2_renderer.hpp — draws Dear ImGui's output with WebGL2 (webgl2_renderer_web.cpp).
//
// Why not Dear ImGui's OpenGL3 backend: it saves and restores 14 pieces of GL state around every frame
// with glGetIntegerv, and in a browser each of those is a synchronous round trip to the GPU process
// (about 2 ms a frame under SwiftShader: a quarter of a playing session's main-thread time). This page
// owns its WebGL context alone, so there is nothing to save: state is set, never read back.
#pragma once

struct ImDrawData;
struct ImVec4;

namespace calfcoach::platform {

// Makes the shader and buffers on the current context (the font texture: webgl2_renderer_update_fonts). False (with a console
// message) if the shader failed; the page then shows its "graphics" notice.
bool webgl2_renderer_init();
// Forgets every GL object without deleting it: after a lost context they are already gone.
void webgl2_renderer_forget();
// Builds the font atlas if needed and uploads it: after the fonts are made or rebuilt for a new scale,
// and after a restored context.
void webgl2_renderer_update_fonts();
// Clears a framebuffer of this size (device pixels) to `background` (RGBA, 0 to 1) and draws one
// frame's lists into it.
void webgl2_renderer_draw(const ImDrawData& draw_data, int framebuffer_width, int framebuffer_height, ImVec4 background);

}  // namespace calfcoach::platform
