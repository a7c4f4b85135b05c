// plain_words.cpp — see plain_words.hpp.
#include "core/plain_words.hpp"

#include <algorithm>
#include <array>

namespace calfcoach {
namespace {
constexpr std::array<std::string_view, 7> kWeekdays = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
constexpr std::array<std::string_view, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                      "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
}  // namespace

std::string_view weekday_short_words(int weekday_index) {
    return weekday_index >= 0 && weekday_index < 7 ? kWeekdays[static_cast<std::size_t>(weekday_index)] : "";
}

std::string day_month_words(const CalendarDate& date) {
    if (!is_real_date(date)) return to_string(date);
    return std::to_string(date.day) + " " + std::string(kMonths[static_cast<std::size_t>(date.month - 1)]);
}

std::string date_words(const CalendarDate& date) {
    if (!is_real_date(date)) return to_string(date);
    return std::string(weekday_short_words(weekday(date))) + " " + day_month_words(date) + " " + std::to_string(date.year);
}

std::string minutes_words(std::int64_t ms) {
    const std::int64_t minutes = std::max<std::int64_t>(1, (ms + 30'000) / 60'000);
    return std::to_string(minutes) + " min";
}

std::string clock_words(std::int64_t seconds) {
    seconds = std::max<std::int64_t>(seconds, 0);
    return std::to_string(seconds / 60) + ":" + (seconds % 60 < 10 ? "0" : "") + std::to_string(seconds % 60);
}

std::string seconds_words(std::int64_t seconds) {
    seconds = std::max<std::int64_t>(seconds, 0);
    if (seconds < 60) return std::to_string(seconds) + " s";
    std::string text = std::to_string(seconds / 60) + " min";
    if (seconds % 60 != 0) text += " " + std::to_string(seconds % 60) + " s";
    return text;
}

std::string_view legs_words(PrescribedLegs legs) {
    switch (legs) {
        case PrescribedLegs::LeftOnly: return "Left leg only";
        case PrescribedLegs::RightOnly: return "Right leg only";
        case PrescribedLegs::Both: break;
    }
    return "Both legs";
}

std::string_view preset_words(Preset preset) {
    switch (preset) {
        case Preset::Quick: return "Quick";
        case Preset::Thorough: return "Thorough";
        case Preset::Standard: break;
    }
    return "Standard";
}

std::string_view pressure_words(Pressure pressure) {
    switch (pressure) {
        case Pressure::Moderate: return "Moderate pressure";
        case Pressure::Firm: return "Firm pressure";
        case Pressure::Light: break;
    }
    return "Light pressure";
}

}  // namespace calfcoach
