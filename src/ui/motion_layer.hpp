// motion_layer.hpp — what changes between frames, handed to the platform to run without the canvas: a
// picture that moves on a loop (the hands' stroke) and a countdown (the player's ring).
//
// A phone pays for every canvas frame: the browser reads each WebGL frame back to put it on screen,
// whatever was drawn. The hands' stroke on the calf moves all the time but repeats, so instead of
// redrawing the canvas 30 times a second the app describes it once: a few still shapes and where each
// one is over one cycle. The web platform runs that on the browser's compositor (transform and opacity
// animations), and the canvas redraws only when something else changes, such as the countdown's next
// second. Pure data: nothing here knows the browser.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "ui/theme.hpp"

namespace calfcoach::ui {

// Where a shape is at one moment of the cycle. Applied to the shape as: scale, then rotate about its
// origin, then move its origin to (x, y).
struct MotionKey {
    float at = 0;         // 0 to 1 over the cycle; two keys at the same `at` make a jump (default 0)
    float x = 0, y = 0;   // device px from the layer's top-left corner (default 0)
    float angle_deg = 0;  // clockwise on screen (default 0)
    float scale_x = 1, scale_y = 1;  // (default 1)
    float opacity = 1;    // 0 to 1 (default 1)
};

// A sprite's still picture: drawing operations, flat numbers in device px around the sprite's own
// origin, which the platform draws once (as SVG on the web). Colours: kMotionGuide or kMotionSurface.
enum class MotionOp : int {
    Circle = 1,   // x, y, radius, colour, alpha
    Polygon = 2,  // point count n, x0, y0 ... x(n-1), y(n-1), colour, alpha
    Ring = 3,     // radius, line width, colour (round the origin)
    Fade = 4,     // length, count n, half widths 0..n-1, colour, head alpha: a shape along x from
                  // -length (the tail, clear) to 0 (the head, at head alpha), its alpha linear between
};
inline constexpr float kMotionGuide = 0, kMotionSurface = 1;  // MotionLayer::guide, MotionLayer::surface

// One still shape and its path. Keys are linear in between; angles are unwrapped (never a turn the
// long way round between two keys).
struct MotionSprite {
    std::vector<float> picture;  // MotionOp codes, each followed by its numbers (default empty)
    float min_x = 0, min_y = 0, max_x = 0, max_y = 0;  // the box that holds them, device px (default 0)
    std::vector<MotionKey> keys;  // (default none)
};

struct MotionLayer {
    // Device px on the canvas: where the picture sits, and the part of the page it may show in (the
    // window's clip: a picture half scrolled away is cut where the canvas cuts it). (default 0)
    float x = 0, y = 0;
    float clip_min_x = 0, clip_min_y = 0, clip_max_x = 0, clip_max_y = 0;
    double cycle_ms = 0;   // one loop of every sprite (default 0: nothing moves)
    Rgb guide{}, surface{};  // the pictures' two colours (default black)
    // The loop is at (clock_ms mod cycle_ms) when clock_ms is the app's monotonic clock: every
    // sprite's keys are laid out so, and the platform starts them from the clock it is at (default 0).
    std::vector<MotionSprite> sprites;  // drawn in this order, the last on top (default none)
    // The same non-zero id means the same sprites and cycle: the platform then neither serialises
    // nor rebuilds anything, whatever the frame rate (default 0: compare the shapes themselves).
    std::uint64_t shapes_id = 0;

    [[nodiscard]] bool empty() const { return sprites.empty() || cycle_ms <= 0; }
};

// The shapes and their paths, without the place: {"cycle_ms", "colours": ["#guide", "#surface"],
// "sprites": [{"picture": [op, numbers...], "box": [min_x, min_y, max_x, max_y], "keys": [at, x, y,
// angle, sx, sy, opacity, at, ...]}]}; "" for an empty layer. The platform rebuilds its animations only when this changes (a scroll only moves the layer).
std::string motion_shapes_json(const MotionLayer& layer);

// Adds `angle_deg` to `keys` with the smallest turn from the previous key's angle.
float unwrapped_angle(const std::vector<MotionKey>& keys, float angle_deg);

// The player's countdown, kept ticking by the platform between frames. A second of a session would
// otherwise be a whole canvas frame for one number and a slightly shorter arc (with reduced motion,
// the only thing that changes at all). The canvas still draws the ring's track; the platform draws the
// arc and the time over it, in the same font, and updates them as each second passes.
struct CountdownFace {
    // Device px on the canvas: the ring's centre, and the part of the page it may show in (the
    // window's clip) (default 0).
    float centre_x = 0, centre_y = 0;
    float clip_min_x = 0, clip_min_y = 0, clip_max_x = 0, clip_max_y = 0;
    float radius = 0, line_width = 0;  // the arc's, device px (default 0)
    Rgb arc{}, text{};                 // (default black)
    // The time's font (the UI font at the display size): the em size a browser needs for the glyphs
    // ImGui draws; where its middle and baseline sit from the ring's centre, device px (default 0).
    float em_px = 0, text_dx = 0, baseline_dy = 0;
    // The app's clock when the phase ends, and the phase's length: the arc is remaining / duration of
    // a whole turn, clockwise from the top (default 0: no face).
    double ends_at_ms = 0, duration_ms = 0;
    // labels[k]: the time shown while the remaining time, rounded up to whole seconds, is k; the last
    // stands for anything longer (default none).
    std::vector<std::string> labels;

    [[nodiscard]] bool empty() const { return duration_ms <= 0 || labels.empty(); }
};

// The face without its place: {"ends_at_ms", "duration_ms", "radius", "line_width", "arc": "#rrggbb",
// "text": "#rrggbb", "em_px", "text_dx", "baseline_dy", "labels": [...]}; "" for an empty face. The platform
// rebuilds the face only when this changes (a scroll only moves it).
std::string countdown_face_json(const CountdownFace& face);

}  // namespace calfcoach::ui
