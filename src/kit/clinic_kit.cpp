// clinic_kit.cpp — see clinic_kit.hpp.
#include "kit/clinic_kit.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>

#include <nlohmann/json.hpp>

#include "core/clinic_content.hpp"
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
    for (const DefaultContentFile& file : default_content_files()) builtin_.emplace(file.name, file.text);
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
    check_ = check_clinic_routines(routines_, builtin_);
    preview_src_ = preview_src();
    preview_content_ = preview_content();
}

std::string ClinicKit::preview_content() const {
    // The app takes no empty bundle: the built-in routines stand for "nothing changed".
    return check_.bundle.empty() ? dump_json(nlohmann::json{{"routines.json", routines_}}) : check_.bundle;
}

const char* ClinicKit::screen_name() const {
    switch (tab_) {
        case KitTab::Clinic: return "kit.clinic";
        case KitTab::Routine: return "kit.routine";
        case KitTab::Website: return "kit.website";
    }
    return "kit.clinic";
}

std::string ClinicKit::preview_src() const {
    // content=inline: the preview waits for the kit's content (calfcoach:content), as a snippet's would.
    return "index.html" + launch_query(setup_, page_.kit_origin()) + "&content=inline";
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
    static constexpr std::array<const char*, 3> kTabs = {"Your clinic", "Your routine", "On your website"};
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
void ClinicKit::setup_field(const char* id, const char* label, std::string& value, const std::string& problem,
                            const char* hint, const char* input_type, std::size_t max_bytes) {
    ui::TextFieldOptions options;
    options.hint = hint;
    options.error = problem.c_str();
    options.input_type = input_type;
    options.max_bytes = max_bytes;
    if (ui::text_field(draw_, id, label, &value, options)) draft_changed();
    ui::vertical_space(draw_, 14);
}

void ClinicKit::draw_clinic_tab() {
    const ClinicSetupProblems problems = check_clinic_setup(setup_);
    ui::subheading(draw_, "Your clinic");
    setup_field("kit.name", "Clinic name", setup_.name, problems.name,
                "Patients see \"Offered by\" and your name on the first screen.", "text", 240);
    setup_field("kit.phone", "Phone number", setup_.phone, problems.phone,
                "Where the app advises seeing someone, patients get a button to call you. It never replaces the "
                "emergency number.",
                "tel", 64);
    setup_field("kit.colour", "Brand colour", setup_.colour, problems.colour,
                "For buttons and links: # and 3 or 6 hexadecimal digits, for example #2a7 or #22aa77.", "text", 16);

    // The colour the app will really use: read back from the parameters it will get (a colour with a
    // problem is left out of them), then darkened as the app darkens one that text cannot be read on.
    const auto typed = parse_launch_options(launch_query(setup_, "")).accent;
    ui::Rgb used = ui::normal_palette().primary;
    bool adjusted = false;
    if (typed) used = ui::palette_with_accent(ui::normal_palette(), ui::Rgb{typed->r, typed->g, typed->b}, adjusted).primary;
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
// [SECTION] Your routine
//-----------------------------------------------------------------------------
namespace {
const char* const kPresetKeys[] = {"quick", "standard", "thorough"};
const char* const kPresetLabels[] = {"Quick (seconds)", "Standard (seconds)", "Thorough (seconds)"};

std::string text_of(const nlohmann::json& value) {
    if (value.is_string()) return value.get<std::string>();
    if (value.is_number_integer()) return std::to_string(value.get<std::int64_t>());
    if (value.is_number()) return dump_json(value);
    return {};
}

// What a person typed into a number field: a whole number is written as one; anything else is kept as
// typed, so the loader names the problem in its own words.
nlohmann::json number_or_text(const std::string& typed) {
    if (!typed.empty() && typed.size() <= 9 && typed.find_first_not_of("0123456789") == std::string::npos)
        return std::stoll(typed);
    return typed;
}
}  // namespace

void ClinicKit::routines_changed() {
    check_ = check_clinic_routines(routines_, builtin_);
    routines_damaged_ = false;
    if (!services_.storage().set(kRoutinesDraftKey, dump_json(routines_))) storage_failed_ = true;
    changed_at_ms_ = last_context_.now_ms;
    redraw_ = true;
}

void ClinicKit::draw_step(std::size_t index, std::size_t count) {
    nlohmann::json& steps = routines_["routines"][0]["steps"];
    nlohmann::json& step = steps[index];
    const std::string at = "/routines/0/steps/" + std::to_string(index);
    const std::string id = "kit.step." + std::to_string(index);
    auto field = [&](const char* key, const char* label, int lines, const char* hint) {
        std::string value = step.contains(key) ? text_of(step[key]) : std::string();
        const std::string pointer = at + "/" + key;
        shown_fields_.push_back(pointer);
        const std::string error = errors_at(check_.issues, pointer);
        ui::TextFieldOptions options;
        options.lines = lines;
        options.hint = hint;
        options.error = error.c_str();
        options.max_bytes = 1000;
        if (ui::text_field(draw_, (id + "." + key).c_str(), label, &value, options)) {
            step[key] = value;
            routines_changed();
        }
        ui::vertical_space(draw_, 10);
    };
    const std::string title = "Step " + std::to_string(index + 1) + ": " + text_of(step.value("title", nlohmann::json()));
    ui::subheading(draw_, title.c_str());
    field("title", "Name of the step", 1, "");
    field("instruction", "What to do", 3, "Two to four short sentences, said to the patient.");
    field("tip", "Tip", 2, "");
    // The durations, per preset, side by side.
    if (!step.contains("duration") || !step["duration"].is_object()) step["duration"] = nlohmann::json::object();
    if (ImGui::BeginTable((id + ".durations").c_str(), 3)) {
        for (std::size_t preset = 0; preset < 3; ++preset) {
            ImGui::TableNextColumn();
            nlohmann::json& duration = step["duration"];
            std::string value = duration.contains(kPresetKeys[preset]) ? text_of(duration[kPresetKeys[preset]]) : std::string();
            const std::string pointer = at + "/duration/" + kPresetKeys[preset];
            shown_fields_.push_back(pointer);
            const std::string error = errors_at(check_.issues, pointer);
            ui::TextFieldOptions options;
            options.error = error.c_str();
            options.max_bytes = 12;
            if (ui::text_field(draw_, (id + ".duration." + kPresetKeys[preset]).c_str(), kPresetLabels[preset], &value, options)) {
                duration[kPresetKeys[preset]] = number_or_text(value);
                routines_changed();
            }
        }
        ImGui::EndTable();
    }
    shown_fields_.push_back(at + "/duration");
    ui::paragraph(draw_, "Seconds for each leg; 0 leaves the step out of that length of session.", true);
    bool per_leg = step.value("per_leg", true);
    if (ui::toggle_row(draw_, (id + ".per_leg").c_str(), "Done on each leg (off: once, before the first leg)", &per_leg)) {
        step["per_leg"] = per_leg;
        routines_changed();
    }
    const float third = (ImGui::GetContentRegionAvail().x - draw_.px(16)) / 3.0f;
    const bool up = index > 0 && ui::button(draw_, (id + ".up").c_str(), "Move up", ui::ButtonStyle::Outline, third);
    if (index > 0) ImGui::SameLine(0, draw_.px(8));
    const bool down = index + 1 < count &&
                      ui::button(draw_, (id + ".down").c_str(), "Move down", ui::ButtonStyle::Outline, third);
    if (index + 1 < count) ImGui::SameLine(0, draw_.px(8));
    const bool remove = ui::button(draw_, (id + ".remove").c_str(), "Remove", ui::ButtonStyle::Outline, third);
    ui::vertical_space(draw_, 20);
    // Changes to the list wait until the step is drawn: the loop over the steps goes on safely.
    if (up) pending_move_ = {index, index - 1};
    if (down) pending_move_ = {index, index + 1};
    if (remove) pending_remove_ = index;
}

void ClinicKit::draw_routine_tab() {
    shown_fields_.clear();
    ui::subheading(draw_, "Your routine");
    ui::paragraph(draw_, "This is the routine patients are guided through, one leg then the other. Change the "
                         "words, the times, the order, or add a step. It is checked as you type, by the same "
                         "rules as the app's own routine.");
    if (routines_damaged_)
        ui::paragraph(draw_, "Your saved routine could not be read, so this starts from the built-in one. The saved "
                             "one is kept until you change something.");
    if (!routines_.contains("routines") || !routines_["routines"].is_array() || routines_["routines"].empty() ||
        !routines_["routines"][0].is_object()) {
        ui::paragraph(draw_, "There is no routine to edit.");
    } else {
        nlohmann::json& routine = routines_["routines"][0];
        shown_fields_.push_back("/routines/0/title");
        std::string title = text_of(routine.value("title", nlohmann::json()));
        const std::string title_error = errors_at(check_.issues, "/routines/0/title");
        ui::TextFieldOptions title_options;
        title_options.error = title_error.c_str();
        title_options.hint = "Shown to patients before they start.";
        title_options.max_bytes = 200;
        if (ui::text_field(draw_, "kit.routine.title", "Name of the routine", &title, title_options)) {
            routine["title"] = title;
            routines_changed();
        }
        ui::vertical_space(draw_, 16);
        if (!routine.contains("steps") || !routine["steps"].is_array()) routine["steps"] = nlohmann::json::array();
        pending_move_.reset();
        pending_remove_.reset();
        const std::size_t count = routine["steps"].size();
        for (std::size_t i = 0; i < count; ++i) draw_step(i, count);
        nlohmann::json& steps = routine["steps"];
        if (pending_move_) {
            std::swap(steps[pending_move_->first], steps[pending_move_->second]);
            routines_changed();
        } else if (pending_remove_ && *pending_remove_ < steps.size()) {
            steps.erase(*pending_remove_);
            routines_changed();
        }
        shown_fields_.push_back("/routines/0/steps");
        const std::string steps_error = errors_at(check_.issues, "/routines/0/steps");
        ui::subheading(draw_, "Add a step");
        ui::paragraph(draw_, "A copy of one of the app's steps, at the end; change its words and times above.", true);
        for (std::size_t i = 0; i < step_library_.size(); ++i) {
            const std::string label = "Add: " + text_of(step_library_[i].value("title", nlohmann::json()));
            if (ui::button(draw_, ("kit.add_step." + std::to_string(i)).c_str(), label.c_str(), ui::ButtonStyle::Secondary)) {
                steps.push_back(step_copy_for(routine, step_library_[i]));
                routines_changed();
            }
            ui::vertical_space(draw_, 8);
        }
    }
    // Problems no field above shows (a whole-file problem, another routine): listed in the tool's words.
    const std::vector<std::string> elsewhere = errors_elsewhere(check_.issues, shown_fields_);
    if (!elsewhere.empty()) {
        ui::subheading(draw_, "Other problems");
        for (const std::string& line : elsewhere) ui::bullet(draw_, line.c_str());
    }
    ui::vertical_space(draw_, 8);
    if (ui::button(draw_, "kit.routine.reset", "Start again from the built-in routine", ui::ButtonStyle::Quiet)) {
        const JsonParseResult shipped = parse_json_limited(builtin_["routines.json"]);
        if (shipped.ok) routines_ = shipped.value;
        routines_changed();
    }
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
    const bool content_ready = check_.ok() && !check_.bundle.empty();
    snippet_ = embed_snippet(setup_, base, content_ready ? check_.bundle : std::string());
    if (!check_.ok())
        ui::paragraph(draw_, "Your routine has problems (see \"Your routine\"): until they are fixed, this code gives "
                             "patients the app's own routine.");
    else if (content_ready)
        ui::paragraph(draw_, "Your routine is inside the code: there is no file to put on your website.", true);
    ui::TextFieldOptions code;
    code.lines = 5;
    code.read_only = true;
    code.max_bytes = 8192;
    ui::text_field(draw_, "kit.snippet", "Code for your website", &snippet_, code);
    ui::vertical_space(draw_, 8);
    draw_copy_button("kit.copy_snippet", "Copy the code", snippet_);
    ui::vertical_space(draw_, 16);

    if (content_ready) {
        ui::paragraph(draw_, "Or keep your routine as a file, to host yourself or to send to whoever runs your website:");
        if (ui::button(draw_, "kit.save_content", "Save the content file", ui::ButtonStyle::Outline)) {
            const JsonParseResult bundle = parse_json_limited(check_.bundle, JsonLimits{kClinicContentMaxBytes, kContentMaxDepth + 2});
            save_message_ = bundle.ok && services_.download("clinic-content.json", "application/json", dump_json(bundle.value, 2) + "\n")
                                ? "Saved as clinic-content.json."
                                : "This browser did not save the file.";
        }
        if (!save_message_.empty()) ui::paragraph(draw_, save_message_.c_str(), true);
        ui::vertical_space(draw_, 16);
    }
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
    if (content_ready)
        ui::paragraph(draw_, "It cannot carry your routine: patients get the app's own routine through it.", true);
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
    setup_field("kit.app_address", "The app's address", setup_.app_address, problems.app_address,
                "Where Calf Coach is hosted, if not where this kit is. Leave it empty to use this one.", "url", 2000);
    setup_field("kit.page_address", "Your website's address", setup_.page_address, problems.page_address,
                "Your website's origin (for example https://riverside.example). The app then talks only to it, and "
                "the plain iframe version names it.",
                "url", 2000);
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
    preview_.content = preview_content_;
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
