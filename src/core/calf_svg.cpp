// calf_svg.cpp — see calf_svg.hpp.
//
// [SECTION] Numbers and paths
// [SECTION] Arrows and markers
// [SECTION] The drawing
#include "core/calf_svg.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>

#include "core/calf_shape.hpp"
#include "core/xml_escape.hpp"

namespace calfcoach {

namespace {

// The screen stretches leg space about 6.8 times taller than wide (a 1:1.7 box, a quarter of its
// width per x unit): the drawing keeps the same proportions.
constexpr float kUnitX = 100.0f;
constexpr float kUnitY = 680.0f;
constexpr float kPi = 3.14159265358979f;

struct Pt {
    float x = 0, y = 0;
};

//-----------------------------------------------------------------------------
// [SECTION] Numbers and paths
//-----------------------------------------------------------------------------
// One decimal, without printf (no float formatting pulled into the wasm for this).
std::string num(float v) {
    const long tenths = std::lround(static_cast<double>(v) * 10.0);
    std::string text = tenths < 0 ? "-" : "";
    const long magnitude = std::labs(tenths);
    text += std::to_string(magnitude / 10);
    if (magnitude % 10 != 0) text += "." + std::to_string(magnitude % 10);
    return text;
}

struct Mapper {
    float mirror = 1.0f;  // -1 for the right leg
    [[nodiscard]] Pt operator()(LegPoint p) const { return {p.x * kUnitX * mirror, p.y * kUnitY}; }
};

std::string path_data(const std::vector<Pt>& pts, bool closed) {
    std::string d;
    for (std::size_t i = 0; i < pts.size(); ++i) d += (i == 0 ? "M" : "L") + num(pts[i].x) + " " + num(pts[i].y);
    if (closed && !pts.empty()) d += "Z";
    return d;
}

std::vector<Pt> mapped(const Mapper& map, const LegPath& path) {
    std::vector<Pt> out;
    out.reserve(path.size());
    for (const LegPoint p : path) out.push_back(map(p));
    return out;
}

void add_path(std::string& svg, const std::vector<Pt>& pts, bool closed, std::string_view fill, std::string_view stroke,
              float width, std::string_view extra = {}) {
    if (pts.size() < 2) return;
    svg += "<path d=\"" + path_data(pts, closed) + "\" fill=\"" + std::string(fill) + "\" stroke=\"" + std::string(stroke) +
           "\" stroke-width=\"" + num(width) + "\" stroke-linejoin=\"round\" stroke-linecap=\"round\"";
    if (!extra.empty()) svg += " " + std::string(extra);
    svg += "/>";
}

//-----------------------------------------------------------------------------
// [SECTION] Arrows and markers
//-----------------------------------------------------------------------------
constexpr float kArrowWidth = 6.0f;  // a printed drawing is small (15 mm wide): guides are bold
constexpr float kHalo = 3.0f;  // white under every guide, so it reads on the grey shading

void arrowhead(std::string& svg, Pt tip, Pt dir, float size) {
    const float len = std::hypot(dir.x, dir.y);
    if (len <= 0) return;
    dir = {dir.x / len, dir.y / len};
    const Pt nrm{-dir.y, dir.x};
    const Pt back{tip.x - dir.x * size, tip.y - dir.y * size};
    const std::vector<Pt> tri{tip, {back.x + nrm.x * size * 0.6f, back.y + nrm.y * size * 0.6f},
                              {back.x - nrm.x * size * 0.6f, back.y - nrm.y * size * 0.6f}};
    add_path(svg, tri, true, "#000", "#fff", 1.5f);
}

// A shaft along the points, ending in an arrowhead at the last one.
void arrow(std::string& svg, const std::vector<Pt>& pts, float width, std::string_view dash = {}) {
    if (pts.size() < 2) return;
    const Pt tip = pts.back(), prev = pts[pts.size() - 2];
    const float head = 22.0f;
    std::vector<Pt> shaft(pts.begin(), pts.end() - 1);
    const Pt dir{tip.x - prev.x, tip.y - prev.y};
    const float len = std::hypot(dir.x, dir.y);
    shaft.push_back(len > 0 ? Pt{tip.x - dir.x / len * head * 0.6f, tip.y - dir.y / len * head * 0.6f} : prev);
    add_path(svg, shaft, false, "none", "#fff", width + kHalo * 2);
    add_path(svg, shaft, false, "none", "#000", width, dash.empty() ? std::string_view{} : dash);
    arrowhead(svg, tip, dir, head);
}

// Most of a circle, turning the way the hands do, with its arrowhead.
void circular_arrow(std::string& svg, Pt c, float r, float mirror) {
    constexpr int kN = 28;
    std::vector<Pt> arc;
    const float a0 = -kPi * 0.5f + 0.5f, sweep = 2 * kPi - 1.1f;
    for (int i = 0; i <= kN; ++i) {
        const float a = a0 + sweep * static_cast<float>(i) / kN;
        arc.push_back({c.x + mirror * std::cos(a) * r, c.y + std::sin(a) * r});
    }
    add_path(svg, arc, false, "none", "#fff", kArrowWidth + kHalo * 2);
    add_path(svg, arc, false, "none", "#000", kArrowWidth);
    const float ae = a0 + sweep;
    const Pt tip{c.x + mirror * std::cos(ae + 0.25f) * r, c.y + std::sin(ae + 0.25f) * r};
    arrowhead(svg, tip, {-mirror * std::sin(ae), std::cos(ae)}, 20.0f);
}

void numbered_dot(std::string& svg, Pt c, float r, int n) {
    svg += "<circle cx=\"" + num(c.x) + "\" cy=\"" + num(c.y) + "\" r=\"" + num(r) +
           "\" fill=\"#000\" stroke=\"#fff\" stroke-width=\"3\"/>";
    svg += "<text x=\"" + num(c.x) + "\" y=\"" + num(c.y + r * 0.42f) + "\" font-family=\"sans-serif\" font-size=\"" +
           num(r * 1.25f) + "\" font-weight=\"bold\" text-anchor=\"middle\" fill=\"#fff\">" + std::to_string(n) + "</text>";
}

void draw_pattern(std::string& svg, const Mapper& map, const CalfSvgParams& params) {
    const calf_shape::ZoneWork work = calf_shape::zone_work(params.zone);
    std::vector<std::vector<Pt>> lanes;
    for (const LegPath& lane : work.lanes) lanes.push_back(mapped(map, calf_shape::catmull_rom(lane, 10)));
    const float size = work.size * kUnitX;
    switch (params.pattern) {
        case StrokePattern::Circles:
            for (std::size_t i = 0; i < work.points.size() && i < 3; ++i)
                circular_arrow(svg, map(work.points[i]), std::max(size, 18.0f), map.mirror);
            break;
        case StrokePattern::SweepAnkleToKnee:
            for (const auto& lane : lanes) arrow(svg, lane, kArrowWidth);
            break;
        case StrokePattern::LightStrokes:
            for (const auto& lane : lanes) arrow(svg, lane, kArrowWidth * 0.6f, "stroke-dasharray=\"10 7\"");
            break;
        case StrokePattern::HoldPoints:
            for (std::size_t i = 0; i < work.points.size(); ++i) numbered_dot(svg, map(work.points[i]), 20.0f, static_cast<int>(i) + 1);
            break;
        case StrokePattern::Kneading:
            // Thumb and fingers pointing at each other, on two spots.
            for (std::size_t i = 0; i < work.points.size() && i < 2; ++i) {
                const Pt c = map(work.points[i]);
                for (const float side : {-1.0f, 1.0f})
                    arrow(svg, {{c.x + side * (size * 0.2f + std::max(48.0f, size * 2.0f)), c.y}, {c.x + side * size * 0.2f, c.y}},
                          kArrowWidth);
            }
            break;
    }
}

}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] The drawing
//-----------------------------------------------------------------------------
std::string calf_line_drawing_svg(const CalfSvgParams& params) {
    const Mapper map{params.side == Side::Right ? -1.0f : 1.0f};
    std::string svg =
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"-118 -10 236 716\" role=\"img\"";
    svg += params.title.empty() ? " aria-hidden=\"true\">" : "><title>" + xml_escaped(params.title) + "</title>";

    const calf_shape::Silhouette sil = calf_shape::silhouette();
    const calf_shape::ZoneHighlight lit = calf_shape::zone_highlight(params.zone);
    constexpr std::string_view kShade = "#c4c4c4";  // a mid grey: visible on any printer, arrows read over it
    constexpr float kLine = 3.0f, kThin = 1.4f, kLitLine = 4.0f;

    // Skin: the silhouette filled white (the strip's two edges joined round the heel).
    add_path(svg, mapped(map, sil.outline), true, "#fff", "none", 0);
    // Soleus under the heads, then the tendon, then the two heads over both.
    add_path(svg, mapped(map, calf_shape::soleus()), true, lit.soleus ? kShade : "#fff", lit.soleus ? "#000" : "#555",
             lit.soleus ? kLitLine : kThin);
    const calf_shape::Tendon tendon = calf_shape::achilles_tendon();
    std::vector<Pt> tendon_outline = mapped(map, tendon.left);
    const std::vector<Pt> right_edge = mapped(map, tendon.right);
    tendon_outline.insert(tendon_outline.end(), right_edge.rbegin(), right_edge.rend());
    add_path(svg, tendon_outline, true, lit.achilles ? kShade : "#fff", lit.achilles ? "#000" : "#555",
             lit.achilles ? kLitLine : kThin);
    for (const LegPath& head : {calf_shape::lateral_head(), calf_shape::medial_head()})
        add_path(svg, mapped(map, head), true, lit.gastrocnemius ? kShade : "#fff", lit.gastrocnemius ? "#000" : "#555",
                 lit.gastrocnemius ? kLitLine : kThin);
    for (const LegPath& fibre : calf_shape::gastrocnemius_fibres()) add_path(svg, mapped(map, fibre), false, "none", "#777", 1.0f);
    for (const LegPath& detail : calf_shape::surface_details()) add_path(svg, mapped(map, detail), false, "none", "#555", kThin);
    // The skin's outline last, over everything it bounds; open at the top (the leg goes on up).
    add_path(svg, mapped(map, sil.outline), false, "none", "#000", kLine);

    if (params.show_pattern) draw_pattern(svg, map, params);
    svg += "</svg>";
    return svg;
}

}  // namespace calfcoach
