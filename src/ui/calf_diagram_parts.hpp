// calf_diagram_parts.hpp — what the calf diagram's two drawings of the hands' pattern share: the
// canvas one (calf_diagram.cpp) and the motion layer's (calf_diagram_motion.cpp). Internal to them.
//
// [SECTION] Leg space and style
// [SECTION] Poses: where the pattern is at a moment, one formula for both drawings
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <vector>

#include "core/calf_shape.hpp"
#include "imgui.h"
#include "ui/theme.hpp"

namespace calfcoach::ui::diagram {

inline constexpr float kPi = 3.14159265358979f;

//-----------------------------------------------------------------------------
// [SECTION] Leg space and style
//-----------------------------------------------------------------------------
struct LegSpace {
    float cx = 0, top = 0;  // device px of leg-space (0, 0)
    float ux = 1, uy = 1;   // device px per leg-space unit; ux < 0 mirrors (right leg)
    [[nodiscard]] ImVec2 at(float x, float y) const { return ImVec2(cx + x * ux, top + y * uy); }
    [[nodiscard]] ImVec2 at(ImVec2 p) const { return at(p.x, p.y); }
    [[nodiscard]] ImVec2 at(LegPoint p) const { return at(p.x, p.y); }
    [[nodiscard]] float unit() const { return std::fabs(ux); }  // px of one x unit, for sizes
};

struct Style {
    const Palette* p = nullptr;
    float line = 1;         // device px of the main outline
    float thin = 1;         // device px of inner details
    float marker = 4;       // radius of a stroke marker dot
    float aa = 1;           // device px of the hand-made anti-aliasing fringe
};

inline float lerp(float a, float b, float t) { return a + (b - a) * t; }
inline ImVec2 lerp(ImVec2 a, ImVec2 b, float t) { return ImVec2(lerp(a.x, b.x, t), lerp(a.y, b.y, t)); }
inline float smooth01(float t) {
    t = std::clamp(t, 0.0f, 1.0f);
    return t * t * (3.0f - 2.0f * t);
}
inline float fract(double v) { return static_cast<float>(v - std::floor(v)); }

std::vector<ImVec2> to_px(const LegSpace& s, const LegPath& pts);
// The point at fraction t (0..1) of a polyline's length.
ImVec2 along(const std::vector<ImVec2>& pts, float t);
float polyline_length(const std::vector<ImVec2>& pts);
// The pattern's lanes in device px, smoothed as both drawings show them.
std::vector<std::vector<ImVec2>> lanes_px(const LegSpace& s, const calf_shape::ZoneWork& work);

//-----------------------------------------------------------------------------
// [SECTION] Poses
//-----------------------------------------------------------------------------
// `strokes` counts stroke cycles on the app's clock: time_s x strokes_per_minute / 60.

// Circles: one turn per stroke; the hands move to the next spot every two turns.
struct CirclesPose {
    std::size_t spot = 0;
    float angle = 0;  // radians on screen before mirroring; -pi/2 is the top of the circle
};
inline CirclesPose circles_pose(double strokes, std::size_t spots) {
    return {static_cast<std::size_t>(std::floor(strokes / 2.0)) % std::max<std::size_t>(spots, 1), 2 * kPi * fract(strokes) - kPi * 0.5f};
}
inline constexpr int kCirclesTrailSteps = 24;
inline constexpr float kCirclesTrailTurn = kPi * 1.4f;  // how far round the trail reaches behind the hands
inline float circles_trail_width(const Style& st, float t) { return lerp(st.thin * 1.5f, st.marker * 1.4f, t); }  // t: 0 oldest
inline float circles_trail_alpha(float t) { return 0.9f * std::pow(t, 1.5f); }

// Sweep: a dot travels up each lane, lanes a little apart in time, fading in and out at the ends.
struct LanePose {
    float t = 0;     // 0 at the ankle end to 1 at the knee end
    float fade = 1;  // 0 to 1
};
inline LanePose sweep_pose(double strokes, std::size_t lane, std::size_t lanes) {
    const float t = fract(strokes + static_cast<double>(lane) / static_cast<double>(std::max<std::size_t>(lanes, 1)) * 0.35);
    return {t, smooth01(t / 0.12f) * smooth01((1.0f - t) / 0.12f)};
}
// Where the lane pose wraps from knee back to ankle, as a fraction of a stroke (0 to 1).
inline double sweep_wrap(std::size_t lane, std::size_t lanes) {
    const double offset = static_cast<double>(lane) / static_cast<double>(std::max<std::size_t>(lanes, 1)) * 0.35;
    return offset == 0 ? 0 : 1.0 - offset;
}
inline constexpr float kSweepTrail = 0.22f;  // the trail's length, as a fraction of the lane
inline constexpr int kSweepTrailSteps = 12;
inline float sweep_trail_width(const Style& st, float f) { return lerp(st.thin, st.marker * 1.6f, f); }  // f: 0 tail, 1 head
// The arrowhead rides a little above the dot, pointing up the lane (never down it).
inline ImVec2 sweep_arrow_tip(const Style& st, ImVec2 head) { return ImVec2(head.x, head.y - st.marker * 2.1f); }
inline ImVec2 sweep_arrow_direction(ImVec2 head, ImVec2 ahead) { return ImVec2(ahead.x - head.x, std::min(ahead.y - head.y, -0.001f)); }

// Hold points: one point pressed per stroke, in turn, with a pulse from 0 to 1.
struct HoldPose {
    std::size_t active = 0;
    float pulse = 0;
};
inline HoldPose hold_pose(double strokes, std::size_t points) {
    return {static_cast<std::size_t>(std::floor(strokes)) % std::max<std::size_t>(points, 1), fract(strokes)};
}
// The press: a ring swells (radius in marker radii) and fades while the dot grows; the others rest small.
inline float hold_ring_radius(float pulse) { return 1.2f + 1.6f * pulse; }
inline float hold_ring_alpha(float pulse) { return 0.9f * (1.0f - pulse); }
inline float hold_press_grow(float pulse) { return 1.0f + 0.25f * std::sin(pulse * kPi); }
inline constexpr float kHoldRestScale = 0.6f, kHoldRestAlpha = 0.55f;

// Light strokes: a long soft stroke glides up each lane and fades out toward the knee.
inline double light_offset(std::size_t lane, std::size_t lanes) {
    return static_cast<double>(lane) / static_cast<double>(std::max<std::size_t>(lanes, 1)) * 0.5;
}
inline float light_head(double strokes, std::size_t lane, std::size_t lanes) { return fract(strokes + light_offset(lane, lanes)) * 1.25f; }
inline float light_fade(float head_t) { return 1.0f - smooth01((head_t - 0.75f) / 0.5f); }
inline constexpr float kLightLength = 0.55f;  // the stroke's length, as a fraction of the lane
inline constexpr int kLightSteps = 20;
inline float light_width(const Style& st, float f) { return st.thin * (1.5f + 2.5f * std::sin(f * kPi * 0.5f)); }  // f: 0 tail, 1 head

// Kneading: fingers and thumb squeeze together, then let go; the next spot every two squeezes.
struct KneadPose {
    std::size_t spot = 0;
    float squeeze = 0;  // 0 apart, 1 together
    float gap = 0;      // device px from the spot to each hand
};
inline float knead_grow(float squeeze) { return lerp(1.0f, 1.15f, squeeze); }
inline float knead_line_alpha(float squeeze) { return 0.25f + 0.35f * squeeze; }
inline float knead_apart(const Style& st, float spread) { return std::max(spread * 1.2f, st.marker * 2.8f); }
inline KneadPose knead_pose(double strokes, std::size_t spots, const Style& st, float spread) {
    KneadPose pose;
    pose.spot = static_cast<std::size_t>(std::floor(strokes / 2.0)) % std::max<std::size_t>(spots, 1);
    pose.squeeze = 0.5f - 0.5f * std::cos(2 * kPi * fract(strokes));
    const float together = std::max(spread * 0.3f, st.marker * 1.15f);
    pose.gap = lerp(knead_apart(st, spread), together, pose.squeeze);
    return pose;
}

// How many strokes before every pattern is back where it started.
inline int pattern_cycle_strokes(StrokePattern pattern, const calf_shape::ZoneWork& work) {
    const int points = static_cast<int>(std::max<std::size_t>(work.points.size(), 1));
    switch (pattern) {
        case StrokePattern::Circles:
        case StrokePattern::Kneading: return 2 * points;
        case StrokePattern::HoldPoints: return points;
        case StrokePattern::SweepAnkleToKnee:
        case StrokePattern::LightStrokes: return 1;
    }
    return 1;
}

}  // namespace calfcoach::ui::diagram

namespace calfcoach::ui {
struct CalfDiagramParams;
struct MotionLayer;
namespace diagram {
// The moving part of the pattern as sprites of `layer` (calf_diagram_motion.cpp), in device px from
// `origin`; the layer's cycle is the pattern's. Nothing is drawn.
void build_pattern_motion(MotionLayer& layer, ImVec2 origin, const Style& st, const LegSpace& s, const CalfDiagramParams& prm);
}  // namespace diagram
}  // namespace calfcoach::ui
