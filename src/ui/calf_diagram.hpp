// calf_diagram.hpp — the lower leg seen from behind, drawn with ImDrawList only (no images): skin
// silhouette, the two gastrocnemius heads, the soleus at the sides below them and the Achilles tendon,
// a highlight on the zone a step works, and the hands' stroke pattern, animated or as static arrows.
// Used by the session player, the techniques screen and the learn screen.
#pragma once

#include "core/routine.hpp"
#include "imgui.h"
#include "ui/motion_layer.hpp"
#include "ui/widgets.hpp"

namespace calfcoach::ui {

struct CalfDiagramParams {
    FocusZone zone = FocusZone::WholeCalf;           // highlighted area (default WholeCalf: both muscles)
    StrokePattern pattern = StrokePattern::Circles;  // what the hands do (default Circles): animated, or static arrows
    Side side = Side::Left;            // which leg (default Left); Right is the mirror image. The caption is the caller's.
    double time_s = 0.0;               // animation clock in seconds, monotonic (default 0); ignored when reduced_motion
    float strokes_per_minute = 20.f;   // pace of the animation: one stroke cycle per 60 / pace seconds (default 20)
    bool reduced_motion = false;       // true: no animation, static arrows/markers showing the same pattern (default false)
    bool show_labels = false;          // anatomy labels with leader lines: Gastrocnemius, Soleus, Achilles tendon (default false)
    bool highlight = true;             // draw the zone highlight (default true)
    bool show_pattern = true;          // draw the hands' pattern; false for a plain leg, e.g. the anatomy
                                       // picture or "switch legs" (default true)
    // Where the moving pattern goes instead of the draw list: the platform animates it between frames
    // (ui/motion_layer.hpp), and the canvas needs no frame to move it. Filled only while it animates
    // (reduced motion and still pictures stay on the canvas). (default null: drawn, and the caller
    // keeps frames coming while draw_calf_diagram returns true)
    MotionLayer* motion = nullptr;
};

// Draws into `draw` inside [min, max] (device pixels), keeping its own aspect ratio (1:1.7) centred.
// With labels, the leg moves to one side (and shrinks if it must) so the labels fit inside the rect;
// labels are left out only when even that cannot make room (a rect narrower than about 140 CSS px).
// Returns true when it animates on the canvas (the caller keeps frames coming); false when static,
// without a pattern, or animated by params.motion.
bool draw_calf_diagram(ImDrawList* draw, ImVec2 min, ImVec2 max, const DrawContext& ctx, const CalfDiagramParams& params);

// Preferred height for a given width (so layouts can reserve space): width x 1.7.
float calf_diagram_height_for_width(float width);

// The still leg under the pattern is drawn once and its vertices replayed while its rect size, colours,
// zone, scale and font atlas stay the same (see calf_diagram.cpp, "Body cache"). For tests and tuning:
struct DiagramCacheStats {
    int hits = 0;    // bodies copied from the cache (default 0)
    int misses = 0;  // bodies drawn afresh (default 0)
};
DiagramCacheStats calf_diagram_cache_stats();
void clear_calf_diagram_cache();  // also resets the stats

// The alpha of the zone highlight's tint over the muscle (its outline is opaque). Public for the
// contrast test: the stroke markers must stand out on the tinted muscle too.
inline constexpr float kCalfHighlightTintAlpha = 0.30f;

}  // namespace calfcoach::ui
