// calf_diagram_motion.cpp — the hands' moving pattern as a motion layer (ui/motion_layer.hpp): the
// same shapes the canvas draws (markers with their halo, trails, arrowheads, rings), each a still
// picture drawn once by the platform, and where each is over one cycle, sampled from the poses the
// canvas drawing uses.
//
// [SECTION] Pictures
// [SECTION] Keys: sampling a pose over the cycle
// [SECTION] Patterns
//
// Trails are the one approximation. On the canvas a trail is recomputed along the lane every frame;
// here it is a rigid tapered shape laid along the chord from its tail to its head, stretched to that
// chord's length, which for the nearly straight lanes of the calf is the same picture.

#include <algorithm>
#include <cmath>
#include <initializer_list>
#include <vector>

#include "ui/calf_diagram.hpp"
#include "ui/calf_diagram_parts.hpp"
#include "ui/motion_layer.hpp"

namespace calfcoach::ui::diagram {
namespace {

// Keys per stroke: a key every 1/24 of a stroke (0.16 s at 16 strokes a minute). In between the
// browser moves in straight lines, so a dot on a curved lane stays on it to well under a pixel.
constexpr int kKeysPerStroke = 24;
constexpr float kRadToDeg = 180.0f / kPi;

//-----------------------------------------------------------------------------
// [SECTION] Pictures
//-----------------------------------------------------------------------------
// A sprite's still picture as MotionOp numbers, and the box that holds it.
struct Shape {
    MotionSprite sprite;
    bool has_box = false;

    void grow(float x, float y, float pad) {
        MotionSprite& s = sprite;
        if (!has_box) {
            s.min_x = s.max_x = x;
            s.min_y = s.max_y = y;
            has_box = true;
        }
        s.min_x = std::min(s.min_x, x - pad);
        s.min_y = std::min(s.min_y, y - pad);
        s.max_x = std::max(s.max_x, x + pad);
        s.max_y = std::max(s.max_y, y + pad);
    }
    void op(MotionOp code, std::initializer_list<float> numbers) {
        sprite.picture.push_back(static_cast<float>(code));
        sprite.picture.insert(sprite.picture.end(), numbers);
    }
    void circle(float x, float y, float r, float colour, float alpha) {
        op(MotionOp::Circle, {x, y, r, colour, alpha});
        grow(x, y, r + 1);
    }
    void ring(float r, float width) {
        op(MotionOp::Ring, {r, width, kMotionGuide});
        grow(0, 0, r + width + 1);
    }
    void polygon(const std::vector<ImVec2>& pts, float alpha) {
        op(MotionOp::Polygon, {static_cast<float>(pts.size())});
        for (const ImVec2 p : pts) {
            sprite.picture.insert(sprite.picture.end(), {p.x, p.y});
            grow(p.x, p.y, 1);
        }
        sprite.picture.insert(sprite.picture.end(), {kMotionGuide, alpha});
    }
    // The canvas ribbon of a trail: along x from -length to 0, widths from tail to head.
    void fade(float length, const std::vector<float>& half_widths, float head_alpha) {
        op(MotionOp::Fade, {length, static_cast<float>(half_widths.size())});
        sprite.picture.insert(sprite.picture.end(), half_widths.begin(), half_widths.end());
        sprite.picture.insert(sprite.picture.end(), {kMotionGuide, head_alpha});
        float widest = 0;
        for (const float w : half_widths) widest = std::max(widest, w);
        grow(-length, 0, widest + 1);
        grow(0, 0, widest + 1);
    }
};

// The canvas's marker: a dot with a light halo, so it reads on skin, muscle and the tint alike.
void marker_shape(Shape& shape, const Style& st, float x, float y, float r) {
    shape.circle(x, y, r + st.thin * 1.5f, kMotionSurface, 0.85f);
    shape.circle(x, y, r, kMotionGuide, 1.0f);
}

//-----------------------------------------------------------------------------
// [SECTION] Keys
//-----------------------------------------------------------------------------
// A pose function by reference, without a template per caller: one copy of the sampler in the wasm.
class PoseRef {
public:
    template <class Pose>
    PoseRef(const Pose& pose) : object_(&pose), call_([](const void* o, double strokes) { return (*static_cast<const Pose*>(o))(strokes); }) {}  // NOLINT: implicit on purpose
    MotionKey operator()(double strokes) const { return call_(object_, strokes); }

private:
    const void* object_;
    MotionKey (*call_)(const void*, double);
};

// Samples `pose(strokes)` over a cycle of `cycle` strokes: kKeysPerStroke keys a stroke, and at each
// cut (every whole stroke, and `extra_cut` strokes into each stroke when it is above 0) the pose just
// before it and just after it at the same moment, so a jump (the hands moving to the next spot, a dot
// back at the ankle) is a jump, not a glide.
std::vector<MotionKey> sample_keys(int cycle, double extra_cut, PoseRef pose) {
    std::vector<MotionKey> keys;
    const bool cut = extra_cut > 1e-6 && extra_cut < 1.0 - 1e-6;
    for (int stroke = 0; stroke < cycle; ++stroke) {
        for (int part = 0; part < (cut ? 2 : 1); ++part) {
            const double a = stroke + (part == 1 ? extra_cut : 0.0);
            const double b = stroke + (cut && part == 0 ? extra_cut : 1.0);
            const int n = std::max(2, static_cast<int>(std::ceil((b - a) * kKeysPerStroke)));
            for (int j = 0; j <= n; ++j) {
                const double at = a + (b - a) * j / n;
                MotionKey key = pose(j == n ? b - std::min(1e-4, (b - a) * 0.01) : at);
                key.at = static_cast<float>(at / cycle);
                key.angle_deg = unwrapped_angle(keys, key.angle_deg);
                keys.push_back(key);
            }
        }
    }
    return keys;
}

MotionKey key_at(ImVec2 p, ImVec2 origin, float angle_deg = 0, float scale_x = 1, float scale_y = 1, float opacity = 1) {
    MotionKey key;
    key.x = p.x - origin.x;
    key.y = p.y - origin.y;
    key.angle_deg = angle_deg;
    key.scale_x = scale_x;
    key.scale_y = scale_y;
    key.opacity = opacity;
    return key;
}

// A trail from `tail` to `head` (points on a lane): placed at the head, turned along the chord,
// stretched to its length. A trail shorter than half a pixel keeps the lane's direction at the head.
MotionKey trail_key(const std::vector<ImVec2>& lane, float tail_t, float head_t, float length, ImVec2 origin, float opacity) {
    const ImVec2 head = along(lane, head_t), tail = along(lane, tail_t);
    ImVec2 d(head.x - tail.x, head.y - tail.y);
    const float chord = std::hypot(d.x, d.y);
    if (chord < 0.5f) {
        const ImVec2 a = along(lane, std::max(head_t - 0.02f, 0.0f)), b = along(lane, std::max(head_t, 0.02f));
        d = ImVec2(b.x - a.x, b.y - a.y);
    }
    return key_at(head, origin, std::atan2(d.y, d.x) * kRadToDeg, std::max(chord / std::max(length, 1.0f), 0.001f), 1, opacity);
}

}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] Patterns
//-----------------------------------------------------------------------------
void build_pattern_motion(MotionLayer& layer, ImVec2 origin, const Style& st, const LegSpace& s, const CalfDiagramParams& prm) {
    layer.sprites.clear();
    const calf_shape::ZoneWork work = calf_shape::zone_work(prm.zone);
    if (work.points.empty() && work.lanes.empty()) return;
    const int cycle = pattern_cycle_strokes(prm.pattern, work);
    const double stroke_ms = 60'000.0 / std::max(prm.strokes_per_minute, 1.0f);
    layer.x = origin.x;
    layer.y = origin.y;
    layer.cycle_ms = cycle * stroke_ms;
    const float unit = s.unit();
    const float m = s.ux > 0 ? 1.0f : -1.0f;
    const std::vector<std::vector<ImVec2>> lanes = lanes_px(s, work);
    layer.guide = st.p->guide;
    layer.surface = st.p->surface;
    auto add = [&](Shape& shape, std::vector<MotionKey> keys) {
        shape.sprite.keys = std::move(keys);
        layer.sprites.push_back(std::move(shape.sprite));
    };

    switch (prm.pattern) {
        case StrokePattern::Circles: {
            if (work.points.empty()) return;
            // One shape turning about the spot: the trail behind the hands and the hands' marker,
            // drawn for the circle's angle 0 (mirrored for the right leg, which turns the other way).
            const float r = work.size * unit;
            Shape shape;
            for (int i = 0; i < kCirclesTrailSteps; ++i) {
                const auto point = [&](int k, float side) {
                    const float t = static_cast<float>(k) / kCirclesTrailSteps;
                    const float delta = -(1.0f - t) * kCirclesTrailTurn;
                    const float half = circles_trail_width(st, t) * 0.5f;
                    const float rr = r + side * half;
                    return ImVec2(m * std::cos(delta) * rr, std::sin(delta) * rr);
                };
                const float t0 = static_cast<float>(i) / kCirclesTrailSteps, t1 = static_cast<float>(i + 1) / kCirclesTrailSteps;
                const float alpha = 0.5f * (circles_trail_alpha(t0) + circles_trail_alpha(t1));  // each piece: its ends' mean
                shape.polygon({point(i, -1), point(i + 1, -1), point(i + 1, 1), point(i, 1)}, alpha);
            }
            marker_shape(shape, st, m * r, 0, st.marker);
            add(shape, sample_keys(cycle, 0, [&](double strokes) {
                    const CirclesPose pose = circles_pose(strokes, work.points.size());
                    return key_at(s.at(work.points[pose.spot]), origin, m * pose.angle * kRadToDeg);
                }));
            break;
        }
        case StrokePattern::SweepAnkleToKnee: {
            for (std::size_t i = 0; i < lanes.size(); ++i) {
                const std::vector<ImVec2>& lane = lanes[i];
                const float trail_length = kSweepTrail * polyline_length(lane);
                const double cut = sweep_wrap(i, lanes.size());
                Shape trail;
                std::vector<float> half_widths;
                for (int k = 0; k <= kSweepTrailSteps; ++k)
                    half_widths.push_back(sweep_trail_width(st, static_cast<float>(k) / kSweepTrailSteps) * 0.5f);
                trail.fade(trail_length, half_widths, 0.6f);
                add(trail, sample_keys(cycle, cut, [&](double strokes) {
                        const LanePose pose = sweep_pose(strokes, i, lanes.size());
                        return trail_key(lane, std::max(pose.t - kSweepTrail, 0.0f), pose.t, trail_length, origin, pose.fade);
                    }));
                Shape dot;
                marker_shape(dot, st, 0, 0, st.marker);
                add(dot, sample_keys(cycle, cut, [&](double strokes) {
                        const LanePose pose = sweep_pose(strokes, i, lanes.size());
                        return key_at(along(lane, pose.t), origin, 0, 1, 1, pose.fade);
                    }));
                Shape arrow;
                const float size = st.marker * 0.9f;
                arrow.polygon({ImVec2(0, 0), ImVec2(-size, size * 0.6f), ImVec2(-size, -size * 0.6f)}, 1.0f);
                add(arrow, sample_keys(cycle, cut, [&](double strokes) {
                        const LanePose pose = sweep_pose(strokes, i, lanes.size());
                        const ImVec2 head = along(lane, pose.t), ahead = along(lane, std::min(pose.t + 0.02f, 1.0f));
                        const ImVec2 dir = sweep_arrow_direction(head, ahead);
                        return key_at(sweep_arrow_tip(st, head), origin, std::atan2(dir.y, dir.x) * kRadToDeg, 1, 1, pose.fade);
                    }));
            }
            break;
        }
        case StrokePattern::HoldPoints: {
            const float r = st.marker * 1.35f;
            // The ring is drawn at its largest and scaled down: its line is the canvas's width where
            // it is most visible (just after the press), a little thinner before and wider after.
            constexpr float kRingMax = 2.8f, kRingTrue = 1.6f;
            for (std::size_t i = 0; i < work.points.size(); ++i) {
                const ImVec2 c = s.at(work.points[i]);
                Shape ring;
                ring.ring(r * kRingMax, st.thin * 2.0f * kRingMax / kRingTrue);
                add(ring, sample_keys(cycle, 0, [&](double strokes) {
                        const HoldPose pose = hold_pose(strokes, work.points.size());
                        const bool active = pose.active == i;
                        const float scale = hold_ring_radius(active ? pose.pulse : 0.0f) / kRingMax;
                        return key_at(c, origin, 0, scale, scale, active ? hold_ring_alpha(pose.pulse) : 0.0f);
                    }));
                Shape dot;
                marker_shape(dot, st, 0, 0, r);
                add(dot, sample_keys(cycle, 0, [&](double strokes) {
                        const HoldPose pose = hold_pose(strokes, work.points.size());
                        if (pose.active != i) return key_at(c, origin, 0, kHoldRestScale, kHoldRestScale, kHoldRestAlpha);
                        const float grow = hold_press_grow(pose.pulse);
                        return key_at(c, origin, 0, grow, grow, 1.0f);
                    }));
            }
            break;
        }
        case StrokePattern::LightStrokes: {
            for (std::size_t i = 0; i < lanes.size(); ++i) {
                const std::vector<ImVec2>& lane = lanes[i];
                const float length = kLightLength * polyline_length(lane);
                const double offset = light_offset(i, lanes.size());
                Shape stroke;
                std::vector<float> half_widths;
                for (int k = 0; k <= kLightSteps; ++k) half_widths.push_back(light_width(st, static_cast<float>(k) / kLightSteps) * 0.5f);
                stroke.fade(length, half_widths, 0.8f);
                add(stroke, sample_keys(cycle, offset == 0 ? 0.0 : 1.0 - offset, [&](double strokes) {
                        const float head_t = light_head(strokes, i, lanes.size());
                        return trail_key(lane, std::clamp(head_t - kLightLength, 0.0f, 1.0f), std::clamp(head_t, 0.0f, 1.0f), length,
                                         origin, light_fade(head_t));
                    }));
            }
            break;
        }
        case StrokePattern::Kneading: {
            if (work.points.empty()) return;
            const float spread = work.size * unit;
            const float apart = knead_apart(st, spread);
            const auto spot = [&](double strokes) {
                const KneadPose pose = knead_pose(strokes, work.points.size(), st, spread);
                return std::pair{pose, s.at(work.points[pose.spot])};
            };
            Shape bar;
            bar.polygon({ImVec2(-apart, -st.thin * 0.75f), ImVec2(apart, -st.thin * 0.75f), ImVec2(apart, st.thin * 0.75f),
                         ImVec2(-apart, st.thin * 0.75f)},
                        1.0f);
            add(bar, sample_keys(cycle, 0, [&](double strokes) {
                    const auto [pose, c] = spot(strokes);
                    return key_at(c, origin, 0, pose.gap / apart, 1, knead_line_alpha(pose.squeeze));
                }));
            for (const float side : {-1.0f, 1.0f}) {
                Shape hand;
                marker_shape(hand, st, 0, 0, st.marker);
                add(hand, sample_keys(cycle, 0, [&](double strokes) {
                        const auto [pose, c] = spot(strokes);
                        const float grow = knead_grow(pose.squeeze);
                        return key_at(ImVec2(c.x + side * pose.gap, c.y), origin, 0, grow, grow, 1.0f);
                    }));
            }
            break;
        }
    }
}

}  // namespace calfcoach::ui::diagram
