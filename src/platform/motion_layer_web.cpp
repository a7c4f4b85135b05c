// motion_layer_web.cpp — the motion layer on the page: one clipping box over the canvas, in it one
// element per sprite holding its SVG, each moved by element.animate() with the sprite's keys.
//
// The animations are started at the app's clock (the same ?timescale= the session runs on), so the
// pattern is where the canvas would have drawn it; they run until the shapes change or go away. The
// box is aria-hidden and takes no pointer: it is a picture, and the canvas under it keeps the input.

#include "platform/motion_layer.hpp"

#include <emscripten.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <string>

#include "platform/web_services.hpp"
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

/* shapes_text: ui::motion_shapes_json, or 0 to keep the shapes shown. The rest: the layer's origin and
   its clip box, CSS px on the canvas; the app's clock (ms) and how much faster than the page's it runs.
   Returns 0 when the page would not take it: nothing is left on the page. */
EM_JS(int, cc_motion_apply, (const char* shapes_text, double x, double y, double clip_x, double clip_y, double clip_w,
                              double clip_h, double css_per_px, double clock_ms, double rate), {
    try {
        var canvas = document.getElementById('canvas');
        if (!canvas) return 0;
        var box = document.getElementById('cc-motion');
        if (!box) {
            box = document.createElement('div');
            box.id = 'cc-motion';
            box.className = 'cc-motion';
            box.setAttribute('aria-hidden', 'true');
            var inner = document.createElement('div');
            inner.className = 'cc-motion-layer';
            box.appendChild(inner);
            canvas.parentNode.insertBefore(box, canvas.nextSibling);
        }
        var layer = box.firstChild;
        if (shapes_text) {
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
        }
        var rect = canvas.getBoundingClientRect();
        box.style['left'] = (rect.left + window.scrollX + clip_x).toFixed(2) + 'px';
        box.style['top'] = (rect.top + window.scrollY + clip_y).toFixed(2) + 'px';
        box.style['width'] = Math.max(clip_w, 0).toFixed(2) + 'px';
        box.style['height'] = Math.max(clip_h, 0).toFixed(2) + 'px';
        layer.style['transform'] = 'translate(' + (x - clip_x).toFixed(2) + 'px,' + (y - clip_y).toFixed(2) + 'px)';
        return 1;
    } catch (e) {
        console.warn('Calf Coach: the moving stroke is drawn on the canvas instead: ' + e);
        var broken = document.getElementById('cc-motion');
        if (broken) broken.parentNode.removeChild(broken);
        return 0;
    }
});

EM_JS(void, cc_motion_remove, (), {
    try {
        var box = document.getElementById('cc-motion');
        if (box) box.parentNode.removeChild(box);
    } catch (e) {
        console.warn('Calf Coach: ' + e);
    }
});
// clang-format on

std::string g_shapes;                 // what the page shows now ("" nothing)
std::uint64_t g_shapes_id = 0;        // and the id the app gave it
std::array<double, 6> g_place{};      // and where, CSS px

// Element.animate exists and has not failed: once it fails, the app animates on the canvas.
bool g_available_checked = false;
bool g_available = false;

}  // namespace

namespace calfcoach::platform {

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
    const std::array<double, 6> place{layer.x * c, layer.y * c, layer.clip_min_x * c, layer.clip_min_y * c,
                                      (layer.clip_max_x - layer.clip_min_x) * c, (layer.clip_max_y - layer.clip_min_y) * c};
    // The same id: the same shapes, nothing to serialise (the countdown's frame each second).
    const bool same_id = layer.shapes_id != 0 && layer.shapes_id == g_shapes_id && !g_shapes.empty();
    std::string shapes = same_id ? std::string() : calfcoach::ui::motion_shapes_json(layer);
    const bool new_shapes = !same_id && shapes != g_shapes;
    if (!new_shapes && place == g_place) return;
    // The animation's time runs at the page's rate; the app's clock `timescale` times faster.
    WebServices& services = web_services();
    if (!cc_motion_apply(new_shapes ? shapes.c_str() : nullptr, place[0], place[1], place[2], place[3], place[4], place[5], c,
                         services.monotonic_now_ms(), services.timescale())) {
        // The next frame draws the stroke on the canvas (the shell asks it at once: see web_shell_web.cpp).
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
    cc_motion_remove();
    g_shapes.clear();
    g_shapes_id = 0;
    g_place = {};
}

}  // namespace calfcoach::platform
