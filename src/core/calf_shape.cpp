// calf_shape.cpp — the leg's geometry in leg space (see calf_shape.hpp).
//
// [SECTION] Geometry helpers: convex hull, smoothing, splines
// [SECTION] Silhouette
// [SECTION] Muscles and tendon
// [SECTION] Details
// [SECTION] Zones

#include "core/calf_shape.hpp"

#include <algorithm>
#include <cmath>

namespace calfcoach::calf_shape {
namespace {
constexpr float kPi = 3.14159265358979f;

float cross(LegPoint o, LegPoint a, LegPoint b) { return (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x); }

// A convex blob: hull of the control points, rounded.
LegPath blob(std::initializer_list<LegPoint> control, int rounds = 4) {
    return chaikin_closed(convex_hull(LegPath(control)), rounds);
}
}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] Geometry helpers
//-----------------------------------------------------------------------------
LegPoint lerp(LegPoint a, LegPoint b, float t) { return {a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t}; }

LegPath convex_hull(LegPath pts) {
    std::sort(pts.begin(), pts.end(), [](LegPoint a, LegPoint b) { return a.x < b.x || (a.x == b.x && a.y < b.y); });
    if (pts.size() < 3) return pts;
    LegPath hull(2 * pts.size());
    std::size_t k = 0;
    for (std::size_t i = 0; i < pts.size(); ++i) {
        while (k >= 2 && cross(hull[k - 2], hull[k - 1], pts[i]) <= 0) --k;
        hull[k++] = pts[i];
    }
    for (std::size_t i = pts.size() - 1, t = k + 1; i > 0; --i) {
        while (k >= t && cross(hull[k - 2], hull[k - 1], pts[i - 1]) <= 0) --k;
        hull[k++] = pts[i - 1];
    }
    hull.resize(k - 1);
    return hull;
}

LegPath chaikin_closed(const LegPath& poly, int rounds) {
    LegPath cur = poly;
    for (int r = 0; r < rounds; ++r) {
        LegPath next;
        next.reserve(cur.size() * 2);
        for (std::size_t i = 0; i < cur.size(); ++i) {
            const LegPoint a = cur[i], b = cur[(i + 1) % cur.size()];
            next.push_back(lerp(a, b, 0.25f));
            next.push_back(lerp(a, b, 0.75f));
        }
        cur = std::move(next);
    }
    return cur;
}

LegPath catmull_rom(const LegPath& pts, int per_segment) {
    if (pts.size() < 2 || per_segment < 1) return pts;
    LegPath out;
    for (std::size_t i = 0; i + 1 < pts.size(); ++i) {
        const LegPoint p0 = pts[i == 0 ? 0 : i - 1], p1 = pts[i], p2 = pts[i + 1], p3 = pts[std::min(i + 2, pts.size() - 1)];
        for (int k = 0; k < per_segment; ++k) {
            const float t = static_cast<float>(k) / static_cast<float>(per_segment);
            const float t2 = t * t, t3 = t2 * t;
            auto cr = [&](float a, float b, float c, float e) {
                return 0.5f * (2 * b + (-a + c) * t + (2 * a - 5 * b + 4 * c - e) * t2 + (-a + 3 * b - 3 * c + e) * t3);
            };
            out.push_back({cr(p0.x, p1.x, p2.x, p3.x), cr(p0.y, p1.y, p2.y, p3.y)});
        }
    }
    out.push_back(pts.back());
    return out;
}

//-----------------------------------------------------------------------------
// [SECTION] Silhouette
//-----------------------------------------------------------------------------
// The silhouette's half-widths by height. The calf bulges below the knee, the medial side fuller and
// lower; it narrows to the ankle, where the malleoli bump out (the lateral one lower), then the heel.
namespace {
struct EdgeRow {
    float y, lateral, medial;
};
constexpr std::array<EdgeRow, 17> kEdges{{
    {0.000f, -0.76f, 0.78f}, {0.060f, -0.78f, 0.80f}, {0.120f, -0.83f, 0.85f}, {0.200f, -0.93f, 0.94f},
    {0.285f, -0.99f, 1.00f}, {0.370f, -0.96f, 1.02f}, {0.450f, -0.86f, 0.95f}, {0.530f, -0.73f, 0.80f},
    {0.610f, -0.61f, 0.64f}, {0.690f, -0.52f, 0.53f}, {0.760f, -0.47f, 0.48f}, {0.810f, -0.49f, 0.53f},
    {0.850f, -0.55f, 0.53f}, {0.885f, -0.54f, 0.51f}, {0.920f, -0.52f, 0.50f}, {0.950f, -0.50f, 0.48f},
    {0.960f, -0.495f, 0.475f},
}};
}  // namespace

float edge_at(float y, bool medial) {
    auto x_of = [medial](std::size_t i) { return medial ? kEdges[i].medial : kEdges[i].lateral; };
    if (y <= kEdges.front().y) return x_of(0);
    for (std::size_t i = 0; i + 1 < kEdges.size(); ++i) {
        if (y > kEdges[i + 1].y) continue;
        const float t = (y - kEdges[i].y) / (kEdges[i + 1].y - kEdges[i].y);
        const float p0 = x_of(i == 0 ? 0 : i - 1), p1 = x_of(i), p2 = x_of(i + 1), p3 = x_of(std::min(i + 2, kEdges.size() - 1));
        const float t2 = t * t, t3 = t2 * t;
        return 0.5f * (2 * p1 + (-p0 + p2) * t + (2 * p0 - 5 * p1 + 4 * p2 - p3) * t2 + (-p0 + 3 * p1 - 3 * p2 + p3) * t3);
    }
    return x_of(kEdges.size() - 1);
}

Silhouette silhouette() {
    Silhouette s;
    const float cap_y = kEdges.back().y;
    constexpr int kRows = 64;
    for (int i = 0; i <= kRows; ++i) {
        const float y = cap_y * static_cast<float>(i) / kRows;
        s.left.push_back({edge_at(y, false), y});
        s.right.push_back({edge_at(y, true), y});
    }
    // The heel: half an ellipse under the last row.
    const float l = s.left.back().x, r = s.right.back().x;
    const float mid = (l + r) * 0.5f, rx = (r - l) * 0.5f, ry = kHeelBottom - cap_y;
    LegPath cap;
    constexpr int kCap = 16;
    for (int i = 0; i <= kCap; ++i) {
        const float a = kPi * static_cast<float>(i) / kCap;  // 0 = lateral end, pi = medial end
        cap.push_back({mid - rx * std::cos(a), cap_y + ry * std::sin(a)});
    }
    s.outline = s.left;
    s.outline.insert(s.outline.end(), cap.begin() + 1, cap.end() - 1);
    s.outline.insert(s.outline.end(), s.right.rbegin(), s.right.rend());
    // Close the strip over the cap: rows from the cap's outer points inward.
    for (int i = 1; i <= kCap / 2; ++i) {
        s.left.push_back(cap[static_cast<std::size_t>(i)]);
        s.right.push_back(cap[static_cast<std::size_t>(kCap - i)]);
    }
    return s;
}

//-----------------------------------------------------------------------------
// [SECTION] Muscles and tendon
//-----------------------------------------------------------------------------
// The soleus is a broad flat shield under the gastrocnemius: it shows at both sides below the heads
// and narrows into the Achilles tendon.
LegPath soleus() {
    LegPath ctrl;
    for (float y : {0.42f, 0.48f, 0.54f, 0.60f, 0.66f}) {
        const float inset = y < 0.45f ? 0.82f : 0.88f;  // its upper corners stay under the heads
        ctrl.push_back({edge_at(y, false) * inset, y});
        ctrl.push_back({edge_at(y, true) * inset, y});
    }
    for (const LegPoint p : {LegPoint{-0.40f, 0.70f}, LegPoint{0.40f, 0.70f}, LegPoint{-0.18f, 0.785f},
                             LegPoint{0.18f, 0.785f}, LegPoint{-0.60f, 0.30f}, LegPoint{0.60f, 0.30f}})
        ctrl.push_back(p);  // the last two: its top hides under the gastrocnemius heads
    return chaikin_closed(convex_hull(ctrl), 3);
}

// Each head is D-shaped: a straight inner edge along the midline groove, a full outer belly.
LegPath lateral_head() {
    return blob({{0.01f, 0.15f}, {-0.10f, 0.105f}, {-0.42f, 0.10f}, {-0.70f, 0.16f}, {-0.86f, 0.26f}, {-0.84f, 0.34f},
                 {-0.66f, 0.42f}, {-0.30f, 0.49f}, {-0.04f, 0.50f}, {0.01f, 0.46f}});
}
LegPath medial_head() {
    return blob({{-0.005f, 0.15f}, {0.12f, 0.105f}, {0.44f, 0.105f}, {0.74f, 0.17f}, {0.91f, 0.29f}, {0.90f, 0.40f},
                 {0.72f, 0.50f}, {0.36f, 0.57f}, {0.06f, 0.58f}, {-0.005f, 0.53f}});
}

// Wide where the muscles end, narrowest above the heel, flaring into the heel bone.
Tendon achilles_tendon() {
    Tendon t;
    t.left = catmull_rom({{-0.22f, 0.46f}, {-0.17f, 0.70f}, {-0.13f, 0.80f}, {-0.14f, 0.87f}, {-0.19f, 0.925f}}, 8);
    t.right = catmull_rom({{0.22f, 0.50f}, {0.18f, 0.71f}, {0.13f, 0.80f}, {0.14f, 0.87f}, {0.19f, 0.925f}}, 8);
    // Its insertion on the heel bone: a rounded end.
    constexpr int kEnd = 6;
    for (int k = 1; k <= kEnd; ++k) {
        const float a = 0.5f * kPi * static_cast<float>(k) / kEnd;
        t.left.push_back({-0.19f * std::cos(a), 0.925f + 0.03f * std::sin(a)});
        t.right.push_back({0.19f * std::cos(a), 0.925f + 0.03f * std::sin(a)});
    }
    return t;
}

//-----------------------------------------------------------------------------
// [SECTION] Details
//-----------------------------------------------------------------------------
std::vector<LegPath> gastrocnemius_fibres() {
    // Curves from each head's top toward the tendon.
    std::vector<LegPath> fibres;
    for (float k : {-0.62f, -0.36f, 0.38f, 0.66f}) {
        const float bottom_y = k < 0 ? 0.47f : 0.53f;
        fibres.push_back(catmull_rom({{k * 0.9f, 0.16f}, {k * 1.05f, 0.30f}, {k * 0.55f, bottom_y}}, 8));
    }
    return fibres;
}

std::vector<LegPath> surface_details() {
    return {
        // Back of the knee: the crease, and the hamstring tendons framing it.
        catmull_rom({{-0.46f, 0.075f}, {0.0f, 0.095f}, {0.48f, 0.075f}}, 10),
        catmull_rom({{-0.59f, 0.035f}, {-0.58f, 0.06f}, {-0.66f, 0.11f}}, 6),
        catmull_rom({{0.555f, 0.035f}, {0.55f, 0.06f}, {0.64f, 0.11f}}, 6),
        // Ankle bones (malleoli), the lateral one lower.
        catmull_rom({{-0.43f, 0.815f}, {-0.48f, 0.85f}, {-0.44f, 0.885f}}, 6),
        catmull_rom({{0.41f, 0.785f}, {0.46f, 0.815f}, {0.42f, 0.85f}}, 6),
        // Heel pad.
        catmull_rom({{-0.30f, 0.965f}, {0.0f, 0.985f}, {0.30f, 0.965f}}, 8),
    };
}

//-----------------------------------------------------------------------------
// [SECTION] Zones
//-----------------------------------------------------------------------------
ZoneWork zone_work(FocusZone zone) {
    switch (zone) {
        case FocusZone::Gastrocnemius:
            return {{{{-0.42f, 0.50f}, {-0.50f, 0.36f}, {-0.44f, 0.18f}}, {{0.46f, 0.57f}, {0.54f, 0.40f}, {0.46f, 0.19f}}},
                    {{-0.46f, 0.26f}, {0.50f, 0.30f}, {-0.40f, 0.42f}, {0.44f, 0.47f}},
                    0.17f};
        case FocusZone::Soleus:
            return {{{{-0.36f, 0.72f}, {-0.54f, 0.60f}, {-0.66f, 0.45f}}, {{0.36f, 0.72f}, {0.56f, 0.61f}, {0.72f, 0.47f}}},
                    {{-0.54f, 0.54f}, {0.56f, 0.57f}, {-0.32f, 0.665f}, {0.32f, 0.685f}},
                    0.13f};
        case FocusZone::Achilles:
            return {{{{-0.06f, 0.90f}, {-0.07f, 0.78f}, {-0.12f, 0.64f}}, {{0.06f, 0.90f}, {0.07f, 0.78f}, {0.12f, 0.64f}}},
                    {{0.0f, 0.68f}, {0.0f, 0.76f}, {0.0f, 0.84f}},
                    0.08f};
        case FocusZone::WholeCalf:
        default:
            return {{{{-0.12f, 0.88f}, {-0.34f, 0.68f}, {-0.58f, 0.46f}, {-0.52f, 0.20f}},
                     {{0.0f, 0.90f}, {0.0f, 0.70f}, {0.0f, 0.45f}, {0.0f, 0.18f}},
                     {{0.12f, 0.88f}, {0.36f, 0.68f}, {0.62f, 0.48f}, {0.54f, 0.20f}}},
                    {{-0.46f, 0.28f}, {0.50f, 0.34f}, {-0.46f, 0.56f}, {0.44f, 0.62f}},
                    0.16f};
    }
}

ZoneHighlight zone_highlight(FocusZone zone) {
    ZoneHighlight h;
    h.gastrocnemius = zone == FocusZone::Gastrocnemius || zone == FocusZone::WholeCalf;
    h.soleus = zone == FocusZone::Soleus || zone == FocusZone::WholeCalf;
    h.achilles = zone == FocusZone::Achilles;
    return h;
}

}  // namespace calfcoach::calf_shape
