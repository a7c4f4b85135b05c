// prescribe_form.hpp — the clinic kit's "Prescribe" form as the physio fills it in (dates and seconds as
// typed), turned into a core Prescription with each problem in plain words beside the field it
// concerns. No ImGui here: the tab (kit_prescribe_tab.cpp) draws it, the tests drive it directly too.
#pragma once

#include <array>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/calendar_date.hpp"
#include "core/content.hpp"
#include "core/prescription.hpp"

namespace calfcoach::kit {

// The storage key of the form (kept so a reload loses nothing; it holds no name).
inline constexpr const char* kPrescribeDraftKey = "kit.prescription";

struct PrescribeForm {
    // The routine, by id, among the app's own. Default: "standard"
    std::string routine_id = "standard";
    // Default: both legs
    PrescribedLegs legs = PrescribedLegs::Both;
    // The length, where own_times is off. Default: Standard
    Preset preset = Preset::Standard;
    // On: each step's seconds as typed in step_seconds. Default: off (the length's own times)
    bool own_times = false;
    // One entry per step of the routine, as typed ("45"; "0" leaves the step out). Filled from the
    // length's times when own_times is switched on. Default: empty
    std::vector<std::string> step_seconds;
    // true: on the days ticked in `days`; false: times_per_week on days the patient picks. Default: true
    bool set_days = true;
    // Monday first. Default: Monday, Wednesday and Friday
    std::array<bool, 7> days{true, false, true, false, true, false, false};
    // 1 to 7. Default: 3
    int times_per_week = 3;
    // "YYYY-MM-DD" as typed. Default: empty, meaning today
    std::string start;
    // "YYYY-MM-DD", or empty for no review. Default: empty
    std::string review;
    // A few words to the patient. Default: empty
    std::string note;
    // The reminders' time of day, an index into kReminderTimes. Default: 2 (18:00)
    int reminder_time = 2;
    bool operator==(const PrescribeForm&) const = default;
};

struct ReminderTime {
    const char* label;
    int hour, minute;
};
inline constexpr std::array<ReminderTime, 4> kReminderTimes = {{{"7:00", 7, 0}, {"12:00", 12, 0}, {"18:00", 18, 0}, {"20:30", 20, 30}}};

struct PrescribeResult {
    std::optional<Prescription> prescription;  // set when there is no problem at all
    // Field -> what is wrong, in plain words: "routine", "step.N" (N from 0), "steps" (all of them),
    // "days", "start", "review", "note".
    std::map<std::string, std::string, std::less<>> problems;
    [[nodiscard]] std::string problem(std::string_view field) const;  // "" when none
};

// The form as a prescription for `content` (the app's own content: the link opens the app), with the
// clinic's name and phone as the app shows them (empty: left out). `today` fills an empty start.
PrescribeResult prescription_from_form(const PrescribeForm& form, const ContentSet& content, std::string_view clinic,
                                       std::string_view phone, const CalendarDate& today);

// The length's times of the form's routine, as text, one per step (what own_times starts from).
std::vector<std::string> preset_step_seconds(const Routine& routine, Preset preset);

// The form that gives `prescription` again (a link opened to edit it): everything but the clinic and
// phone, which come from "Your clinic"; the reminder time stays as `keep_reminder` says.
PrescribeForm prescribe_form_of(const Prescription& prescription, int keep_reminder);

// What a physio pastes to open a programme: a whole link ("https://…/#rx=CODE"), its fragment, or
// the code alone. nullopt-free: an empty code when there is none, so the decoder names the problem.
std::string prescription_code_in(std::string_view pasted);

std::string prescribe_form_to_json(const PrescribeForm& form);
// false (and `form` untouched) when the text is not a form this kit wrote; unknown keys are ignored.
bool prescribe_form_from_json(std::string_view text, PrescribeForm& form);

}  // namespace calfcoach::kit
