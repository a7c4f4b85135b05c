// programme_link_web.cpp — see programme_link.hpp. The fragment never reaches any server (browsers
// do not send it), and once read it leaves the address bar too: only the "rx" parameter is removed,
// any other part of the fragment stays.
#include <emscripten.h>

#include <cstdlib>

#include "platform/programme_link.hpp"
#include "ui/app.hpp"

extern "C" {

// A malloc'd copy of location.hash (the caller frees it). Closure renames unquoted names: page names
// are quoted.
EM_JS(char*, cc_link_js_hash, (), {
    var text = "";
    try { text = String(window.location.hash || ""); } catch (e) { text = ""; }
    var size = lengthBytesUTF8(text) + 1;
    var out = _malloc(size);
    if (out) stringToUTF8(text, out, size);
    return out;
});

// The address without the fragment's rx= parameter, in place (no new history entry).
EM_JS(void, cc_link_js_forget, (), {
    try {
        var hash = String(window.location.hash || "").replace(/^#/, "");
        var kept = hash.split('&').filter(function(part) { return part.length > 0 && part.indexOf('rx=') !== 0; });
        var url = String(window.location.href).split('#')[0] + (kept.length ? '#' + kept.join('&') : "");
        window.history['replaceState'](window.history['state'], "", url);
    } catch (e) {
        console.warn('calfcoach: the programme link could not be removed from the address bar', e);
    }
});

EM_JS(void, cc_link_js_listen, (), {
    try {
        window.addEventListener('hashchange', function() {
            try { _cc_programme_link_changed(); } catch (e) { console.warn('calfcoach: programme link', e); }
        });
    } catch (e) { console.warn('calfcoach: no hashchange listener', e); }
});

}  // extern "C"

namespace {
calfcoach::ui::App* g_app = nullptr;
void (*g_wake)() = nullptr;

void take_link_from_address() {
    char* hash = cc_link_js_hash();
    const bool had_link = hash != nullptr && g_app != nullptr && g_app->receive_programme_link(hash);
    std::free(hash);
    if (!had_link) return;
    cc_link_js_forget();
    if (g_wake) g_wake();
}
}  // namespace

extern "C" EMSCRIPTEN_KEEPALIVE void cc_programme_link_changed() { take_link_from_address(); }

namespace calfcoach::platform {

void programme_link_install(ui::App& app, void (*wake)()) {
    g_app = &app;
    g_wake = wake;
    take_link_from_address();
    cc_link_js_listen();
}

}  // namespace calfcoach::platform
