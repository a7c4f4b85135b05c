// screen_programme.cpp — a physio's programme (core/prescription.hpp, docs/prescriptions.md): the link
// that brings it, the screen that offers it, keeping it on the device, Home's card, the session it
// gives, and Settings' line to remove it.
//
// [SECTION] Words: the programme's length (dates and lengths: core/plain_words.hpp)
// [SECTION] Storage and the link
// [SECTION] The offer screen
// [SECTION] Home's card and Settings' section
// [SECTION] Reminders: the calendar file
// [SECTION] The printed handout
// [SECTION] The session a programme gives
#include <algorithm>
#include <array>
#include <string>

#include "core/backup.hpp"
#include "core/calendar_ics.hpp"
#include "core/handout.hpp"
#include "core/plain_words.hpp"
#include "ui/app.hpp"
#include "ui/app_storage_keys.hpp"

namespace calfcoach::ui {
namespace {

//-----------------------------------------------------------------------------
// [SECTION] Words
//-----------------------------------------------------------------------------
std::int64_t planned_ms(const PrescribedSession& prescribed) {
    return prescribed.routine ? planned_duration_ms(*prescribed.routine, prescribed.options) : 0;
}

}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] Storage and the link
//-----------------------------------------------------------------------------
void App::load_programme() {
    const auto stored = services_.storage().get(kProgrammeKey);
    if (!stored) return;
    const std::optional<BackupProgramme> kept = programme_from_stored(*stored);  // only a code that decodes
    PrescriptionDecode decoded = kept ? decode_prescription(kept->code) : PrescriptionDecode{};
    if (!decoded.ok()) {
        // Never deleted: the stored copy stays for a later version that may read it; the person is told.
        notice_ = "The programme kept on this device could not be read: ask your clinic for its link again.";
        return;
    }
    programme_ = KeptProgramme{kept->code, std::move(*decoded.prescription), kept->kept_on};
}

bool App::receive_programme_link(std::string_view fragment) {
    std::optional<std::string> code = prescription_code_from_fragment(fragment);
    if (!code) return false;
    offered_code_ = std::move(*code);
    return true;
}

// Runs once the content is final (a clinic's routine may be the one prescribed).
void App::open_programme_offer() {
    const std::string code = std::move(*offered_code_);
    offered_code_.reset();
    offer_ = decode_prescription(code);
    offer_code_ = code;
    offer_problem_.clear();
    confirm_remove_programme_ = false;
    if (offer_->ok()) {
        if (programme_ && programme_->code == code) {
            offer_.reset();
            notice_ = "This programme is already kept on this device.";
            return;
        }
        const PrescribedSession prescribed = apply_prescription(*offer_->prescription, content_.content, SessionOptions{});
        if (!prescribed.ok()) offer_problem_ = prescribed.message;
    }
    back_stack_ = {Screen::Home};
    navigate(Screen::Programme, false);
}

void App::keep_offered_programme() {
    KeptProgramme kept{offer_code_, *offer_->prescription, local_date(services_.wall_clock_iso(), services_.utc_offset_minutes())};
    if (!services_.storage().set(kProgrammeKey, programme_to_stored(BackupProgramme{kept.code, kept.kept_on})))
        notice_ = "The programme could not be stored on this device: it lasts until you close the page.";
    programme_ = std::move(kept);
    close_programme_offer();
}

void App::close_programme_offer() {
    offer_.reset();
    offer_code_.clear();
    offer_problem_.clear();
    go_home();
}

void App::remove_programme() {
    services_.storage().remove(kProgrammeKey);
    programme_.reset();
    programme_session_ = false;
    confirm_remove_programme_ = false;
}

std::optional<CalendarDate> App::today() const { return local_today(services_); }

// What a programme holds, one line each: the offer shows all of it, Settings too.
std::vector<std::string> App::programme_lines(const Prescription& rx) const {
    std::vector<std::string> lines;
    const Routine* routine = content_.content.find_routine(rx.routine_id);
    const PrescribedSession prescribed = apply_prescription(rx, content_.content, SessionOptions{});
    std::string length = rx.step_seconds.empty() ? std::string(preset_words(rx.preset)) + " length"
                                                 : std::string("Times set by your clinic");
    if (prescribed.ok()) length += ", about " + minutes_words(planned_ms(prescribed));
    lines.push_back(std::string(legs_words(rx.legs)) + " \xC2\xB7 " + length);
    if (routine && !rx.step_seconds.empty()) {
        for (std::size_t i = 0; i < routine->steps.size() && i < rx.step_seconds.size(); ++i) {
            const Step& step = routine->steps[i];
            lines.push_back(step.title + ": " +
                            (rx.step_seconds[i] == 0 ? std::string("left out") : clock_words(rx.step_seconds[i]) + (step.per_leg ? " per leg" : "")));
        }
    }
    lines.push_back("Days: " + planned_days_text(rx));
    std::string dates = "From " + date_words(rx.start);
    if (rx.review) dates += "; review with your clinic on " + date_words(*rx.review);
    lines.push_back(dates);
    return lines;
}

//-----------------------------------------------------------------------------
// [SECTION] The offer screen
//-----------------------------------------------------------------------------
void App::draw_programme_offer() {
    if (!offer_) return go_home();
    if (!offer_->ok() || !offer_problem_.empty()) {
        draw_top_bar("Programme link", false);
        heading(draw_, offer_->ok() ? "This programme cannot be used here" : "This programme link is damaged");
        paragraph(draw_, offer_->ok() ? "It was made for a routine this app does not have: ask your clinic for a new link."
                                      : "Ask your clinic for a new one. Calf Coach works as before, and nothing kept on "
                                        "this device has changed.");
        const std::string why = "What is wrong: " + (offer_->ok() ? offer_problem_ : offer_->message);
        paragraph(draw_, why.c_str(), true);
        vertical_space(draw_, 12);
        if (button(draw_, "programme.continue", "Continue", ButtonStyle::Primary)) close_programme_offer();
        return;
    }
    const Prescription& rx = *offer_->prescription;
    draw_top_bar("Programme link", false);
    const std::string title = rx.clinic.empty() ? std::string("Your programme") : "Your programme from " + rx.clinic;
    heading(draw_, title.c_str());
    for (const std::string& line : programme_lines(rx)) bullet(draw_, line.c_str());
    if (!rx.note.empty()) {
        vertical_space(draw_, 4);
        subheading(draw_, "A note from your clinic");
        paragraph(draw_, rx.note.c_str());
    }
    vertical_space(draw_, 4);
    paragraph(draw_, "You still answer the safety check before every session. It can make a session gentler or "
                     "advise against it, whatever the programme says.", true);
    paragraph(draw_, "If you keep it, it is stored on this device only. The link is no longer in the address bar.", true);
    if (programme_) {
        const std::string replaces = "This replaces the programme you kept on " +
                                     (programme_->kept_on.empty() ? std::string("an earlier day") : programme_->kept_on) +
                                     (programme_->prescription.clinic.empty() ? std::string() : " from " + programme_->prescription.clinic) + ".";
        paragraph(draw_, replaces.c_str());
    }
    vertical_space(draw_, 12);
    if (button(draw_, "programme.keep", programme_ ? "Replace my programme" : "Keep this programme", ButtonStyle::Primary))
        return keep_offered_programme();
    if (button(draw_, "programme.not_now", programme_ ? "Keep my current one" : "Not now", ButtonStyle::Outline))
        return close_programme_offer();
    vertical_space(draw_, 8);
    draw_handout_button("programme.print", &rx, offer_code_);
}

//-----------------------------------------------------------------------------
// [SECTION] Home's card and Settings' section
//-----------------------------------------------------------------------------
void App::draw_programme_card() {
    if (!programme_) return;
    const Prescription& rx = programme_->prescription;
    subheading(draw_, rx.clinic.empty() ? "Your programme" : ("Your programme from " + rx.clinic).c_str());
    const std::string what = std::string(legs_words(rx.legs)) + " \xC2\xB7 " + planned_days_text(rx);
    paragraph(draw_, what.c_str());
    if (const auto day = today()) {
        std::string when;
        const auto next = next_planned_day(rx, *day);
        if (next && *next == *day) when = "Planned for today.";
        else if (next) when = "Next planned day: " + date_words(*next) + ".";
        if (const auto review = days_until_review(rx, *day)) {
            if (*review > 1) when += (when.empty() ? "" : " ") + std::string("Review in ") + std::to_string(*review) + " days.";
            else if (*review == 1) when += (when.empty() ? "" : " ") + std::string("Review tomorrow.");
            else if (*review == 0) when += (when.empty() ? "" : " ") + std::string("Review day: today.");
            else when = "The review date has passed: please contact your clinic about what comes next.";
        }
        if (!when.empty()) paragraph(draw_, when.c_str(), true);
    }
    const std::string id = prescription_id(rx);
    const auto done = std::count_if(history_.data().records.begin(), history_.data().records.end(),
                                    [&id](const SessionRecord& record) { return record.programme == id; });
    if (done > 0) {
        const std::string count = std::to_string(done) + (done == 1 ? " session" : " sessions") + " of this programme so far.";
        paragraph(draw_, count.c_str(), true);
    }
    if (button(draw_, "home.programme", "Start my programme", ButtonStyle::Primary)) {
        programme_session_ = true;
        start_safety_check();
    }
    vertical_space(draw_, 8);
}

void App::draw_programme_settings() {
    if (!programme_) return;
    const Prescription& rx = programme_->prescription;
    subheading(draw_, rx.clinic.empty() ? "Your programme" : ("Your programme from " + rx.clinic).c_str());
    for (const std::string& line : programme_lines(rx)) paragraph(draw_, line.c_str(), true);
    draw_programme_reminders();
    draw_handout_button("settings.programme.print", &rx, programme_->code);
    if (!confirm_remove_programme_) {
        if (button(draw_, "settings.programme.remove", "Remove this programme", ButtonStyle::Outline))
            confirm_remove_programme_ = true;
    } else {
        paragraph(draw_, "Remove it from this device? Your history stays. The clinic's link brings it back.");
        if (button(draw_, "settings.programme.remove_confirm", "Yes, remove it", ButtonStyle::Primary)) remove_programme();
        if (button(draw_, "settings.programme.remove_cancel", "Cancel", ButtonStyle::Outline)) confirm_remove_programme_ = false;
    }
    vertical_space(draw_, 8);
}

//-----------------------------------------------------------------------------
// [SECTION] Reminders
//-----------------------------------------------------------------------------
// "Add to my calendar": an .ics file with one weekly event on the programme's days at the time the
// person picks, an alarm before it, and the link back to the app (iOS Safari then offers "Add to
// Calendar"; elsewhere the file opens in the calendar app).
void App::draw_programme_reminders() {
    static constexpr std::array<const char*, 4> kTimes = {"7:00", "12:00", "18:00", "20:30"};
    static constexpr std::array<std::array<int, 2>, 4> kHoursMinutes = {{{7, 0}, {12, 0}, {18, 0}, {20, 30}}};
    paragraph(draw_, "Reminders in your calendar, at:");
    choice(draw_, "settings.programme.time", kTimes, &reminder_time_choice_);
    if (button(draw_, "settings.programme.calendar", "Add to my calendar", ButtonStyle::Outline)) {
        const Prescription& rx = programme_->prescription;
        IcsOptions options;
        const auto& time = kHoursMinutes[static_cast<std::size_t>(std::clamp(reminder_time_choice_, 0, 3))];
        options.hour = time[0];
        options.minute = time[1];
        options.app_link = services_.app_address() + "#rx=" + programme_->code;
        options.stamp_utc = ics_stamp_from_iso(services_.wall_clock_iso());
        options.session_ms = planned_ms(programme_session_for(SessionOptions{}));
        if (const Routine* routine = content_.content.find_routine(rx.routine_id)) options.routine_title = routine->title;
        reminders_saved_ = services_.download("calf-coach-reminders.ics", "text/calendar", prescription_ics(rx, options)) ? 1 : -1;
    }
    if (reminders_saved_ != 0)
        paragraph(draw_, reminders_saved_ > 0 ? "Open the file to add the reminders to your calendar."
                                              : "This browser refused the download: reminders could not be saved.",
                  true);
}

//-----------------------------------------------------------------------------
// [SECTION] The printed handout
//-----------------------------------------------------------------------------
// A page for paper: the steps with line drawings, the red flags, the QR code back to the programme and
// a 4-week table to bring to the physio. Printed from a hidden frame, or saved as a file where the app
// cannot print (a clinic's sandboxed frame).
std::string App::handout_page(const Prescription* rx, std::string_view code) const {
    HandoutParams params;
    params.triage = &content_.content.triage;
    params.printed_on = today().value_or(CalendarDate{});
    params.clinic = launch_.clinic;
    params.phone = launch_.phone;
    // A QR code is for another device: only an address on the web is worth it (never file:).
    const std::string address = services_.app_address();
    const bool on_web = address.starts_with("https://") || address.starts_with("http://");
    std::optional<Routine> routine;
    if (rx) {
        PrescribedSession prescribed = apply_prescription(*rx, content_.content, SessionOptions{});
        if (prescribed.ok()) {
            routine = std::move(prescribed.routine);
            params.options = prescribed.options;
        }
        params.programme = *rx;
        if (!rx->clinic.empty()) params.clinic = rx->clinic;
        if (!rx->phone.empty()) params.phone = rx->phone;
        if (on_web && !code.empty()) params.link = address + "#rx=" + std::string(code);
    } else {
        if (routine_) routine = *routine_;
        params.options.preset = settings_.default_preset;
        if (on_web) params.link = address;
    }
    if (routine) params.routine = &*routine;
    return handout_html(params);
}

void App::draw_handout_button(const char* id, const Prescription* rx, std::string_view code) {
    if (button(draw_, id, "Print a handout", ButtonStyle::Outline)) {
        const std::string page = handout_page(rx, code);
        const std::string name = handout_file_name(today().value_or(CalendarDate{}));
        switch (services_.print_page(page, name)) {
            case Services::PrintOutcome::Printing: handout_outcome_ = 1; break;
            case Services::PrintOutcome::Downloaded: handout_outcome_ = 2; break;
            case Services::PrintOutcome::Failed: handout_outcome_ = -1; break;
        }
    }
    if (handout_outcome_ == 1)
        paragraph(draw_, "Choose a printer, or \"Save as PDF\", in the print window.", true);
    else if (handout_outcome_ == 2)
        paragraph(draw_, "Printing is not possible here, so the handout was saved as a file: open it to print it.", true);
    else if (handout_outcome_ == -1)
        paragraph(draw_, "This browser could neither print nor save the handout.", true);
}

//-----------------------------------------------------------------------------
// [SECTION] The session a programme gives
//-----------------------------------------------------------------------------
PrescribedSession App::programme_session_for(const SessionOptions& options) const {
    if (!programme_) return PrescribedSession{};
    return apply_prescription(programme_->prescription, content_.content, options);
}

nlohmann::json App::programme_state() const {
    nlohmann::json state = nullptr;
    if (programme_) {
        const Prescription& rx = programme_->prescription;
        state = {{"code", programme_->code},
                 {"id", prescription_id(rx)},
                 {"clinic", rx.clinic},
                 {"legs", std::string(to_string(rx.legs))},
                 {"preset", std::string(to_string(rx.preset))},
                 {"step_seconds", rx.step_seconds},
                 {"days", planned_days_text(rx)},
                 {"kept_on", programme_->kept_on},
                 {"for_next_session", programme_session_}};
    }
    return state;
}

nlohmann::json App::programme_offer_state() const {
    if (!offer_) return nullptr;
    return {{"ok", offer_->ok() && offer_problem_.empty()},
            {"error", offer_->ok() ? std::string(offer_problem_.empty() ? "none" : "unusable") : std::string(to_string(offer_->error))},
            {"message", offer_->ok() ? offer_problem_ : offer_->message},
            {"clinic", offer_->ok() ? offer_->prescription->clinic : std::string()},
            {"replaces", offer_->ok() && programme_.has_value()}};
}

}  // namespace calfcoach::ui
