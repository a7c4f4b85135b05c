#include "ui/widgets.hpp"

#include <algorithm>
#include <array>
#include <cmath>

#include "imgui_internal.h"  // ScrollToItem: keyboard focus from the accessibility layer

namespace calfcoach::ui {
namespace {

ImU32 color(Rgb c, float alpha = 1.0f) { return to_u32(c, alpha); }

// True (once) when the accessibility layer activated this item: the same as a tap on it.
bool take_activation(DrawContext& ctx, const char* id) {
    if (ctx.pending_activation.empty() || ctx.pending_activation != id) return false;
    ctx.pending_activation.clear();
    return true;
}

void text_record(DrawContext& ctx, const char* kind, const char* text) {
    ctx.texts.push_back(ExportedText{kind, text, ctx.items.size()});
}

ExportedItem& record(DrawContext& ctx, const char* id, const char* label, ItemKind kind) {
    if (ctx.scroll_to_focus && ctx.focus_id == id) {
        // Keyboard focus moved to an item out of view: bring it in, as a browser does for a page.
        ImGui::ScrollToItem(ImGuiScrollFlags_KeepVisibleEdgeY | ImGuiScrollFlags_KeepVisibleEdgeX);
        ctx.scroll_to_focus = false;
    }
    ExportedItem item;
    item.id = id;
    item.label = label;
    item.kind = kind;
    item.min = ImGui::GetItemRectMin();
    item.max = ImGui::GetItemRectMax();
    return ctx.items.emplace_back(std::move(item));
}

// A clear focus ring for keyboard users, drawn outside the control.
// Drawn for ImGui's own keyboard focus and for the item whose HTML control has the page's focus.
void draw_focus_ring(const DrawContext& ctx, ImVec2 min, ImVec2 max, float rounding, const char* id) {
    const bool dom_focus = !ctx.focus_id.empty() && ctx.focus_id == id;
    if (!dom_focus && (!ImGui::IsItemFocused() || !ImGui::GetIO().NavVisible)) return;
    const float gap = ctx.px(3);
    ImGui::GetWindowDrawList()->AddRect(ImVec2(min.x - gap, min.y - gap), ImVec2(max.x + gap, max.y + gap),
                                        color(ctx.palette->primary), rounding + gap, 0, ctx.px(3));
}

}  // namespace

ImU32 to_u32(Rgb c, float alpha) {
    return IM_COL32(c.r, c.g, c.b, static_cast<int>(alpha * 255.0f));
}

std::string_view to_string(ItemKind kind) {
    switch (kind) {
        case ItemKind::Button: return "button";
        case ItemKind::Link: return "link";
        case ItemKind::Toggle: return "toggle";
        case ItemKind::Slider: return "slider";
        case ItemKind::TextField: return "text";
    }
    return "button";
}

bool button(DrawContext& ctx, const char* id, const char* label, ButtonStyle style, float width) {
    const Metrics& m = metrics();
    const Palette& p = *ctx.palette;
    ImFont* font = ctx.fonts.body;
    ImGui::PushFont(font);
    const ImVec2 text_size = ImGui::CalcTextSize(label);
    const float height = style == ButtonStyle::Quiet ? ctx.px(48) : ctx.px(m.button_height_px);
    if (width <= 0.0f) width = style == ButtonStyle::Quiet ? text_size.x + ctx.px(28) : ImGui::GetContentRegionAvail().x;

    const bool pressed = ImGui::InvisibleButton(id, ImVec2(width, height));
    const bool activated = take_activation(ctx, id) || pressed;
    const bool held = ImGui::IsItemActive();
    const bool hovered = ImGui::IsItemHovered();
    const ImVec2 min = ImGui::GetItemRectMin();
    const ImVec2 max = ImGui::GetItemRectMax();
    const float rounding = ctx.px(m.corner_radius_px);
    ImDrawList* draw = ImGui::GetWindowDrawList();

    switch (style) {
        case ButtonStyle::Primary:
        case ButtonStyle::Danger: {
            const Rgb fill = style == ButtonStyle::Danger ? p.danger
                             : held                       ? p.primary_pressed
                             : hovered                    ? p.primary_hover
                                                          : p.primary;
            draw->AddRectFilled(min, max, color(fill), rounding);
            draw->AddText(ImVec2(min.x + (width - text_size.x) * 0.5f, min.y + (height - text_size.y) * 0.5f),
                          color(p.on_primary), label);
            break;
        }
        case ButtonStyle::Secondary: {
            draw->AddRectFilled(min, max, color(held || hovered ? p.surface_pressed : p.surface), rounding);
            draw->AddRect(min, max, color(p.border), rounding, 0, ctx.px(1));
            const float pad = ctx.px(18);
            draw->AddText(ImVec2(min.x + pad, min.y + (height - text_size.y) * 0.5f), color(p.text), label);
            // A chevron says "this opens a screen".
            const float cx = max.x - pad - ctx.px(4);
            const float cy = (min.y + max.y) * 0.5f;
            const float s = ctx.px(6);
            draw->AddPolyline(std::array<ImVec2, 3>{ImVec2(cx - s, cy - s * 1.4f), ImVec2(cx, cy), ImVec2(cx - s, cy + s * 1.4f)}.data(),
                              3, color(p.primary), 0, ctx.px(2.5f));
            break;
        }
        case ButtonStyle::Outline: {
            draw->AddRectFilled(min, max, color(held || hovered ? p.surface_pressed : p.surface), rounding);
            draw->AddRect(min, max, color(p.border), rounding, 0, ctx.px(1));
            draw->AddText(ImVec2(min.x + (width - text_size.x) * 0.5f, min.y + (height - text_size.y) * 0.5f),
                          color(p.text), label);
            break;
        }
        case ButtonStyle::Quiet: {
            if (held || hovered) draw->AddRectFilled(min, max, color(p.surface_pressed), rounding);
            draw->AddText(ImVec2(min.x + (width - text_size.x) * 0.5f, min.y + (height - text_size.y) * 0.5f),
                          color(p.primary), label);
            break;
        }
    }
    draw_focus_ring(ctx, min, max, rounding, id);
    ImGui::PopFont();
    record(ctx, id, label, ItemKind::Button);
    return activated;
}

// Wrapped text in one font and colour: every text helper below draws through this.
static void wrapped_text(ImFont* font, Rgb colour, const char* text) {
    ImGui::PushFont(font);
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(color(colour)));
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(text);
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
    ImGui::PopFont();
}

namespace {
// The longest prefix of `text` of at most `max_bytes` that ends on a whole UTF-8 character.
std::string cut_utf8(std::string text, std::size_t max_bytes) {
    if (text.size() <= max_bytes) return text;
    std::size_t end = max_bytes;
    while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
    text.resize(end);
    return text;
}
}  // namespace

bool text_field(DrawContext& ctx, const char* id, const char* label, std::string* value, const TextFieldOptions& options) {
    const Palette& p = *ctx.palette;
    const Metrics& m = metrics();
    bool changed = false;
    if (const auto pending = ctx.pending_texts.find(std::string_view(id)); pending != ctx.pending_texts.end() && !options.read_only) {
        std::string next = cut_utf8(std::move(pending->second), options.max_bytes);
        ctx.pending_texts.erase(pending);
        if (options.lines <= 1) std::replace(next.begin(), next.end(), '\n', ' ');
        changed = next != *value;
        *value = std::move(next);
    }
    ImGui::PushFont(ctx.fonts.body);
    wrapped_text(ctx.fonts.body, p.text, label);  // the label is the control's name: not a separate text
    ImGui::Dummy(ImVec2(0, ctx.px(2)));
    const float line = ImGui::GetTextLineHeight();
    const float pad = ctx.px(10);
    const float width = ImGui::GetContentRegionAvail().x;
    const int lines = std::max(options.lines, 1);
    const float height = std::max(ctx.px(m.button_height_px) - ctx.px(8), line * static_cast<float>(lines) + pad * 2);
    ImGui::InvisibleButton(id, ImVec2(width, height));
    const ImVec2 min = ImGui::GetItemRectMin();
    const ImVec2 max = ImGui::GetItemRectMax();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const bool has_error = options.error != nullptr && options.error[0] != '\0';
    const float rounding = ctx.px(8);
    draw->AddRectFilled(min, max, color(p.surface), rounding);
    draw->AddRect(min, max, color(has_error ? p.danger : p.border), rounding, 0, ctx.px(has_error ? 2.0f : 1.0f));
    draw->PushClipRect(ImVec2(min.x + pad * 0.5f, min.y), ImVec2(max.x - pad * 0.5f, max.y), true);
    if (lines > 1)
        draw->AddText(ctx.fonts.body, ctx.fonts.body->FontSize, ImVec2(min.x + pad, min.y + pad), color(p.text),
                      value->c_str(), nullptr, width - pad * 2);
    else
        draw->AddText(ImVec2(min.x + pad, min.y + (height - line) * 0.5f), color(p.text), value->c_str());
    draw->PopClipRect();
    draw_focus_ring(ctx, min, max, rounding, id);
    ImGui::PopFont();
    record(ctx, id, label, ItemKind::TextField);
    ExportedTextField field;
    field.item = ctx.items.size() - 1;
    field.text = *value;
    field.input_type = options.input_type;
    field.hint = options.hint;
    field.error = has_error ? options.error : "";
    field.lines = lines;
    field.font_px = ctx.fonts.body->FontSize;
    field.read_only = options.read_only;
    ctx.text_fields.push_back(std::move(field));
    // Help and problem are read with the field (aria-describedby), so they are not separate texts.
    if (options.hint != nullptr && options.hint[0] != '\0') {
        ImGui::Dummy(ImVec2(0, ctx.px(2)));
        wrapped_text(ctx.fonts.body, p.text_muted, options.hint);
    }
    if (has_error) {
        ImGui::Dummy(ImVec2(0, ctx.px(2)));
        wrapped_text(ctx.fonts.body, p.danger, options.error);
    }
    return changed;
}

void heading(DrawContext& ctx, const char* text) {
    text_record(ctx, "h1", text);
    wrapped_text(ctx.fonts.heading, ctx.palette->heading, text);
}

void display_title(DrawContext& ctx, const char* text) {
    text_record(ctx, "h1", text);
    wrapped_text(ctx.fonts.display, ctx.palette->heading, text);
}

void paragraph(DrawContext& ctx, const char* text, bool muted) {
    text_record(ctx, "p", text);
    wrapped_text(ctx.fonts.body, muted ? ctx.palette->text_muted : ctx.palette->text, text);
}

}  // namespace calfcoach::ui

namespace calfcoach::ui {

bool toggle_row(DrawContext& ctx, const char* id, const char* label, bool* value) {
    const Palette& p = *ctx.palette;
    ImGui::PushFont(ctx.fonts.body);
    const float width = ImGui::GetContentRegionAvail().x;
    const float height = ctx.px(52);
    const bool pressed = ImGui::InvisibleButton(id, ImVec2(width, height));
    const bool activated = take_activation(ctx, id) || pressed;
    if (activated) *value = !*value;
    const ImVec2 min = ImGui::GetItemRectMin();
    const ImVec2 max = ImGui::GetItemRectMax();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const float track_w = ctx.px(52), track_h = ctx.px(30);
    const float wrap = width - track_w - ctx.px(16);
    const ImVec2 text_size = ImGui::CalcTextSize(label, nullptr, false, wrap);
    draw->AddText(ctx.fonts.body, ctx.fonts.body->FontSize, ImVec2(min.x, min.y + (height - text_size.y) * 0.5f),
                  color(p.text), label, nullptr, wrap);
    const ImVec2 track_min(max.x - track_w, min.y + (height - track_h) * 0.5f);
    const ImVec2 track_max(max.x, track_min.y + track_h);
    draw->AddRectFilled(track_min, track_max, color(*value ? p.primary : p.surface), track_h * 0.5f);
    draw->AddRect(track_min, track_max, color(*value ? p.primary : p.border), track_h * 0.5f, 0, ctx.px(1.5f));
    const float knob_r = track_h * 0.5f - ctx.px(4);
    const float knob_x = *value ? track_max.x - track_h * 0.5f : track_min.x + track_h * 0.5f;
    draw->AddCircleFilled(ImVec2(knob_x, (track_min.y + track_max.y) * 0.5f), knob_r,
                          color(*value ? p.on_primary : p.border));
    draw_focus_ring(ctx, min, max, ctx.px(8), id);
    ImGui::PopFont();
    record(ctx, id, label, ItemKind::Toggle).checked = *value;
    return activated;
}

bool checkbox_row(DrawContext& ctx, const char* id, const char* label, bool* value) {
    const Palette& p = *ctx.palette;
    ImGui::PushFont(ctx.fonts.body);
    const float width = ImGui::GetContentRegionAvail().x;
    const float box = ctx.px(28);
    const float wrap = width - box - ctx.px(14);
    const ImVec2 text_size = ImGui::CalcTextSize(label, nullptr, false, wrap);
    const float height = std::max(ctx.px(48), text_size.y + ctx.px(16));
    const bool pressed = ImGui::InvisibleButton(id, ImVec2(width, height));
    const bool activated = take_activation(ctx, id) || pressed;
    if (activated) *value = !*value;
    const ImVec2 min = ImGui::GetItemRectMin();
    const ImVec2 max = ImGui::GetItemRectMax();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImVec2 box_min(min.x, min.y + (height - box) * 0.5f);
    const ImVec2 box_max(box_min.x + box, box_min.y + box);
    draw->AddRectFilled(box_min, box_max, color(*value ? p.primary : p.surface), ctx.px(6));
    draw->AddRect(box_min, box_max, color(*value ? p.primary : p.border), ctx.px(6), 0, ctx.px(2));
    if (*value) {
        const ImVec2 points[3] = {ImVec2(box_min.x + box * 0.22f, box_min.y + box * 0.52f),
                                  ImVec2(box_min.x + box * 0.42f, box_min.y + box * 0.72f),
                                  ImVec2(box_min.x + box * 0.78f, box_min.y + box * 0.30f)};
        draw->AddPolyline(points, 3, color(p.on_primary), 0, ctx.px(3));
    }
    draw->AddText(ctx.fonts.body, ctx.fonts.body->FontSize,
                  ImVec2(box_max.x + ctx.px(14), min.y + (height - text_size.y) * 0.5f), color(p.text), label,
                  nullptr, wrap);
    draw_focus_ring(ctx, min, max, ctx.px(8), id);
    ImGui::PopFont();
    record(ctx, id, label, ItemKind::Toggle).checked = *value;
    return activated;
}

bool sign_row(DrawContext& ctx, const char* yes_id, const char* unsure_id, const char* label, const char* group,
              SignMark* mark) {
    const Palette& p = *ctx.palette;
    ImGui::PushFont(ctx.fonts.body);
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const float width = ImGui::GetContentRegionAvail().x;
    const float pad = ctx.px(12);
    const float box = ctx.px(28);
    const float text_x = pad + box + ctx.px(12);
    const float wrap = width - text_x - pad;
    const ImVec2 text_size = ImGui::CalcTextSize(label, nullptr, false, wrap);
    const float top_height = std::max(ctx.px(52), text_size.y + ctx.px(20));
    const char* unsure_words = "Not sure";
    const ImVec2 unsure_text = ImGui::CalcTextSize(unsure_words);
    const float unsure_box = ctx.px(22);
    const ImVec2 unsure_size(unsure_box + ctx.px(10) + unsure_text.x + ctx.px(20), ctx.px(44));  // a 44 px target
    const float height = top_height + unsure_size.y + ctx.px(8);
    const SignMark before = *mark;

    // The card first (behind both controls): its outline says how the sign is marked.
    const Rgb edge = *mark == SignMark::Unmarked ? p.border : p.primary;
    draw->AddRectFilled(origin, ImVec2(origin.x + width, origin.y + height), color(p.surface), ctx.px(12));
    draw->AddRect(origin, ImVec2(origin.x + width, origin.y + height), color(edge), ctx.px(12), 0,
                  ctx.px(*mark == SignMark::Unmarked ? 1.5f : 2.5f));

    // Yes: the box and the words.
    ImGui::SetCursorScreenPos(origin);
    const bool yes_pressed = ImGui::InvisibleButton(yes_id, ImVec2(width, top_height));
    if (take_activation(ctx, yes_id) || yes_pressed) *mark = *mark == SignMark::Yes ? SignMark::Unmarked : SignMark::Yes;
    const ImVec2 yes_min = ImGui::GetItemRectMin();
    const ImVec2 yes_max = ImGui::GetItemRectMax();
    ExportedItem& yes_item = record(ctx, yes_id, label, ItemKind::Toggle);
    yes_item.group = group;
    draw_focus_ring(ctx, yes_min, yes_max, ctx.px(10), yes_id);

    // Not sure: a smaller box under the words.
    ImGui::SetCursorScreenPos(ImVec2(origin.x + text_x - ctx.px(6), origin.y + top_height));
    const bool unsure_pressed = ImGui::InvisibleButton(unsure_id, unsure_size);
    if (take_activation(ctx, unsure_id) || unsure_pressed)
        *mark = *mark == SignMark::NotSure ? SignMark::Unmarked : SignMark::NotSure;
    const ImVec2 unsure_min = ImGui::GetItemRectMin();
    const ImVec2 unsure_max = ImGui::GetItemRectMax();
    const std::string unsure_label = std::string("Not sure: ") + label;
    ExportedItem& unsure_item = record(ctx, unsure_id, unsure_label.c_str(), ItemKind::Toggle);
    unsure_item.group = group;
    draw_focus_ring(ctx, unsure_min, unsure_max, ctx.px(8), unsure_id);
    // After both taps, so the pair never shows two marks (the yes item by index: the vector grew).
    ctx.items[ctx.items.size() - 2].checked = *mark == SignMark::Yes;
    unsure_item.checked = *mark == SignMark::NotSure;

    // The yes box: a tick when yes.
    const ImVec2 box_min(origin.x + pad, origin.y + (top_height - box) * 0.5f);
    const ImVec2 box_max(box_min.x + box, box_min.y + box);
    const bool yes = *mark == SignMark::Yes;
    draw->AddRectFilled(box_min, box_max, color(yes ? p.primary : p.background), ctx.px(6));
    draw->AddRect(box_min, box_max, color(yes ? p.primary : p.text_muted), ctx.px(6), 0, ctx.px(2));
    if (yes) {
        const ImVec2 tick[3] = {ImVec2(box_min.x + box * 0.22f, box_min.y + box * 0.52f),
                                ImVec2(box_min.x + box * 0.42f, box_min.y + box * 0.72f),
                                ImVec2(box_min.x + box * 0.78f, box_min.y + box * 0.30f)};
        draw->AddPolyline(tick, 3, color(p.on_primary), 0, ctx.px(3));
    }
    draw->AddText(ctx.fonts.body, ctx.fonts.body->FontSize, ImVec2(origin.x + text_x, origin.y + (top_height - text_size.y) * 0.5f),
                  color(p.text), label, nullptr, wrap);

    // The not-sure box: a question mark when not sure.
    const bool unsure = *mark == SignMark::NotSure;
    const ImVec2 small_min(unsure_min.x + ctx.px(6), unsure_min.y + (unsure_size.y - unsure_box) * 0.5f);
    const ImVec2 small_max(small_min.x + unsure_box, small_min.y + unsure_box);
    draw->AddRectFilled(small_min, small_max, color(unsure ? p.primary : p.background), ctx.px(5));
    draw->AddRect(small_min, small_max, color(unsure ? p.primary : p.text_muted), ctx.px(5), 0, ctx.px(2));
    if (unsure) {
        const ImVec2 q = ImGui::CalcTextSize("?");
        draw->AddText(ImVec2(small_min.x + (unsure_box - q.x) * 0.5f, small_min.y + (unsure_box - q.y) * 0.5f),
                      color(p.on_primary), "?");
    }
    draw->AddText(ImVec2(small_max.x + ctx.px(10), unsure_min.y + (unsure_size.y - unsure_text.y) * 0.5f),
                  color(unsure ? p.text : p.text_muted), unsure_words);

    ImGui::SetCursorScreenPos(origin);
    ImGui::Dummy(ImVec2(width, height));
    ImGui::PopFont();
    return *mark != before;
}

bool choice(DrawContext& ctx, const char* id, std::span<const char* const> options, int* selected) {
    const Palette& p = *ctx.palette;
    ImGui::PushFont(ctx.fonts.body);
    const float gap = ctx.px(8);
    const float total = ImGui::GetContentRegionAvail().x;
    const float width = (total - gap * static_cast<float>(options.size() - 1)) / static_cast<float>(options.size());
    const float height = ctx.px(52);
    bool changed = false;
    for (std::size_t i = 0; i < options.size(); ++i) {
        if (i > 0) ImGui::SameLine(0, gap);
        const std::string item_id = std::string(id) + "." + std::to_string(i);
        const bool chosen = *selected == static_cast<int>(i);
        const bool pressed = ImGui::InvisibleButton(item_id.c_str(), ImVec2(width, height));
        if ((take_activation(ctx, item_id.c_str()) || pressed) && !chosen) {
            *selected = static_cast<int>(i);
            changed = true;
        }
        const bool now_chosen = *selected == static_cast<int>(i);
        const ImVec2 min = ImGui::GetItemRectMin();
        const ImVec2 max = ImGui::GetItemRectMax();
        ImDrawList* draw = ImGui::GetWindowDrawList();
        const float rounding = ctx.px(12);
        draw->AddRectFilled(min, max, color(now_chosen ? p.primary : ImGui::IsItemHovered() ? p.surface_pressed : p.surface), rounding);
        draw->AddRect(min, max, color(now_chosen ? p.primary : p.border), rounding, 0, ctx.px(1.5f));
        const float wrap = width - ctx.px(8);
        const ImVec2 text_size = ImGui::CalcTextSize(options[i], nullptr, false, wrap);
        draw->AddText(ctx.fonts.body, ctx.fonts.body->FontSize,
                      ImVec2(min.x + (width - text_size.x) * 0.5f, min.y + (height - text_size.y) * 0.5f),
                      color(now_chosen ? p.on_primary : p.text), options[i], nullptr, wrap);
        draw_focus_ring(ctx, min, max, rounding, item_id.c_str());
        record(ctx, item_id.c_str(), options[i], ItemKind::Button).checked = now_chosen;
    }
    ImGui::PopFont();
    return changed;
}

bool slider_int(DrawContext& ctx, const char* id, const char* label, int* value, int min_value, int max_value) {
    const Palette& p = *ctx.palette;
    const float width = ImGui::GetContentRegionAvail().x;
    const float height = ctx.px(52);
    ImGui::InvisibleButton(id, ImVec2(width, height));
    const ImVec2 min = ImGui::GetItemRectMin();
    const ImVec2 max = ImGui::GetItemRectMax();
    const float knob_r = ctx.px(14);
    const float left = min.x + knob_r, right = max.x - knob_r;
    const int old_value = *value;
    if (ImGui::IsItemActive()) {
        ctx.slider_held = true;
        const float t = std::clamp((ImGui::GetIO().MousePos.x - left) / (right - left), 0.0f, 1.0f);
        *value = min_value + static_cast<int>(std::lround(t * static_cast<float>(max_value - min_value)));
    }
    if (ImGui::IsItemFocused()) {
        if (ImGui::IsKeyPressed(ImGuiKey_LeftArrow)) *value = std::max(min_value, *value - 1);
        if (ImGui::IsKeyPressed(ImGuiKey_RightArrow)) *value = std::min(max_value, *value + 1);
    }
    if (!ctx.pending_slider.empty() && ctx.pending_slider == id) {
        *value = ctx.pending_slider_value;
        ctx.pending_slider.clear();
    }
    *value = std::clamp(*value, min_value, max_value);
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const float cy = (min.y + max.y) * 0.5f;
    const float t = static_cast<float>(*value - min_value) / static_cast<float>(std::max(1, max_value - min_value));
    const float knob_x = left + t * (right - left);
    draw->AddRectFilled(ImVec2(left, cy - ctx.px(3)), ImVec2(right, cy + ctx.px(3)), color(p.border), ctx.px(3));
    draw->AddRectFilled(ImVec2(left, cy - ctx.px(3)), ImVec2(knob_x, cy + ctx.px(3)), color(p.primary), ctx.px(3));
    for (int tick = min_value; tick <= max_value; ++tick) {
        const float x = left + static_cast<float>(tick - min_value) / static_cast<float>(std::max(1, max_value - min_value)) * (right - left);
        draw->AddCircleFilled(ImVec2(x, cy), ctx.px(2), color(p.surface));
    }
    draw->AddCircleFilled(ImVec2(knob_x, cy), knob_r, color(p.primary));
    draw->AddCircle(ImVec2(knob_x, cy), knob_r, color(p.on_primary), 0, ctx.px(2));
    draw_focus_ring(ctx, min, max, ctx.px(8), id);
    ExportedItem& item = record(ctx, id, label, ItemKind::Slider);
    item.value = *value;
    item.min_value = min_value;
    item.max_value = max_value;
    return *value != old_value;
}

void subheading(DrawContext& ctx, const char* text) {
    text_record(ctx, "h2", text);
    // Body size, set apart by colour and an accent rule; the subset font has no bold face.
    wrapped_text(ctx.fonts.body, ctx.palette->heading, text);
    const ImVec2 min = ImGui::GetItemRectMin();
    const ImVec2 max = ImGui::GetItemRectMax();
    ImGui::GetWindowDrawList()->AddLine(ImVec2(min.x, max.y + ctx.px(2)), ImVec2(min.x + ctx.px(32), max.y + ctx.px(2)),
                                        color(ctx.palette->primary), ctx.px(2.5f));
    ImGui::Dummy(ImVec2(0, ctx.px(4)));
}

void bullet(DrawContext& ctx, const char* text) {
    text_record(ctx, "li", text);
    ImGui::PushFont(ctx.fonts.body);
    const float indent = ctx.px(22);
    const ImVec2 start = ImGui::GetCursorScreenPos();
    ImGui::GetWindowDrawList()->AddCircleFilled(ImVec2(start.x + ctx.px(7), start.y + ImGui::GetFontSize() * 0.55f),
                                                ctx.px(3.5f), color(ctx.palette->primary));
    ImGui::Indent(indent);
    wrapped_text(ctx.fonts.body, ctx.palette->text, text);
    ImGui::Unindent(indent);
    ImGui::PopFont();
}

void vertical_space(DrawContext& ctx, float css_px) { ImGui::Dummy(ImVec2(0, ctx.px(css_px))); }

void record_text(DrawContext& ctx, const char* kind, const char* text) { text_record(ctx, kind, text); }

void scroll_window_by_touch_drag(const DrawContext& ctx, bool& scrolling) {
    const ImGuiIO& io = ImGui::GetIO();
    if (io.MouseSource != ImGuiMouseSource_TouchScreen || !ImGui::IsMouseDown(ImGuiMouseButton_Left) || ctx.slider_held) {
        scrolling = false;
        return;
    }
    if (!scrolling && ImGui::IsMouseDragging(ImGuiMouseButton_Left)) {
        scrolling = true;
        ImGui::ClearActiveID();
    }
    if (scrolling) ImGui::SetScrollY(ImGui::GetScrollY() - io.MouseDelta.y);
}

}  // namespace calfcoach::ui
