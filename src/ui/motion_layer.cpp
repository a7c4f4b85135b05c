// motion_layer.cpp — the motion layer's shapes as the JSON the platform animates.
#include "ui/motion_layer.hpp"

#include <cmath>
#include <cstdio>
#include <string_view>


namespace calfcoach::ui {
namespace {

// A number with at most `decimals` places, trailing zeros dropped: "1.5", "2", never "-0".
void append_number(std::string& out, double value, int decimals) {
    if (!std::isfinite(value)) value = 0;
    char text[40];
    const int n = std::snprintf(text, sizeof text, "%.*f", decimals, value);
    if (n <= 0 || static_cast<std::size_t>(n) >= sizeof text) return out.push_back('0');
    std::string_view digits(text, static_cast<std::size_t>(n));
    if (digits.find('.') != std::string_view::npos) {
        while (digits.back() == '0') digits.remove_suffix(1);
        if (digits.back() == '.') digits.remove_suffix(1);
    }
    if (digits == "-0") digits = "0";
    out += digits;
}

}  // namespace

float unwrapped_angle(const std::vector<MotionKey>& keys, float angle_deg) {
    if (keys.empty()) return angle_deg;
    const float previous = keys.back().angle_deg;
    return previous + std::remainder(angle_deg - previous, 360.0f);
}

std::string motion_shapes_json(const MotionLayer& layer) {
    if (layer.empty()) return {};
    std::string out = "{\"cycle_ms\":";
    append_number(out, layer.cycle_ms, 3);
    char colours[64];
    std::snprintf(colours, sizeof colours, ",\"colours\":[\"#%02x%02x%02x\",\"#%02x%02x%02x\"]", layer.guide.r, layer.guide.g,
                  layer.guide.b, layer.surface.r, layer.surface.g, layer.surface.b);
    out += colours;
    out += ",\"sprites\":[";
    for (std::size_t i = 0; i < layer.sprites.size(); ++i) {
        const MotionSprite& sprite = layer.sprites[i];
        if (i) out += ',';
        out += "{\"picture\":[";
        for (const float v : sprite.picture) {
            append_number(out, v, 2);
            out += ',';
        }
        if (out.back() == ',') out.pop_back();
        out += "],\"box\":[";
        for (const float v : {sprite.min_x, sprite.min_y, sprite.max_x, sprite.max_y}) {
            append_number(out, v, 2);
            out += ',';
        }
        out.back() = ']';
        out += ",\"keys\":[";
        // Hundredths of a pixel and a degree; the cycle's position finer, so keys a frame apart stay apart.
        for (const MotionKey& key : sprite.keys) {
            append_number(out, key.at, 6);
            for (const auto& [v, places] : {std::pair{key.x, 2}, {key.y, 2}, {key.angle_deg, 2}, {key.scale_x, 4},
                                            {key.scale_y, 4}, {key.opacity, 3}}) {
                out += ',';
                append_number(out, v, places);
            }
            out += ',';
        }
        if (out.back() == ',') out.pop_back();
        out += "]}";
    }
    out += "]}";
    return out;
}

}  // namespace calfcoach::ui
