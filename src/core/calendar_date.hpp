// calendar_date.hpp — a calendar day with no time and no time zone (the person's own day): parsing,
// printing, day arithmetic and weekdays. Shared by the history (local days, streaks) and prescriptions
// (start, review, the planned days).
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace calfcoach {

// A day of the proleptic Gregorian calendar, with no time and no time zone (the person's own day).
// Compares chronologically when real (is_real_date).
struct CalendarDate {
    int year = 2020;  // default: 2020-01-01, the day the encoding counts from
    int month = 1;    // 1 to 12
    int day = 1;      // 1 to the month's length
    auto operator<=>(const CalendarDate&) const = default;
};

// True when the three numbers name a day that exists (2027-02-29 does not), years 1 to 9999.
bool is_real_date(const CalendarDate& date);
// "YYYY-MM-DD" exactly (four-digit year, two-digit month and day) naming a real date; else nullopt.
std::optional<CalendarDate> parse_calendar_date(std::string_view text);
// "YYYY-MM-DD"; a date that is not real prints as it is (zero-padded), for messages.
std::string to_string(const CalendarDate& date);
// to - from, in days (negative when `to` is earlier).
int days_between(const CalendarDate& from, const CalendarDate& to);
CalendarDate add_days(const CalendarDate& date, int days);
// 0 = Monday ... 6 = Sunday (ISO 8601 order).
int weekday(const CalendarDate& date);
// "mon", "tue", ... "sun" for 0 to 6 (the JSON form's names); "" outside 0..6.
std::string_view weekday_name(int weekday_index);

// Days since 1970-01-01 (negative before), and back: the day arithmetic under everything above.
// 64-bit, so any three ints compute without overflow, real date or not.
std::int64_t day_number(const CalendarDate& date);
CalendarDate date_from_day_number(std::int64_t days);
// 28 to 31; month 1 to 12.
int days_in_month(int year, int month);

}  // namespace calfcoach
