// calf_diagram.cpp — the calf drawing.
//
// [SECTION] Leg space: coordinates, the layout in the rect, colours
// [SECTION] Drawing helpers: fills, strips, ribbons, arrows
// [SECTION] Patterns: animated and static stroke guides
// [SECTION] Labels
// [SECTION] Body cache: the still drawing replayed, not recomputed (and the motion layer's sprites)
// [SECTION] Entry points
//
// The leg's shapes live in core/calf_shape (shared with the printed handout's line drawing), in
// "leg space": x from -1 (lateral, the outer side) to +1 (medial, the inner side), y from 0 (just
// above the back of the knee) to 1 (under the heel). One mapping turns it into device
// pixels, mirrored for the right leg, so the left leg shows its medial side on the viewer's right (the
// body's midline), as seen from behind. The medial gastrocnemius head is the larger and reaches lower.

#include "ui/calf_diagram.hpp"

#include "core/calf_shape.hpp"
#include "core/fnv1a.hpp"
#include "ui/calf_diagram_parts.hpp"
#include "ui/motion_layer.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <type_traits>
#include <vector>

namespace calfcoach::ui {

namespace diagram {
std::vector<ImVec2> to_px(const LegSpace& s, const LegPath& pts) {
    std::vector<ImVec2> out;
    out.reserve(pts.size());
    for (const LegPoint p : pts) out.push_back(s.at(p));
    return out;
}

float polyline_length(const std::vector<ImVec2>& pts) {
    float total = 0;
    for (std::size_t i = 0; i + 1 < pts.size(); ++i) total += std::hypot(pts[i + 1].x - pts[i].x, pts[i + 1].y - pts[i].y);
    return total;
}

ImVec2 along(const std::vector<ImVec2>& pts, float t) {
    if (pts.empty()) return ImVec2(0, 0);
    float want = std::clamp(t, 0.0f, 1.0f) * polyline_length(pts);
    for (std::size_t i = 0; i + 1 < pts.size(); ++i) {
        const float seg = std::hypot(pts[i + 1].x - pts[i].x, pts[i + 1].y - pts[i].y);
        if (want <= seg && seg > 0) return lerp(pts[i], pts[i + 1], want / seg);
        want -= seg;
    }
    return pts.back();
}

std::vector<std::vector<ImVec2>> lanes_px(const LegSpace& s, const calf_shape::ZoneWork& work) {
    std::vector<std::vector<ImVec2>> lanes;
    for (const auto& lane : work.lanes) lanes.push_back(to_px(s, calf_shape::catmull_rom(lane, 10)));
    return lanes;
}
}  // namespace diagram

namespace {
using namespace diagram;

constexpr float kAspect = 1.7f;       // height / width of the whole diagram (leg and label room)
constexpr float kLegHalfWidth = 0.25f;  // one leg-space x unit, as a fraction of the diagram's width

//-----------------------------------------------------------------------------
// [SECTION] Leg space (LegSpace, Style and the poses: calf_diagram_parts.hpp), colours
//-----------------------------------------------------------------------------
ImU32 col(Rgb c, float alpha = 1.0f) {
    return IM_COL32(c.r, c.g, c.b, static_cast<int>(std::clamp(alpha, 0.0f, 1.0f) * 255.0f + 0.5f));
}


//-----------------------------------------------------------------------------
// [SECTION] Drawing helpers
//-----------------------------------------------------------------------------
// ImGui's anti-aliased fill needs clockwise points (on screen, y down), or its fringe goes inward:
// mirroring the right leg flips every shape's winding, so each fill is turned the right way here.
void fill_convex(ImDrawList* d, std::vector<ImVec2> px, ImU32 c) {
    float area2 = 0;
    for (std::size_t i = 0; i < px.size(); ++i) {
        const ImVec2 a = px[i], b = px[(i + 1) % px.size()];
        area2 += a.x * b.y - b.x * a.y;
    }
    if (area2 < 0) std::reverse(px.begin(), px.end());
    d->AddConvexPolyFilled(px.data(), static_cast<int>(px.size()), c);
}
void stroke(ImDrawList* d, const std::vector<ImVec2>& px, ImU32 c, float w, bool closed) {
    d->AddPolyline(px.data(), static_cast<int>(px.size()), c, closed ? ImDrawFlags_Closed : ImDrawFlags_None, w);
}

// A straight line without ImDrawList::AddLine's half-pixel nudge, so the right leg mirrors exactly.
void line(ImDrawList* d, ImVec2 a, ImVec2 b, ImU32 c, float w) {
    const ImVec2 pts[2] = {a, b};
    d->AddPolyline(pts, 2, c, ImDrawFlags_None, w);
}

// A filled strip between two edge polylines of equal length (row i joins left[i] and right[i]): any
// outline that is convex row by row, like the leg. No anti-aliasing on purpose: its edges are covered by
// an outline stroke, and per-quad fringes would leave faint seams inside.
// `fade_to` > 0: rows above that y (device px) fade out upward, from opaque at fade_to to clear at fade_from.
void fill_strip(ImDrawList* d, const std::vector<ImVec2>& left, const std::vector<ImVec2>& right, ImU32 c,
                float fade_from = 0.0f, float fade_to = 0.0f) {
    const std::size_t rows = std::min(left.size(), right.size());
    if (rows < 2) return;
    const ImVec2 uv = ImGui::GetFontTexUvWhitePixel();
    d->PrimReserve(static_cast<int>((rows - 1) * 6), static_cast<int>(rows * 2));
    const auto base = static_cast<ImDrawIdx>(d->_VtxCurrentIdx);
    for (std::size_t i = 0; i < rows; ++i) {
        ImU32 row = c;
        if (fade_to > fade_from && left[i].y < fade_to) {
            const float a = smooth01((left[i].y - fade_from) / (fade_to - fade_from));
            row = (c & ~IM_COL32_A_MASK) | (static_cast<ImU32>(static_cast<float>(c >> IM_COL32_A_SHIFT) * a + 0.5f) << IM_COL32_A_SHIFT);
        }
        d->PrimWriteVtx(left[i], uv, row);
        d->PrimWriteVtx(right[i], uv, row);
    }
    for (std::size_t i = 0; i + 1 < rows; ++i) {
        const auto a = static_cast<ImDrawIdx>(base + i * 2);
        d->PrimWriteIdx(a);
        d->PrimWriteIdx(static_cast<ImDrawIdx>(a + 1));
        d->PrimWriteIdx(static_cast<ImDrawIdx>(a + 3));
        d->PrimWriteIdx(a);
        d->PrimWriteIdx(static_cast<ImDrawIdx>(a + 3));
        d->PrimWriteIdx(static_cast<ImDrawIdx>(a + 2));
    }
}

// A ribbon along a polyline with a width and an alpha per point, anti-aliased by a thin fringe: tapering,
// fading strokes (trails, light strokes) that ImGui's one-colour polylines cannot draw.
void ribbon(ImDrawList* d, const std::vector<ImVec2>& pts, const std::vector<float>& width, const std::vector<float>& alpha,
            Rgb c, float fringe) {
    const std::size_t n = pts.size();
    if (n < 2) return;
    const ImVec2 uv = ImGui::GetFontTexUvWhitePixel();
    d->PrimReserve(static_cast<int>((n - 1) * 18), static_cast<int>(n * 4));
    const auto base = static_cast<ImDrawIdx>(d->_VtxCurrentIdx);
    for (std::size_t i = 0; i < n; ++i) {
        const ImVec2 a = pts[i == 0 ? 0 : i - 1], b = pts[i + 1 < n ? i + 1 : n - 1];
        float dx = b.x - a.x, dy = b.y - a.y;
        const float len = std::sqrt(dx * dx + dy * dy);
        if (len > 0) { dx /= len; dy /= len; }
        const ImVec2 nrm(-dy, dx);
        const float h = std::max(width[i] * 0.5f - fringe * 0.5f, 0.0f);
        const float o = h + fringe;
        const ImU32 solid = col(c, alpha[i]);
        const ImU32 clear = col(c, 0.0f);
        d->PrimWriteVtx(ImVec2(pts[i].x + nrm.x * o, pts[i].y + nrm.y * o), uv, clear);
        d->PrimWriteVtx(ImVec2(pts[i].x + nrm.x * h, pts[i].y + nrm.y * h), uv, solid);
        d->PrimWriteVtx(ImVec2(pts[i].x - nrm.x * h, pts[i].y - nrm.y * h), uv, solid);
        d->PrimWriteVtx(ImVec2(pts[i].x - nrm.x * o, pts[i].y - nrm.y * o), uv, clear);
    }
    for (std::size_t i = 0; i + 1 < n; ++i) {
        for (int lane = 0; lane < 3; ++lane) {
            const auto a = static_cast<ImDrawIdx>(base + i * 4 + static_cast<std::size_t>(lane));
            const auto b = static_cast<ImDrawIdx>(a + 4);
            d->PrimWriteIdx(a);
            d->PrimWriteIdx(static_cast<ImDrawIdx>(a + 1));
            d->PrimWriteIdx(static_cast<ImDrawIdx>(b + 1));
            d->PrimWriteIdx(a);
            d->PrimWriteIdx(static_cast<ImDrawIdx>(b + 1));
            d->PrimWriteIdx(b);
        }
    }
}

// A solid triangle arrowhead at `tip` pointing along `dir` (device px).
void arrowhead(ImDrawList* d, ImVec2 tip, ImVec2 dir, float size, ImU32 c) {
    const float len = std::hypot(dir.x, dir.y);
    if (len <= 0) return;
    dir = ImVec2(dir.x / len, dir.y / len);
    const ImVec2 nrm(-dir.y, dir.x);
    const ImVec2 back(tip.x - dir.x * size, tip.y - dir.y * size);
    fill_convex(d, {tip, ImVec2(back.x + nrm.x * size * 0.6f, back.y + nrm.y * size * 0.6f),
                    ImVec2(back.x - nrm.x * size * 0.6f, back.y - nrm.y * size * 0.6f)}, c);
}

// A marker dot with a light halo so it reads on skin, muscle and the tint alike.
void marker(ImDrawList* d, const Style& st, ImVec2 c, float r, float alpha = 1.0f) {
    d->AddCircleFilled(c, r + st.thin * 1.5f, col(st.p->surface, 0.85f * alpha));
    d->AddCircleFilled(c, r, col(st.p->guide, alpha));
}

//-----------------------------------------------------------------------------
// [SECTION] Patterns
//-----------------------------------------------------------------------------
// A circular arrow: most of a circle, arrowhead at the end (static Circles).
void circular_arrow(ImDrawList* d, const Style& st, ImVec2 c, float r, float m) {  // m = -1 mirrors
    constexpr int kN = 28;
    std::vector<ImVec2> arc;
    const float a0 = -kPi * 0.5f + 0.5f, sweep = 2 * kPi - 1.1f;
    for (int i = 0; i <= kN; ++i) {
        const float a = a0 + sweep * static_cast<float>(i) / kN;
        arc.emplace_back(c.x + m * std::cos(a) * r, c.y + std::sin(a) * r);
    }
    stroke(d, arc, col(st.p->surface, 0.8f), st.thin * 2.0f + st.thin * 3.0f, false);
    stroke(d, arc, col(st.p->guide), st.thin * 2.0f, false);
    const float ae = a0 + sweep;
    const ImVec2 tip(c.x + m * std::cos(ae + 0.25f) * r, c.y + std::sin(ae + 0.25f) * r);
    arrowhead(d, tip, ImVec2(-m * std::sin(ae), std::cos(ae)), st.marker * 1.3f, col(st.p->guide));
}

// A straight/curved arrow along a lane (static sweeps and light strokes).
void lane_arrow(ImDrawList* d, const Style& st, const std::vector<ImVec2>& px, float width, float alpha) {
    if (px.size() < 2) return;
    const ImVec2 tip = px.back(), prev = px[px.size() - 2];
    const float head = st.marker * 1.5f;
    std::vector<ImVec2> shaft(px.begin(), px.end() - 1);
    // Stop the shaft under the arrowhead.
    const ImVec2 dir(tip.x - prev.x, tip.y - prev.y);
    const float len = std::hypot(dir.x, dir.y);
    shaft.push_back(len > 0 ? ImVec2(tip.x - dir.x / len * head * 0.6f, tip.y - dir.y / len * head * 0.6f) : prev);
    stroke(d, shaft, col(st.p->surface, 0.7f * alpha), width + st.thin * 3.0f, false);
    stroke(d, shaft, col(st.p->guide, alpha), width, false);
    arrowhead(d, tip, dir, head, col(st.p->guide, alpha));
}

void draw_number(ImDrawList* d, const DrawContext& ctx, ImVec2 c, float size, int n, ImU32 color) {
    ImFont* font = ctx.fonts.body ? ctx.fonts.body : ImGui::GetFont();
    if (!font) return;
    char text[12];
    std::snprintf(text, sizeof text, "%d", n);
    const ImVec2 ts = font->CalcTextSizeA(size, FLT_MAX, 0.0f, text);
    d->AddText(font, size, ImVec2(c.x - ts.x * 0.5f, c.y - ts.y * 0.5f), color, text);
}

// The hands' pattern: still arrows and markers with reduced motion (a paused session too), moving
// otherwise. With a motion layer only what stays put is drawn here (a sweep's faint lanes); what moves
// went to the layer (calf_diagram_motion.cpp), from the same poses.
void draw_pattern(ImDrawList* d, const DrawContext& ctx, const Style& st, const LegSpace& s, const CalfDiagramParams& prm,
                  bool to_motion_layer) {
    const calf_shape::ZoneWork work = calf_shape::zone_work(prm.zone);
    const bool still = prm.reduced_motion;
    const double strokes = still ? 0.0 : prm.time_s * std::max(prm.strokes_per_minute, 1.0f) / 60.0;
    const float unit = s.unit();
    const float m = s.ux > 0 ? 1.0f : -1.0f;  // screen x of leg-space +x: circles turn the mirrored way too
    if (to_motion_layer) {
        if (prm.pattern == StrokePattern::SweepAnkleToKnee)
            for (const auto& lane : lanes_px(s, work)) stroke(d, lane, col(st.p->guide, 0.22f), st.thin * 1.5f, false);
        return;
    }
    const std::vector<std::vector<ImVec2>> lanes = lanes_px(s, work);

    switch (prm.pattern) {
        case StrokePattern::Circles: {
            const float r = work.size * unit;
            if (still) {
                for (std::size_t i = 0; i < work.points.size() && i < 3; ++i) circular_arrow(d, st, s.at(work.points[i]), r, m);
                break;
            }
            const CirclesPose pose = circles_pose(strokes, work.points.size());
            const ImVec2 c = s.at(work.points[pose.spot]);
            std::vector<ImVec2> trail;
            std::vector<float> w, al;
            for (int i = 0; i <= kCirclesTrailSteps; ++i) {
                const float t = static_cast<float>(i) / kCirclesTrailSteps;  // 0 = oldest
                const float ai = pose.angle - (1.0f - t) * kCirclesTrailTurn;
                trail.emplace_back(c.x + m * std::cos(ai) * r, c.y + std::sin(ai) * r);
                w.push_back(circles_trail_width(st, t));
                al.push_back(circles_trail_alpha(t));
            }
            ribbon(d, trail, w, al, st.p->guide, st.aa);
            marker(d, st, ImVec2(c.x + m * std::cos(pose.angle) * r, c.y + std::sin(pose.angle) * r), st.marker);
            break;
        }
        case StrokePattern::SweepAnkleToKnee: {
            if (still) {
                for (const auto& lane : lanes) lane_arrow(d, st, lane, st.thin * 2.2f, 1.0f);
                break;
            }
            for (std::size_t i = 0; i < lanes.size(); ++i) {
                // Faint lane, then a dot travelling up it with a short trail, fading in and out at the ends.
                stroke(d, lanes[i], col(st.p->guide, 0.22f), st.thin * 1.5f, false);
                const LanePose pose = sweep_pose(strokes, i, lanes.size());
                std::vector<ImVec2> tr;
                std::vector<float> w, al;
                for (int k = 0; k <= kSweepTrailSteps; ++k) {
                    const float f = static_cast<float>(k) / kSweepTrailSteps;  // 0 = tail
                    tr.push_back(along(lanes[i], std::max(pose.t - kSweepTrail * (1.0f - f), 0.0f)));
                    w.push_back(sweep_trail_width(st, f));
                    al.push_back(0.6f * pose.fade * f);
                }
                ribbon(d, tr, w, al, st.p->guide, st.aa);
                const ImVec2 head = along(lanes[i], pose.t), ahead = along(lanes[i], std::min(pose.t + 0.02f, 1.0f));
                marker(d, st, head, st.marker, pose.fade);
                arrowhead(d, sweep_arrow_tip(st, head), sweep_arrow_direction(head, ahead), st.marker * 0.9f, col(st.p->guide, pose.fade));
            }
            break;
        }
        case StrokePattern::HoldPoints: {
            const float r = st.marker * 1.35f;
            const HoldPose pose = hold_pose(strokes, work.points.size());
            for (std::size_t i = 0; i < work.points.size(); ++i) {
                const ImVec2 c = s.at(work.points[i]);
                if (still) {
                    marker(d, st, c, r);
                    draw_number(d, ctx, c, r * 1.5f, static_cast<int>(i) + 1, col(st.p->surface));
                    continue;
                }
                if (i == pose.active) {
                    // Press: a ring swells and fades while the dot grows.
                    d->AddCircle(c, r * hold_ring_radius(pose.pulse), col(st.p->guide, hold_ring_alpha(pose.pulse)), 40, st.thin * 2.0f);
                    marker(d, st, c, r * hold_press_grow(pose.pulse));
                } else {
                    marker(d, st, c, r * kHoldRestScale, kHoldRestAlpha);
                }
            }
            break;
        }
        case StrokePattern::LightStrokes: {
            if (still) {
                for (const auto& lane : lanes) lane_arrow(d, st, lane, st.thin * 1.2f, 0.75f);
                break;
            }
            for (std::size_t i = 0; i < lanes.size(); ++i) {
                const float head_t = light_head(strokes, i, lanes.size());
                std::vector<ImVec2> tr;
                std::vector<float> w, al;
                for (int k = 0; k <= kLightSteps; ++k) {
                    const float f = static_cast<float>(k) / kLightSteps;  // 0 = tail
                    const float tk = std::clamp(head_t - kLightLength * (1.0f - f), 0.0f, 1.0f);
                    tr.push_back(along(lanes[i], tk));
                    w.push_back(light_width(st, f));
                    al.push_back(0.8f * f * light_fade(head_t));
                }
                ribbon(d, tr, w, al, st.p->guide, st.aa);
            }
            break;
        }
        case StrokePattern::Kneading: {
            const float spread = work.size * unit;
            if (still) {
                // Pinch arrows: thumb and fingers pointing at each other, on two spots.
                for (std::size_t i = 0; i < work.points.size() && i < 2; ++i) {
                    const ImVec2 c = s.at(work.points[i]);
                    for (float side : {-1.0f, 1.0f})
                        lane_arrow(d, st, {ImVec2(c.x + side * (spread * 0.25f + std::min(st.marker * 3.2f, spread * 1.6f)), c.y), ImVec2(c.x + side * spread * 0.25f, c.y)},
                                   st.thin * 2.2f, 1.0f);
                }
                break;
            }
            const KneadPose pose = knead_pose(strokes, work.points.size(), st, spread);
            const ImVec2 c = s.at(work.points[pose.spot]);
            line(d, ImVec2(c.x - pose.gap, c.y), ImVec2(c.x + pose.gap, c.y), col(st.p->guide, knead_line_alpha(pose.squeeze)), st.thin * 1.5f);
            for (const float side : {-1.0f, 1.0f}) marker(d, st, ImVec2(c.x + side * pose.gap, c.y), st.marker * knead_grow(pose.squeeze));
            break;
        }
    }
}

//-----------------------------------------------------------------------------
// [SECTION] Labels
//-----------------------------------------------------------------------------
struct LabelLayout {
    bool show = false;
    float font_size = 0;
    float text_width = 0;  // the widest label
    float gap = 0;         // leader length between the leg's widest point and the text
};

void draw_labels(ImDrawList* d, const DrawContext& ctx, const Style& st, const LegSpace& s, const LabelLayout& lay) {
    ImFont* font = ctx.fonts.body ? ctx.fonts.body : ImGui::GetFont();
    const float side = s.ux > 0 ? 1.0f : -1.0f;  // screen direction of the medial side
    const float leg_edge = s.cx + side * 1.0f * s.unit();
    for (const calf_shape::AnatomyLabel& label : calf_shape::kAnatomyLabels) {
        const ImVec2 target = s.at(label.target);
        const ImVec2 ts = font->CalcTextSizeA(lay.font_size, FLT_MAX, 0.0f, label.text);
        const float text_x = side > 0 ? leg_edge + lay.gap : leg_edge - lay.gap - ts.x;
        const float y = target.y;
        const ImVec2 end(side > 0 ? text_x - st.thin * 3.0f : text_x + ts.x + st.thin * 3.0f, y);
        line(d, target, end, col(st.p->surface, 0.7f), st.thin * 3.0f);
        line(d, target, end, col(st.p->text), st.thin);
        d->AddCircleFilled(target, st.thin * 2.5f + st.thin, col(st.p->surface, 0.9f));
        d->AddCircleFilled(target, st.thin * 2.5f, col(st.p->text));
        d->AddText(font, lay.font_size, ImVec2(text_x, y - ts.y * 0.5f), col(st.p->text), label.text);
    }
}

//-----------------------------------------------------------------------------
// [SECTION] Body cache
//-----------------------------------------------------------------------------
// The leg itself (skin, muscles, tendon, details, outline) is the same from frame to frame; only the
// hands' pattern moves. Building it (smoothing, hulls, anti-aliased outlines) is most of a player
// frame's cost, so its vertices are kept and copied back while nothing it depends on has changed.
// Positions are kept relative to the rect, so a scrolled page still hits.

// The leg, everything under the hands' pattern and the labels.
void draw_body(ImDrawList* d, const Palette& p, const Style& st, const LegSpace& s, const CalfDiagramParams& prm) {
    // The floor under the heel: a soft shadow, so the foot stands rather than floats.
    const ImU32 outline = col(p.skin_outline);
    {
        const ImVec2 c = s.at(0.0f, calf_shape::kHeelBottom);
        const float rx = 0.62f * s.unit(), ry = (calf_shape::kFloorBottom - calf_shape::kHeelBottom) * 0.9f * s.uy;
        std::vector<ImVec2> shadow;
        for (int i = 0; i < 32; ++i) {
            const float a = 2 * kPi * static_cast<float>(i) / 32;
            shadow.emplace_back(c.x + std::cos(a) * rx, c.y + std::sin(a) * ry);
        }
        fill_convex(d, shadow, col(p.skin_outline, 0.16f));
    }

    // Skin.
    const calf_shape::Silhouette sil = calf_shape::silhouette();
    // The thigh above the knee fades out: the drawing is of the lower leg, not a cut-off limb.
    const float fade_from = s.at(0, 0).y, fade_to = s.at(0, calf_shape::kTopFade).y;
    fill_strip(d, to_px(s, sil.left), to_px(s, sil.right), col(p.skin), fade_from, fade_to);

    const calf_shape::ZoneHighlight lit = calf_shape::zone_highlight(prm.zone);
    const bool hl_gastro = prm.highlight && lit.gastrocnemius;
    const bool hl_soleus = prm.highlight && lit.soleus;
    const bool hl_achilles = prm.highlight && lit.achilles;
    const ImU32 tint = col(p.highlight, kCalfHighlightTintAlpha);
    const ImU32 hl_line = col(p.highlight);
    const float hl_w = st.line * 1.25f;

    // Soleus (deeper, drawn first, paler), with its highlight; the gastrocnemius covers its middle.
    const auto soleus = to_px(s, calf_shape::soleus());
    fill_convex(d, soleus, hl_soleus ? col(p.surface) : col(p.muscle, 0.75f));
    if (hl_soleus) fill_convex(d, soleus, tint);
    stroke(d, soleus, hl_soleus ? hl_line : col(p.muscle_outline, 0.8f), hl_soleus ? hl_w : st.thin * 1.3f, true);

    // Achilles tendon.
    const calf_shape::Tendon tendon = calf_shape::achilles_tendon();
    const auto tl = to_px(s, tendon.left), tr = to_px(s, tendon.right);
    fill_strip(d, tl, tr, col(p.tendon));
    if (hl_achilles) fill_strip(d, tl, tr, tint);
    stroke(d, tl, hl_achilles ? hl_line : col(p.muscle_outline, 0.8f), hl_achilles ? hl_w : st.thin * 1.3f, false);
    stroke(d, tr, hl_achilles ? hl_line : col(p.muscle_outline, 0.8f), hl_achilles ? hl_w : st.thin * 1.3f, false);
    if (hl_achilles) {
        line(d, tl.front(), tr.front(), hl_line, hl_w);
        line(d, tl.back(), tr.back(), hl_line, hl_w);
    } else {
        line(d, tl.back(), tr.back(), col(p.muscle_outline, 0.8f), st.thin * 1.3f);
    }
    // Fibres down the tendon.
    for (float f : {-0.35f, 0.0f, 0.35f}) {
        std::vector<ImVec2> fibre;
        for (int k = 1; k < 7; ++k) fibre.push_back(lerp(along(tl, static_cast<float>(k) / 8.0f), along(tr, static_cast<float>(k) / 8.0f), 0.5f + f * 0.5f));
        stroke(d, fibre, col(p.muscle_outline, 0.22f), st.thin, false);
    }

    // Gastrocnemius: two heads, the medial larger and lower.
    for (const auto& head : {calf_shape::lateral_head(), calf_shape::medial_head()}) {
        const auto px = to_px(s, head);
        fill_convex(d, px, col(hl_gastro ? p.surface : p.muscle));
        if (hl_gastro) fill_convex(d, px, tint);
        stroke(d, px, hl_gastro ? hl_line : col(p.muscle_outline), hl_gastro ? hl_w : st.thin * 1.5f, true);
    }
    // Fibre hints, then the knee, the ankle bones and the heel pad: thin and pale (the skin's outline
    // colour for the surface, the muscle's for the fibres), with their weights as before.
    for (const LegPath& fibre : calf_shape::gastrocnemius_fibres()) stroke(d, to_px(s, fibre), col(p.muscle_outline, 0.28f), st.thin, false);
    static constexpr std::array<float, 6> kDetailAlpha{0.55f, 0.35f, 0.35f, 0.45f, 0.45f, 0.35f};
    static constexpr std::array<float, 6> kDetailWidth{1.3f, 1.2f, 1.2f, 1.2f, 1.2f, 1.2f};
    const std::vector<LegPath> details = calf_shape::surface_details();
    for (std::size_t i = 0; i < details.size() && i < kDetailAlpha.size(); ++i)
        stroke(d, to_px(s, details[i]), col(p.skin_outline, kDetailAlpha[i]), st.thin * kDetailWidth[i], false);

    // Skin outline last, over the strip's hard edges.
    {
        const auto px = to_px(s, sil.outline);
        std::vector<ImVec2> solid;
        for (const ImVec2& q : px)
            if (q.y >= fade_to) solid.push_back(q);
        stroke(d, solid, outline, st.line, false);
        // The faded top of each edge, as ribbons that fade with the skin.
        for (const bool lateral_edge : {true, false}) {
            std::vector<ImVec2> edge;
            std::vector<float> w, al;
            for (const LegPoint& q : lateral_edge ? sil.left : sil.right) {
                if (q.y > calf_shape::kTopFade + 0.01f) break;
                edge.push_back(s.at(q));
                w.push_back(st.line + st.aa);
                al.push_back(smooth01(q.y / calf_shape::kTopFade));
            }
            ribbon(d, edge, w, al, p.skin_outline, st.aa);
        }
    }

}

struct BodyKey {
    Palette palette{};
    LegSpace space;                   // the leg's place and scale, relative to the rect's min
    float line = 0, thin = 0, aa = 0;
    FocusZone zone = FocusZone::WholeCalf;
    bool highlight = true;
    ImVec2 white_uv;                  // the font atlas's white pixel: a rebuilt atlas moves it
    ImDrawListFlags flags = 0;        // anti-aliasing
};
static_assert(std::is_trivially_copyable_v<BodyKey>, "compared byte by byte");

struct CachedBody {
    BodyKey key;
    ImVector<ImDrawVert> vertices;    // positions relative to the rect's min
    ImVector<ImDrawIdx> indices;      // relative to the first vertex
    std::uint64_t last_used = 0;
};

// A few bodies at once: the player's, and the techniques or learn screen's.
std::array<CachedBody, 4> g_bodies;
std::uint64_t g_body_uses = 0;
DiagramCacheStats g_cache_stats;

bool same_key(const BodyKey& a, const BodyKey& b) { return std::memcmp(&a, &b, sizeof(BodyKey)) == 0; }

// What the still leg depends on, relative to the rect's min.
BodyKey body_key(const ImDrawList* d, ImVec2 min, const Palette& p, const Style& st, const LegSpace& s, const CalfDiagramParams& prm) {
    BodyKey key{};  // value-initialised: zeroed first, padding too (the key is compared as bytes)
    key.palette = p;
    // Relative to the rect, to 1/256 px: the same leg at another place differs only by rounding.
    const auto quantised = [](float v) { return std::round(v * 256.0f) / 256.0f; };
    key.space.cx = quantised(s.cx - min.x);
    key.space.top = quantised(s.top - min.y);
    key.space.ux = quantised(s.ux);
    key.space.uy = quantised(s.uy);
    key.line = st.line;
    key.thin = st.thin;
    key.aa = st.aa;
    key.zone = prm.zone;
    key.highlight = prm.highlight;
    key.white_uv = ImGui::GetFontTexUvWhitePixel();
    key.flags = d->Flags;
    return key;
}

void draw_body_cached(ImDrawList* d, ImVec2 min, const Palette& p, const Style& st, const LegSpace& s, const CalfDiagramParams& prm,
                      const BodyKey& key) {
    const std::uint64_t use = ++g_body_uses;

    for (CachedBody& body : g_bodies) {
        if (body.vertices.empty() || !same_key(body.key, key)) continue;
        // 16-bit indices: a draw list cannot address more than 65536 vertices without a new command.
        if (d->_VtxCurrentIdx + static_cast<unsigned>(body.vertices.Size) > 0xFFFFu) break;
        body.last_used = use;
        ++g_cache_stats.hits;
        d->PrimReserve(body.indices.Size, body.vertices.Size);
        const auto base = static_cast<ImDrawIdx>(d->_VtxCurrentIdx);
        for (const ImDrawVert& v : body.vertices) {
            *d->_VtxWritePtr = v;
            d->_VtxWritePtr->pos.x += min.x;
            d->_VtxWritePtr->pos.y += min.y;
            ++d->_VtxWritePtr;
        }
        for (const ImDrawIdx index : body.indices) *d->_IdxWritePtr++ = static_cast<ImDrawIdx>(base + index);
        d->_VtxCurrentIdx += static_cast<unsigned>(body.vertices.Size);
        return;
    }

    ++g_cache_stats.misses;
    const int first_vertex = d->VtxBuffer.Size;
    const int first_index = d->IdxBuffer.Size;
    const int commands = d->CmdBuffer.Size;
    const unsigned base = d->_VtxCurrentIdx;
    draw_body(d, p, st, s, prm);
    // Kept only when it all went into the current command (no clip or texture change inside).
    if (d->CmdBuffer.Size != commands) return;
    CachedBody* slot = &g_bodies[0];
    for (CachedBody& body : g_bodies)
        if (body.last_used < slot->last_used) slot = &body;
    slot->key = key;
    slot->last_used = use;
    slot->vertices.resize(d->VtxBuffer.Size - first_vertex);
    for (int i = 0; i < slot->vertices.Size; ++i) {
        ImDrawVert v = d->VtxBuffer[first_vertex + i];
        v.pos.x -= min.x;
        v.pos.y -= min.y;
        slot->vertices[i] = v;
    }
    slot->indices.resize(d->IdxBuffer.Size - first_index);
    for (int i = 0; i < slot->indices.Size; ++i)
        slot->indices[i] = static_cast<ImDrawIdx>(d->IdxBuffer[first_index + i] - base);
}

// The motion layer's sprites depend only on what the body does plus the pattern and its pace; the
// clock and the rect's place do not enter them. Kept, so a frame (one a second, or a scroll) costs a
// copy, not a new sampling of every key, and the platform sees the same id.
struct MotionCacheKey {
    BodyKey body;
    StrokePattern pattern = StrokePattern::Circles;
    float strokes_per_minute = 0, marker = 0;
};
static_assert(std::is_trivially_copyable_v<MotionCacheKey>, "compared byte by byte");
MotionCacheKey g_motion_key{};
MotionLayer g_motion_cached;

void build_pattern_motion_cached(MotionLayer& layer, ImVec2 min, const Style& st, const LegSpace& s, const CalfDiagramParams& prm,
                                 const BodyKey& body) {
    MotionCacheKey key{};  // zeroed, padding too
    key.body = body;
    key.pattern = prm.pattern;
    key.strokes_per_minute = prm.strokes_per_minute;
    key.marker = st.marker;
    if (g_motion_cached.shapes_id == 0 || std::memcmp(&key, &g_motion_key, sizeof key) != 0) {
        build_pattern_motion(g_motion_cached, min, st, s, prm);
        g_motion_key = key;
        const std::uint64_t id = fnv1a64(std::string_view(reinterpret_cast<const char*>(&key), sizeof key));
        g_motion_cached.shapes_id = id == 0 ? 1 : id;
    }
    layer = g_motion_cached;  // sprites, cycle, colours and id
    layer.x = min.x;
    layer.y = min.y;
}

}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] Entry points
//-----------------------------------------------------------------------------
float calf_diagram_height_for_width(float width) { return width * kAspect; }

DiagramCacheStats calf_diagram_cache_stats() { return g_cache_stats; }

void clear_calf_diagram_cache() {
    for (CachedBody& body : g_bodies) body = CachedBody{};
    g_cache_stats = {};
    g_motion_cached = MotionLayer{};
}

bool draw_calf_diagram(ImDrawList* d, ImVec2 min, ImVec2 max, const DrawContext& ctx, const CalfDiagramParams& prm) {
    const float rw = max.x - min.x, rh = max.y - min.y;
    if (!d || rw <= 2 || rh <= 2) return false;
    const Palette& p = *ctx.palette;

    // The diagram's own box, 1:1.7, centred in the rect.
    const float bw = std::min(rw, rh / kAspect), bh = bw * kAspect;
    const ImVec2 box(min.x + (rw - bw) * 0.5f, min.y + (rh - bh) * 0.5f);

    Style st;
    st.p = &p;
    // Sizes follow the drawing (a leg-space unit is a quarter of its width), with floors in CSS px so
    // lines stay visible on a small drawing.
    const float size_unit = bw * kLegHalfWidth;
    st.line = std::max(size_unit * 0.022f, std::min(ctx.px(1.0f), size_unit * 0.04f));
    st.thin = std::max(size_unit * 0.011f, std::min(ctx.px(0.6f), size_unit * 0.025f));
    st.marker = std::max(size_unit * 0.085f, std::min(ctx.px(3.0f), size_unit * 0.16f));
    const float size_scale = std::clamp(bw / ctx.px(320), 0.6f, 1.6f);
    st.aa = std::max(1.0f, ctx.scale * 0.5f);

    // The leg: x units of kLegHalfWidth x width; room kept for the outline and the foot.
    const float margin = st.line + st.marker * 0.5f + 1.0f;
    float unit = bw * kLegHalfWidth;
    float cx = (min.x + max.x) * 0.5f;
    const float medial_dir = prm.side == Side::Left ? 1.0f : -1.0f;  // the left leg's medial side is on the right

    LabelLayout lay;
    if (prm.show_labels) {
        ImFont* font = ctx.fonts.body ? ctx.fonts.body : ImGui::GetFont();
        if (font) {
            lay.font_size = std::max(ctx.px(14.0f) * std::clamp(size_scale, 0.85f, 1.25f), 8.0f);
            for (const calf_shape::AnatomyLabel& l : calf_shape::kAnatomyLabels) lay.text_width = std::max(lay.text_width, font->CalcTextSizeA(lay.font_size, FLT_MAX, 0, l.text).x);
            lay.gap = ctx.px(18.0f) * size_scale;
            const float need = lay.text_width + lay.gap + 2.0f;
            // Labels go on the medial side; move the leg the other way, then shrink it, until they fit.
            const float lo = min.x + margin, hi = max.x - margin;
            auto room = [&](float centre, float u) { return medial_dir > 0 ? hi - (centre + u) : (centre - u) - lo; };
            if (room(cx, unit) < need) {
                const float shifted = medial_dir > 0 ? hi - need - unit : lo + need + unit;
                cx = medial_dir > 0 ? std::max(shifted, lo + unit) : std::min(shifted, hi - unit);
            }
            if (room(cx, unit) < need) {
                unit = std::clamp((hi - lo - need) * 0.5f, 0.0f, unit);
                cx = medial_dir > 0 ? lo + unit : hi - unit;
            }
            lay.show = unit >= bw * kLegHalfWidth * 0.55f;
            if (!lay.show) {
                unit = bw * kLegHalfWidth;
                cx = (min.x + max.x) * 0.5f;
            }
        }
    }
    const float leg_scale = unit / (bw * kLegHalfWidth);
    const float leg_h = (bh - 2 * margin) * leg_scale;
    LegSpace s;
    s.cx = cx;
    s.top = box.y + margin + (bh - 2 * margin - leg_h) * 0.5f;
    s.ux = unit * medial_dir;
    s.uy = leg_h / calf_shape::kFloorBottom;  // leg space runs to the shadow under the heel

    const BodyKey body = body_key(d, min, p, st, s, prm);  // the leg's cache and the motion layer's
    draw_body_cached(d, min, p, st, s, prm, body);

    const bool moving = prm.show_pattern && !prm.reduced_motion;
    const bool to_motion_layer = moving && prm.motion != nullptr;
    if (to_motion_layer) {
        build_pattern_motion_cached(*prm.motion, min, st, s, prm, body);
        prm.motion->clip_min_x = d->GetClipRectMin().x;
        prm.motion->clip_min_y = d->GetClipRectMin().y;
        prm.motion->clip_max_x = d->GetClipRectMax().x;
        prm.motion->clip_max_y = d->GetClipRectMax().y;
    }
    if (prm.show_pattern) draw_pattern(d, ctx, st, s, prm, to_motion_layer);
    if (lay.show) draw_labels(d, ctx, st, s, lay);
    return moving && !to_motion_layer;
}

}  // namespace calfcoach::ui
