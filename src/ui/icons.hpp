// icons.hpp — small vector icons drawn with ImDrawList (no image files), so they stay crisp at any
// pixel ratio and cost nothing to download. Safety levels always pair an icon with words.
#pragma once

#include "imgui.h"

namespace calfcoach::ui {

enum class Icon { Check, Caution, Wait, Stethoscope, Urgent, Phone, Play, Pause, Next, Previous, Stop, Info };

// Draws `icon` centred at `centre`, fitting a square of side `size`, in `color`.
void draw_icon(ImDrawList* draw, Icon icon, ImVec2 centre, float size, ImU32 color);

}  // namespace calfcoach::ui
