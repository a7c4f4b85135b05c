// draw_signature.hpp — whether a frame draws what the canvas already shows.
//
// Render on demand still wakes for things that change off the canvas: the countdown's second (the
// platform ticks it over the canvas), a cue, the clock. Such a frame's ImGui lists come out the same
// as the last ones drawn, and presenting them again would cost a phone a whole canvas frame (the
// browser reads it back and composites it) for nothing. The shell keeps one of these and draws only
// when it says the frame changed.
#pragma once

#include <vector>

#include "imgui.h"

namespace calfcoach::ui {

class DrawSignature {
public:
    // True, and remembers this frame, when its drawing differs from the last one remembered: the
    // lists' vertices, indices and commands (clip rectangles, textures, user callbacks), the
    // framebuffer's size and the clear colour. True after forget().
    bool changed(const ImDrawData& draw_data, int framebuffer_width, int framebuffer_height, ImVec4 clear_colour);
    // The canvas no longer shows the last frame (a restored context, a new font texture).
    void forget();

private:
    std::vector<unsigned char> last_, next_;  // the frames' bytes, kept to reuse their memory
    bool known_ = false;
};

}  // namespace calfcoach::ui
