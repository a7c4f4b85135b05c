// bench/peer/main.cpp — the "peer" reference build of scripts/bench: Dear ImGui's own demo window
// (imgui_demo.cpp) built the way ImGui's web examples are: ImGui's GLFW backend, a continuous
// emscripten_set_main_loop, their usual flags, no closure. What a typical ImGui web app costs.
// Written for the benchmark (not ImGui's example main); never shipped.
//
// The first frame is marked with performance.mark('calfcoach-first-frame') so scripts/bench times
// every build the same way.
#include <GLFW/glfw3.h>
#include <emscripten.h>

#include "imgui.h"
#include "imgui_impl_glfw.h"
#include "imgui_impl_opengl3.h"

namespace {

GLFWwindow* g_window = nullptr;
bool g_marked = false;

EM_JS(void, peer_mark_first_frame, (), {
    if (window.performance && performance.mark) performance.mark('calfcoach-first-frame');
});

void main_loop() {
    glfwPollEvents();
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
    ImGui::NewFrame();
    ImGui::ShowDemoWindow();
    ImGui::Render();

    int fb_w = 0, fb_h = 0;
    glfwGetFramebufferSize(g_window, &fb_w, &fb_h);
    glViewport(0, 0, fb_w, fb_h);
    glClearColor(0.45f, 0.55f, 0.60f, 1.00f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    if (!g_marked) {
        g_marked = true;
        peer_mark_first_frame();
    }
}

}  // namespace

int main() {
    if (!glfwInit()) return 1;
    glfwWindowHint(GLFW_CLIENT_API, GLFW_OPENGL_ES_API);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    g_window = glfwCreateWindow(300, 150, "Dear ImGui demo", nullptr, nullptr);
    if (g_window == nullptr) return 1;
    glfwMakeContextCurrent(g_window);

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
    ImGui::StyleColorsDark();

    ImGui_ImplGlfw_InitForOpenGL(g_window, true);
    ImGui_ImplGlfw_InstallEmscriptenCanvasResizeCallback("#canvas");
    ImGui_ImplOpenGL3_Init("#version 300 es");

    emscripten_set_main_loop(main_loop, 0, 1);
    return 0;
}
