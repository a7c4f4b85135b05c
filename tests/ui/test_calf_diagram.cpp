// The calf diagram, drawn headlessly into an ImDrawList and checked through its vertices: it stays in
// its rect, mirrors for the right leg, animates only without reduced motion, highlights each zone where
// that zone is, and adds text only for labels.
#include <catch2/catch.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/calf_shape.hpp"
#include "imgui.h"
#include "ui/calf_diagram.hpp"
#include "ui/fonts.hpp"
#include "ui/theme.hpp"

using namespace calfcoach;
using namespace calfcoach::ui;

namespace {

constexpr FocusZone kZones[] = {FocusZone::WholeCalf, FocusZone::Gastrocnemius, FocusZone::Soleus, FocusZone::Achilles};
constexpr StrokePattern kPatterns[] = {StrokePattern::Circles, StrokePattern::SweepAnkleToKnee, StrokePattern::HoldPoints,
                                       StrokePattern::LightStrokes, StrokePattern::Kneading};

// An ImGui context with our fonts at `scale`, inside a frame, drawing into the foreground list.
class Canvas {
public:
    explicit Canvas(float scale = 1.0f) {
        context_ = ImGui::CreateContext();
        ImGuiIO& io = ImGui::GetIO();
        io.IniFilename = nullptr;
        io.DisplaySize = ImVec2(8000, 8000);  // nothing the tests draw is clipped
        io.DeltaTime = 1.0f / 60.0f;
        ctx.fonts = build_fonts(*io.Fonts, scale);
        ctx.scale = scale;
        unsigned char* pixels = nullptr;
        int w = 0, h = 0;
        io.Fonts->GetTexDataAsAlpha8(&pixels, &w, &h);
        ImGui::NewFrame();
    }
    ~Canvas() {
        ImGui::EndFrame();
        ImGui::DestroyContext(context_);
    }
    Canvas(const Canvas&) = delete;
    Canvas& operator=(const Canvas&) = delete;

    struct Result {
        std::vector<ImDrawVert> verts;
        std::vector<int> indices;  // relative to the call's first vertex
        bool animating = false;
    };

    // The vertices one call adds.
    Result draw(ImVec2 min, ImVec2 max, const CalfDiagramParams& params) {
        ImDrawList* list = ImGui::GetForegroundDrawList();
        const int before = list->VtxBuffer.Size;
        const int before_indices = list->IdxBuffer.Size;
        const unsigned base = list->_VtxCurrentIdx;
        Result r;
        r.animating = draw_calf_diagram(list, min, max, ctx, params);
        r.verts.assign(list->VtxBuffer.Data + before, list->VtxBuffer.Data + list->VtxBuffer.Size);
        for (int i = before_indices; i < list->IdxBuffer.Size; ++i) r.indices.push_back(static_cast<int>(list->IdxBuffer[i]) - static_cast<int>(base));
        return r;
    }

    DrawContext ctx;

private:
    ImGuiContext* context_ = nullptr;
};

bool rgb_is(ImU32 c, Rgb want) {
    return ((c >> IM_COL32_R_SHIFT) & 0xFF) == want.r && ((c >> IM_COL32_G_SHIFT) & 0xFF) == want.g &&
           ((c >> IM_COL32_B_SHIFT) & 0xFF) == want.b;
}

bool is_glyph(const ImDrawVert& v) {
    const ImVec2 white = ImGui::GetFontTexUvWhitePixel();
    return std::fabs(v.uv.x - white.x) > 1e-6f || std::fabs(v.uv.y - white.y) > 1e-6f;
}

bool same_geometry(const std::vector<ImDrawVert>& a, const std::vector<ImDrawVert>& b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (a[i].pos.x != b[i].pos.x || a[i].pos.y != b[i].pos.y || a[i].col != b[i].col) return false;
    return true;
}

// Every vertex of `a` has one in `b` at the same place with the same colour (within `tol` px).
bool all_matched(const std::vector<ImDrawVert>& a, const std::vector<ImDrawVert>& b, float tol) {
    std::vector<ImDrawVert> sorted = b;
    std::sort(sorted.begin(), sorted.end(), [](const ImDrawVert& l, const ImDrawVert& r) { return l.pos.x < r.pos.x; });
    for (const ImDrawVert& v : a) {
        auto it = std::lower_bound(sorted.begin(), sorted.end(), v.pos.x - tol,
                                   [](const ImDrawVert& e, float x) { return e.pos.x < x; });
        bool found = false;
        for (; it != sorted.end() && it->pos.x <= v.pos.x + tol && !found; ++it)
            found = std::fabs(it->pos.y - v.pos.y) <= tol && it->col == v.col;
        if (!found) return false;
    }
    return true;
}

struct Band {
    int count = 0;
    float min = 1e9f, max = -1e9f, mean = 0;
};

// Vertical extent of the vertices in colour `c`, as fractions of the rect's height.
Band band_of(const std::vector<ImDrawVert>& verts, Rgb c, ImVec2 min, ImVec2 max) {
    Band b;
    double sum = 0;
    for (const ImDrawVert& v : verts) {
        if (!rgb_is(v.col, c)) continue;
        const float f = (v.pos.y - min.y) / (max.y - min.y);
        ++b.count;
        b.min = std::min(b.min, f);
        b.max = std::max(b.max, f);
        sum += f;
    }
    if (b.count > 0) b.mean = static_cast<float>(sum / b.count);
    return b;
}

}  // namespace

TEST_CASE("calf diagram: preferred height keeps its 1:1.7 aspect", "[calf_diagram]") {
    CHECK(calf_diagram_height_for_width(100.0f) == Approx(170.0f));
    CHECK(calf_diagram_height_for_width(320.0f * 3) == Approx(1632.0f));
}

TEST_CASE("calf diagram: every vertex stays inside the rect", "[calf_diagram]") {
    struct Rect {
        ImVec2 min, max;
    };
    const Rect rects[] = {
        {{0, 0}, {390, 663}},           // its own aspect
        {{10, 20}, {1010, 420}},        // wide and short
        {{5, 5}, {205, 805}},           // narrow and tall
        {{100, 50}, {1060, 1682}},      // a phone's 320 CSS px at dpr 3
        {{0, 0}, {60, 90}},             // tiny
    };
    for (float scale : {1.0f, 3.0f}) {
        Canvas canvas(scale);
        for (const Rect& rect : rects)
            for (bool labels : {false, true})
                for (bool reduced : {false, true})
                    for (FocusZone zone : kZones)
                        for (StrokePattern pattern : kPatterns)
                            for (Side side : {Side::Left, Side::Right}) {
                                CalfDiagramParams p;
                                p.zone = zone;
                                p.pattern = pattern;
                                p.side = side;
                                p.show_labels = labels;
                                p.reduced_motion = reduced;
                                p.time_s = 2.37;
                                const auto r = canvas.draw(rect.min, rect.max, p);
                                REQUIRE(!r.verts.empty());
                                int outside = 0;
                                for (const ImDrawVert& v : r.verts)
                                    if (v.pos.x < rect.min.x || v.pos.x > rect.max.x || v.pos.y < rect.min.y || v.pos.y > rect.max.y)
                                        ++outside;
                                INFO("scale " << scale << " rect " << rect.max.x - rect.min.x << "x" << rect.max.y - rect.min.y
                                              << " labels " << labels << " reduced " << reduced << " zone " << int(zone)
                                              << " pattern " << int(pattern) << " side " << int(side));
                                CHECK(outside == 0);
                            }
    }
}

TEST_CASE("calf diagram: the right leg is the left leg mirrored", "[calf_diagram]") {
    Canvas canvas(2.0f);
    const ImVec2 min(40, 30), max(640, 1050);
    const float centre2 = min.x + max.x;
    for (bool reduced : {true, false})
        for (FocusZone zone : kZones)
            for (StrokePattern pattern : kPatterns) {
                if (reduced && pattern == StrokePattern::HoldPoints) continue;  // its numbers are text: not mirrored
                CalfDiagramParams p;
                p.zone = zone;
                p.pattern = pattern;
                p.reduced_motion = reduced;
                p.time_s = 1.9;
                auto left = canvas.draw(min, max, p).verts;
                p.side = Side::Right;
                const auto right = canvas.draw(min, max, p).verts;
                for (ImDrawVert& v : left) v.pos.x = centre2 - v.pos.x;
                INFO("reduced " << reduced << " zone " << int(zone) << " pattern " << int(pattern));
                REQUIRE(left.size() == right.size());
                CHECK(all_matched(left, right, 0.05f));
                CHECK(all_matched(right, left, 0.05f));
            }
    SECTION("and is not symmetric itself: the medial head is larger") {
        CalfDiagramParams p;
        p.reduced_motion = true;
        auto left = canvas.draw(min, max, p).verts;
        const auto same = left;
        for (ImDrawVert& v : left) v.pos.x = centre2 - v.pos.x;
        CHECK_FALSE(all_matched(left, same, 0.05f));
    }
}

TEST_CASE("calf diagram: reduced motion is still, and animation moves at the pace", "[calf_diagram]") {
    Canvas canvas(1.0f);
    const ImVec2 min(0, 0), max(400, 680);
    for (FocusZone zone : kZones)
        for (StrokePattern pattern : kPatterns) {
            INFO("zone " << int(zone) << " pattern " << int(pattern));
            CalfDiagramParams p;
            p.zone = zone;
            p.pattern = pattern;

            p.reduced_motion = true;
            p.time_s = 0.0;
            const auto still_a = canvas.draw(min, max, p);
            p.time_s = 5.3;
            const auto still_b = canvas.draw(min, max, p);
            CHECK_FALSE(still_a.animating);
            CHECK(same_geometry(still_a.verts, still_b.verts));

            p.reduced_motion = false;
            p.time_s = 0.4;
            const auto moving_a = canvas.draw(min, max, p);
            p.time_s = 1.3;
            const auto moving_b = canvas.draw(min, max, p);
            CHECK(moving_a.animating);
            CHECK_FALSE(same_geometry(moving_a.verts, moving_b.verts));
            CHECK_FALSE(same_geometry(moving_a.verts, still_a.verts));  // the static guide is not frame 0

            // Twice the pace at half the time is the same frame.
            p.strokes_per_minute = 40.f;
            p.time_s = 0.65;
            CHECK(same_geometry(canvas.draw(min, max, p).verts, moving_b.verts));
        }
}

TEST_CASE("calf diagram: each zone's highlight sits where the zone is", "[calf_diagram]") {
    Canvas canvas(1.0f);
    const ImVec2 min(0, 0), max(400, 680);  // exactly the diagram's aspect: the rect is the drawing
    const Rgb hl = canvas.ctx.palette->highlight;
    auto band = [&](FocusZone zone, bool highlight = true) {
        CalfDiagramParams p;
        p.zone = zone;
        p.reduced_motion = true;
        p.highlight = highlight;
        return band_of(canvas.draw(min, max, p).verts, hl, min, max);
    };
    const Band gastro = band(FocusZone::Gastrocnemius);
    const Band soleus = band(FocusZone::Soleus);
    const Band achilles = band(FocusZone::Achilles);
    const Band whole = band(FocusZone::WholeCalf);

    // Gastrocnemius: the upper half (its heads end just past the middle).
    CHECK(gastro.count > 0);
    CHECK(gastro.min > 0.05f);
    CHECK(gastro.max < 0.66f);
    CHECK(gastro.mean < 0.45f);
    // Soleus: the lower middle, from under the heads to above the ankle.
    CHECK(soleus.count > 0);
    CHECK(soleus.min > 0.2f);
    CHECK(soleus.max < 0.8f);
    CHECK(soleus.mean > 0.4f);
    CHECK(soleus.mean < 0.65f);
    // Achilles: the bottom, down to the heel.
    CHECK(achilles.count > 0);
    CHECK(achilles.min > 0.4f);  // its top hides under the heads
    CHECK(achilles.max > 0.9f);
    CHECK(achilles.mean > 0.65f);
    CHECK(gastro.mean < soleus.mean);
    CHECK(soleus.mean < achilles.mean);
    // The whole calf: both muscles, not the tendon.
    CHECK(whole.count >= gastro.count + soleus.count);
    CHECK(whole.min == Approx(std::min(gastro.min, soleus.min)));
    CHECK(whole.max == Approx(std::max(gastro.max, soleus.max)));

    // No highlight, no highlight colour.
    for (FocusZone zone : kZones) CHECK(band(zone, false).count == 0);
}

TEST_CASE("calf diagram: labels add text only when asked, beside the leg", "[calf_diagram]") {
    Canvas canvas(3.0f);
    const ImVec2 min(0, 0), max(960, 1632);  // 320 CSS px wide at dpr 3
    const Rgb text = canvas.ctx.palette->text;
    for (Side side : {Side::Left, Side::Right})
        for (FocusZone zone : kZones) {
            CalfDiagramParams p;
            p.side = side;
            p.zone = zone;
            p.time_s = 0.8;
            const auto plain = canvas.draw(min, max, p).verts;
            CHECK(std::none_of(plain.begin(), plain.end(), is_glyph));
            CHECK(std::none_of(plain.begin(), plain.end(), [&](const ImDrawVert& v) { return rgb_is(v.col, text); }));

            p.show_labels = true;
            const auto labelled = canvas.draw(min, max, p).verts;
            int glyphs = 0;
            float gmin = 1e9f, gmax = -1e9f;
            for (const ImDrawVert& v : labelled)
                if (is_glyph(v)) {
                    ++glyphs;
                    gmin = std::min(gmin, v.pos.x);
                    gmax = std::max(gmax, v.pos.x);
                }
            // "Gastrocnemius", "Soleus", "Achilles tendon": 33 glyphs, 4 vertices each.
            CHECK(glyphs == 33 * 4);
            // On the medial side: the right of the drawing for the left leg, the left for the right leg.
            const float mid = (min.x + max.x) * 0.5f;
            if (side == Side::Left) CHECK(gmin > mid);
            else CHECK(gmax < mid);
        }
}

TEST_CASE("calf diagram: stroke markers stand out on the highlighted muscle", "[calf_diagram][theme]") {
    auto blend = [](Rgb top, Rgb under, float alpha) {
        auto mix = [alpha](std::uint8_t t, std::uint8_t u) {
            return static_cast<std::uint8_t>(std::lround(t * alpha + u * (1.0f - alpha)));
        };
        return Rgb{mix(top.r, under.r), mix(top.g, under.g), mix(top.b, under.b)};
    };
    for (const Palette* palette : {&normal_palette(), &high_contrast_palette()}) {
        const Palette& p = *palette;
        // A highlighted muscle is the tint over a surface-coloured base; the tendon's is the tint over tendon.
        for (Rgb under : {p.surface, p.tendon}) {
            const Rgb tinted = blend(p.highlight, under, kCalfHighlightTintAlpha);
            CHECK(contrast_ratio(p.guide, tinted) >= 3.0);
            CHECK(contrast_ratio(p.highlight, tinted) >= 3.0);  // the zone's outline on its own tint
        }
    }
}

TEST_CASE("calf diagram: the cached leg is exactly the leg drawn afresh, wherever the rect moves", "[calf_diagram]") {
    Canvas canvas;
    CalfDiagramParams params;
    params.reduced_motion = true;
    params.zone = FocusZone::Soleus;
    const ImVec2 a_min(10, 20), a_max(310, 530);
    const ImVec2 shift(100, 50);
    const ImVec2 b_min(a_min.x + shift.x, a_min.y + shift.y), b_max(a_max.x + shift.x, a_max.y + shift.y);

    clear_calf_diagram_cache();
    const auto fresh = canvas.draw(a_min, a_max, params);
    CHECK(calf_diagram_cache_stats().misses == 1);
    const auto again = canvas.draw(a_min, a_max, params);
    CHECK(calf_diagram_cache_stats().hits == 1);
    CHECK(same_geometry(fresh.verts, again.verts));
    CHECK(fresh.indices == again.indices);
    for (int index : again.indices) {
        CHECK(index >= 0);
        CHECK(index < static_cast<int>(again.verts.size()));
    }

    // Moved (the page scrolled): replayed, translated, equal to a fresh drawing at the new place.
    const auto moved = canvas.draw(b_min, b_max, params);
    CHECK(calf_diagram_cache_stats().hits == 2);
    clear_calf_diagram_cache();
    const auto moved_fresh = canvas.draw(b_min, b_max, params);
    CHECK(calf_diagram_cache_stats().misses == 1);
    REQUIRE(moved.verts.size() == moved_fresh.verts.size());
    CHECK(moved.indices == moved_fresh.indices);
    for (std::size_t i = 0; i < moved.verts.size(); ++i) {
        CHECK(moved.verts[i].pos.x == Approx(moved_fresh.verts[i].pos.x).margin(1e-3));
        CHECK(moved.verts[i].pos.y == Approx(moved_fresh.verts[i].pos.y).margin(1e-3));
        // Fades computed from the position may round one step apart (1/255).
        for (int shift_bits : {0, 8, 16, 24}) {
            const int a = static_cast<int>((moved.verts[i].col >> shift_bits) & 0xFF);
            const int b = static_cast<int>((moved_fresh.verts[i].col >> shift_bits) & 0xFF);
            CHECK(std::abs(a - b) <= 1);
        }
    }

    // Anything the leg depends on misses: colours, zone, size.
    canvas.ctx.palette = &high_contrast_palette();
    const auto contrast = canvas.draw(b_min, b_max, params);
    CHECK(calf_diagram_cache_stats().misses == 2);
    CHECK_FALSE(same_geometry(contrast.verts, moved_fresh.verts));
    canvas.ctx.palette = &normal_palette();
    params.zone = FocusZone::Achilles;
    canvas.draw(b_min, b_max, params);
    CHECK(calf_diagram_cache_stats().misses == 3);
    canvas.draw(b_min, ImVec2(b_max.x + 40, b_max.y + 68), params);
    CHECK(calf_diagram_cache_stats().misses == 4);
    CHECK(calf_diagram_cache_stats().hits == 0);
}

TEST_CASE("calf diagram: an animated pattern still moves over the cached leg", "[calf_diagram]") {
    Canvas canvas;
    clear_calf_diagram_cache();
    CalfDiagramParams params;
    params.pattern = StrokePattern::SweepAnkleToKnee;
    params.time_s = 0.4;
    const auto first = canvas.draw(ImVec2(0, 0), ImVec2(300, 510), params);
    params.time_s = 1.3;
    const auto later = canvas.draw(ImVec2(0, 0), ImVec2(300, 510), params);
    CHECK(calf_diagram_cache_stats().hits == 1);
    CHECK(first.animating);
    CHECK_FALSE(same_geometry(first.verts, later.verts));
}

//-----------------------------------------------------------------------------
// The motion layer: the moving pattern handed to the platform instead of drawn
//-----------------------------------------------------------------------------
namespace {

// A sprite's key at `at` (0..1 of the cycle) as a browser runs the keys: linear between two keys,
// and where two share an `at` (a jump), the later one from then on.
MotionKey key_at_fraction(const MotionSprite& sprite, double at) {
    const auto& keys = sprite.keys;
    const auto next = std::upper_bound(keys.begin(), keys.end(), at, [](double v, const MotionKey& k) { return v < k.at; });
    if (next == keys.begin()) return keys.front();
    if (next == keys.end()) return keys.back();
    const MotionKey& a = *(next - 1);
    const MotionKey& b = *next;
    const float f = static_cast<float>((at - a.at) / (b.at - a.at));
    const auto mix = [f](float x, float y) { return x + (y - x) * f; };
    MotionKey k;
    k.x = mix(a.x, b.x);
    k.y = mix(a.y, b.y);
    k.angle_deg = mix(a.angle_deg, b.angle_deg);
    k.scale_x = mix(a.scale_x, b.scale_x);
    k.scale_y = mix(a.scale_y, b.scale_y);
    k.opacity = mix(a.opacity, b.opacity);
    return k;
}

// Where a point of the sprite's own drawing lands on the canvas under `key`.
ImVec2 placed(const MotionLayer& layer, const MotionKey& key, ImVec2 local) {
    const float a = key.angle_deg * 3.14159265f / 180.0f;
    const float x = local.x * key.scale_x, y = local.y * key.scale_y;
    return ImVec2(layer.x + key.x + x * std::cos(a) - y * std::sin(a), layer.y + key.y + x * std::sin(a) + y * std::cos(a));
}

double cycle_fraction(const MotionLayer& layer, double time_s) {
    const double at = std::fmod(time_s * 1000.0, layer.cycle_ms) / layer.cycle_ms;
    return at < 0 ? at + 1 : at;
}

// The canvas's opaque marker vertices (the hands' dots at full strength, not their fringes).
std::vector<ImVec2> opaque_guide(const std::vector<ImDrawVert>& verts, const Palette& p) {
    std::vector<ImVec2> out;
    for (const ImDrawVert& v : verts)
        if (rgb_is(v.col, p.guide) && (v.col >> IM_COL32_A_SHIFT) == 0xFF) out.push_back(v.pos);
    return out;
}

ImVec2 centroid(const std::vector<ImVec2>& pts) {
    ImVec2 c(0, 0);
    for (const ImVec2 q : pts) c = ImVec2(c.x + q.x, c.y + q.y);
    return pts.empty() ? c : ImVec2(c.x / static_cast<float>(pts.size()), c.y / static_cast<float>(pts.size()));
}

// The last circle of a sprite's picture (the hands' marker, drawn last): x, y, radius. Walks the
// operations as a platform does, so a picture that does not parse fails here too.
std::array<float, 3> last_circle(const MotionSprite& sprite) {
    std::array<float, 3> found{0, 0, -1};
    const std::vector<float>& ops = sprite.picture;
    std::size_t i = 0;
    while (i < ops.size()) {
        const auto op = static_cast<MotionOp>(static_cast<int>(ops[i]));
        if (op == MotionOp::Circle && i + 5 < ops.size()) {
            found = {ops[i + 1], ops[i + 2], ops[i + 3]};
            i += 6;
        } else if (op == MotionOp::Polygon && i + 1 < ops.size()) {
            i += 2 + static_cast<std::size_t>(ops[i + 1]) * 2 + 2;
        } else if (op == MotionOp::Ring) {
            i += 4;
        } else if (op == MotionOp::Fade && i + 2 < ops.size()) {
            i += 3 + static_cast<std::size_t>(ops[i + 2]) + 2;
        } else {
            FAIL("a picture that does not parse at " << i);
        }
    }
    REQUIRE(i == ops.size());
    return found;
}

}  // namespace

TEST_CASE("calf diagram: with a motion layer the moving pattern leaves the canvas, and only its place follows the rect", "[calf_diagram][motion]") {
    Canvas canvas;
    for (const StrokePattern pattern : kPatterns) {
        CAPTURE(static_cast<int>(pattern));
        CalfDiagramParams params;
        params.pattern = pattern;
        params.zone = FocusZone::WholeCalf;
        params.strokes_per_minute = 16.0f;
        params.time_s = 1.0;
        CalfDiagramParams plain = params;
        plain.show_pattern = false;
        const auto leg_only = canvas.draw(ImVec2(0, 0), ImVec2(300, 510), plain);

        MotionLayer layer;
        params.motion = &layer;
        const auto with_layer = canvas.draw(ImVec2(0, 0), ImVec2(300, 510), params);
        CHECK_FALSE(with_layer.animating);  // no canvas frames needed for it
        REQUIRE_FALSE(layer.empty());
        const auto work = calf_shape::zone_work(params.zone);
        const double strokes = pattern == StrokePattern::Circles || pattern == StrokePattern::Kneading ? 2.0 * static_cast<double>(work.points.size())
                               : pattern == StrokePattern::HoldPoints                                    ? static_cast<double>(work.points.size())
                                                                                                        : 1.0;
        CHECK(layer.cycle_ms == Approx(strokes * 60000.0 / 16.0));
        // What stays on the canvas: the leg, and a sweep's faint lanes; nothing that moves.
        if (pattern == StrokePattern::SweepAnkleToKnee) CHECK(with_layer.verts.size() > leg_only.verts.size());
        else CHECK(same_geometry(with_layer.verts, leg_only.verts));
        for (const MotionSprite& sprite : layer.sprites) {
            REQUIRE(sprite.keys.size() >= 2);
            CHECK(sprite.keys.front().at == 0.0f);
            CHECK(sprite.keys.back().at == Approx(1.0f));
            CHECK(sprite.max_x > sprite.min_x);
            CHECK(sprite.max_y > sprite.min_y);
            last_circle(sprite);  // the picture parses, operation by operation
            for (std::size_t i = 1; i < sprite.keys.size(); ++i) {
                CHECK(sprite.keys[i].at >= sprite.keys[i - 1].at);
                CHECK(std::fabs(sprite.keys[i].angle_deg - sprite.keys[i - 1].angle_deg) <= 180.0f);  // never the long way round
            }
        }

        // The pictures are in the palette's colours (the marker's guide, its halo's surface).
        const Palette& palette = *canvas.ctx.palette;
        CHECK((layer.guide.r == palette.guide.r && layer.guide.g == palette.guide.g && layer.guide.b == palette.guide.b));
        CHECK((layer.surface.r == palette.surface.r && layer.surface.g == palette.surface.g && layer.surface.b == palette.surface.b));

        // The clock moves the pattern, not the shapes: a frame later the platform has nothing to rebuild.
        const std::string shapes = motion_shapes_json(layer);
        const float x = layer.x;
        params.time_s = 7.3;
        canvas.draw(ImVec2(0, 0), ImVec2(300, 510), params);
        CHECK(motion_shapes_json(layer) == shapes);
        // A scroll moves the place only.
        canvas.draw(ImVec2(10, 20), ImVec2(310, 530), params);
        CHECK(motion_shapes_json(layer) == shapes);
        CHECK(layer.x == Approx(x + 10));
        CHECK(layer.guide.b == palette.guide.b);  // a frame from the cache has them too

        const nlohmann::json parsed = nlohmann::json::parse(shapes);
        CHECK(parsed["sprites"].size() == layer.sprites.size());
        CHECK(parsed["sprites"][0]["keys"].size() == layer.sprites[0].keys.size() * 7);

        // Reduced motion (and a paused session) stays on the canvas, still: the layer is left alone.
        MotionLayer still_layer;
        params.motion = &still_layer;
        params.reduced_motion = true;
        CalfDiagramParams still = params;
        still.motion = nullptr;
        CHECK(same_geometry(canvas.draw(ImVec2(0, 0), ImVec2(300, 510), params).verts, canvas.draw(ImVec2(0, 0), ImVec2(300, 510), still).verts));
        CHECK(still_layer.empty());
    }
}

TEST_CASE("calf diagram: the motion layer's hands are where the canvas draws them", "[calf_diagram][motion]") {
    Canvas canvas;
    const Palette& p = *canvas.ctx.palette;
    const ImVec2 min(40, 30), max(340, 540);
    for (const Side side : {Side::Left, Side::Right}) {
        CAPTURE(static_cast<int>(side));
        for (const double t : {0.3, 1.7, 4.2, 8.9, 13.05}) {
            CAPTURE(t);
            CalfDiagramParams params;
            params.side = side;
            params.time_s = t;
            params.strokes_per_minute = 16.0f;
            MotionLayer layer;
            CalfDiagramParams moving = params;
            moving.motion = &layer;

            // Circles: one shape turning about the spot, its marker where the canvas's is.
            params.pattern = moving.pattern = StrokePattern::Circles;
            const ImVec2 drawn = centroid(opaque_guide(canvas.draw(min, max, params).verts, p));
            canvas.draw(min, max, moving);
            REQUIRE(layer.sprites.size() == 1);
            const MotionSprite& circle = layer.sprites[0];
            const ImVec2 shown = placed(layer, key_at_fraction(circle, cycle_fraction(layer, t)), ImVec2(last_circle(circle)[0], 0));
            CHECK(shown.x == Approx(drawn.x).margin(1.5));
            CHECK(shown.y == Approx(drawn.y).margin(1.5));

            // Hold points: the pressed point, at the size it has on the canvas.
            params.pattern = moving.pattern = StrokePattern::HoldPoints;
            const std::vector<ImVec2> pressed = opaque_guide(canvas.draw(min, max, params).verts, p);
            const ImVec2 centre = centroid(pressed);
            float radius = 0;
            for (const ImVec2 q : pressed) radius = std::max(radius, std::hypot(q.x - centre.x, q.y - centre.y));
            canvas.draw(min, max, moving);
            int full = 0;
            for (std::size_t i = 1; i < layer.sprites.size(); i += 2) {  // ring, dot, ring, dot...
                const MotionKey key = key_at_fraction(layer.sprites[i], cycle_fraction(layer, t));
                if (key.opacity < 0.99f) continue;
                ++full;
                const ImVec2 at = placed(layer, key, ImVec2(0, 0));
                CHECK(at.x == Approx(centre.x).margin(1.0));
                CHECK(at.y == Approx(centre.y).margin(1.0));
                const float marker_r = last_circle(layer.sprites[i])[2];
                CHECK(marker_r * key.scale_x == Approx(radius).margin(1.0));
            }
            CHECK(full == 1);

            // Sweep: every lane's dot where the canvas has a marker.
            params.pattern = moving.pattern = StrokePattern::SweepAnkleToKnee;
            const std::vector<ImVec2> dots = opaque_guide(canvas.draw(min, max, params).verts, p);
            canvas.draw(min, max, moving);
            for (std::size_t i = 1; i < layer.sprites.size(); i += 3) {  // trail, dot, arrow per lane
                const MotionKey key = key_at_fraction(layer.sprites[i], cycle_fraction(layer, t));
                if (key.opacity < 0.999f) continue;  // fading at a lane's end: not drawn opaque on the canvas
                const ImVec2 at = placed(layer, key, ImVec2(0, 0));
                const auto near = std::count_if(dots.begin(), dots.end(), [&](ImVec2 q) { return std::hypot(q.x - at.x, q.y - at.y) < 8.0f; });
                CHECK(near >= 8);
            }
        }
    }
}
