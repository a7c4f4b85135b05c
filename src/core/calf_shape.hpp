// calf_shape.hpp — the lower leg seen from behind, as pure geometry in "leg space".
//
// Leg space: x from -1 (lateral, the outer side) to +1 (medial, the inner side), y from 0 (just above
// the back of the knee) to 1 (under the heel). The screen drawing (ui/calf_diagram.cpp, ImGui) and the
// printed handout's line drawing (core/calf_svg.cpp, SVG) both map it to their own units, mirrored for
// the right leg, so the two pictures can never disagree about where a muscle or a stroke is.
#pragma once

#include <array>
#include <vector>

#include "core/routine.hpp"

namespace calfcoach {

struct LegPoint {
    float x = 0;  // leg-space x: -1 lateral .. +1 medial (default 0, the midline)
    float y = 0;  // leg-space y: 0 knee .. 1 heel (default 0)
    bool operator==(const LegPoint&) const = default;
};
using LegPath = std::vector<LegPoint>;

namespace calf_shape {

inline constexpr float kHeelBottom = 1.0f;    // the underside of the heel
inline constexpr float kTopFade = 0.06f;      // the thigh above the knee fades in over this much leg space
inline constexpr float kFloorBottom = 1.02f;  // the lowest y drawn: the floor shadow under the heel

// Geometry helpers (leg space in, leg space out).
LegPath convex_hull(LegPath points);                        // Andrew's monotone chain
LegPath chaikin_closed(const LegPath& polygon, int rounds);  // rounds corners, keeps convex polygons convex
LegPath catmull_rom(const LegPath& points, int per_segment); // through the points; the end point included
LegPoint lerp(LegPoint a, LegPoint b, float t);

// The silhouette's x at height y, on the lateral (x < 0) or medial (x > 0) edge.
float edge_at(float y, bool medial);

struct Silhouette {
    LegPath left, right;  // rows from the top down, left[i] and right[i] at one height (a fill strip)
    LegPath outline;      // one open path: lateral edge down, round the heel, medial edge up
};
Silhouette silhouette();

LegPath soleus();        // closed convex outline: the broad flat muscle under the gastrocnemius
LegPath lateral_head();  // closed convex outline of the gastrocnemius's outer head
LegPath medial_head();   // ... its inner head, the larger, reaching lower

struct Tendon {
    LegPath left, right;  // the two edges, from the muscles down to the rounded insertion on the heel
};
Tendon achilles_tendon();

// Thin anatomy hints, each an open path: fibres of the heads, the knee crease and hamstring tendons,
// the ankle bones, the heel pad.
std::vector<LegPath> gastrocnemius_fibres();
std::vector<LegPath> surface_details();

// Where a step's pattern works, per zone: lanes run from the ankle end up toward the knee; points are
// the spots for circles, holds and kneading, in the order the hands visit them.
struct ZoneWork {
    std::vector<LegPath> lanes;
    LegPath points;
    float size = 0.16f;  // circle radius and kneading spread, leg-space x units (default 0.16)
};
ZoneWork zone_work(FocusZone zone);

// Which muscles a zone lights up (WholeCalf: both muscles, not the tendon).
struct ZoneHighlight {
    bool gastrocnemius = false;
    bool soleus = false;
    bool achilles = false;
};
ZoneHighlight zone_highlight(FocusZone zone);

struct AnatomyLabel {
    const char* text;
    LegPoint target;  // on the medial side
};
inline constexpr std::array<AnatomyLabel, 3> kAnatomyLabels{{
    {"Gastrocnemius", {0.62f, 0.30f}},
    {"Soleus", {0.34f, 0.665f}},
    {"Achilles tendon", {0.04f, 0.82f}},
}};

}  // namespace calf_shape
}  // namespace calfcoach
