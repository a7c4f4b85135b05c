// a11y_text_web.cpp — text fields in the accessibility layer (a11y.hpp): web/a11y.js calls
// ccA11yBridge.setText(index, value) on each change of a field's HTML input; the value reaches the app
// by cc_set_text and the next frame draws it.
#include <emscripten.h>

#include "platform/a11y.hpp"
#include "ui/shell_app.hpp"

extern "C" {

EM_JS(void, cc_js_a11y_enable_text, (), {
    var bridge = window['ccA11yBridge'];
    if (!bridge) return;
    bridge['setText'] = function(index, value) {
        var size = lengthBytesUTF8(value) + 1;
        var text = _malloc(size);
        if (!text) return;
        stringToUTF8(value, text, size);
        _cc_set_text(index, text);
        _free(text);
    };
});

}  // extern "C"

namespace {
calfcoach::ui::ShellApp* g_text_app = nullptr;
void (*g_text_wake)() = nullptr;
}  // namespace

extern "C" EMSCRIPTEN_KEEPALIVE void cc_set_text(int index, const char* value) {
    if (g_text_app && value && g_text_app->set_text_item(index, value) && g_text_wake) g_text_wake();
}

namespace calfcoach::platform {

void a11y_enable_text_fields(calfcoach::ui::ShellApp& app, void (*wake)()) {
    g_text_app = &app;
    g_text_wake = wake;
    cc_js_a11y_enable_text();
}

}  // namespace calfcoach::platform
