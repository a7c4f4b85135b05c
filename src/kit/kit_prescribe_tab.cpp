// kit_prescribe_tab.cpp — the clinic kit's "Prescribe" tab (see clinic_kit.hpp): one patient's
// programme (routine, legs, length or each step's time, days, dates, a note), and what it gives the
// patient: the link, its QR code on screen and as a PNG or SVG file, the printed handout and the
// calendar reminders. All of it from the prescription core the patient app reads the link with.
#include <algorithm>
#include <string>

#include "core/calendar_ics.hpp"
#include "core/clinic_setup.hpp"
#include "core/handout.hpp"
#include "core/history.hpp"
#include "core/plain_words.hpp"
#include "core/png_image.hpp"
#include "core/session.hpp"
#include "imgui.h"
#include "kit/clinic_kit.hpp"
#include "ui/theme.hpp"

namespace calfcoach::kit {

//-----------------------------------------------------------------------------
// [SECTION] Prescribe
//-----------------------------------------------------------------------------
namespace {
constexpr std::array<const char*, 7> kDayLabels = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};
constexpr std::array<const char*, 3> kLegLabels = {"Both legs", "Left leg only", "Right leg only"};
constexpr std::array<const char*, 2> kScheduleLabels = {"On set days", "Times a week"};
constexpr int kQrPixelsPerModule = 8;  // a 1,000-character link still prints about 8 cm wide at 300 dpi
}  // namespace

std::optional<CalendarDate> ClinicKit::today() const { return ui::local_today(services_); }

void ClinicKit::prescribe_changed() {
    rx_message_.clear();
    redraw_ = true;
    changed_at_ms_ = last_context_.now_ms;  // the preview shows the programme once typing pauses
    if (!services_.storage().set(kPrescribeDraftKey, prescribe_form_to_json(rx_form_))) storage_failed_ = true;
    rx_form_damaged_ = false;
}

void ClinicKit::prescribe_field(const char* id, const char* label, std::string& value, const std::string& problem,
                                const char* hint, int lines, std::size_t max_bytes) {
    if (form_field(id, label, value, problem, hint, "text", lines, max_bytes)) prescribe_changed();
}

void ClinicKit::draw_prescribe_tab() {
    ui::subheading(draw_, "Prescribe a programme");
    ui::paragraph(draw_, "Make a programme for one patient: they get a link, a QR code to scan and a printed "
                         "handout that open Calf Coach with it. Nothing is stored anywhere but in the link itself.");
    ui::paragraph(draw_, "Anyone with the link can read it: never type the patient's name or diagnosis.", true);
    ui::paragraph(draw_, "The preview shows what the patient sees when they open the link.", true);
    if (rx_form_damaged_)
        ui::paragraph(draw_, "The programme you were making could not be read back, so this form starts again.");
    ui::vertical_space(draw_, 8);
    ui::TextFieldOptions open_options;
    open_options.hint = "Paste a patient's link to see or change that programme; the new link replaces it.";
    open_options.error = rx_open_problem_.c_str();
    open_options.input_type = "url";
    open_options.max_bytes = 4096;
    if (ui::text_field(draw_, "kit.rx.open", "Open a programme you made before (optional)", &rx_open_, open_options)) {
        rx_opened_ = false;
        open_prescription_link();
    }
    if (rx_opened_) ui::paragraph(draw_, "The programme from the link is in the form below.", true);
    ui::vertical_space(draw_, 14);

    const std::string clinic = shown_clinic_name(setup_);
    const std::string phone = shown_clinic_phone(setup_);
    const CalendarDate day = today().value_or(kPrescriptionFirstStart);
    const PrescribeResult result = prescription_from_form(rx_form_, builtin_content_, clinic, phone, day);

    // The routine: the app's own ones (the link opens the app, which has them).
    const std::vector<Routine>& routines = builtin_content_.routines;
    const Routine* routine = builtin_content_.find_routine(rx_form_.routine_id);
    if (routines.size() > 1) {
        std::vector<const char*> titles;
        int selected = 0;
        for (std::size_t i = 0; i < routines.size(); ++i) {
            titles.push_back(routines[i].title.c_str());
            if (routines[i].id == rx_form_.routine_id) selected = static_cast<int>(i);
        }
        ui::paragraph(draw_, "Routine");
        if (ui::choice(draw_, "kit.rx.routine", titles, &selected)) {
            rx_form_.routine_id = routines[static_cast<std::size_t>(selected)].id;
            rx_form_.step_seconds.clear();
            rx_form_.own_times = false;
            prescribe_changed();
        }
    } else if (routine) {
        const std::string line = "Routine: " + routine->title + ", the app's own.";
        ui::paragraph(draw_, line.c_str());
    }
    ui::paragraph(draw_, "The link opens the app as it comes. Your changes in \"Routine\" and \"Safety check\" reach "
                         "only patients who use the app on your website.",
                  true);
    if (!result.problem("routine").empty()) ui::paragraph(draw_, result.problem("routine").c_str());
    ui::vertical_space(draw_, 12);

    ui::paragraph(draw_, "Legs");
    int legs = static_cast<int>(rx_form_.legs);
    if (ui::choice(draw_, "kit.rx.legs", kLegLabels, &legs)) {
        rx_form_.legs = static_cast<PrescribedLegs>(legs);
        prescribe_changed();
    }
    ui::vertical_space(draw_, 12);

    // The length, each with its time as this programme plays it.
    ui::paragraph(draw_, "Length of each session");
    std::array<std::string, kPresetCount> length_labels;
    std::array<const char*, kPresetCount> length_items{};
    for (std::size_t preset = 0; preset < kPresetCount; ++preset) {
        length_labels[preset] = std::string(preset_words(static_cast<Preset>(preset)));
        if (routine) {
            SessionOptions options;
            options.preset = static_cast<Preset>(preset);
            if (rx_form_.legs != PrescribedLegs::Both)
                options.only_leg = rx_form_.legs == PrescribedLegs::LeftOnly ? Side::Left : Side::Right;
            length_labels[preset] += ", " + minutes_words(planned_duration_ms(*routine, options));
        }
        length_items[preset] = length_labels[preset].c_str();
    }
    int preset = static_cast<int>(rx_form_.preset);
    if (ui::choice(draw_, "kit.rx.length", length_items, &preset)) {
        rx_form_.preset = static_cast<Preset>(preset);
        if (routine) rx_form_.step_seconds = preset_step_seconds(*routine, rx_form_.preset);
        prescribe_changed();
    }
    ui::vertical_space(draw_, 8);
    if (ui::toggle_row(draw_, "kit.rx.own_times", "Set each step's time myself", &rx_form_.own_times)) {
        if (routine && rx_form_.step_seconds.size() != routine->steps.size())
            rx_form_.step_seconds = preset_step_seconds(*routine, rx_form_.preset);
        prescribe_changed();
    }
    if (rx_form_.own_times && routine) {
        ui::paragraph(draw_, "Seconds on each leg; 0 leaves the step out. The safety check can still leave out a "
                             "deep step, or the whole session, on the day.",
                      true);
        rx_form_.step_seconds.resize(routine->steps.size());
        for (std::size_t i = 0; i < routine->steps.size(); ++i) {
            const Step& step = routine->steps[i];
            const std::string label = step.title + (step.per_leg ? " (seconds per leg)" : " (seconds, once)");
            const std::string id = "kit.rx.step." + std::to_string(i);
            prescribe_field(id.c_str(), label.c_str(), rx_form_.step_seconds[i], result.problem("step." + std::to_string(i)),
                            "", 1, 8);
        }
    }
    if (!result.problem("steps").empty()) ui::paragraph(draw_, result.problem("steps").c_str());
    ui::vertical_space(draw_, 12);

    ui::paragraph(draw_, "When");
    int schedule = rx_form_.set_days ? 0 : 1;
    if (ui::choice(draw_, "kit.rx.schedule", kScheduleLabels, &schedule)) {
        rx_form_.set_days = schedule == 0;
        prescribe_changed();
    }
    ui::vertical_space(draw_, 8);
    if (rx_form_.set_days) {
        if (ImGui::BeginTable("kit.rx.days", 4)) {
            for (std::size_t d = 0; d < kDayLabels.size(); ++d) {
                ImGui::TableNextColumn();
                const std::string id = "kit.rx.day." + std::to_string(d);
                if (ui::checkbox_row(draw_, id.c_str(), kDayLabels[d], &rx_form_.days[d])) prescribe_changed();
            }
            ImGui::EndTable();
        }
    } else {
        if (ui::slider_int(draw_, "kit.rx.times", "Sessions a week, on days the patient picks", &rx_form_.times_per_week, 1, 7))
            prescribe_changed();
    }
    if (!result.problem("days").empty()) ui::paragraph(draw_, result.problem("days").c_str());
    ui::vertical_space(draw_, 12);

    const std::string start_hint = "Year-month-day. Leave it empty to start today (" + to_string(day) + ").";
    prescribe_field("kit.rx.start", "Start date", rx_form_.start, result.problem("start"), start_hint.c_str(), 1, 16);
    prescribe_field("kit.rx.review", "Review date (optional)", rx_form_.review, result.problem("review"),
                    "When the patient should see you again, for example 2027-01-15. The app reminds them.", 1, 16);
    prescribe_field("kit.rx.note", "A note to the patient (optional)", rx_form_.note, result.problem("note"),
                    "Up to 200 characters, for example \"Gentle on the left calf for the first week.\"", 3, 400);
    if (!clinic.empty() || !phone.empty()) {
        const std::string from = "The programme names " + (clinic.empty() ? std::string("no clinic") : clinic) +
                                 (phone.empty() ? std::string(".") : " and gives your phone number, " + phone + ".");
        ui::paragraph(draw_, from.c_str(), true);
    } else {
        ui::paragraph(draw_, "Add your clinic's name and phone in \"Your clinic\" to put them on the programme.", true);
    }
    ui::vertical_space(draw_, 16);

    if (!result.prescription) {
        ui::subheading(draw_, "For your patient");
        ui::paragraph(draw_, "Fix what is marked above: the link, the QR code and the handout appear here then.");
        rx_link_.clear();
        return;
    }
    draw_prescription_outputs(*result.prescription);
}

void ClinicKit::draw_prescription_outputs(const Prescription& rx) {
    ui::subheading(draw_, "For your patient");
    const std::vector<std::string> lines = {
        std::string(legs_words(rx.legs)) + ", " + planned_days_text(rx) + ".",
        "From " + date_words(rx.start) + (rx.review ? ", review on " + date_words(*rx.review) : std::string()) + ".",
    };
    for (const std::string& line : lines) ui::bullet(draw_, line.c_str());
    ui::vertical_space(draw_, 8);

    rx_link_ = prescription_link(app_base(setup_, page_.kit_folder()), rx);
    ui::TextFieldOptions link_options;
    link_options.read_only = true;
    link_options.lines = 2;
    link_options.max_bytes = 4096;
    link_options.hint = "Send it by text message or e-mail; it opens on the patient's phone.";
    ui::text_field(draw_, "kit.rx.link", "The patient's link", &rx_link_, link_options);
    ui::vertical_space(draw_, 8);
    draw_copy_button("kit.rx.copy_link", "Copy the link", rx_link_);
    ui::vertical_space(draw_, 16);

    if (rx_qr_text_ != rx_link_) {
        rx_qr_ = make_qr_code(rx_link_);
        rx_qr_text_ = rx_link_;
    }
    if (rx_qr_) {
        // Drawn module by module, on white with its quiet zone, so a phone can scan it off the screen.
        const int modules = rx_qr_->size + 8;
        const float module = std::max(1.0f, std::floor(std::min(draw_.px(240), ImGui::GetContentRegionAvail().x) / static_cast<float>(modules)));
        const float side = module * static_cast<float>(modules);
        const ImVec2 at = ImGui::GetCursorScreenPos();
        ImDrawList* list = ImGui::GetWindowDrawList();
        list->AddRectFilled(at, ImVec2(at.x + side, at.y + side), IM_COL32(255, 255, 255, 255));
        list->AddRect(at, ImVec2(at.x + side, at.y + side), ui::to_u32(draw_.palette->border));
        for (int y = 0; y < rx_qr_->size; ++y)
            for (int x = 0; x < rx_qr_->size;) {
                if (!rx_qr_->dark(x, y)) {
                    ++x;
                    continue;
                }
                int run = 1;
                while (rx_qr_->dark(x + run, y)) ++run;
                const ImVec2 min(at.x + module * static_cast<float>(x + 4), at.y + module * static_cast<float>(y + 4));
                list->AddRectFilled(min, ImVec2(min.x + module * static_cast<float>(run), min.y + module), IM_COL32(0, 0, 0, 255));
                x += run;
            }
        ImGui::Dummy(ImVec2(side, side));
        ui::record_text(draw_, "p", "The QR code of the link: the patient scans it with the phone's camera.");
        ui::vertical_space(draw_, 8);
        const float half = (ImGui::GetContentRegionAvail().x - draw_.px(8)) / 2.0f;
        if (ui::button(draw_, "kit.rx.save_png", "Save the QR code (PNG)", ui::ButtonStyle::Outline, half)) {
            const std::string png = png_1bit(qr_code_bitmap(*rx_qr_, kQrPixelsPerModule));
            rx_message_ = !png.empty() && services_.download("calf-coach-qr-code.png", "image/png", png)
                              ? "Saved as calf-coach-qr-code.png: put it in a letter or an e-mail."
                              : "This browser did not save the file.";
        }
        ImGui::SameLine(0, draw_.px(8));
        if (ui::button(draw_, "kit.rx.save_svg", "Save the QR code (SVG)", ui::ButtonStyle::Outline, half)) {
            rx_message_ = services_.download("calf-coach-qr-code.svg", "image/svg+xml",
                                             qr_code_svg(*rx_qr_, "QR code: the patient's Calf Coach programme"))
                              ? "Saved as calf-coach-qr-code.svg: it stays sharp at any size."
                              : "This browser did not save the file.";
        }
    } else {
        ui::paragraph(draw_, "This link is too long for a QR code: shorten the note.");
    }
    ui::vertical_space(draw_, 12);

    if (ui::button(draw_, "kit.rx.print", "Print the handout", ui::ButtonStyle::Primary)) {
        HandoutParams params;
        params.triage = &builtin_content_.triage;
        params.printed_on = today().value_or(rx.start);
        params.programme = rx;
        params.clinic = rx.clinic;
        params.phone = rx.phone;
        params.link = rx_link_;
        const PrescribedSession session = apply_prescription(rx, builtin_content_, SessionOptions{});
        if (session.ok()) {
            params.routine = &*session.routine;
            params.options = session.options;
        }
        switch (services_.print_page(handout_html(params), handout_file_name(params.printed_on))) {
            case ui::Services::PrintOutcome::Printing: rx_message_ = "Choose a printer, or \"Save as PDF\", in the print window."; break;
            case ui::Services::PrintOutcome::Downloaded: rx_message_ = "Printing is not possible here, so the handout was saved as a file: open it to print it."; break;
            case ui::Services::PrintOutcome::Failed: rx_message_ = "This browser could neither print nor save the handout."; break;
        }
    }
    ui::paragraph(draw_, "The handout has the steps with drawings, the warning signs, this QR code and a table to tick "
                         "the sessions done.",
                  true);
    ui::vertical_space(draw_, 12);

    ui::paragraph(draw_, "Reminders for the patient's calendar, at:");
    std::array<const char*, kReminderTimes.size()> times{};
    for (std::size_t i = 0; i < times.size(); ++i) times[i] = kReminderTimes[i].label;
    if (ui::choice(draw_, "kit.rx.reminder_time", times, &rx_form_.reminder_time)) prescribe_changed();
    ui::vertical_space(draw_, 8);
    if (ui::button(draw_, "kit.rx.save_ics", "Save the calendar reminders", ui::ButtonStyle::Outline)) {
        IcsOptions options;
        const ReminderTime& time = kReminderTimes[static_cast<std::size_t>(std::clamp(rx_form_.reminder_time, 0, 3))];
        options.hour = time.hour;
        options.minute = time.minute;
        options.app_link = rx_link_;
        options.stamp_utc = ics_stamp_from_iso(services_.wall_clock_iso());
        const PrescribedSession session = apply_prescription(rx, builtin_content_, SessionOptions{});
        if (session.ok()) {
            options.session_ms = planned_duration_ms(*session.routine, session.options);
            options.routine_title = session.routine->title;
        }
        rx_message_ = services_.download("calf-coach-reminders.ics", "text/calendar", prescription_ics(rx, options))
                          ? "Saved as calf-coach-reminders.ics: send it to the patient, or open it on their phone."
                          : "This browser did not save the file.";
    }
    if (!rx_message_.empty()) ui::paragraph(draw_, rx_message_.c_str(), true);
}

}  // namespace calfcoach::kit
