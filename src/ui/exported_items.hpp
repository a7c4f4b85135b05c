// exported_items.hpp — what every ImGui app here (the patient app, the clinic kit) does with the items
// and texts its widgets recorded: their JSON for the automation surface and the accessibility layer,
// and the actions the layer's HTML controls ask for (applied by the widget in the next frame).
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "ui/widgets.hpp"

namespace calfcoach::ui {

// Items in CSS px (device px / dpr): id, label, kind, x, y, w, h, disabled, and checked, group,
// value/min/max where the item has them.
nlohmann::json items_json(const std::vector<ExportedItem>& items, float dpr);
// Adds to the text fields' entries of `items` (items_json of the same frame): text, input, hint,
// error, lines, font_px (CSS px), read_only.
void add_text_fields_json(nlohmann::json& items, const std::vector<ExportedTextField>& fields, float dpr);
// Texts: kind, text, before (the items recorded before it).
nlohmann::json texts_json(const std::vector<ExportedText>& texts);

// By the item's index in the last frame; false (nothing asked) for an index out of range, a disabled
// item or the wrong kind of item.
bool request_activation(DrawContext& ctx, int index);
bool request_slider(DrawContext& ctx, int index, int value);
// A text field's new value; false for a read-only field or an index that is not a text field.
bool request_text(DrawContext& ctx, int index, std::string value);
// -1 (or any index out of range): no item has the page's focus.
void request_focus(DrawContext& ctx, int index);

}  // namespace calfcoach::ui
