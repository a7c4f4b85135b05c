#include "ui/exported_items.hpp"

#include <algorithm>

#include <nlohmann/json.hpp>

namespace calfcoach::ui {
namespace {
const ExportedItem* item_at(const DrawContext& ctx, int index) {
    if (index < 0 || static_cast<std::size_t>(index) >= ctx.items.size()) return nullptr;
    return &ctx.items[static_cast<std::size_t>(index)];
}
}  // namespace

nlohmann::json items_json(const std::vector<ExportedItem>& list, float dpr) {
    const float to_css = 1.0f / std::max(dpr, 0.01f);
    nlohmann::json items = nlohmann::json::array();
    for (const ExportedItem& item : list) {
        nlohmann::json entry = {{"id", item.id},
                                {"label", item.label},
                                {"kind", to_string(item.kind)},
                                {"x", item.min.x * to_css},
                                {"y", item.min.y * to_css},
                                {"w", (item.max.x - item.min.x) * to_css},
                                {"h", (item.max.y - item.min.y) * to_css},
                                {"disabled", item.disabled}};
        if (item.checked) entry["checked"] = *item.checked;
        if (!item.group.empty()) entry["group"] = item.group;
        if (item.value) {
            entry["value"] = *item.value;
            entry["min"] = item.min_value.value_or(0);
            entry["max"] = item.max_value.value_or(0);
        }
        items.push_back(std::move(entry));
    }
    return items;
}

void add_text_fields_json(nlohmann::json& items, const std::vector<ExportedTextField>& fields, float dpr) {
    const float to_css = 1.0f / std::max(dpr, 0.01f);
    for (const ExportedTextField& field : fields) {
        if (field.item >= items.size()) continue;
        nlohmann::json& entry = items[field.item];
        entry["text"] = field.text;
        entry["input"] = field.input_type;
        entry["hint"] = field.hint;
        entry["error"] = field.error;
        entry["lines"] = field.lines;
        entry["font_px"] = field.font_px * to_css;
        entry["read_only"] = field.read_only;
    }
}

nlohmann::json texts_json(const std::vector<ExportedText>& list) {
    nlohmann::json texts = nlohmann::json::array();
    for (const ExportedText& text : list)
        texts.push_back({{"kind", text.kind}, {"text", text.text}, {"before", text.before_item}});
    return texts;
}

bool request_activation(DrawContext& ctx, int index) {
    const ExportedItem* item = item_at(ctx, index);
    if (item == nullptr || item->disabled || item->kind == ItemKind::TextField) return false;
    ctx.pending_activation = item->id;
    return true;
}

bool request_slider(DrawContext& ctx, int index, int value) {
    const ExportedItem* item = item_at(ctx, index);
    if (item == nullptr || item->kind != ItemKind::Slider || item->disabled) return false;
    ctx.pending_slider = item->id;
    ctx.pending_slider_value = value;
    return true;
}

bool request_text(DrawContext& ctx, int index, std::string value) {
    const ExportedItem* item = item_at(ctx, index);
    if (item == nullptr || item->kind != ItemKind::TextField || item->disabled) return false;
    for (const ExportedTextField& field : ctx.text_fields)
        if (field.item == static_cast<std::size_t>(index) && field.read_only) return false;
    ctx.pending_texts[item->id] = std::move(value);
    return true;
}

void request_focus(DrawContext& ctx, int index) {
    const ExportedItem* item = item_at(ctx, index);
    if (item == nullptr) {
        ctx.focus_id.clear();
        return;
    }
    ctx.focus_id = item->id;
    ctx.scroll_to_focus = true;
}

}  // namespace calfcoach::ui
