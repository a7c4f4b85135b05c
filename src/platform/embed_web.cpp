// embed_web.cpp — the embedding page's side of the app: see embed.hpp and docs/embedding.md.
//
// Messages go only to the `host` origin the app was given (never '*'), and only when the app is
// framed; messages in are accepted only from window.parent at that origin. The clinic's content is
// fetched here (http/https, CORS, no credentials) or comes by message (content=inline), and is
// checked by the core through the app.
#include <emscripten.h>

#include <cstdlib>
#include <string>
#include <string_view>

#include "core/clinic_content.hpp"
#include "core/json_safe.hpp"
#include "platform/embed.hpp"
#include "ui/app.hpp"

extern "C" {

// A malloc'd copy of location.search (the caller frees it).
EM_JS(char*, cc_embed_js_query, (), {
    var text = "";
    try { text = String(window.location.search || ""); } catch (e) { text = ""; }
    var size = lengthBytesUTF8(text) + 1;
    var out = _malloc(size);
    if (out) stringToUTF8(text, out, size);
    return out;
});

EM_JS(void, cc_embed_js_warn, (const char* text), {
    try { console.warn(UTF8ToString(text)); } catch (e) {}
});

// One problem of a clinic's content: to the console, and kept for the host's content-applied.
EM_JS(void, cc_embed_js_content_error, (const char* text), {
    var error = UTF8ToString(text);
    try { console.warn('calfcoach: clinic content: ' + error); } catch (e) {}
    if (Module['ccEmbed']) Module['ccEmbed'].errors.push(error);
});

// Remembers the host origin and listens for its messages: 'calfcoach:hello' (the host asks for the
// height again, e.g. after it moved the iframe) and 'calfcoach:content' (a clinic's content bundle,
// detail.content its JSON text, handed to _cc_embed_content_message: its bytes are counted first and
// a bundle over max_bytes is not copied in), and from a host on this app's own origin only (the
// clinic kit, which could script the app anyway) 'calfcoach:preview' (detail.screen: the screen its
// preview shows, handed to _cc_embed_preview). Returns whether the app is framed.
EM_JS(int, cc_embed_js_install, (const char* host_text, double max_bytes), {
    var E = { host: UTF8ToString(host_text), height: 0, errors: [] };
    var framed = window.parent !== window;
    E.post = function(type, detail) {
        if (!E.host || !framed) return;
        try {
            window.parent.postMessage({ 'source': 'calfcoach', 'type': type, 'detail': detail }, E.host);
        } catch (e) { console.warn('calfcoach: postMessage failed: ' + (e && e.message)); }
    };
    Module['ccEmbed'] = E;
    if (!E.host || !framed) return framed ? 1 : 0;
    try {
        window.addEventListener('message', function(event) {
            if (event.source !== window.parent || event.origin !== E.host) {
                console.warn('calfcoach: ignored a message from ' + event.origin);
                return;
            }
            var data = event.data;
            if (!data || typeof data !== 'object' || data['source'] !== 'calfcoach-host') return;
            if (data['type'] === 'calfcoach:hello' && E.height > 0) E.post('calfcoach:height', { 'height': E.height });
            if (data['type'] === 'calfcoach:preview') {
                var screen = data['detail'] && data['detail']['screen'];
                if (E.host !== window.location.origin || typeof screen !== 'string' || screen.length > 16) {
                    console.warn('calfcoach: ignored a preview message (only the clinic kit beside the app sends one)');
                    return;
                }
                var name = _malloc(lengthBytesUTF8(screen) + 1);
                if (!name) return;
                stringToUTF8(screen, name, lengthBytesUTF8(screen) + 1);
                _cc_embed_preview(name);
                _free(name);
                return;
            }
            if (data['type'] !== 'calfcoach:content') return;
            var text = data['detail'] && data['detail']['content'];
            if (typeof text !== 'string') {
                console.warn('calfcoach: ignored a content message: detail.content is not a string');
                return;
            }
            var bytes = lengthBytesUTF8(text);
            var out = bytes > max_bytes ? 0 : _malloc(bytes + 1);
            if (out) stringToUTF8(text, out, bytes + 1);
            E.errors = [];
            _cc_embed_content_message(out, bytes);  // its errors come back through cc_embed_js_content_error
            if (out) _free(out);
            E.post('calfcoach:content-applied', E.errors.length ? { 'ok': false, 'errors': E.errors.slice(0, 20) } : { 'ok': true });
        });
    } catch (e) { console.warn('calfcoach: message listener failed: ' + (e && e.message)); }
    return 1;
});

// event_json: {"type": "...", "detail": {...}}, built in C++ from the typed event.
EM_JS(void, cc_embed_js_post, (const char* event_json), {
    var E = Module['ccEmbed'];
    if (!E) return;
    try {
        var event = JSON.parse(UTF8ToString(event_json));
        E.post(event['type'], event['detail']);
    } catch (e) { console.warn('calfcoach: event not sent: ' + (e && e.message)); }
});

EM_JS(void, cc_embed_js_touch_action, (int page_pans), {
    var canvas = document.getElementById('canvas');
    if (canvas) canvas.style.touchAction = page_pans ? 'pan-y' : 'none';
});

EM_JS(void, cc_embed_js_height, (int height), {
    var E = Module['ccEmbed'];
    if (!E) return;
    E.height = height;
    E.post('calfcoach:height', { 'height': height });
});

// Fetches the clinic's content; calls _cc_embed_content_done(ok, text or reason) exactly once.
EM_JS(void, cc_embed_js_fetch, (const char* url_text), {
    var url = UTF8ToString(url_text);
    var finish = function(ok, text) {
        var size = lengthBytesUTF8(text) + 1;
        var out = _malloc(size);
        if (!out) return;
        stringToUTF8(text, out, size);
        _cc_embed_content_done(ok ? 1 : 0, out);
        _free(out);
    };
    try {
        fetch(url, { 'credentials': 'omit', 'cache': 'no-cache' })
            .then(function(response) {
                if (!response.ok) throw new Error('HTTP ' + response.status);
                return response.text();
            })
            .then(function(text) { finish(true, text); },
                  function(e) {
                      finish(false, url + ': ' + (e && e.message) + ' (check CORS and CSP)');
                  });
    } catch (e) {
        finish(false, url + ': ' + (e && e.message));
    }
});

}  // extern "C"

namespace {
calfcoach::ui::App* g_app = nullptr;
void (*g_wake)() = nullptr;
bool g_posting = false;
int g_last_height = 0;
bool g_page_pans = false;
}  // namespace

// A content bundle from the host (text: its bytes; null when over kClinicContentMaxBytes, unread):
// used as a fetched file is; the listener then tells the host how it went.
extern "C" EMSCRIPTEN_KEEPALIVE void cc_embed_content_message(const char* text, double bytes) {
    if (g_app == nullptr) return;
    const auto size = static_cast<std::size_t>(bytes);
    for (const std::string& error : text != nullptr ? g_app->use_clinic_content(std::string_view(text, size))
                                                    : g_app->clinic_content_too_large(size))
        cc_embed_js_content_error(error.c_str());
    if (g_wake) g_wake();
}

// The clinic kit's preview asks for a screen (the listener has checked where it came from).
extern "C" EMSCRIPTEN_KEEPALIVE void cc_embed_preview(const char* screen_name) {
    if (g_app == nullptr || screen_name == nullptr) return;
    const auto screen = calfcoach::ui::App::preview_screen_from_name(screen_name);
    if (!screen) {
        cc_embed_js_warn("calfcoach: ignored a preview message: unknown screen");
        return;
    }
    g_app->show_preview(*screen);
    if (g_wake) g_wake();
}

extern "C" EMSCRIPTEN_KEEPALIVE void cc_embed_content_done(int ok, const char* text) {
    if (g_app == nullptr) return;
    if (ok == 1) {
        for (const std::string& error : g_app->use_clinic_content(text)) cc_embed_js_content_error(error.c_str());
    } else {
        cc_embed_js_warn((std::string("calfcoach: clinic content not loaded: ") + text).c_str());
        g_app->clinic_content_failed(text);
    }
    if (g_wake) g_wake();
}

namespace calfcoach::platform {

void embed_install(ui::App& app, void (*wake)()) {
    g_app = &app;
    g_wake = wake;
    char* query = cc_embed_js_query();
    const LaunchOptions options = parse_launch_options(query != nullptr ? query : "");
    std::free(query);
    for (const std::string& warning : options.warnings) cc_embed_js_warn(warning.c_str());
    for (const std::string& warning : app.set_launch_options(options)) cc_embed_js_warn(warning.c_str());
    const bool framed = cc_embed_js_install(options.host.c_str(), static_cast<double>(kClinicContentMaxBytes)) != 0;
    g_posting = options.embed && !options.host.empty();
    if (!options.content.empty()) {
        app.set_clinic_content_pending();
        cc_embed_js_fetch(options.content.c_str());
    } else if (options.content_inline && framed) {
        // The host's embed.js answers this with the content the snippet carries.
        app.wait_for_inline_content();
        cc_embed_js_post(R"({"type":"calfcoach:want-content","detail":{}})");
    } else if (options.content_inline) {
        cc_embed_js_warn("calfcoach: ignoring content: inline needs a frame");
    }
}

void post_host_event(const ui::HostEvent& event) {
    nlohmann::json detail = nlohmann::json::object();
    const char* type = "calfcoach:ready";
    switch (event.kind) {
        case ui::HostEventKind::Ready: break;
        case ui::HostEventKind::SafetyResult:
            type = "calfcoach:safety-result";
            detail["level"] = to_string(event.level);
            break;
        case ui::HostEventKind::SessionComplete:
            type = "calfcoach:session-complete";
            detail["duration_s"] = event.duration_s;
            detail["legs"] = event.legs;
            detail["ended"] = event.ended;
            break;
        case ui::HostEventKind::ContactClinic: type = "calfcoach:contact-clinic"; break;
    }
    cc_embed_js_post(dump_json({{"type", type}, {"detail", detail}}).c_str());
}

void embed_after_frame(int content_height_css) {
    if (!g_posting || content_height_css <= 0 || content_height_css == g_last_height) return;
    g_last_height = content_height_css;
    cc_embed_js_height(content_height_css);
    // A screen taller than the iframe may be (clamped) scrolls inside the app, by touch too.
    const bool pans = content_height_css < ui::kEmbedMaxHeightCss;
    if (pans != g_page_pans) cc_embed_js_touch_action(pans ? 1 : 0);
    g_page_pans = pans;
}

bool embed_page_pans() { return g_page_pans; }

}  // namespace calfcoach::platform
