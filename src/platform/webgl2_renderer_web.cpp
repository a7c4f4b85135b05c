// webgl2_renderer_web.cpp — Dear ImGui's draw lists on WebGL2, with no GL state read back (see the
// header for why). One shader, one vertex array, one font texture holding only coverage (R8): the app
// draws text and shapes, never images, so the atlas needs no colour.
#include "platform/webgl2_renderer.hpp"

#include <GLES3/gl3.h>
#include <emscripten.h>

#include <cstddef>
#include <cstdint>

#include "imgui.h"

namespace calfcoach::platform {
namespace {

struct Renderer {
    GLuint program = 0;
    GLint scale_location = -1;   // vec2: CSS-to-clip scale
    GLint offset_location = -1;  // vec2: CSS-to-clip offset
    GLuint vertex_array = 0;
    GLuint vertex_buffer = 0;
    GLuint index_buffer = 0;
    GLuint font_texture = 0;
};
Renderer g_renderer;

static_assert(sizeof(ImDrawIdx) == 2, "the draw call below uses 16-bit indices");

constexpr const char* kVertexShader = R"(#version 300 es
uniform vec2 u_scale;
uniform vec2 u_offset;
layout(location = 0) in vec2 a_position;
layout(location = 1) in vec2 a_uv;
layout(location = 2) in vec4 a_color;
out vec2 v_uv;
out vec4 v_color;
void main() {
    v_uv = a_uv;
    v_color = a_color;
    gl_Position = vec4(a_position * u_scale + u_offset, 0.0, 1.0);
})";

// The atlas stores coverage in its red channel; colour comes from the vertex.
constexpr const char* kFragmentShader = R"(#version 300 es
precision mediump float;
uniform sampler2D u_texture;
in vec2 v_uv;
in vec4 v_color;
out vec4 o_color;
void main() {
    o_color = vec4(v_color.rgb, v_color.a * texture(u_texture, v_uv).r);
})";

GLuint compile(GLenum kind, const char* source) {
    const GLuint shader = glCreateShader(kind);
    glShaderSource(shader, 1, &source, nullptr);
    glCompileShader(shader);
    GLint ok = GL_FALSE;
    glGetShaderiv(shader, GL_COMPILE_STATUS, &ok);  // once, at start-up
    if (ok != GL_TRUE) {
        char log[512] = {};
        glGetShaderInfoLog(shader, sizeof log, nullptr, log);
        emscripten_log(EM_LOG_CONSOLE | EM_LOG_ERROR, "calfcoach: shader failed: %s", log);
        glDeleteShader(shader);
        return 0;
    }
    return shader;
}

bool make_program() {
    const GLuint vertex = compile(GL_VERTEX_SHADER, kVertexShader);
    const GLuint fragment = compile(GL_FRAGMENT_SHADER, kFragmentShader);
    if (vertex == 0 || fragment == 0) return false;
    Renderer& r = g_renderer;
    r.program = glCreateProgram();
    glAttachShader(r.program, vertex);
    glAttachShader(r.program, fragment);
    glLinkProgram(r.program);
    glDeleteShader(vertex);
    glDeleteShader(fragment);
    GLint ok = GL_FALSE;
    glGetProgramiv(r.program, GL_LINK_STATUS, &ok);
    if (ok != GL_TRUE) {
        emscripten_log(EM_LOG_CONSOLE | EM_LOG_ERROR, "calfcoach: shader program failed to link");
        return false;
    }
    r.scale_location = glGetUniformLocation(r.program, "u_scale");
    r.offset_location = glGetUniformLocation(r.program, "u_offset");
    glUseProgram(r.program);
    glUniform1i(glGetUniformLocation(r.program, "u_texture"), 0);
    return true;
}

void make_buffers() {
    Renderer& r = g_renderer;
    glGenVertexArrays(1, &r.vertex_array);
    glGenBuffers(1, &r.vertex_buffer);
    glGenBuffers(1, &r.index_buffer);
    glBindVertexArray(r.vertex_array);
    glBindBuffer(GL_ARRAY_BUFFER, r.vertex_buffer);
    glBindBuffer(GL_ELEMENT_ARRAY_BUFFER, r.index_buffer);  // recorded in the vertex array
    const auto offset = [](std::size_t bytes) { return reinterpret_cast<const void*>(bytes); };
    glEnableVertexAttribArray(0);
    glEnableVertexAttribArray(1);
    glEnableVertexAttribArray(2);
    glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, sizeof(ImDrawVert), offset(offsetof(ImDrawVert, pos)));
    glVertexAttribPointer(1, 2, GL_FLOAT, GL_FALSE, sizeof(ImDrawVert), offset(offsetof(ImDrawVert, uv)));
    glVertexAttribPointer(2, 4, GL_UNSIGNED_BYTE, GL_TRUE, sizeof(ImDrawVert), offset(offsetof(ImDrawVert, col)));
}

// The fixed state of every frame: set, never read back (nothing else draws on this context).
void set_render_state(const ImDrawData& draw_data, int framebuffer_width, int framebuffer_height) {
    const Renderer& r = g_renderer;
    glViewport(0, 0, framebuffer_width, framebuffer_height);  // again: a user callback may reset state
    glEnable(GL_BLEND);
    glBlendEquation(GL_FUNC_ADD);
    glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
    glDisable(GL_CULL_FACE);
    glDisable(GL_DEPTH_TEST);
    glDisable(GL_STENCIL_TEST);
    glEnable(GL_SCISSOR_TEST);
    glUseProgram(r.program);
    // Orthographic projection of the display rectangle onto clip space (y down).
    const float left = draw_data.DisplayPos.x;
    const float right = left + draw_data.DisplaySize.x;
    const float top = draw_data.DisplayPos.y;
    const float bottom = top + draw_data.DisplaySize.y;
    glUniform2f(r.scale_location, 2.0f / (right - left), 2.0f / (top - bottom));
    glUniform2f(r.offset_location, (right + left) / (left - right), (top + bottom) / (bottom - top));
    glActiveTexture(GL_TEXTURE0);
    glBindVertexArray(r.vertex_array);
    glBindBuffer(GL_ARRAY_BUFFER, r.vertex_buffer);
}

}  // namespace

bool webgl2_renderer_init() {
    ImGuiIO& io = ImGui::GetIO();
    io.BackendRendererName = "calfcoach_webgl2";
    if (!make_program()) return false;
    make_buffers();
    return true;  // the font texture follows once the app has made its fonts (update_fonts)
}

void webgl2_renderer_forget() {
    g_renderer = Renderer{};
    ImGui::GetIO().Fonts->SetTexID(ImTextureID{});
}

void webgl2_renderer_update_fonts() {
    Renderer& r = g_renderer;
    ImFontAtlas& atlas = *ImGui::GetIO().Fonts;
    // Built by ui::build_fonts (never through GetTexDataAs*, which would link ImGui's default font).
    const unsigned char* pixels = atlas.TexPixelsAlpha8;
    const int width = atlas.TexWidth;
    const int height = atlas.TexHeight;
    if (pixels == nullptr || width <= 0 || height <= 0) {
        emscripten_log(EM_LOG_CONSOLE | EM_LOG_ERROR, "calfcoach: the font atlas was not built");
        return;
    }
    if (r.font_texture == 0) glGenTextures(1, &r.font_texture);
    glActiveTexture(GL_TEXTURE0);
    glBindTexture(GL_TEXTURE_2D, r.font_texture);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_R8, width, height, 0, GL_RED, GL_UNSIGNED_BYTE, pixels);
    atlas.SetTexID(reinterpret_cast<ImTextureID>(static_cast<std::intptr_t>(r.font_texture)));
}

void webgl2_renderer_draw(const ImDrawData& draw_data, int framebuffer_width, int framebuffer_height, ImVec4 background) {
    const Renderer& r = g_renderer;
    if (framebuffer_width <= 0 || framebuffer_height <= 0) return;
    // The whole framebuffer: the last frame left the scissor test on, clipped to its last command.
    glViewport(0, 0, framebuffer_width, framebuffer_height);
    glDisable(GL_SCISSOR_TEST);
    glClearColor(background.x, background.y, background.z, background.w);
    glClear(GL_COLOR_BUFFER_BIT);
    if (r.program == 0) return;
    set_render_state(draw_data, framebuffer_width, framebuffer_height);
    // Work in framebuffer pixels: the shell sets DisplayFramebufferScale, normally 1 (device pixels).
    const ImVec2 clip_offset = draw_data.DisplayPos;
    const ImVec2 clip_scale = draw_data.FramebufferScale;
    GLuint bound_texture = 0;
    for (int list_index = 0; list_index < draw_data.CmdListsCount; ++list_index) {
        const ImDrawList& list = *draw_data.CmdLists[list_index];
        // Orphan and refill: the browser never waits for the previous frame's buffer.
        glBufferData(GL_ARRAY_BUFFER, static_cast<GLsizeiptr>(list.VtxBuffer.Size) * static_cast<GLsizeiptr>(sizeof(ImDrawVert)),
                     list.VtxBuffer.Data, GL_STREAM_DRAW);
        glBufferData(GL_ELEMENT_ARRAY_BUFFER, static_cast<GLsizeiptr>(list.IdxBuffer.Size) * static_cast<GLsizeiptr>(sizeof(ImDrawIdx)),
                     list.IdxBuffer.Data, GL_STREAM_DRAW);
        for (const ImDrawCmd& command : list.CmdBuffer) {
            if (command.UserCallback != nullptr) {
                if (command.UserCallback == ImDrawCallback_ResetRenderState) set_render_state(draw_data, framebuffer_width, framebuffer_height);
                else command.UserCallback(&list, &command);
                bound_texture = 0;
                continue;
            }
            const float min_x = (command.ClipRect.x - clip_offset.x) * clip_scale.x;
            const float min_y = (command.ClipRect.y - clip_offset.y) * clip_scale.y;
            const float max_x = (command.ClipRect.z - clip_offset.x) * clip_scale.x;
            const float max_y = (command.ClipRect.w - clip_offset.y) * clip_scale.y;
            if (max_x <= min_x || max_y <= min_y) continue;
            glScissor(static_cast<GLint>(min_x), static_cast<GLint>(static_cast<float>(framebuffer_height) - max_y),
                      static_cast<GLsizei>(max_x - min_x), static_cast<GLsizei>(max_y - min_y));
            const auto texture = static_cast<GLuint>(reinterpret_cast<std::intptr_t>(command.GetTexID()));
            if (texture != bound_texture) {
                glBindTexture(GL_TEXTURE_2D, texture);
                bound_texture = texture;
            }
            // No base vertex in WebGL2: the backend does not claim RendererHasVtxOffset, so ImGui keeps
            // every list under 64K vertices and VtxOffset is always 0.
            glDrawElements(GL_TRIANGLES, static_cast<GLsizei>(command.ElemCount), GL_UNSIGNED_SHORT,
                           reinterpret_cast<const void*>(static_cast<std::uintptr_t>(command.IdxOffset) * sizeof(ImDrawIdx)));
        }
    }
}

}  // namespace calfcoach::platform
