// clinic_kit.cpp — see clinic_kit.hpp.
#include "kit/clinic_kit.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>

#include <nlohmann/json.hpp>

#include "core/clinic_content.hpp"
#include "core/clinic_safety.hpp"
#include "core/default_content.hpp"
#include "core/json_safe.hpp"
#include "core/launch_options.hpp"
#include "imgui.h"
#include "ui/exported_items.hpp"
#include "ui/fonts.hpp"
#include "ui/theme.hpp"

namespace calfcoach::kit {
namespace {

// Below this width (CSS px) the preview goes under the form instead of beside it.
constexpr float kTwoColumnsMinCss = 900;
constexpr float kFormMaxCss = 620;

struct DeviceSize {
    const char* label;
    int width, height;
};
constexpr std::array<DeviceSize, 3> kDevices = {{{"Phone", 390, 844}, {"Tablet", 820, 1180}, {"Computer", 1280, 800}}};

// Every letter a clinic may type that the font has (Latin-1 and the euro sign): the kit shows what
// is typed, not only the words of its own screens.
std::set<char32_t> typed_letters() {
    std::set<char32_t> wanted;
    for (char32_t c = 0x20; c < 0x7F; ++c) wanted.insert(c);
    for (char32_t c = 0xA0; c <= 0xFF; ++c) wanted.insert(c);
    wanted.insert(0x20AC);
    return ui::glyphs_beyond_builtin(wanted);
}

}  // namespace

ClinicKit::ClinicKit(ui::Services& services, KitPage& page) : services_(services), page_(page) {
    if (const auto stored = services_.storage().get(kDraftKey)) {
        if (!clinic_setup_from_json(*stored, setup_)) draft_damaged_ = true;  // kept as it is: never overwritten unread
    }
    builtin_ = default_content_map();
    const JsonParseResult shipped = parse_json_limited(builtin_["routines.json"]);
    routines_ = shipped.ok ? shipped.value : nlohmann::json::object();
    if (routines_.contains("routines") && routines_["routines"].is_array())
        for (const auto& routine : routines_["routines"])
            if (routine.contains("steps") && routine["steps"].is_array())
                for (const auto& step : routine["steps"]) step_library_.push_back(step);
    if (const auto stored = services_.storage().get(kRoutinesDraftKey)) {
        const JsonParseResult draft = parse_json_limited(*stored);
        if (draft.ok && draft.value.is_object()) routines_ = draft.value;
        else routines_damaged_ = true;
    }
    triage_ = builtin_triage(builtin_);
    if (const auto stored = services_.storage().get(kTriageDraftKey)) {
        ClinicSafetyDraft draft = read_clinic_safety(*stored, builtin_);
        triage_ = std::move(draft.triage);
        triage_note_ = std::move(draft.note);  // the damaged draft is kept until something changes
    }
    refresh_safety_view();
    check_ = check_clinic_files(edited_files(), builtin_);
    builtin_content_ = load_content(builtin_).content;
    if (const auto stored = services_.storage().get(kPrescribeDraftKey))
        rx_form_damaged_ = !prescribe_form_from_json(*stored, rx_form_);
    preview_src_ = preview_src();
    preview_content_ = preview_content();
}

std::string ClinicKit::preview_content() const {
    // The app takes no empty bundle: the built-in routines stand for "nothing changed".
    return check_.bundle.empty() ? dump_json(nlohmann::json{{"routines.json", routines_}}) : check_.bundle;
}

nlohmann::json ClinicKit::edited_files() const { return {{"routines.json", routines_}, {"triage.json", triage_}}; }

void ClinicKit::content_changed() {
    // Only the files that differ from the app's go into the bundle (the preview, the code, the file).
    check_ = check_clinic_files(edited_files(), builtin_);
    changed_at_ms_ = last_context_.now_ms;
    redraw_ = true;
}

std::string ClinicKit::changed_parts() const {
    const JsonParseResult bundle = parse_json_limited(check_.bundle, JsonLimits{kClinicContentMaxBytes, kContentMaxDepth + 2});
    const bool routine = bundle.ok && bundle.value.contains("routines.json");
    const bool safety = bundle.ok && bundle.value.contains("triage.json");
    return routine && safety ? "your routine and safety check" : safety ? "your safety check" : "your routine";
}

const char* ClinicKit::screen_name() const {
    switch (tab_) {
        case KitTab::Clinic: return "kit.clinic";
        case KitTab::Routine: return "kit.routine";
        case KitTab::Website: return "kit.website";
        case KitTab::Safety: return "kit.safety";
        case KitTab::Prescribe: return "kit.prescribe";
    }
    return "kit.clinic";
}

std::string ClinicKit::preview_src() const {
    // content=inline: the preview waits for the kit's content (calfcoach:content), as a snippet's would.
    std::string src = "index.html" + launch_query(setup_, page_.kit_origin()) + "&content=inline";
    // While prescribing: the programme as the patient's link opens it (the app reads a new fragment
    // without reloading).
    if (tab_ == KitTab::Prescribe) {
        const PrescribeResult rx = prescription_from_form(rx_form_, builtin_content_, shown_clinic_name(setup_),
                                                          shown_clinic_phone(setup_), today().value_or(kPrescriptionFirstStart));
        if (rx.prescription) src += "#rx=" + encode_prescription(*rx.prescription);
    }
    return src;
}

//-----------------------------------------------------------------------------
// [SECTION] Frame and layout
//-----------------------------------------------------------------------------
void ClinicKit::set_device_pixel_ratio(float dpr) {
    dpr = std::clamp(dpr, 0.5f, 4.0f);
    if (std::fabs(dpr - dpr_) < 0.001f) return;
    dpr_ = dpr;
    fonts_dirty_ = true;
}

void ClinicKit::rebuild_fonts(ImFontAtlas& atlas) {
    draw_.scale = dpr_;
    draw_.fonts = ui::build_fonts(atlas, draw_.scale, typed_letters());
    ui::apply_style(ImGui::GetStyle(), *draw_.palette, draw_.scale);
    ImGui::GetIO().MouseDragThreshold = 10.0f * dpr_;
    fonts_dirty_ = false;
}

ui::FrameResult ClinicKit::frame(const ui::FrameContext& context) {
    last_context_ = context;
    draw_.items.clear();
    draw_.texts.clear();
    draw_.text_fields.clear();
    draw_.slider_held = false;
    ui::FrameResult result;

    // The preview follows the form once typing has paused.
    if (changed_at_ms_ >= 0) {
        const double waited = context.now_ms - changed_at_ms_;
        if (waited >= kPreviewSettleMs) {
            preview_src_ = preview_src();
            preview_content_ = preview_content();
            changed_at_ms_ = -1;
        } else {
            result.wake_after_ms = kPreviewSettleMs - waited;
        }
    }

    const ImGuiIO& io = ImGui::GetIO();
    const float width_css = io.DisplaySize.x / dpr_;
    const bool two_columns = width_css >= kTwoColumnsMinCss;
    const float padding = draw_.px(24);
    const float form_width = two_columns ? std::min(draw_.px(kFormMaxCss), io.DisplaySize.x * 0.55f) : io.DisplaySize.x;
    const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                   ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus;

    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(ImVec2(form_width, io.DisplaySize.y));
    ImGui::PushStyleColor(ImGuiCol_WindowBg, ImVec4(0, 0, 0, 0));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(padding, 0));
    ImGui::Begin("##form", nullptr, flags | (two_columns ? 0 : ImGuiWindowFlags_NoScrollbar));
    ImGui::PopStyleVar();
    ui::vertical_space(draw_, 20);
    draw_header();
    switch (tab_) {
        case KitTab::Clinic: draw_clinic_tab(); break;
        case KitTab::Routine: draw_routine_tab(); break;
        case KitTab::Website: draw_website_tab(); break;
        case KitTab::Safety: draw_safety_tab(); break;
        case KitTab::Prescribe: draw_prescribe_tab(); break;
    }
    ui::vertical_space(draw_, 24);
    if (!two_columns) draw_preview(ImGui::GetContentRegionAvail().x, io.DisplaySize.y * 0.8f);
    ui::vertical_space(draw_, 24);
    ui::scroll_window_by_touch_drag(draw_, touch_scrolling_form_);
    const float scroll_y = ImGui::GetScrollY();
    const float content_y = ImGui::GetCursorPosY();
    ImGui::End();

    if (two_columns) {
        ImGui::SetNextWindowPos(ImVec2(form_width, 0));
        ImGui::SetNextWindowSize(ImVec2(io.DisplaySize.x - form_width, io.DisplaySize.y));
        ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(padding, 0));
        ImGui::Begin("##preview", nullptr, flags | ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
        ImGui::PopStyleVar();
        ImGui::GetWindowDrawList()->AddRectFilled(ImGui::GetWindowPos(),
                                                  ImVec2(io.DisplaySize.x, io.DisplaySize.y),
                                                  ui::to_u32(draw_.palette->surface));
        ui::vertical_space(draw_, 20);
        draw_preview(ImGui::GetContentRegionAvail().x, io.DisplaySize.y - ImGui::GetCursorPosY() - draw_.px(24));
        ImGui::End();
    }
    ImGui::PopStyleColor();

    page_.show_preview(preview_);
    draw_.clear_requests();
    // The layout settles over the next frame after a change of size or scroll: draw it now.
    if (redraw_) result.animating = true;
    redraw_ = false;
    if (std::fabs(scroll_y - last_scroll_y_) > 0.5f || std::fabs(content_y - last_content_y_) > 0.5f) result.animating = true;
    last_scroll_y_ = scroll_y;
    last_content_y_ = content_y;
    return result;
}

void ClinicKit::draw_header() {
    ui::display_title(draw_, "Calf Coach for clinics");
    ui::paragraph(draw_,
                  "Set up Calf Coach for your clinic's website: your name, phone number and colour. The patient "
                  "app beside this form shows your changes as you type.",
                  true);
    ui::paragraph(draw_, "Nothing is sent anywhere: your settings stay in this browser until you copy the code.", true);
    if (draft_damaged_)
        ui::paragraph(draw_, "Your saved settings could not be read, so this form starts empty. They are kept until you change something.");
    if (storage_failed_)
        ui::paragraph(draw_, "This browser does not let the page keep your settings: copy the code before you close it.");
    ui::vertical_space(draw_, 12);
    // Short enough for five side by side in the form's width at 1024 px.
    static constexpr std::array<const char*, 5> kTabs = {"Your clinic", "Routine", "Website", "Safety check", "Prescribe"};
    int selected = static_cast<int>(tab_);
    if (ui::choice(draw_, "kit.tab", kTabs, &selected)) {
        tab_ = static_cast<KitTab>(selected);
        preview_src_ = preview_src();  // the prescribe tab previews the programme: at once, not after a pause
        redraw_ = true;
        announce_text_ = kTabs[static_cast<std::size_t>(selected)];
        ++announce_seq_;
    }
    ui::vertical_space(draw_, 16);
}

//-----------------------------------------------------------------------------
// [SECTION] Preview
//-----------------------------------------------------------------------------
void ClinicKit::draw_preview(float width, float height) {
    const float top_y = ImGui::GetCursorPosY();
    ui::subheading(draw_, "Preview: what your patients see");
    static constexpr std::array<const char*, 3> kDeviceLabels = {"Phone", "Tablet", "Computer"};
    int selected = static_cast<int>(device_);
    if (ui::choice(draw_, "kit.device", kDeviceLabels, &selected)) device_ = static_cast<PreviewDevice>(selected);
    ui::vertical_space(draw_, 8);
    // The screens a physio checks most, each reached as a patient would (an all-clear check...).
    static constexpr std::array<const char*, kPreviewScreenNames.size()> kScreenLabels = {
        "Start", "Safety check", "Result", "Session", "Done"};
    if (ui::choice(draw_, "kit.screen", kScreenLabels, &preview_screen_)) {
        announce_text_ = std::string("Preview: ") + kScreenLabels[static_cast<std::size_t>(preview_screen_)];
        ++announce_seq_;
    }
    ui::vertical_space(draw_, 12);
    const DeviceSize& device = kDevices[static_cast<std::size_t>(device_)];
    // The device at the largest scale that fits what is left of `height` (never enlarged).
    height = std::max(height - (ImGui::GetCursorPosY() - top_y), draw_.px(200));
    const float device_w = draw_.px(static_cast<float>(device.width));
    const float device_h = draw_.px(static_cast<float>(device.height));
    const float fit = std::min({1.0f, width / device_w, height / device_h});
    const ImVec2 size(std::floor(device_w * fit), std::floor(device_h * fit));
    const ImVec2 at = ImGui::GetCursorScreenPos();
    ImGui::Dummy(size);
    ImGui::GetWindowDrawList()->AddRect(ImVec2(at.x - draw_.px(1), at.y - draw_.px(1)),
                                        ImVec2(at.x + size.x + draw_.px(1), at.y + size.y + draw_.px(1)),
                                        ui::to_u32(draw_.palette->border), 0.0f, 0, draw_.px(1));
    ui::record_text(draw_, "p", "The preview is the real patient app with your settings; try it.");
    preview_.shown = true;
    preview_.x = at.x / dpr_;
    preview_.y = at.y / dpr_;
    preview_.width = size.x / dpr_;
    preview_.height = size.y / dpr_;
    preview_.device_width = device.width;
    preview_.device_height = device.height;
    preview_.src = preview_src_;
    preview_.content = preview_content_;
    preview_.screen = std::string(kPreviewScreenNames[static_cast<std::size_t>(preview_screen_)]);
}

void ClinicKit::draft_changed() {
    changed_at_ms_ = last_context_.now_ms;
    redraw_ = true;  // what was drawn above the field this frame (its problem, the colour used) is a value old
    draft_damaged_ = false;  // the person has started a new draft: it may be saved over the damaged one
    save_draft();
}

void ClinicKit::save_draft() {
    storage_failed_ = !services_.storage().set(kDraftKey, clinic_setup_to_json(setup_));
}

void ClinicKit::copy_finished(CopyOutcome outcome) {
    copy_done_ = copy_asked_;
    copy_outcome_ = outcome;
    announce_text_ = outcome == CopyOutcome::Copied ? "Copied" : "Could not copy: select the code and copy it";
    ++announce_seq_;
}

//-----------------------------------------------------------------------------
// [SECTION] Exported state
//-----------------------------------------------------------------------------
bool ClinicKit::activate_item(int index) { return ui::request_activation(draw_, index); }
bool ClinicKit::set_slider_item(int index, int value) { return ui::request_slider(draw_, index, value); }
void ClinicKit::set_focus_item(int index) { ui::request_focus(draw_, index); }
bool ClinicKit::set_text_item(int index, std::string value) { return ui::request_text(draw_, index, std::move(value)); }

nlohmann::json ClinicKit::items() const {
    nlohmann::json items = ui::items_json(draw_.items, dpr_);
    ui::add_text_fields_json(items, draw_.text_fields, dpr_);
    return items;
}

std::string ClinicKit::a11y_json() const {
    const nlohmann::json state = {
        {"screen", screen_name()},
        {"items", items()},
        {"texts", ui::texts_json(draw_.texts)},
        {"announce", {{"seq", announce_seq_}, {"text", announce_text_}, {"assertive", false}}},
    };
    return dump_json(state);
}

std::string ClinicKit::state_json() const {
    const nlohmann::json state = {
        {"app", "clinic"},
        {"screen", screen_name()},
        {"frame", last_context_.frame},
        {"dpr", dpr_},
        {"items", items()},
        {"texts", ui::texts_json(draw_.texts)},
        {"focus", draw_.focus_id},
        {"colour_used", used_colour_},
        {"storage", services_.status().storage_persistent ? "persistent" : "memory"},
        {"draft_damaged", draft_damaged_},
        {"safety", {{"same_as_builtin", safety_view_.same_as_builtin}, {"damaged", !triage_note_.empty()}}},
        {"preview",
         {{"shown", preview_.shown},
          {"src", preview_.src},
          {"device", kDevices[static_cast<std::size_t>(device_)].label},
          {"screen", preview_.screen},
          {"pending", changed_at_ms_ >= 0}}},
        {"prescription", {{"link", rx_link_}, {"qr_size", rx_qr_ && !rx_link_.empty() ? rx_qr_->size : 0}}},
        {"copy", copy_outcome_ ? nlohmann::json({{"id", copy_done_}, {"ok", *copy_outcome_ == CopyOutcome::Copied}})
                               : nlohmann::json(nullptr)},
    };
    return dump_json(state);
}

}  // namespace calfcoach::kit