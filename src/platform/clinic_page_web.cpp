// clinic_page_web.cpp — the clinic kit's page (kit::KitPage): where the kit is, the clipboard, and the
// live preview's iframe laid over the rectangle the kit reserved on the canvas.
#include <emscripten.h>

#include <string>

#include "platform/clinic_page.hpp"
#include "platform/web_shell.hpp"

extern "C" {

// Closure renames unquoted names: every page name is quoted.
EM_JS(char*, cc_kit_js_location, (int which), {
    var href = String(location.href).split('#')[0].split('?')[0];
    var text = which === 0 ? href.slice(0, href.lastIndexOf('/') + 1) : String(location.origin);
    var size = lengthBytesUTF8(text) + 1;
    var out = _malloc(size);
    if (out) stringToUTF8(text, out, size);
    return out;
});

// The asynchronous clipboard where the browser allows it; otherwise the old copy command on a
// hidden text area (still the only way on some older Safari and in some frames).
EM_JS(void, cc_kit_js_copy, (const char* text_ptr), {
    var text = UTF8ToString(text_ptr);
    function fallback() {
        var area = document.createElement('textarea');
        area.value = text;
        area.readOnly = true;
        area.style.position = 'fixed';
        area.style.left = '-9999px';
        document.body.appendChild(area);
        area.select();
        var ok = false;
        try { ok = document.execCommand('copy'); } catch (e) { ok = false; }
        document.body.removeChild(area);
        _cc_kit_copy_done(ok ? 1 : 0);
    }
    if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(text).then(function () { _cc_kit_copy_done(1); }, fallback);
    } else {
        fallback();
    }
});

EM_JS(void, cc_kit_js_preview, (int shown, double x, double y, double w, double h, int device_w, int device_h,
                               const char* src_ptr), {
    var frame = document.getElementById('cc-preview');
    if (!frame) {
        if (!shown) return;
        frame = document.createElement('iframe');
        frame.id = 'cc-preview';
        frame.title = 'Preview: Calf Coach as your patients will see it, with your settings';
        frame.setAttribute('allow', 'autoplay');
        var style = frame.style;
        style.position = 'fixed';
        style.border = '0';
        style.zIndex = '2';
        style.transformOrigin = '0 0';
        document.body.appendChild(frame);
    }
    frame.hidden = !shown;
    if (!shown) return;
    var s = frame.style;
    s.left = x + 'px';
    s.top = y + 'px';
    s.width = device_w + 'px';
    s.height = device_h + 'px';
    s.transform = 'scale(' + (w / device_w) + ')';
    var src = UTF8ToString(src_ptr);
    if (frame.getAttribute('src') !== src) frame.setAttribute('src', src);
});

// The preview app (content=inline, host = this page's origin) asks for the clinic's content when it
// starts (calfcoach:want-content); it gets the latest, and each new one as the form changes, each
// time followed by the screen to show (calfcoach:preview, heard only from the app's own origin).
EM_JS(void, cc_kit_js_preview_content, (const char* content_ptr, const char* screen_ptr), {
    var state = window['ccKitPreview'];
    if (!state) {
        state = window['ccKitPreview'] = { 'content': '{}' };
        window.addEventListener('message', function (event) {
            var frame = document.getElementById('cc-preview');
            var data = event.data;
            if (!frame || event.source !== frame.contentWindow || event.origin !== location.origin) return;
            if (!data || data['source'] !== 'calfcoach' || data['type'] !== 'calfcoach:want-content') return;
            send();
        });
    }
    function send() {
        var frame = document.getElementById('cc-preview');
        if (!frame || !frame.contentWindow) return;
        frame.contentWindow.postMessage({ 'source': 'calfcoach-host', 'type': 'calfcoach:content',
                                          'detail': { 'content': state['content'] } }, location.origin);
        frame.contentWindow.postMessage({ 'source': 'calfcoach-host', 'type': 'calfcoach:preview',
                                          'detail': { 'screen': state['screen'] } }, location.origin);
    }
    state['content'] = UTF8ToString(content_ptr);
    state['screen'] = UTF8ToString(screen_ptr);
    send();
});

}  // extern "C"

namespace {
calfcoach::kit::ClinicKit* g_kit = nullptr;

std::string location_part(int which) {
    char* text = cc_kit_js_location(which);
    if (text == nullptr) return {};
    std::string out(text);
    free(text);
    return out;
}
}  // namespace

extern "C" EMSCRIPTEN_KEEPALIVE void cc_kit_copy_done(int ok) {
    if (g_kit == nullptr) return;
    g_kit->copy_finished(ok ? calfcoach::kit::CopyOutcome::Copied : calfcoach::kit::CopyOutcome::Refused);
    calfcoach::platform::shell_wake();
}

namespace calfcoach::platform {

WebKitPage::WebKitPage() : folder_(location_part(0)), origin_(location_part(1)) {}

void WebKitPage::attach(kit::ClinicKit& kit) { g_kit = &kit; }

void WebKitPage::copy_text(std::string_view text) { cc_kit_js_copy(std::string(text).c_str()); }

void WebKitPage::show_preview(const kit::PreviewFrame& frame) {
    if (frame == last_) return;
    const bool content_changed = frame.content != last_.content || frame.screen != last_.screen || !content_sent_;
    last_ = frame;
    if (content_changed) {
        content_sent_ = true;
        cc_kit_js_preview_content(frame.content.c_str(), frame.screen.c_str());
    }
    cc_kit_js_preview(frame.shown ? 1 : 0, frame.x, frame.y, frame.width, frame.height, frame.device_width,
                      frame.device_height, frame.src.c_str());
}

}  // namespace calfcoach::platform
