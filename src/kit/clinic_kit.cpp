// clinic_kit.cpp — see clinic_kit.hpp.
#include "kit/clinic_kit.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>

#include <nlohmann/json.hpp>

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

std::string hex(ui::Rgb c) {
    char text[8];
    std::snprintf(text, sizeof text, "#%02x%02x%02x", c.r, c.g, c.b);
    return text;
}

}  // namespace

ClinicKit::ClinicKit(ui::Services& services, KitPage& page) : services_(services), page_(page) {
    if (const auto stored = services_.storage().get(kDraftKey)) {
        if (!clinic_setup_from_json(*stored, setup_)) draft_damaged_ = true;  // kept as it is: never overwritten unread
    }
    preview_src_ = "index.html" + launch_query(setup_, page_.kit_origin());
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
            preview_src_ = "index.html" + launch_query(setup_, page_.kit_origin());
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
        case KitTab::Website: draw_website_tab(); break;
    }
    ui::vertical_space(draw_, 24);
    if (!two_columns) draw_preview(ImGui::GetContentRegionAvail().x, io.DisplaySize.y * 0.8f);
    ui::vertical_space(draw_, 24);
    bool& scrolling = touch_scrolling_form_;
    ui::scroll_window_by_touch_drag(draw_, scrolling);
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
    // What the accessibility layer asked for applies to this frame only (the item may be gone).
    draw_.pending_activation.clear();
    draw_.pending_slider.clear();
    draw_.pending_text_id.clear();
    draw_.scroll_to_focus = false;
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
    static constexpr std::array<const char*, 2> kTabs = {"Your clinic", "On your website"};
    int selected = static_cast<int>(tab_);
    if (ui::choice(draw_, "kit.tab", kTabs, &selected)) {
        tab_ = static_cast<KitTab>(selected);
        announce_text_ = kTabs[static_cast<std::size_t>(selected)];
        ++announce_seq_;
    }
    ui::vertical_space(draw_, 16);
}

//-----------------------------------------------------------------------------
// [SECTION] Your clinic
//-----------------------------------------------------------------------------
void ClinicKit::draw_clinic_tab() {
    const ClinicSetupProblems problems = check_clinic_setup(setup_);
    ui::subheading(draw_, "Your clinic");
    ui::TextFieldOptions name;
    name.hint = "Patients see \"Offered by\" and your name on the first screen.";
    name.error = problems.name.c_str();
    name.max_bytes = 240;
    if (ui::text_field(draw_, "kit.name", "Clinic name", &setup_.name, name)) draft_changed();
    ui::vertical_space(draw_, 14);

    ui::TextFieldOptions phone;
    phone.input_type = "tel";
    phone.hint = "Where the app advises seeing someone, patients get a button to call you. It never replaces the "
                 "emergency number.";
    phone.error = problems.phone.c_str();
    phone.max_bytes = 64;
    if (ui::text_field(draw_, "kit.phone", "Phone number", &setup_.phone, phone)) draft_changed();
    ui::vertical_space(draw_, 14);

    ui::TextFieldOptions colour;
    colour.hint = "For buttons and links: # and 3 or 6 hexadecimal digits, for example #2a7 or #22aa77.";
    colour.error = problems.colour.c_str();
    colour.max_bytes = 16;
    if (ui::text_field(draw_, "kit.colour", "Brand colour", &setup_.colour, colour)) draft_changed();

    // The colour the app will really use: the app darkens one that text cannot be read on.
    const auto typed = parse_hex_colour([&] {
        std::string t = setup_.colour;
        t.erase(std::remove(t.begin(), t.end(), ' '), t.end());
        return t;
    }());
    ui::Rgb used = ui::normal_palette().primary;
    bool adjusted = false;
    if (typed) used = ui::palette_with_accent(ui::normal_palette(), ui::Rgb{typed->r, typed->g, typed->b}, adjusted).primary;
    ui::vertical_space(draw_, 8);
    const float swatch = draw_.px(36);
    const ImVec2 at = ImGui::GetCursorScreenPos();
    ImGui::GetWindowDrawList()->AddRectFilled(at, ImVec2(at.x + swatch, at.y + swatch), ui::to_u32(used), draw_.px(6));
    ImGui::GetWindowDrawList()->AddRect(at, ImVec2(at.x + swatch, at.y + swatch), ui::to_u32(draw_.palette->border), draw_.px(6));
    ImGui::Dummy(ImVec2(swatch, swatch));
    ImGui::SameLine(0, draw_.px(12));
    ImGui::BeginGroup();
    used_colour_ = hex(used);
    const std::string used_line = !typed    ? "Colour used: the app's own green, " + used_colour_ + "."
                                  : adjusted ? "Colour used: " + used_colour_ + ", a darker shade of yours."
                                             : "Colour used: " + used_colour_ + ", as you typed it.";
    ui::paragraph(draw_, used_line.c_str());
    if (adjusted)
        ui::paragraph(draw_,
                      "Your colour is too light for white text on it, or for text in it on white, to be read easily. "
                      "The app uses the nearest shade that everyone can read.",
                      true);
    ImGui::EndGroup();
}

//-----------------------------------------------------------------------------
// [SECTION] On your website
//-----------------------------------------------------------------------------
void ClinicKit::draw_copy_button(const char* id, const char* label, const std::string& text) {
    if (ui::button(draw_, id, label, ui::ButtonStyle::Primary)) {
        copy_asked_ = id;
        copy_done_.clear();
        copy_outcome_.reset();
        page_.copy_text(text);
    }
    if (copy_done_ == id && copy_outcome_) {
        ui::paragraph(draw_, *copy_outcome_ == CopyOutcome::Copied
                                 ? "Copied. Paste it into your website."
                                 : "This browser did not let the page copy. Select the code above and copy it "
                                   "(Ctrl+C, or Cmd+C on a Mac).",
                      *copy_outcome_ == CopyOutcome::Copied);
    }
}

void ClinicKit::draw_website_tab() {
    const std::string base = app_base(setup_, page_.kit_folder());
    ui::subheading(draw_, "Put Calf Coach on your website");
    ui::paragraph(draw_,
                  "Copy this code and paste it where the app should appear, in an \"HTML\" or \"Embed code\" block of "
                  "your site builder. It shows your name, colour and phone number.");
    ui::vertical_space(draw_, 8);
    snippet_ = embed_snippet(setup_, base);
    ui::TextFieldOptions code;
    code.lines = 5;
    code.read_only = true;
    code.max_bytes = 8192;
    ui::text_field(draw_, "kit.snippet", "Code for your website", &snippet_, code);
    ui::vertical_space(draw_, 8);
    draw_copy_button("kit.copy_snippet", "Copy the code", snippet_);
    ui::vertical_space(draw_, 16);

    ui::subheading(draw_, "Site builders");
    ui::bullet(draw_, "WordPress: add a \"Custom HTML\" block and paste the code. WordPress.com needs a plan that "
                      "allows plugins or custom code; a site you host yourself allows it.");
    ui::bullet(draw_, "Squarespace: add a \"Code\" block and paste the code. Code blocks with scripts need a Core plan "
                      "or higher.");
    ui::bullet(draw_, "Wix: add \"Embed code\", then \"Embed HTML\", choose \"Code\" and paste. Wix shows it in a "
                      "frame of its own; set its height to at least 800 pixels.");
    ui::vertical_space(draw_, 16);

    ui::subheading(draw_, "If your site builder refuses scripts");
    ui::paragraph(draw_, "Use this version instead. It cannot grow with the app, so it has a fixed height, and your page "
                         "hears nothing from it.");
    iframe_code_ = iframe_snippet(setup_, base);
    ui::TextFieldOptions frame_code;
    frame_code.lines = 5;
    frame_code.read_only = true;
    frame_code.max_bytes = 8192;
    ui::text_field(draw_, "kit.iframe", "Code without scripts", &iframe_code_, frame_code);
    ui::vertical_space(draw_, 8);
    draw_copy_button("kit.copy_iframe", "Copy this version", iframe_code_);
    ui::vertical_space(draw_, 16);

    ui::toggle_row(draw_, "kit.advanced", "Advanced: hosting and security", &show_advanced_);
    if (!show_advanced_) return;
    const ClinicSetupProblems problems = check_clinic_setup(setup_);
    ui::TextFieldOptions app;
    app.input_type = "url";
    app.hint = "Where Calf Coach is hosted, if not where this kit is. Leave it empty to use this one.";
    app.error = problems.app_address.c_str();
    app.max_bytes = 2000;
    if (ui::text_field(draw_, "kit.app_address", "The app's address", &setup_.app_address, app)) draft_changed();
    ui::vertical_space(draw_, 14);
    ui::TextFieldOptions page;
    page.input_type = "url";
    page.hint = "Your website's origin (for example https://riverside.example). The app then talks only to it, and "
                "the plain iframe version names it.";
    page.error = problems.page_address.c_str();
    page.max_bytes = 2000;
    if (ui::text_field(draw_, "kit.page_address", "Your website's address", &setup_.page_address, page)) draft_changed();
    ui::vertical_space(draw_, 14);
    ui::paragraph(draw_, "If you host the app yourself, its server must let your website show it in a frame (CSP). "
                         "Send this header with the app's pages:");
    header_line_ = frame_ancestors_header(setup_);
    ui::TextFieldOptions header;
    header.read_only = true;
    header.max_bytes = 4096;
    ui::text_field(draw_, "kit.frame_ancestors", "Header for the app's server", &header_line_, header);
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
        {"screen", tab_ == KitTab::Clinic ? "kit.clinic" : "kit.website"},
        {"items", items()},
        {"texts", ui::texts_json(draw_.texts)},
        {"announce", {{"seq", announce_seq_}, {"text", announce_text_}, {"assertive", false}}},
    };
    return dump_json(state);
}

std::string ClinicKit::state_json() const {
    const nlohmann::json state = {
        {"app", "clinic"},
        {"screen", tab_ == KitTab::Clinic ? "kit.clinic" : "kit.website"},
        {"frame", last_context_.frame},
        {"dpr", dpr_},
        {"items", items()},
        {"texts", ui::texts_json(draw_.texts)},
        {"focus", draw_.focus_id},
        {"colour_used", used_colour_},
        {"storage", services_.status().storage_persistent ? "persistent" : "memory"},
        {"draft_damaged", draft_damaged_},
        {"preview",
         {{"shown", preview_.shown},
          {"src", preview_.src},
          {"device", kDevices[static_cast<std::size_t>(device_)].label},
          {"pending", changed_at_ms_ >= 0}}},
        {"copy", copy_outcome_ ? nlohmann::json({{"id", copy_done_}, {"ok", *copy_outcome_ == CopyOutcome::Copied}})
                               : nlohmann::json(nullptr)},
    };
    return dump_json(state);
}

}  // namespace calfcoach::kit
