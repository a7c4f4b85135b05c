// widgets.hpp — the few controls Calf Coach draws, each recorded as an exported item so the page can
// find it: the automation surface (window.calfcoach.state().items) and, later, the accessibility layer.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "imgui.h"
#include "ui/fonts.hpp"
#include "ui/theme.hpp"

namespace calfcoach::ui {

enum class ItemKind { Button, Link, Toggle, Slider, TextField };
std::string_view to_string(ItemKind kind);

// One interactive widget drawn in the last frame, in device pixels of the canvas.
struct ExportedItem {
    std::string id;     // stable: "home.start", "nav.back"
    std::string label;  // what a person reads: "Start a session"
    ItemKind kind = ItemKind::Button;
    ImVec2 min, max;
    bool disabled = false;
    std::optional<bool> checked;  // toggles, checkboxes, the chosen option of a choice
    std::optional<int> value, min_value, max_value;  // sliders
    // The list it belongs to, read as that list's label: a safety-check page's question for its
    // signs' check boxes. Default: empty (not in a list).
    std::string group;
};

// What a text field (ItemKind::TextField) adds to its item, kept apart so the items of an app without
// text fields stay as they were. The page's HTML input over the field is the editor (a11y.js).
struct ExportedTextField {
    std::size_t item = 0;    // its index in DrawContext::items
    std::string text;        // the value
    std::string input_type;  // the keyboard offered: "text", "tel", "url"
    std::string hint;        // the help under the field (empty: none)
    std::string error;       // the problem with the value (empty: none)
    int lines = 1;           // lines shown (1: one line)
    float font_px = 0;       // text size, device px
    bool read_only = false;  // may be selected and copied, not changed
};

// One text drawn in the last frame, for the accessibility layer: "h1" (display_title, heading),
// "h2" (subheading), "p" (paragraph), "li" (bullet). `before_item` = how many items were recorded
// before it, so the page can interleave texts and controls in reading order.
struct ExportedText {
    std::string kind;
    std::string text;
    std::size_t before_item = 0;
};

// Per-frame drawing context the widgets share: fonts, palette, scale, and the item list being built.
struct DrawContext {
    Fonts fonts;
    const Palette* palette = &normal_palette();
    float scale = 1.0f;  // device pixels per CSS pixel x text size
    std::vector<ExportedItem> items;
    bool slider_held = false;  // a slider is being dragged: a touch drag must not scroll the page
    std::vector<ExportedText> texts;  // headings and text of the frame (the accessibility layer)
    std::vector<ExportedTextField> text_fields;  // the frame's text fields (their items are in `items`)

    // The accessibility layer (an HTML control over each item) acts on the drawn widgets by id:
    std::string pending_activation;    // treat this item as pressed in this frame (then cleared)
    std::string pending_slider;        // set this slider to pending_slider_value in this frame
    int pending_slider_value = 0;
    // Text field id -> the value to set in this frame: one per field, so typing that moves on to the
    // next field (or autofill filling several) between two frames loses nothing.
    std::map<std::string, std::string, std::less<>> pending_texts;
    std::string focus_id;              // the item whose HTML control has keyboard focus: ring drawn
    bool scroll_to_focus = false;      // scroll the focused item into view when it is drawn

    [[nodiscard]] float px(float css_px) const { return css_px * scale; }
    // At the end of a frame: what the layer asked for applied to this frame only (the item may be gone).
    void clear_requests() {
        pending_activation.clear();
        pending_slider.clear();
        pending_texts.clear();
        scroll_to_focus = false;
    }
};

enum class ButtonStyle {
    Primary,    // filled, the one main action of a screen
    Secondary,  // outlined card with a chevron, for menus
    Outline,    // outlined, text centred: secondary actions side by side (Back, Next)
    Quiet,      // text only, e.g. Back
    Danger,     // filled red: only the emergency call
};

// A full-width (or `width`) button; returns true when activated. `id` must be unique per screen.
bool button(DrawContext& ctx, const char* id, const char* label, ButtonStyle style, float width = 0.0f);

// A row with the label on the left and a switch on the right; returns true when toggled.
bool toggle_row(DrawContext& ctx, const char* id, const char* label, bool* value);
// A row with a check box on the left; returns true when toggled.
bool checkbox_row(DrawContext& ctx, const char* id, const char* label, bool* value);
// How a sign on a safety-check page is marked (sign_row).
enum class SignMark { Unmarked, Yes, NotSure };
// A sign on a safety-check page, in a card: a check box with its words ("yes", the whole upper row)
// and a "Not sure" box under the words. Tapping the chosen one again unmarks it. Both are exported
// as check boxes of the list `group` (the page's question): `yes_id` labelled with the words,
// `unsure_id` with "Not sure: " and the words. Returns true when the mark changed.
bool sign_row(DrawContext& ctx, const char* yes_id, const char* unsure_id, const char* label, const char* group,
              SignMark* mark);
// A row of equal options (segmented control); returns true when the choice changed.
// Each option is exported as "<id>.<index>" with checked = chosen.
bool choice(DrawContext& ctx, const char* id, std::span<const char* const> options, int* selected);
// A whole-number slider with large touch area; tapping anywhere on the track sets the value.
bool slider_int(DrawContext& ctx, const char* id, const char* label, int* value, int min_value, int max_value);

// How a text field is drawn and described (text_field). Every field states its default.
struct TextFieldOptions {
    const char* hint = "";          // help under the field, muted (default: none)
    const char* error = "";         // the problem with the value, under the field in red (default: none)
    const char* input_type = "text";  // the keyboard a phone or tablet offers: "text", "tel", "url" (default "text")
    int lines = 1;                  // lines shown; more than 1 wraps and takes line breaks (default 1)
    std::size_t max_bytes = 2000;   // longer values from the page are cut at a whole character (default 2000)
    bool read_only = false;         // the person may select and copy it, not change it (default false)
};
// A labelled text field. The value is edited by the page (the accessibility layer's HTML input over
// the field, so typing, pasting, dictation and on-screen keyboards all work); the canvas draws the
// label, the box with the value, the help and the error. Returns true when the value changed.
bool text_field(DrawContext& ctx, const char* id, const char* label, std::string* value,
                const TextFieldOptions& options = {});

// Text helpers: wrapped to the current column width.
void heading(DrawContext& ctx, const char* text);
void display_title(DrawContext& ctx, const char* text);
void paragraph(DrawContext& ctx, const char* text, bool muted = false);
void subheading(DrawContext& ctx, const char* text);
// A bullet list item, wrapped with a hanging indent.
void bullet(DrawContext& ctx, const char* text);
void vertical_space(DrawContext& ctx, float css_px);
// Records a text drawn some other way (e.g. on a banner) for the accessibility layer.
void record_text(DrawContext& ctx, const char* kind, const char* text);

// A finger dragging on the current window scrolls it (ImGui scrolls only by wheel); a press that
// becomes a drag presses nothing. Call once per frame per scrolling window, after drawing it;
// `scrolling` is that window's own flag, kept between frames.
void scroll_window_by_touch_drag(const DrawContext& ctx, bool& scrolling);

// Colour helper for draw lists.
ImU32 to_u32(Rgb c, float alpha = 1.0f);

}  // namespace calfcoach::ui
