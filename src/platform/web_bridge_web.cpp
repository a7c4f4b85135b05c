// web_bridge_web.cpp — the JavaScript side of the platform, as EM_JS functions.
// Closure renames everything not quoted, so page names are written as window['name'].
#include <emscripten.h>

#include "platform/web_bridge.hpp"

extern "C" {

EM_JS(void, cc_js_install_automation, (), {
    var surface = {};
    surface['state'] = function() {
        var state = JSON.parse(UTF8ToString(_cc_state_json()));
        // What the page knows: the context the app draws with (tests fail when it is not WebGL2).
        var gl = typeof GLctx !== 'undefined' ? GLctx : null;
        state['webgl'] = gl ? ((typeof WebGL2RenderingContext !== 'undefined' && gl instanceof WebGL2RenderingContext) ? 2 : 1) : 0;
        state['context_lost'] = gl ? gl.isContextLost() : true;
        /* The WebAssembly memory now (it grows on demand, capped at 128 MB: iOS refuses more). */
        state['wasm_memory_bytes'] = typeof wasmMemory !== 'undefined' && wasmMemory ? wasmMemory.buffer.byteLength : HEAP8.length;
        return state;
    };
    /* Every cue scheduled, played or cancelled (last 500), kept by web_services_web.cpp. */
    surface['cueLog'] = function() {
        var services = Module['ccServices'];
        return services ? JSON.parse(JSON.stringify(services.log)) : [];
    };
    /* Every handout print asked for (last 20), kept by print_web.cpp. */
    surface['printLog'] = function() {
        var print = Module['ccPrint'];
        return print ? JSON.parse(JSON.stringify(print['log'])) : [];
    };
    window['calfcoach'] = surface;
    document.documentElement.setAttribute('data-calfcoach', 'ready');
});

/* A change of devicePixelRatio (zoom, another screen) comes with no resize event on some browsers.
   A media query on the current ratio tells at once where the browser supports it; a one-number
   compare each second catches the rest (headless emulation, old engines) without touching layout. */
EM_JS(void, cc_js_watch_device_pixel_ratio, (), {
    var last = window.devicePixelRatio;
    function changed() {
        if (window.devicePixelRatio === last) return;
        last = window.devicePixelRatio;
        _cc_device_pixel_ratio_changed();
        watch();
    }
    function watch() {
        try {
            window.matchMedia('(resolution: ' + last + 'dppx)').addEventListener('change', changed, { 'once': true });
        } catch (e) { /* the poll below still works */ }
    }
    watch();
    setInterval(changed, 1000);
});

EM_JS(void, cc_js_mark_in_session, (int in_session), {
    document.documentElement.classList.toggle('cc-in-session', !!in_session);
});

EM_JS(void, cc_js_mark_first_frame, (), {
    if (window['performance'] && performance['mark']) performance['mark']('calfcoach-first-frame');
    document.documentElement.classList.add('cc-started');
});

EM_JS(void, cc_js_show_notice, (int is_error, const char* text), {
    var box = document.getElementById('notice');
    if (!box) return;
    box.textContent = UTF8ToString(text);
    box.className = is_error ? 'notice notice-error' : 'notice';
    box.hidden = false;
});

EM_JS(void, cc_js_hide_notice, (), {
    var box = document.getElementById('notice');
    if (box) box.hidden = true;
});

// env() is only readable through a computed style: a hidden probe element padded by the insets.
EM_JS(void, cc_js_safe_area, (float* out), {
    var probe = document.getElementById('cc-safe-area');
    if (!probe) {
        probe = document.createElement('div');
        probe.id = 'cc-safe-area';
        probe.className = 'cc-safe-area-probe';
        probe.setAttribute('aria-hidden', 'true');
        document.body.appendChild(probe);
    }
    var style = getComputedStyle(probe);
    var sides = ['paddingTop', 'paddingRight', 'paddingBottom', 'paddingLeft'];
    for (var i = 0; i < 4; i++) HEAPF32[(out >> 2) + i] = parseFloat(style[sides[i]]) || 0;
});

}  // extern "C"

namespace calfcoach::platform {

SafeArea safe_area() {
    float values[4] = {0, 0, 0, 0};
    cc_js_safe_area(values);
    return SafeArea{values[0], values[1], values[2], values[3]};
}

void install_automation_surface() { cc_js_install_automation(); }
void mark_first_frame() { cc_js_mark_first_frame(); }
void mark_in_session(bool in_session) { cc_js_mark_in_session(in_session ? 1 : 0); }
void watch_device_pixel_ratio() { cc_js_watch_device_pixel_ratio(); }
void show_notice(NoticeKind kind, const char* text) { cc_js_show_notice(kind == NoticeKind::Error ? 1 : 0, text); }
void hide_notice() { cc_js_hide_notice(); }

}  // namespace calfcoach::platform
