// shell_app.hpp — the seam between the browser shell (src/platform/web_shell_web.cpp) and an app
// drawn with Dear ImGui: the patient app (ui::App) and the clinic kit (src/kit). The shell owns the
// canvas, input, render on demand and the WebGL context; the app draws frames and exports what it drew
// (the automation surface, the accessibility layer). Nothing here knows the browser.
#pragma once

#include <cstdint>
#include <string>

#include "ui/motion_layer.hpp"
#include "ui/theme.hpp"

struct ImFontAtlas;

namespace calfcoach::ui {

// What the platform tells the UI each frame.
struct FrameContext {
    double now_ms = 0.0;           // monotonic clock, ms (default 0)
    std::uint64_t frame = 0;       // frames drawn so far, for the automation surface (default 0)
    float device_pixel_ratio = 1;  // device pixels per CSS pixel (default 1)
    // Safe-area insets in CSS px (notches, rounded corners, home indicator): kept clear of content.
    float safe_top = 0, safe_right = 0, safe_bottom = 0, safe_left = 0;  // (default 0)
    // The platform animates FrameResult::motion between frames (default false: whatever moves is
    // drawn on the canvas, frame by frame).
    bool motion_layer = false;
    // The platform shows FrameResult::countdown over the canvas, which then leaves the countdown's
    // arc and time out (default false: the canvas draws them, and the platform may get ready to).
    bool countdown_face = false;
};

// What the UI asks of the platform after a frame.
struct FrameResult {
    bool animating = false;        // draw again on the next animation frame (default false: on demand)
    double wake_after_ms = -1;     // draw once more after this long, e.g. the next second of a countdown
                                   // (default -1: no timer)
    // The height the current screen needs, in CSS px, clamped to kEmbedMin/MaxHeightCss: an embedding
    // page sizes its iframe to it (default 0: not computed yet).
    int content_height_css = 0;
    // A session is under way (the player, playing or paused): the page keeps its own strips, such as
    // "Update available", out of the way until it ends (default false).
    bool in_session = false;
    // What moves on a loop over this frame's drawing, for the platform to animate until the next
    // frame that says otherwise; empty: nothing (default empty). Only with FrameContext::motion_layer.
    MotionLayer motion;
    // The player's countdown while it runs, for the platform to keep ticking; empty: none (default
    // empty). Given whether or not FrameContext::countdown_face is set.
    CountdownFace countdown;
};

class ShellApp {
public:
    virtual ~ShellApp() = default;

    // Scale changes (device pixel ratio, text size) need new fonts: the shell checks fonts_dirty()
    // before a frame, calls rebuild_fonts(), then recreates its font texture.
    virtual void set_device_pixel_ratio(float dpr) = 0;
    [[nodiscard]] virtual bool fonts_dirty() const = 0;
    virtual void rebuild_fonts(ImFontAtlas& atlas) = 0;

    // Draws one frame between ImGui::NewFrame() and ImGui::Render().
    virtual FrameResult frame(const FrameContext& context) = 0;
    // The colour the canvas is cleared to.
    [[nodiscard]] virtual const Palette& palette() const = 0;

    // The automation surface (window.calfcoach.state()): a JSON object with at least "items".
    [[nodiscard]] virtual std::string state_json() const = 0;
    // The accessibility layer (web/a11y.js): {"screen", "items", "texts", "announce"} of the last
    // frame, and what the HTML control over an item (by its index in the last frame) does to it.
    [[nodiscard]] virtual std::string a11y_json() const = 0;
    virtual bool activate_item(int index) = 0;
    virtual bool set_slider_item(int index, int value) = 0;
    virtual void set_focus_item(int index) = 0;
    // A text field's HTML input changed (typing, pasting, dictation, an on-screen keyboard): its
    // whole new value. Default: the app has no text fields.
    virtual bool set_text_item(int /*index*/, std::string /*value*/) { return false; }

    // The page is being hidden or closed: save what is in progress. Default: nothing to save.
    virtual void on_page_hide(double /*now_ms*/) {}
    // While the page is hidden no frames come: a timer calls this. Default: nothing to keep going.
    virtual void keep_cues_ahead(double /*now_ms*/) {}
};

}  // namespace calfcoach::ui
