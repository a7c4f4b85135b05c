#include "ui/theme.hpp"

#include <cmath>
#include <initializer_list>

#include "imgui.h"

namespace calfcoach::ui {
namespace {

ImVec4 to_vec4(Rgb c, float alpha = 1.0f) {
    return ImVec4(static_cast<float>(c.r) / 255.0f, static_cast<float>(c.g) / 255.0f,
                  static_cast<float>(c.b) / 255.0f, alpha);
}

double linear_channel(std::uint8_t channel) {
    const double c = channel / 255.0;
    return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
}

double relative_luminance(Rgb c) {
    return 0.2126 * linear_channel(c.r) + 0.7152 * linear_channel(c.g) + 0.0722 * linear_channel(c.b);
}

}  // namespace

const Palette& normal_palette() {
    // A soft sage background, white cards and a deep teal: calm, clinical without being cold.
    static const Palette palette{
        .background = {0xF2, 0xF6, 0xF4},
        .surface = {0xFF, 0xFF, 0xFF},
        .surface_pressed = {0xDD, 0xEB, 0xE7},
        .border = {0x67, 0x86, 0x80},
        .text = {0x1D, 0x2B, 0x29},
        .text_muted = {0x4B, 0x5E, 0x5A},
        .primary = {0x16, 0x6B, 0x60},
        .primary_hover = {0x12, 0x5C, 0x52},
        .primary_pressed = {0x0D, 0x4A, 0x42},
        .on_primary = {0xFF, 0xFF, 0xFF},
        .heading = {0x12, 0x3F, 0x39},
        .danger = {0xA3, 0x14, 0x14},
        // A warm skin, soft rose muscles, cream tendon; the worked zone in the app's teal, the hands in ink blue.
        .skin = {0xF6, 0xDF, 0xCF},
        .skin_outline = {0x9A, 0x5E, 0x45},
        .muscle = {0xEE, 0xBC, 0xAD},
        .muscle_outline = {0x9B, 0x4A, 0x3C},
        .tendon = {0xFA, 0xF0, 0xE2},
        .highlight = {0x0A, 0x6B, 0x61},
        .guide = {0x28, 0x3C, 0x8C},
    };
    return palette;
}

const Palette& high_contrast_palette() {
    static const Palette palette{
        .background = {0xFF, 0xFF, 0xFF},
        .surface = {0xFF, 0xFF, 0xFF},
        .surface_pressed = {0xE0, 0xE0, 0xE0},
        .border = {0x00, 0x00, 0x00},
        .text = {0x00, 0x00, 0x00},
        .text_muted = {0x22, 0x22, 0x22},
        .primary = {0x00, 0x3D, 0x36},
        .primary_hover = {0x00, 0x2E, 0x29},
        .primary_pressed = {0x00, 0x1F, 0x1B},
        .on_primary = {0xFF, 0xFF, 0xFF},
        .heading = {0x00, 0x00, 0x00},
        .danger = {0x8A, 0x00, 0x00},
        .skin = {0xFF, 0xF1, 0xE6},
        .skin_outline = {0x00, 0x00, 0x00},
        .muscle = {0xF4, 0xB9, 0xA8},
        .muscle_outline = {0x5C, 0x1A, 0x0E},
        .tendon = {0xFF, 0xFF, 0xFF},
        .highlight = {0x00, 0x57, 0x7A},
        .guide = {0x1A, 0x1A, 0x66},
    };
    return palette;
}

double contrast_ratio(Rgb a, Rgb b) {
    const double la = relative_luminance(a);
    const double lb = relative_luminance(b);
    const double lighter = la > lb ? la : lb;
    const double darker = la > lb ? lb : la;
    return (lighter + 0.05) / (darker + 0.05);
}

namespace {

Rgb mix(Rgb from, Rgb to, double t) {
    auto channel = [t](std::uint8_t a, std::uint8_t b) {
        return static_cast<std::uint8_t>(std::lround(a + (b - a) * t));
    };
    return {channel(from.r, to.r), channel(from.g, to.g), channel(from.b, to.b)};
}

Palette with_primary(const Palette& base, Rgb primary) {
    Palette p = base;
    p.primary = primary;
    p.primary_hover = mix(primary, {0, 0, 0}, 0.12);
    p.primary_pressed = mix(primary, {0, 0, 0}, 0.25);
    return p;
}

bool accent_readable(const Palette& p) {
    for (Rgb fill : {p.primary, p.primary_hover, p.primary_pressed})
        if (contrast_ratio(p.on_primary, fill) < 4.5) return false;
    for (Rgb page : {p.background, p.surface, p.surface_pressed})
        if (contrast_ratio(p.primary, page) < 4.5) return false;
    return true;
}

}  // namespace

Palette palette_with_accent(const Palette& base, Rgb accent, bool& adjusted) {
    adjusted = false;
    // Towards black first (light pages, white text on buttons), then towards white; the first
    // step that reads well on every pairing wins. Black always passes on our light page.
    for (int step = 0; step <= 50; ++step) {
        for (Rgb target : {Rgb{0, 0, 0}, Rgb{255, 255, 255}}) {
            const Palette candidate = with_primary(base, mix(accent, target, step / 50.0));
            if (!accent_readable(candidate)) continue;
            adjusted = step > 0;
            return candidate;
        }
    }
    adjusted = true;
    return base;  // nothing readable: the app's own colour
}

const Metrics& metrics() {
    static const Metrics m{};
    return m;
}

void apply_style(ImGuiStyle& style, const Palette& p, float scale) {
    style = ImGuiStyle();
    const Metrics& m = metrics();
    style.WindowPadding = ImVec2(0, 0);
    style.WindowBorderSize = 0;
    style.WindowRounding = 0;
    style.ChildBorderSize = 0;
    style.FramePadding = ImVec2(16, 12);
    style.FrameRounding = m.corner_radius_px;
    style.FrameBorderSize = 1;
    style.ItemSpacing = ImVec2(m.spacing_px, m.spacing_px);
    style.ItemInnerSpacing = ImVec2(10, 8);
    style.ScrollbarSize = 10;
    style.ScrollbarRounding = 6;
    style.GrabRounding = 8;
    style.GrabMinSize = 24;
    style.PopupRounding = m.corner_radius_px;
    style.ButtonTextAlign = ImVec2(0.5f, 0.5f);
    style.ScaleAllSizes(scale);

    ImVec4* c = style.Colors;
    c[ImGuiCol_Text] = to_vec4(p.text);
    c[ImGuiCol_TextDisabled] = to_vec4(p.text_muted);
    c[ImGuiCol_WindowBg] = to_vec4(p.background);
    c[ImGuiCol_ChildBg] = to_vec4(p.background, 0.0f);
    c[ImGuiCol_PopupBg] = to_vec4(p.surface);
    c[ImGuiCol_Border] = to_vec4(p.border);
    c[ImGuiCol_BorderShadow] = ImVec4(0, 0, 0, 0);
    c[ImGuiCol_FrameBg] = to_vec4(p.surface);
    c[ImGuiCol_FrameBgHovered] = to_vec4(p.surface_pressed);
    c[ImGuiCol_FrameBgActive] = to_vec4(p.surface_pressed);
    c[ImGuiCol_Button] = to_vec4(p.surface);
    c[ImGuiCol_ButtonHovered] = to_vec4(p.surface_pressed);
    c[ImGuiCol_ButtonActive] = to_vec4(p.surface_pressed);
    c[ImGuiCol_Header] = to_vec4(p.surface_pressed);
    c[ImGuiCol_HeaderHovered] = to_vec4(p.surface_pressed);
    c[ImGuiCol_HeaderActive] = to_vec4(p.surface_pressed);
    c[ImGuiCol_CheckMark] = to_vec4(p.primary);
    c[ImGuiCol_SliderGrab] = to_vec4(p.primary);
    c[ImGuiCol_SliderGrabActive] = to_vec4(p.primary_pressed);
    c[ImGuiCol_ScrollbarBg] = ImVec4(0, 0, 0, 0);
    c[ImGuiCol_ScrollbarGrab] = to_vec4(p.border, 0.6f);
    c[ImGuiCol_ScrollbarGrabHovered] = to_vec4(p.border);
    c[ImGuiCol_ScrollbarGrabActive] = to_vec4(p.text_muted);
    c[ImGuiCol_Separator] = to_vec4(p.border, 0.5f);
    c[ImGuiCol_NavHighlight] = to_vec4(p.primary);
    c[ImGuiCol_TextSelectedBg] = to_vec4(p.primary, 0.25f);
}

}  // namespace calfcoach::ui
