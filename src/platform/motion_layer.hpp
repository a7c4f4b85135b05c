// motion_layer.hpp — the motion layer's browser side (motion_layer_web.cpp): what an app's frame
// says moves on a loop (ui/motion_layer.hpp) becomes SVG shapes over the canvas, moved by Web
// Animations of transform and opacity, which browsers run on the compositor: no main-thread work and
// no canvas frame while the hands' stroke goes round.
#pragma once

namespace calfcoach::ui {
struct MotionLayer;
}

namespace calfcoach::platform {

// True when the browser can run it (Element.animate); otherwise the app animates on the canvas.
bool motion_layer_available();
// After a frame: builds the shapes and their animations when they changed, moves them when only the
// place did (a scroll), removes them when the frame has none. `dpr`: device px per CSS px.
void motion_layer_after_frame(const calfcoach::ui::MotionLayer& layer, float dpr);
// Takes everything away (the canvas is gone: a lost WebGL context).
void motion_layer_clear();

}  // namespace calfcoach::platform
