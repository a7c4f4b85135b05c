// kit_import.cpp — opening what the kit made before (see clinic_kit.hpp): a content file
// (clinic-content.json, or a routines.json or triage.json on its own) into "Routine" and "Safety
// check", a patient's link into "Prescribe". Something with a problem changes nothing: every problem is listed with its place, in
// the words `calfcoach validate` prints, and the form stays as it was.
#include <string>

#include <nlohmann/json.hpp>

#include "core/clinic_content.hpp"
#include "core/json_safe.hpp"
#include "kit/clinic_kit.hpp"

namespace calfcoach::kit {

//-----------------------------------------------------------------------------
// [SECTION] Import
//-----------------------------------------------------------------------------
void ClinicKit::file_received(ui::ReceivedFile file) {
    import_ = ImportOutcome{};
    import_.name = file.name.empty() ? std::string("The file") : file.name;
    if (tab_ != KitTab::Safety) tab_ = KitTab::Routine;  // where the outcome is said
    redraw_ = true;
    ++announce_seq_;
    if (file.too_large || file.text.size() > kClinicContentMaxBytes) {
        import_.message = import_.name + " is too big to be a content file. Nothing in your form has changed.";
        announce_text_ = import_.message;
        return;
    }
    if (!file.error.empty()) {
        import_.message = import_.name + " could not be read (" + file.error + "). Nothing in your form has changed.";
        announce_text_ = import_.message;
        return;
    }
    // A routines.json or a triage.json on its own is taken as the content file holding it.
    const JsonParseResult parsed = parse_json_limited(file.text, JsonLimits{kClinicContentMaxBytes, kContentMaxDepth + 2});
    const bool is_object = parsed.ok && parsed.value.is_object();
    const bool bare_routines = is_object && parsed.value.contains("routines") && !parsed.value.contains("routines.json");
    const bool bare_triage = is_object && parsed.value.contains("rules") && !parsed.value.contains("triage.json");
    const nlohmann::json wrapped = bare_routines  ? nlohmann::json{{"routines.json", parsed.value}}
                                   : bare_triage ? nlohmann::json{{"triage.json", parsed.value}}
                                                 : nlohmann::json();
    const bool bare = bare_routines || bare_triage;
    const ContentLoad load = load_clinic_content(bare ? dump_json(wrapped) : file.text, builtin_);
    if (!load.ok()) {
        for (const ContentIssue& issue : load.issues)
            if (!issue.warning) import_.problems.push_back(format_issue(issue));
        import_.message = import_.name + " could not be opened, so nothing in your form has changed. What is wrong, and where:";
        announce_text_ = import_.name + " could not be opened: " + std::to_string(import_.problems.size()) +
                         (import_.problems.size() == 1 ? " problem" : " problems");
        return;
    }
    // The loader took it, so it parsed as an object: the same text, read once above.
    const nlohmann::json& opened = bare ? wrapped : parsed.value;
    const bool has_routines = opened.contains("routines.json");
    const bool has_triage = opened.contains("triage.json");
    if (!bare_triage) {
        if (has_routines) {
            routines_ = opened["routines.json"];
        } else {
            const JsonParseResult shipped = parse_json_limited(builtin_["routines.json"]);
            if (shipped.ok) routines_ = shipped.value;
        }
        routines_changed();
    }
    // The loader took the whole file, so its safety check keeps the app's floor: the tab edits it from here.
    // A file without one leaves the clinic's safety check as it was.
    if (has_triage) {
        triage_ = opened["triage.json"];
        safety_changed();
    }
    import_.opened = true;
    const std::string routine_words = has_routines ? "its routine is in \"Routine\"" : "\"Routine\" has the app's own routine";
    const std::string safety_words = has_triage ? "its safety check is in \"Safety check\"" : "your safety check is as it was";
    import_.message = "Opened " + import_.name + ": " +
                      (bare_triage ? safety_words : bare_routines ? routine_words : routine_words + ", and " + safety_words) + ".";
    if (opened.size() > (has_routines ? 1u : 0u) + (has_triage ? 1u : 0u))
        import_.message += " Its other parts (techniques or reading) are not edited here: the code this kit gives "
                           "leaves them out.";
    announce_text_ = import_.message;
}

void ClinicKit::draw_import() {
    if (ui::button(draw_, "kit.import", "Open a content file", ui::ButtonStyle::Outline)) {
        import_ = ImportOutcome{};
        if (!services_.pick_backup_file()) import_.message = "This browser cannot open files here.";
    }
    ui::paragraph(draw_, "A clinic-content.json this kit saved, or a routine or safety check file: you can also drop it "
                         "on this page.",
                  true);
    if (!import_.message.empty()) ui::paragraph(draw_, import_.message.c_str(), import_.opened);
    for (const std::string& problem : import_.problems) ui::bullet(draw_, problem.c_str());
    ui::vertical_space(draw_, 12);
}

void ClinicKit::open_prescription_link() {
    const std::string code = prescription_code_in(rx_open_);
    if (code.empty() && rx_open_.find_first_not_of(" \n\t") == std::string::npos) {
        rx_open_problem_.clear();
        return;
    }
    const PrescriptionDecode decoded = decode_prescription(code);
    if (!decoded.ok()) {
        rx_open_problem_ = "This link cannot be opened: " + decoded.message + ". Your form has not changed.";
        return;
    }
    rx_open_problem_.clear();
    rx_form_ = prescribe_form_of(*decoded.prescription, rx_form_.reminder_time);
    rx_open_.clear();
    rx_opened_ = true;
    announce_text_ = "The programme is in the form";
    ++announce_seq_;
    prescribe_changed();
}

}  // namespace calfcoach::kit
