// prescribe_form.cpp — see prescribe_form.hpp.
#include "kit/prescribe_form.hpp"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "core/json_safe.hpp"

namespace calfcoach::kit {
namespace {

constexpr const char* kDateWords = "Type the date as year-month-day, for example 2027-01-15.";

// A whole number of seconds as typed, or nullopt.
std::optional<int> seconds_typed(std::string_view text) {
    while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
    while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
    if (text.empty() || text.size() > 5 || text.find_first_not_of("0123456789") != std::string_view::npos) return std::nullopt;
    return std::stoi(std::string(text));
}

std::string first_capital(std::string text) {
    if (!text.empty() && text[0] >= 'a' && text[0] <= 'z') text[0] = static_cast<char>(text[0] - 'a' + 'A');
    return text;
}

// check_prescription's problem lines ("field: rule"), each beside the form's field in plain words.
void place_core_problem(const std::string& line, PrescribeResult& result) {
    const std::size_t colon = line.find(": ");
    const std::string field = line.substr(0, colon);
    const std::string rule = colon == std::string::npos ? line : line.substr(colon + 2);
    auto add = [&](const std::string& where, const std::string& words) { result.problems.emplace(where, words); };
    if (field.starts_with("step_seconds[")) {
        add("step." + field.substr(13, field.find(']') - 13), "Type 0 to leave the step out, or 10 to 1800 seconds.");
    } else if (field == "step_seconds") {
        add("steps", rule == "every step is left out" ? "Every step is left out: give at least one step some time."
                                                      : first_capital(rule) + ".");
    } else if (field.starts_with("days") || field == "times_per_week") {
        add("days", "Choose at least one day.");
    } else if (field == "start") {
        add("start", "Choose a start date from 2020 to 2099.");
    } else if (field == "review") {
        add("review", "The review must come after the start, and within a year of it (366 days).");
    } else if (field == "note") {
        add("note", first_capital(rule) + ".");
    } else {
        add(field == "routine" ? "routine" : "steps", first_capital(rule) + ".");
    }
}

}  // namespace

std::string PrescribeResult::problem(std::string_view field) const {
    const auto found = problems.find(field);
    return found == problems.end() ? std::string() : found->second;
}

std::vector<std::string> preset_step_seconds(const Routine& routine, Preset preset) {
    std::vector<std::string> seconds;
    for (const Step& step : routine.steps)
        seconds.push_back(std::to_string(step.duration_ms[static_cast<std::size_t>(preset)] / 1000));
    return seconds;
}

PrescribeResult prescription_from_form(const PrescribeForm& form, const ContentSet& content, std::string_view clinic,
                                       std::string_view phone, const CalendarDate& today) {
    PrescribeResult result;
    Prescription rx;
    rx.routine_id = form.routine_id;
    rx.legs = form.legs;
    rx.preset = form.preset;
    const Routine* routine = content.find_routine(form.routine_id);
    if (!routine) result.problems.emplace("routine", "Choose one of the app's routines.");
    if (form.own_times && routine) {
        for (std::size_t i = 0; i < routine->steps.size(); ++i) {
            const std::string typed = i < form.step_seconds.size() ? form.step_seconds[i] : std::string();
            const auto seconds = seconds_typed(typed);
            if (!seconds) result.problems.emplace("step." + std::to_string(i), "Type a whole number of seconds (0 leaves the step out).");
            rx.step_seconds.push_back(seconds.value_or(0));
        }
    }
    if (form.set_days) {
        for (std::size_t day = 0; day < form.days.size(); ++day)
            if (form.days[day]) rx.days_mask = static_cast<std::uint8_t>(rx.days_mask | (1u << day));
    } else {
        rx.times_per_week = form.times_per_week;
    }
    if (form.start.find_first_not_of(' ') == std::string::npos) {
        rx.start = today;
    } else if (const auto start = parse_calendar_date(form.start)) {
        rx.start = *start;
    } else {
        result.problems.emplace("start", kDateWords);
    }
    if (form.review.find_first_not_of(' ') != std::string::npos) {
        if (const auto review = parse_calendar_date(form.review)) rx.review = *review;
        else result.problems.emplace("review", kDateWords);
    }
    rx.note = form.note;
    rx.clinic = std::string(clinic);
    rx.phone = std::string(phone);

    for (const std::string& line : check_prescription(rx).problems) place_core_problem(line, result);
    if (result.problems.empty()) {
        // What the app will make of it: the same function the app runs when the patient opens the link.
        const PrescribedSession session = apply_prescription(rx, content, SessionOptions{});
        if (!session.ok()) result.problems.emplace("steps", first_capital(session.message) + ".");
    }
    if (result.problems.empty()) result.prescription = std::move(rx);
    return result;
}

PrescribeForm prescribe_form_of(const Prescription& rx, int keep_reminder) {
    PrescribeForm form;
    form.routine_id = rx.routine_id;
    form.legs = rx.legs;
    form.preset = rx.preset;
    form.own_times = !rx.step_seconds.empty();
    for (const int seconds : rx.step_seconds) form.step_seconds.push_back(std::to_string(seconds));
    form.set_days = rx.days_mask != 0;
    if (form.set_days) {
        for (std::size_t day = 0; day < form.days.size(); ++day) form.days[day] = ((rx.days_mask >> day) & 1u) != 0;
    } else {
        form.times_per_week = rx.times_per_week;  // the days keep their default, for a switch back
    }
    form.start = to_string(rx.start);
    form.review = rx.review ? to_string(*rx.review) : std::string();
    form.note = rx.note;
    form.reminder_time = keep_reminder;
    return form;
}

std::string prescription_code_in(std::string_view pasted) {
    while (!pasted.empty() && (pasted.front() == ' ' || pasted.front() == '\n' || pasted.front() == '\t')) pasted.remove_prefix(1);
    while (!pasted.empty() && (pasted.back() == ' ' || pasted.back() == '\n' || pasted.back() == '\t' || pasted.back() == '\r'))
        pasted.remove_suffix(1);
    const std::size_t hash = pasted.find('#');
    if (hash != std::string_view::npos) return prescription_code_from_fragment(pasted.substr(hash)).value_or(std::string());
    if (pasted.starts_with("rx=")) return std::string(pasted.substr(3));
    return std::string(pasted);
}

std::string prescribe_form_to_json(const PrescribeForm& form) {
    nlohmann::json days = nlohmann::json::array();
    for (const bool day : form.days) days.push_back(day);
    const nlohmann::json json = {
        {"routine", form.routine_id},        {"legs", to_string(form.legs)},       {"preset", to_string(form.preset)},
        {"own_times", form.own_times},       {"step_seconds", form.step_seconds},  {"set_days", form.set_days},
        {"days", days},                      {"times_per_week", form.times_per_week}, {"start", form.start},
        {"review", form.review},             {"note", form.note},                  {"reminder_time", form.reminder_time},
    };
    return dump_json(json);
}

bool prescribe_form_from_json(std::string_view text, PrescribeForm& form) {
    const JsonParseResult parsed = parse_json_limited(text);
    if (!parsed.ok || !parsed.value.is_object()) return false;
    const nlohmann::json& json = parsed.value;
    PrescribeForm read;
    auto text_of = [&](const char* key, std::string& into) {
        if (!json.contains(key)) return true;
        if (!json[key].is_string()) return false;
        into = json[key].get<std::string>();
        return true;
    };
    auto flag_of = [&](const char* key, bool& into) {
        if (!json.contains(key)) return true;
        if (!json[key].is_boolean()) return false;
        into = json[key].get<bool>();
        return true;
    };
    std::string legs(to_string(read.legs)), preset(to_string(read.preset));
    bool ok = text_of("routine", read.routine_id) && text_of("legs", legs) && text_of("preset", preset) &&
              flag_of("own_times", read.own_times) && flag_of("set_days", read.set_days) && text_of("start", read.start) &&
              text_of("review", read.review) && text_of("note", read.note);
    const auto legs_read = prescribed_legs_from_string(legs);
    const auto preset_read = preset_from_string(preset);
    if (!ok || !legs_read || !preset_read) return false;
    read.legs = *legs_read;
    read.preset = *preset_read;
    if (json.contains("step_seconds")) {
        if (!json["step_seconds"].is_array() || json["step_seconds"].size() > kPrescriptionMaxSteps) return false;
        for (const auto& seconds : json["step_seconds"]) {
            if (!seconds.is_string()) return false;
            read.step_seconds.push_back(seconds.get<std::string>());
        }
    }
    if (json.contains("days")) {
        if (!json["days"].is_array() || json["days"].size() != read.days.size()) return false;
        for (std::size_t day = 0; day < read.days.size(); ++day) {
            if (!json["days"][day].is_boolean()) return false;
            read.days[day] = json["days"][day].get<bool>();
        }
    }
    for (const auto& [key, into, low, high] : {std::tuple{"times_per_week", &read.times_per_week, 1, 7},
                                                std::tuple{"reminder_time", &read.reminder_time, 0,
                                                           static_cast<int>(kReminderTimes.size()) - 1}}) {
        if (!json.contains(key)) continue;
        if (!json[key].is_number_integer()) return false;
        *into = std::clamp(json[key].get<int>(), low, high);
    }
    form = std::move(read);
    return true;
}

}  // namespace calfcoach::kit
