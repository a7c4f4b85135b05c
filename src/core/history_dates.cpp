// history_dates.cpp — the history's dates (timestamps, local days) and the summaries Home and History
// show (this week, streak, pain drop); see history.hpp.
//
// [SECTION] Dates
// [SECTION] Summaries
#include "history.hpp"

#include "core/calendar_date.hpp"

#include <algorithm>

namespace calfcoach {

//-----------------------------------------------------------------------------
// [SECTION] Dates
//-----------------------------------------------------------------------------
namespace {

bool digits_at(std::string_view s, std::size_t from, std::size_t count, int& out) {
    if (from + count > s.size()) return false;
    int value = 0;
    for (std::size_t i = from; i < from + count; ++i) {
        if (s[i] < '0' || s[i] > '9') return false;
        value = value * 10 + (s[i] - '0');
    }
    out = value;
    return true;
}

// "YYYY-MM-DD" at the start of `s`, a real date.
bool parse_date(std::string_view s, int& y, int& m, int& d) {
    if (s.size() < 10 || s[4] != '-' || s[7] != '-') return false;
    if (!digits_at(s, 0, 4, y) || !digits_at(s, 5, 2, m) || !digits_at(s, 8, 2, d)) return false;
    return y >= 1900 && m >= 1 && m <= 12 && d >= 1 && d <= days_in_month(y, m);
}

std::int64_t days_from_civil(int y, int m, int d) { return day_number(CalendarDate{y, m, d}); }

// The local calendar day (days since 1970-01-01) of a valid timestamp at the given UTC offset.
std::int64_t local_day(std::string_view timestamp, int utc_offset_minutes) {
    int y = 0, m = 0, d = 0, hh = 0, mm = 0;
    parse_date(timestamp, y, m, d);
    digits_at(timestamp, 11, 2, hh);
    digits_at(timestamp, 14, 2, mm);
    const std::int64_t minutes = days_from_civil(y, m, d) * 1440 + hh * 60 + mm + utc_offset_minutes;
    return minutes >= 0 ? minutes / 1440 : (minutes - 1439) / 1440;
}

std::optional<std::int64_t> day_of(std::string_view date) {
    int y = 0, m = 0, d = 0;
    if (date.size() != 10 || !parse_date(date, y, m, d)) return std::nullopt;
    return days_from_civil(y, m, d);
}

}  // namespace

bool is_year_month(std::string_view s) {
    int y = 0, m = 0;
    return s.size() == 7 && s[4] == '-' && digits_at(s, 0, 4, y) && digits_at(s, 5, 2, m) && y >= 1900 && m >= 1 &&
           m <= 12;
}

bool is_iso_utc_timestamp(std::string_view s) {
    int y = 0, m = 0, d = 0, hh = 0, mm = 0, ss = 0;
    if (s.size() != 20 || s[10] != 'T' || s[13] != ':' || s[16] != ':' || s[19] != 'Z') return false;
    if (!parse_date(s, y, m, d)) return false;
    if (!digits_at(s, 11, 2, hh) || !digits_at(s, 14, 2, mm) || !digits_at(s, 17, 2, ss)) return false;
    return hh <= 23 && mm <= 59 && ss <= 59;
}

//-----------------------------------------------------------------------------
// [SECTION] Summaries
//-----------------------------------------------------------------------------

std::string local_date(std::string_view timestamp, int utc_offset_minutes) {
    if (!is_iso_utc_timestamp(timestamp)) return {};
    return to_string(date_from_day_number(local_day(timestamp, utc_offset_minutes)));
}

std::optional<std::int64_t> seconds_between(std::string_view from, std::string_view to) {
    if (!is_iso_utc_timestamp(from) || !is_iso_utc_timestamp(to)) return std::nullopt;
    const auto seconds = [](std::string_view t) {
        int y = 0, m = 0, d = 0, hh = 0, mm = 0, ss = 0;
        parse_date(t, y, m, d);
        digits_at(t, 11, 2, hh);
        digits_at(t, 14, 2, mm);
        digits_at(t, 17, 2, ss);
        return days_from_civil(y, m, d) * 86400 + hh * 3600 + mm * 60 + ss;
    };
    return seconds(to) - seconds(from);
}

int sessions_this_week(const std::vector<SessionRecord>& records, std::string_view today, int utc_offset_minutes) {
    const auto today_day = day_of(today);
    if (!today_day) return 0;
    return static_cast<int>(std::count_if(records.begin(), records.end(), [&](const SessionRecord& r) {
        if (!is_iso_utc_timestamp(r.started_at)) return false;
        const std::int64_t day = local_day(r.started_at, utc_offset_minutes);
        return day <= *today_day && day > *today_day - 7;
    }));
}

int streak_days(const std::vector<SessionRecord>& records, std::string_view today, int utc_offset_minutes) {
    const auto today_day = day_of(today);
    if (!today_day) return 0;
    std::vector<std::int64_t> days;
    for (const SessionRecord& r : records)
        if (is_iso_utc_timestamp(r.started_at)) days.push_back(local_day(r.started_at, utc_offset_minutes));
    std::sort(days.begin(), days.end());
    auto has = [&](std::int64_t day) { return std::binary_search(days.begin(), days.end(), day); };
    std::int64_t day = has(*today_day) ? *today_day : *today_day - 1;
    int streak = 0;
    while (has(day)) {
        ++streak;
        --day;
    }
    return streak;
}

std::optional<double> average_pain_drop(const std::vector<SessionRecord>& records) {
    int total = 0;
    int count = 0;
    for (const SessionRecord& r : records)
        if (r.pain_before && r.pain_after) {
            total += *r.pain_before - *r.pain_after;
            ++count;
        }
    if (count == 0) return std::nullopt;
    return static_cast<double>(total) / count;
}

}  // namespace calfcoach
