// motion_layer_web.cpp — what runs over the canvas between frames, each in a clipping box of its own:
// the motion layer (one element per sprite holding its SVG, each moved by element.animate() with the
// sprite's keys) and the countdown's face (an SVG arc and time, updated by a timer each second).
//
// Both start at the app's clock (the same ?timescale= the session runs on), so they show what the
// canvas would have drawn; they run until the app's frame changes them or takes them away. The boxes
// are aria-hidden and take no pointer: they are pictures, and the canvas under them keeps the input.
//
// [SECTION] JS: the boxes over the canvas
// [SECTION] JS: the motion layer
// [SECTION] JS: the countdown's face
// [SECTION] The motion layer
// [SECTION] The countdown's face

#include "platform/motion_layer.hpp"

#include <emscripten.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <string>

#include "platform/web_services.hpp"
#include "platform/web_shell.hpp"
#include "ui/font_data.hpp"
#include "ui/motion_layer.hpp"

namespace {

// Same rules as web_services_web.cpp: EM_JS bodies are one line (every statement ends with a
// semicolon, comments are /* */), names closure may not know and every key of the JSON are quoted,
// every browser call sits in try/catch (a failure is a warning, and the canvas still shows the leg).
// clang-format off
EM_JS(int, cc_motion_available, (), {
    try {
        return typeof Element !== 'undefined' && typeof Element.prototype['animate'] === 'function' ? 1 : 0;
    } catch (e) {
        return 0;
    }
});

//-----------------------------------------------------------------------------
// [SECTION] JS: the boxes over the canvas
//-----------------------------------------------------------------------------
/* Puts the box `id` (made on first use, after the canvas) over the canvas: its clip box and the
   origin of what it holds, CSS px on the canvas. 1 when it is there. */
EM_JS(int, cc_overlay_place, (const char* id_text, double x, double y, double clip_x, double clip_y, double clip_w,
                              double clip_h), {
    try {
        var id = UTF8ToString(id_text);
        var canvas = document.getElementById('canvas');
        if (!canvas) return 0;
        var box = document.getElementById(id);
        if (!box) {
            box = document.createElement('div');
            box.id = id;
            box.className = 'cc-motion';
            box.setAttribute('aria-hidden', 'true');
            var inner = document.createElement('div');
            inner.className = 'cc-motion-layer';
            box.appendChild(inner);
            canvas.parentNode.insertBefore(box, canvas.nextSibling);
        }
        var rect = canvas.getBoundingClientRect();
        box.style['left'] = (rect.left + window.scrollX + clip_x).toFixed(2) + 'px';
        box.style['top'] = (rect.top + window.scrollY + clip_y).toFixed(2) + 'px';
        box.style['width'] = Math.max(clip_w, 0).toFixed(2) + 'px';
        box.style['height'] = Math.max(clip_h, 0).toFixed(2) + 'px';
        box.firstChild.style['transform'] = 'translate(' + (x - clip_x).toFixed(2) + 'px,' + (y - clip_y).toFixed(2) + 'px)';
        return 1;
    } catch (e) {
        console.warn('Calf Coach: ' + e);
        return 0;
    }
});

/* Takes the box `id` away, with the timer it runs, if any. */
EM_JS(void, cc_overlay_remove, (const char* id_text), {
    try {
        var box = document.getElementById(UTF8ToString(id_text));
        if (!box) return;
        if (box['ccTimer']) clearTimeout(box['ccTimer']);
        box['ccTimer'] = 0;
        box.parentNode.removeChild(box);
    } catch (e) {
        console.warn('Calf Coach: ' + e);
    }
});

//-----------------------------------------------------------------------------
// [SECTION] JS: the motion layer
//-----------------------------------------------------------------------------
/* shapes_text: ui::motion_shapes_json, drawn into the box cc-motion (placed first); the app's clock
   (ms) and how much faster than the page's it runs. Returns 0 when the page would not take it. */
EM_JS(int, cc_motion_build, (const char* shapes_text, double css_per_px, double clock_ms, double rate), {
    try {
        var layer = document.getElementById('cc-motion').firstChild;
        var shapes = JSON.parse(UTF8ToString(shapes_text));
        while (layer.firstChild) layer.removeChild(layer.firstChild);
        var c = css_per_px;
        var px = function(v) { return (v * c).toFixed(2) + 'px'; };
        var sprites = shapes['sprites'];
        var colours = shapes['colours'];
        /* A sprite's picture (ui::MotionOp numbers) as SVG elements; `id` names its gradients. */
        var picture = function(ops, id) {
            var svg = "", i = 0, n = 0, j = 0, points = "";
            var paint = function(at) { return colours[ops[at]] + '" fill-opacity="' + ops[at + 1]; };
            while (i < ops.length) {
                if (ops[i] === 1) {
                    svg += '<circle cx="' + ops[i + 1] + '" cy="' + ops[i + 2] + '" r="' + ops[i + 3] + '" fill="' + paint(i + 4) + '"/>';
                    i += 6;
                } else if (ops[i] === 2) {
                    n = ops[i + 1];
                    points = "";
                    for (j = 0; j < n; j++) points += ops[i + 2 + 2 * j] + ',' + ops[i + 3 + 2 * j] + ' ';
                    svg += '<polygon points="' + points + '" fill="' + paint(i + 2 + 2 * n) + '"/>';
                    i += 4 + 2 * n;
                } else if (ops[i] === 3) {
                    svg += '<circle r="' + ops[i + 1] + '" fill="none" stroke="' + colours[ops[i + 3]] + '" stroke-width="' + ops[i + 2] + '"/>';
                    i += 4;
                } else if (ops[i] === 4) {
                    var length = ops[i + 1], half = ops.slice(i + 3, i + 3 + ops[i + 2]), gradient = id + '-' + i;
                    n = half.length;
                    points = "";
                    for (j = 0; j < n; j++) points += (-length * (1 - j / (n - 1))) + ',' + (-half[j]) + ' ';
                    for (j = n - 1; j >= 0; j--) points += (-length * (1 - j / (n - 1))) + ',' + half[j] + ' ';
                    svg += '<defs><linearGradient id="' + gradient + '" gradientUnits="userSpaceOnUse" x1="' + (-length) + '" y1="0" x2="0" y2="0">' +
                           '<stop offset="0" stop-color="' + colours[ops[i + 3 + n]] + '" stop-opacity="0"/>' +
                           '<stop offset="1" stop-color="' + colours[ops[i + 3 + n]] + '" stop-opacity="' + ops[i + 4 + n] + '"/></linearGradient></defs>' +
                           '<polygon points="' + points + '" fill="url(#' + gradient + ')"/>';
                    i += 5 + n;
                } else {
                    throw new Error('unknown picture operation ' + ops[i]);
                }
            }
            return svg;
        };
        var cycle = shapes['cycle_ms'];
        for (var i = 0; i < sprites.length; i++) {
            var sprite = sprites[i];
            var b = sprite['box'];
            var el = document.createElement('div');
            el.className = 'cc-motion-sprite';
            el.style['left'] = px(b[0]);
            el.style['top'] = px(b[1]);
            el.style['width'] = px(b[2] - b[0]);
            el.style['height'] = px(b[3] - b[1]);
            el.style['transformOrigin'] = px(-b[0]) + ' ' + px(-b[1]);
            el.innerHTML = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="' + [b[0], b[1], b[2] - b[0], b[3] - b[1]].join(' ') +
                           '" width="' + ((b[2] - b[0]) * c).toFixed(2) + '" height="' + ((b[3] - b[1]) * c).toFixed(2) + '">' +
                           picture(sprite['picture'], 'cc-motion-' + i) + '</svg>';
            layer.appendChild(el);
            var k = sprite['keys'];
            var frames = [];
            for (var j = 0; j + 6 < k.length; j += 7) {
                frames.push({'offset': k[j], 'opacity': k[j + 6],
                             'transform': 'translate(' + px(k[j + 1]) + ',' + px(k[j + 2]) + ') rotate(' + k[j + 3] + 'deg) scale(' + k[j + 4] + ',' + k[j + 5] + ')'});
            }
            if (frames.length < 2) continue;
            frames[0]['offset'] = 0;
            frames[frames.length - 1]['offset'] = 1;
            var animation = el['animate'](frames, {'duration': cycle, 'iterations': Infinity, 'easing': 'linear'});
            animation['playbackRate'] = rate;
            /* Where the canvas would draw it now: the keys are laid out on the app's clock. */
            animation['currentTime'] = clock_ms % cycle;
        }
        return 1;
    } catch (e) {
        console.warn('Calf Coach: the moving stroke is drawn on the canvas instead: ' + e);
        return 0;
    }
});

//-----------------------------------------------------------------------------
// [SECTION] JS: the countdown's face
//-----------------------------------------------------------------------------
/* The app's font for the countdown's time, from the wasm's copy: 1 when it is loading, and then
   cc_countdown_font_loaded says how it went. */
EM_JS(int, cc_countdown_font, (const unsigned char* data, int size), {
    try {
        var Face = window['FontFace'];
        var fonts = document['fonts'];
        if (typeof Face !== 'function' || !fonts) return 0;
        var face = new Face('CalfCoachUI', HEAPU8.slice(data, data + size));
        fonts['add'](face);
        face['load']()['then'](function() { _cc_countdown_font_loaded(1); }, function(e) {
            console.warn('Calf Coach: the countdown is drawn on the canvas: ' + e);
            _cc_countdown_font_loaded(0);
        });
        return 1;
    } catch (e) {
        console.warn('Calf Coach: the countdown is drawn on the canvas: ' + e);
        return 0;
    }
});

/* face_text: ui::countdown_face_json, drawn into the box cc-countdown (placed first) as an arc and
   the time, both set again as each second of the app's clock passes. Returns 0 when the page would
   not take it. */
EM_JS(int, cc_countdown_build, (const char* face_text, double css_per_px, double clock_ms, double rate), {
    try {
        var box = document.getElementById('cc-countdown');
        var layer = box.firstChild;
        var face = JSON.parse(UTF8ToString(face_text));
        if (box['ccTimer']) clearTimeout(box['ccTimer']);
        box['ccTimer'] = 0;
        var c = css_per_px;
        var half = face['radius'] + face['line_width'];
        var turn = 2 * Math.PI * face['radius'];
        var ns = 'http://www.w3.org/2000/svg';
        var svg = document.createElementNS(ns, 'svg');
        svg.setAttribute('class', 'cc-countdown-face');
        svg.setAttribute('viewBox', [-half, -half, 2 * half, 2 * half].join(' '));
        svg.setAttribute('width', (2 * half * c).toFixed(2));
        svg.setAttribute('height', (2 * half * c).toFixed(2));
        svg.style['left'] = (-half * c).toFixed(2) + 'px';
        svg.style['top'] = (-half * c).toFixed(2) + 'px';
        var arc = document.createElementNS(ns, 'circle');
        arc.setAttribute('r', face['radius']);
        arc.setAttribute('fill', 'none');
        arc.setAttribute('stroke', face['arc']);
        arc.setAttribute('stroke-width', face['line_width']);
        arc.setAttribute('transform', 'rotate(-90)');
        var time = document.createElementNS(ns, 'text');
        time.setAttribute('x', face['text_dx']);
        time.setAttribute('y', face['baseline_dy']);
        time.setAttribute('text-anchor', 'middle');
        time.setAttribute('font-family', 'CalfCoachUI');
        time.setAttribute('font-size', face['em_px']);
        time.setAttribute('fill', face['text']);
        svg.appendChild(arc);
        svg.appendChild(time);
        while (layer.firstChild) layer.removeChild(layer.firstChild);
        layer.appendChild(svg);
        var labels = face['labels'];
        var started = performance.now();
        var tick = function() {
            box['ccTimer'] = 0;
            if (!box.isConnected) return;
            var left = face['ends_at_ms'] - (clock_ms + (performance.now() - started) * rate);
            var k = Math.min(Math.max(Math.ceil(left / 1000), 0), labels.length - 1);
            if (time.textContent !== labels[k]) time.textContent = labels[k];
            var part = Math.min(Math.max(left / face['duration_ms'], 0), 1);
            arc.setAttribute('stroke-dasharray', (part * turn).toFixed(2) + ' ' + (turn + 1).toFixed(2));
            /* The next change: when the time left, rounded up to seconds, is one less. */
            if (left > 0) box['ccTimer'] = setTimeout(tick, Math.max((left - (k - 1) * 1000) / rate, 1) + 1);
        };
        tick();
        return 1;
    } catch (e) {
        console.warn('Calf Coach: the countdown is drawn on the canvas: ' + e);
        return 0;
    }
});
// clang-format on

constexpr const char* kMotionBox = "cc-motion";
constexpr const char* kCountdownBox = "cc-countdown";

using Place = std::array<double, 6>;  // the origin and the clip box, CSS px (cc_overlay_place's order)

Place css_place(float x, float y, float clip_min_x, float clip_min_y, float clip_max_x, float clip_max_y, double c) {
    return {x * c, y * c, clip_min_x * c, clip_min_y * c, (clip_max_x - clip_min_x) * c, (clip_max_y - clip_min_y) * c};
}

bool place_box(const char* id, const Place& place) {
    return cc_overlay_place(id, place[0], place[1], place[2], place[3], place[4], place[5]) != 0;
}

std::string g_shapes;                 // what the page shows now ("" nothing)
std::uint64_t g_shapes_id = 0;        // and the id the app gave it
Place g_place{};                      // and where, CSS px

// Element.animate exists and has not failed: once it fails, the app animates on the canvas.
bool g_available_checked = false;
bool g_available = false;

// The countdown's face: its font loads once (FontFace), then the face shows until the page fails it.
enum class FaceState { Unasked, FontLoading, Ready, Failed };
FaceState g_face_state = FaceState::Unasked;
std::string g_face;     // the face shown now ("" none)
Place g_face_place{};   // and where, CSS px

}  // namespace

// The font's FontFace has loaded (1) or failed (0): from the page's promise.
extern "C" EMSCRIPTEN_KEEPALIVE void cc_countdown_font_loaded(int ok) {
    if (g_face_state != FaceState::FontLoading) return;
    g_face_state = ok ? FaceState::Ready : FaceState::Failed;
    if (ok) calfcoach::platform::shell_wake();  // the next frame hands its countdown over
}

namespace calfcoach::platform {

//-----------------------------------------------------------------------------
// [SECTION] The motion layer
//-----------------------------------------------------------------------------
bool motion_layer_available() {
    if (!g_available_checked) {
        g_available_checked = true;
        g_available = cc_motion_available() != 0;
    }
    return g_available;
}

void motion_layer_after_frame(const calfcoach::ui::MotionLayer& layer, float dpr) {
    if (layer.empty()) return motion_layer_clear();
    const double c = 1.0 / std::max(static_cast<double>(dpr), 0.01);
    const Place place = css_place(layer.x, layer.y, layer.clip_min_x, layer.clip_min_y, layer.clip_max_x, layer.clip_max_y, c);
    // The same id: the same shapes, nothing to serialise (the countdown's frame each second).
    const bool same_id = layer.shapes_id != 0 && layer.shapes_id == g_shapes_id && !g_shapes.empty();
    std::string shapes = same_id ? std::string() : calfcoach::ui::motion_shapes_json(layer);
    const bool new_shapes = !same_id && shapes != g_shapes;
    if (!new_shapes && place == g_place) return;
    // The animation's time runs at the page's rate; the app's clock `timescale` times faster.
    WebServices& services = web_services();
    if (!place_box(kMotionBox, place) ||
        (new_shapes && !cc_motion_build(shapes.c_str(), c, services.monotonic_now_ms(), services.timescale()))) {
        // The next frame draws the stroke on the canvas (the shell asks it at once: see web_shell_web.cpp).
        cc_overlay_remove(kMotionBox);
        g_available = false;
        g_shapes.clear();
        g_shapes_id = 0;
        return;
    }
    if (new_shapes) g_shapes = std::move(shapes);
    g_shapes_id = layer.shapes_id;
    g_place = place;
}

void motion_layer_clear() {
    if (g_shapes.empty()) return;
    cc_overlay_remove(kMotionBox);
    g_shapes.clear();
    g_shapes_id = 0;
    g_place = {};
}

//-----------------------------------------------------------------------------
// [SECTION] The countdown's face
//-----------------------------------------------------------------------------
bool countdown_face_available() { return g_face_state == FaceState::Ready; }

void countdown_face_after_frame(const calfcoach::ui::CountdownFace& face, float dpr) {
    if (face.empty()) return countdown_face_clear();
    if (g_face_state == FaceState::Unasked) {
        // The first countdown the canvas draws itself; its font loads for the next ones.
        g_face_state = cc_countdown_font(calfcoach::ui::kUiFontData, static_cast<int>(calfcoach::ui::kUiFontSize)) != 0
                           ? FaceState::FontLoading
                           : FaceState::Failed;
        return;
    }
    if (g_face_state != FaceState::Ready) return;
    const double c = 1.0 / std::max(static_cast<double>(dpr), 0.01);
    const Place place = css_place(face.centre_x, face.centre_y, face.clip_min_x, face.clip_min_y, face.clip_max_x, face.clip_max_y, c);
    std::string text = calfcoach::ui::countdown_face_json(face);
    const bool new_face = text != g_face;
    if (!new_face && place == g_face_place) return;
    WebServices& services = web_services();
    if (!place_box(kCountdownBox, place) ||
        (new_face && !cc_countdown_build(text.c_str(), c, services.monotonic_now_ms(), services.timescale()))) {
        // The canvas draws the countdown from the next frame on (the shell asks for it at once).
        cc_overlay_remove(kCountdownBox);
        g_face_state = FaceState::Failed;
        g_face.clear();
        return;
    }
    if (new_face) g_face = std::move(text);
    g_face_place = place;
}

void countdown_face_clear() {
    if (g_face.empty()) return;
    cc_overlay_remove(kCountdownBox);
    g_face.clear();
    g_face_place = {};
}

}  // namespace calfcoach::platform
