#include "ui/widgets.hpp"

#include <array>

namespace calfcoach::ui {
namespace {

ImU32 color(Rgb c, float alpha = 1.0f) {
    return IM_COL32(c.r, c.g, c.b, static_cast<int>(alpha * 255.0f));
}

void record(DrawContext& ctx, const char* id, const char* label, ItemKind kind) {
    ctx.items.push_back(ExportedItem{id, label, kind, ImGui::GetItemRectMin(), ImGui::GetItemRectMax(), false});
}

// A clear focus ring for keyboard users, drawn outside the control.
void draw_focus_ring(const DrawContext& ctx, ImVec2 min, ImVec2 max, float rounding) {
    if (!ImGui::IsItemFocused() || !ImGui::GetIO().NavVisible) return;
    const float gap = ctx.px(3);
    ImGui::GetWindowDrawList()->AddRect(ImVec2(min.x - gap, min.y - gap), ImVec2(max.x + gap, max.y + gap),
                                        color(ctx.palette->primary), rounding + gap, 0, ctx.px(3));
}

}  // namespace

std::string_view to_string(ItemKind kind) {
    switch (kind) {
        case ItemKind::Button: return "button";
        case ItemKind::Link: return "link";
        case ItemKind::Toggle: return "toggle";
        case ItemKind::Slider: return "slider";
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

    const bool activated = ImGui::InvisibleButton(id, ImVec2(width, height));
    const bool held = ImGui::IsItemActive();
    const bool hovered = ImGui::IsItemHovered();
    const ImVec2 min = ImGui::GetItemRectMin();
    const ImVec2 max = ImGui::GetItemRectMax();
    const float rounding = ctx.px(m.corner_radius_px);
    ImDrawList* draw = ImGui::GetWindowDrawList();

    switch (style) {
        case ButtonStyle::Primary: {
            const Rgb fill = held ? p.primary_pressed : hovered ? p.primary_hover : p.primary;
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
        case ButtonStyle::Quiet: {
            if (held || hovered) draw->AddRectFilled(min, max, color(p.surface_pressed), rounding);
            draw->AddText(ImVec2(min.x + (width - text_size.x) * 0.5f, min.y + (height - text_size.y) * 0.5f),
                          color(p.primary), label);
            break;
        }
    }
    draw_focus_ring(ctx, min, max, rounding);
    ImGui::PopFont();
    record(ctx, id, label, ItemKind::Button);
    return activated;
}

void heading(DrawContext& ctx, const char* text) {
    ImGui::PushFont(ctx.fonts.heading);
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(color(ctx.palette->heading)));
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(text);
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
    ImGui::PopFont();
}

void display_title(DrawContext& ctx, const char* text) {
    ImGui::PushFont(ctx.fonts.display);
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(color(ctx.palette->heading)));
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(text);
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
    ImGui::PopFont();
}

void paragraph(DrawContext& ctx, const char* text, bool muted) {
    ImGui::PushFont(ctx.fonts.body);
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(color(muted ? ctx.palette->text_muted : ctx.palette->text)));
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(text);
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
    ImGui::PopFont();
}

}  // namespace calfcoach::ui
