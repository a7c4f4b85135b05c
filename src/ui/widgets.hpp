// widgets.hpp — the few controls Calf Coach draws, each recorded as an exported item so the page can
// find it: the automation surface (window.calfcoach.state().items) and, later, the accessibility layer.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "imgui.h"
#include "ui/fonts.hpp"
#include "ui/theme.hpp"

namespace calfcoach::ui {

enum class ItemKind { Button, Link, Toggle, Slider };
std::string_view to_string(ItemKind kind);

// One interactive widget drawn in the last frame, in device pixels of the canvas.
struct ExportedItem {
    std::string id;     // stable: "home.start", "nav.back"
    std::string label;  // what a person reads: "Start a session"
    ItemKind kind = ItemKind::Button;
    ImVec2 min, max;
    bool disabled = false;
};

// Per-frame drawing context the widgets share: fonts, palette, scale, and the item list being built.
struct DrawContext {
    Fonts fonts;
    const Palette* palette = &normal_palette();
    float scale = 1.0f;  // device pixels per CSS pixel x text size
    std::vector<ExportedItem> items;

    [[nodiscard]] float px(float css_px) const { return css_px * scale; }
};

enum class ButtonStyle {
    Primary,    // filled, the one main action of a screen
    Secondary,  // outlined card with a chevron, for menus
    Quiet,      // text only, e.g. Back
};

// A full-width (or `width`) button; returns true when activated. `id` must be unique per screen.
bool button(DrawContext& ctx, const char* id, const char* label, ButtonStyle style, float width = 0.0f);

// Text helpers: wrapped to the current column width.
void heading(DrawContext& ctx, const char* text);
void display_title(DrawContext& ctx, const char* text);
void paragraph(DrawContext& ctx, const char* text, bool muted = false);

}  // namespace calfcoach::ui
