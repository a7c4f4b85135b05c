// bench/floor/main.cpp — the "floor" reference build of scripts/bench: a bare Dear ImGui + GLFW +
// WebGL2 window with one button, built with the same release flags as Calf Coach (-Oz, LTO, no
// filesystem, closure). It is the least this stack can cost; it is never shipped.
//
// Like our shell it draws on demand (a few frames after each input event, none while idle) and marks
// its first frame with performance.mark('calfcoach-first-frame') so scripts/bench times it the same way.
#include <GLFW/glfw3.h>
#include <emscripten.h>
#include <emscripten/html5.h>

#include <algorithm>

#include "imgui.h"
#include "imgui_impl_opengl3.h"

namespace {

constexpr const char* kCanvas = "#canvas";

GLFWwindow* g_window = nullptr;
int g_frames_wanted = 0;
bool g_scheduled = false;
bool g_marked = false;
double g_last_ms = 0;
int g_clicks = 0;

EM_JS(void, floor_mark_first_frame, (), {
    if (window['performance'] && performance['mark']) performance['mark']('calfcoach-first-frame');
});

void schedule();

void draw() {
    double css_w = 0, css_h = 0;
    emscripten_get_element_css_size(kCanvas, &css_w, &css_h);
    const double dpr = emscripten_get_device_pixel_ratio();
    const int fb_w = static_cast<int>(css_w * dpr), fb_h = static_cast<int>(css_h * dpr);
    if (fb_w <= 0 || fb_h <= 0) return;
    emscripten_set_canvas_element_size(kCanvas, fb_w, fb_h);

    ImGuiIO& io = ImGui::GetIO();
    const double now = emscripten_get_now();
    io.DeltaTime = static_cast<float>(std::max(now - g_last_ms, 0.1) / 1000.0);
    g_last_ms = now;
    io.DisplaySize = ImVec2(static_cast<float>(fb_w), static_cast<float>(fb_h));

    ImGui_ImplOpenGL3_NewFrame();
    ImGui::NewFrame();
    ImGui::SetNextWindowPos(ImVec2(20, 20), ImGuiCond_Once);
    ImGui::Begin("Floor");
    if (ImGui::Button("Press me")) ++g_clicks;
    ImGui::Text("Pressed %d times", g_clicks);
    ImGui::End();
    ImGui::Render();

    glViewport(0, 0, fb_w, fb_h);
    glClearColor(0.95f, 0.96f, 0.96f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    if (!g_marked) {
        g_marked = true;
        floor_mark_first_frame();
    }
}

EM_BOOL on_frame(double, void*) {
    g_scheduled = false;
    if (g_frames_wanted > 0) --g_frames_wanted;
    draw();
    if (g_frames_wanted > 0) schedule();
    return EM_FALSE;
}

void schedule() {
    if (g_scheduled) return;
    g_scheduled = true;
    emscripten_request_animation_frame(on_frame, nullptr);
}

void wake() {
    g_frames_wanted = std::max(g_frames_wanted, 3);
    schedule();
}

EM_BOOL on_mouse(int type, const EmscriptenMouseEvent* e, void*) {
    ImGuiIO& io = ImGui::GetIO();
    const float dpr = static_cast<float>(emscripten_get_device_pixel_ratio());
    io.AddMousePosEvent(static_cast<float>(e->targetX) * dpr, static_cast<float>(e->targetY) * dpr);
    if (e->button == 0 && type == EMSCRIPTEN_EVENT_MOUSEDOWN) io.AddMouseButtonEvent(0, true);
    if (e->button == 0 && type == EMSCRIPTEN_EVENT_MOUSEUP) io.AddMouseButtonEvent(0, false);
    wake();
    return EM_FALSE;
}

EM_BOOL on_resize(int, const EmscriptenUiEvent*, void*) {
    wake();
    return EM_FALSE;
}

}  // namespace

int main() {
    if (!glfwInit()) return 1;
    glfwWindowHint(GLFW_CLIENT_API, GLFW_OPENGL_ES_API);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    g_window = glfwCreateWindow(300, 150, "Floor", nullptr, nullptr);
    if (g_window == nullptr) return 1;
    glfwMakeContextCurrent(g_window);

    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.LogFilename = nullptr;
    ImGui_ImplOpenGL3_Init("#version 300 es");

    emscripten_set_mousedown_callback(kCanvas, nullptr, EM_FALSE, on_mouse);
    emscripten_set_mouseup_callback(EMSCRIPTEN_EVENT_TARGET_WINDOW, nullptr, EM_FALSE, on_mouse);
    emscripten_set_mousemove_callback(kCanvas, nullptr, EM_FALSE, on_mouse);
    emscripten_set_resize_callback(EMSCRIPTEN_EVENT_TARGET_WINDOW, nullptr, EM_FALSE, on_resize);

    g_last_ms = emscripten_get_now();
    wake();
    return 0;
}
