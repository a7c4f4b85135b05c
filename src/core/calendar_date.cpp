// calendar_date.cpp — see calendar_date.hpp.
#include "core/calendar_date.hpp"

#include <algorithm>
#include <array>
#include <cstdio>

namespace calfcoach {

namespace {

// Days since 1970-01-01 of a proleptic Gregorian date, and back (Howard Hinnant's algorithms). 64-bit
// so that any three ints, real date or not, compute without overflow.
std::int64_t days_from_civil(std::int64_t y, std::int64_t m, std::int64_t d) {
    y -= m <= 2 ? 1 : 0;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const std::int64_t yoe = y - era * 400;
    const std::int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

CalendarDate civil_from_days(std::int64_t z) {
    z += 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const std::int64_t doe = z - era * 146097;
    const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const std::int64_t mp = (5 * doy + 2) / 153;
    const std::int64_t d = doy - (153 * mp + 2) / 5 + 1;
    const std::int64_t m = mp < 10 ? mp + 3 : mp - 9;
    const std::int64_t y = yoe + era * 400 + (m <= 2 ? 1 : 0);
    return CalendarDate{static_cast<int>(y), static_cast<int>(m), static_cast<int>(d)};
}

}  // namespace

std::int64_t day_number(const CalendarDate& date) { return days_from_civil(date.year, date.month, date.day); }

CalendarDate date_from_day_number(std::int64_t days) { return civil_from_days(days); }

int days_in_month(int year, int month) {
    static constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return month == 2 && leap ? 29 : kDays[static_cast<std::size_t>(std::clamp(month, 1, 12) - 1)];
}

bool is_real_date(const CalendarDate& date) {
    return date.year >= 1 && date.year <= 9999 && date.month >= 1 && date.month <= 12 && date.day >= 1 &&
           date.day <= days_in_month(date.year, date.month);
}

std::optional<CalendarDate> parse_calendar_date(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
    auto number = [&](std::size_t from, std::size_t count) {
        int value = 0;
        for (std::size_t i = from; i < from + count; ++i) {
            if (text[i] < '0' || text[i] > '9') return -1;
            value = value * 10 + (text[i] - '0');
        }
        return value;
    };
    const CalendarDate date{number(0, 4), number(5, 2), number(8, 2)};
    if (!is_real_date(date)) return std::nullopt;
    return date;
}

std::string to_string(const CalendarDate& date) {
    char text[40];
    std::snprintf(text, sizeof text, "%04d-%02d-%02d", date.year, date.month, date.day);
    return text;
}

int days_between(const CalendarDate& from, const CalendarDate& to) {
    return static_cast<int>(day_number(to) - day_number(from));
}

CalendarDate add_days(const CalendarDate& date, int days) { return civil_from_days(day_number(date) + days); }

int weekday(const CalendarDate& date) {
    // 1970-01-01 was a Thursday (3 with Monday = 0).
    return static_cast<int>(((day_number(date) % 7) + 7 + 3) % 7);
}

std::string_view weekday_name(int weekday_index) {
    static constexpr std::array<std::string_view, 7> kNames = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
    return weekday_index >= 0 && weekday_index < 7 ? kNames[static_cast<std::size_t>(weekday_index)] : std::string_view();
}

}  // namespace calfcoach
