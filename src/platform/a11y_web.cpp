// a11y_web.cpp — the bridge between the UI and web/a11y.js, the accessibility layer.
//
// Each drawn frame the UI's a11y_json() (items, texts, announcement) is compared with what was last
// sent; only a change crosses to JavaScript, so an animating frame costs a string compare and an idle
// page still draws nothing. The HTML controls act on the UI through three exports, by the item's index
// in the last frame: cc_activate_item (the same as a tap), cc_set_slider, cc_set_focus (the canvas
// draws its focus ring on that item), and in an app with text fields cc_set_text (a11y_text_web.cpp).
// Each wakes a frame.
#include <emscripten.h>

#include <string>

#include "imgui.h"
#include "platform/a11y.hpp"
#include "ui/shell_app.hpp"

extern "C" {

// Closure renames unquoted names: every page name is quoted.
EM_JS(void, cc_js_a11y_install, (), {
    // Emscripten's GLFW listens to keys on the window (capture) and cancels Tab, so focus could never
    // move through the page. We take no keys from GLFW (main_web.cpp reads them through html5.h).
    if (typeof GLFW !== 'undefined' && GLFW.onKeydown) {
        window.removeEventListener('keydown', GLFW.onKeydown, true);
        window.removeEventListener('keypress', GLFW.onKeyPress, true);
        window.removeEventListener('keyup', GLFW.onKeyup, true);
    }
    window['ccA11yBridge'] = {
        'activate': function(index) { _cc_activate_item(index); },
        'setSlider': function(index, value) { _cc_set_slider(index, value); },
        'setFocus': function(index) { _cc_set_focus(index); }
    };
});

// After the first frame, off the path to it (as boot.js does with pwa.js): until a11y.js has loaded,
// the last update waits in ccA11yPending. The one-file page has it inline already (same id).
EM_JS(void, cc_js_a11y_load, (), {
    if (!document.getElementById('cc-a11y-script')) {
        var script = document.createElement('script');
        script['id'] = 'cc-a11y-script';
        script['src'] = 'a11y.js';
        /* Subresource Integrity: web/boot.js passes the hashes stamped at build time. */
        var integrity = Module['ccIntegrity'];
        if (integrity && integrity['a11y.js']) script['integrity'] = integrity['a11y.js'];
        document.body.appendChild(script);
    }
});

EM_JS(void, cc_js_a11y_update, (const char* json), {
    var text = UTF8ToString(json);
    var layer = window['calfcoachA11y'];
    if (layer && layer['update']) layer['update'](text);
    else window['ccA11yPending'] = text;  // a11y.js picks it up when it has loaded
});

}  // extern "C"

namespace {
calfcoach::ui::ShellApp* g_app = nullptr;
void (*g_wake)() = nullptr;
std::string g_last_sent;

// A pending action is applied in the next frame: render on demand must draw it.
void wake_soon() {
    if (g_wake) g_wake();
}
}  // namespace

extern "C" EMSCRIPTEN_KEEPALIVE void cc_activate_item(int index) {
    if (g_app && g_app->activate_item(index)) wake_soon();
}

extern "C" EMSCRIPTEN_KEEPALIVE void cc_set_slider(int index, int value) {
    if (g_app && g_app->set_slider_item(index, value)) wake_soon();
}

extern "C" EMSCRIPTEN_KEEPALIVE void cc_set_focus(int index) {
    if (!g_app) return;
    g_app->set_focus_item(index);
    wake_soon();
}

namespace calfcoach::platform {

void a11y_install(calfcoach::ui::ShellApp& app, void (*wake)()) {
    g_app = &app;
    g_wake = wake;
    ImGui::GetIO().ConfigFlags &= ~ImGuiConfigFlags_NavEnableKeyboard;
    cc_js_a11y_install();
}

void a11y_after_frame(const calfcoach::ui::ShellApp& app) {
    if (g_app == nullptr) return;
    static bool loading = false;
    if (!loading) {
        loading = true;
        cc_js_a11y_load();
    }
    std::string json = app.a11y_json();
    if (json == g_last_sent) return;
    g_last_sent = std::move(json);
    cc_js_a11y_update(g_last_sent.c_str());
}

bool a11y_active() { return g_app != nullptr; }

}  // namespace calfcoach::platform
