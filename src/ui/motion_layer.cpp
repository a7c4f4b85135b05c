// motion_layer.cpp — the motion layer's shapes and the countdown's face as the JSON the platform runs.
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

void append_colour(std::string& out, Rgb colour) {
    char text[16];
    std::snprintf(text, sizeof text, "\"#%02x%02x%02x\"", colour.r, colour.g, colour.b);
    out += text;
}

// Labels are the app's own short texts ("1:30", "3"); quotes and backslashes are escaped all the same.
void append_string(std::string& out, std::string_view text) {
    out += '"';
    for (const char c : text) {
        if (c == '"' || c == '\\') out += '\\';
        if (static_cast<unsigned char>(c) >= 0x20) out += c;
    }
    out += '"';
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
    out += ",\"colours\":[";
    append_colour(out, layer.guide);
    out += ',';
    append_colour(out, layer.surface);
    out += "],\"sprites\":[";
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

std::string countdown_face_json(const CountdownFace& face) {
    if (face.empty()) return {};
    std::string out = "{\"ends_at_ms\":";
    append_number(out, face.ends_at_ms, 3);
    for (const auto& [name, value] : {std::pair{",\"duration_ms\":", face.duration_ms}, {",\"radius\":", double{face.radius}},
                                      {",\"line_width\":", double{face.line_width}}, {",\"em_px\":", double{face.em_px}}, {",\"text_dx\":", double{face.text_dx}},
                                      {",\"baseline_dy\":", double{face.baseline_dy}}}) {
        out += name;
        append_number(out, value, 3);
    }
    out += ",\"arc\":";
    append_colour(out, face.arc);
    out += ",\"text\":";
    append_colour(out, face.text);
    out += ",\"labels\":[";
    for (std::size_t i = 0; i < face.labels.size(); ++i) {
        if (i) out += ',';
        append_string(out, face.labels[i]);
    }
    out += "]}";
    return out;
}

}  // namespace calfcoach::ui
