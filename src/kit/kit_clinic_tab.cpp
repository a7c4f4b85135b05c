// kit_clinic_tab.cpp — the clinic kit's "Your clinic" and "On your website" tabs (see clinic_kit.hpp).
#include <cstdio>
#include <string>

#include <nlohmann/json.hpp>

#include "core/clinic_content.hpp"
#include "core/json_safe.hpp"
#include "core/launch_options.hpp"
#include "imgui.h"
#include "kit/clinic_kit.hpp"
#include "ui/theme.hpp"

namespace calfcoach::kit {
namespace {
std::string hex(ui::Rgb c) {
    char text[8];
    std::snprintf(text, sizeof text, "#%02x%02x%02x", c.r, c.g, c.b);
    return text;
}

}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] Your clinic
//-----------------------------------------------------------------------------
bool ClinicKit::form_field(const char* id, const char* label, std::string& value, const std::string& problem,
                           const char* hint, const char* input_type, int lines, std::size_t max_bytes) {
    ui::TextFieldOptions options;
    options.hint = hint;
    options.error = problem.c_str();
    options.input_type = input_type;
    options.lines = lines;
    options.max_bytes = max_bytes;
    const bool changed = ui::text_field(draw_, id, label, &value, options);
    ui::vertical_space(draw_, 14);
    return changed;
}

void ClinicKit::setup_field(const char* id, const char* label, std::string& value, const std::string& problem,
                            const char* hint, const char* input_type, std::size_t max_bytes) {
    if (form_field(id, label, value, problem, hint, input_type, 1, max_bytes)) draft_changed();
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
    const std::string parts = content_ready ? changed_parts() : std::string();
    if (!check_.ok())
        ui::paragraph(draw_, "Your routine has problems (see \"Routine\"): until they are fixed, this code gives "
                             "patients the app's own routine and safety check.");
    else if (content_ready)
        ui::paragraph(draw_, ("The code carries " + parts + ": there is no file to put on your website.").c_str(), true);
    ui::TextFieldOptions code;
    code.lines = 5;
    code.read_only = true;
    code.max_bytes = 8192;
    ui::text_field(draw_, "kit.snippet", "Code for your website", &snippet_, code);
    ui::vertical_space(draw_, 8);
    draw_copy_button("kit.copy_snippet", "Copy the code", snippet_);
    ui::vertical_space(draw_, 16);

    if (content_ready) {
        ui::paragraph(draw_, ("Or keep " + parts + " as a file, to host yourself or to send to whoever runs your website:").c_str());
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
        ui::paragraph(draw_, ("It cannot carry " + parts + ": patients get the app's own through it.").c_str(), true);
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

}  // namespace calfcoach::kit
