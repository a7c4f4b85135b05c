// motion_layer.hpp — the motion layer's browser side (motion_layer_web.cpp): what an app's frame
// says moves on a loop (ui/motion_layer.hpp) becomes SVG shapes over the canvas, moved by Web
// Animations of transform and opacity, which browsers run on the compositor: no main-thread work and
// no canvas frame while the hands' stroke goes round. The countdown's face beside it.
#pragma once

namespace calfcoach::ui {
struct CountdownFace;
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

// The countdown's face (ui::CountdownFace): an SVG arc and time over the canvas's ring, set again by a
// page timer as each second passes, so a session's second costs no canvas frame. True once the app's
// font has loaded into the page (a FontFace made from the wasm's copy) and the page has not failed it.
bool countdown_face_available();
// After a frame: shows the face, or builds it anew when it changed (a new phase), or only moves it (a
// scroll); takes it away when the frame has none. The first face only starts the font's loading (the
// canvas draws that one; a frame is asked for once the font is in).
void countdown_face_after_frame(const calfcoach::ui::CountdownFace& face, float dpr);
void countdown_face_clear();

}  // namespace calfcoach::platform
