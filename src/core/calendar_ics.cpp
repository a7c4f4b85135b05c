// calendar_ics.cpp — see calendar_ics.hpp. RFC 5545 sections used: 3.1 (folding), 3.3.5 (floating
// DATE-TIME), 3.3.10 (RRULE, UNTIL in the same form as DTSTART), 3.3.11 (TEXT escaping), 3.6.6 (VALARM).
#include "core/calendar_ics.hpp"

#include <algorithm>
#include <array>
#include <cstdio>

#include "core/fnv1a.hpp"

namespace calfcoach {
namespace {

constexpr std::int64_t kDefaultSessionMs = 15 * 60'000;

std::string two_digits(int value) {
    char text[8];
    std::snprintf(text, sizeof text, "%02d", value);
    return text;
}

// "20261201" from a date.
std::string ics_date(const CalendarDate& date) {
    char text[24];
    std::snprintf(text, sizeof text, "%04d%02d%02d", date.year, date.month, date.day);
    return text;
}

bool is_stamp(std::string_view text) {
    if (text.size() != 16 || text[8] != 'T' || text[15] != 'Z') return false;
    for (std::size_t i = 0; i < 15; ++i)
        if (i != 8 && (text[i] < '0' || text[i] > '9')) return false;
    const auto date = parse_calendar_date(std::string(text.substr(0, 4)) + "-" + std::string(text.substr(4, 2)) + "-" +
                                          std::string(text.substr(6, 2)));
    const int hh = (text[9] - '0') * 10 + (text[10] - '0');
    const int mm = (text[11] - '0') * 10 + (text[12] - '0');
    const int ss = (text[13] - '0') * 10 + (text[14] - '0');
    return date && hh < 24 && mm < 60 && ss < 61;  // 60: a leap second
}

// "12 January 2027", for people reading the description.
std::string long_date(const CalendarDate& date) {
    static constexpr std::array<std::string_view, 12> kMonths = {"January", "February", "March",     "April",
                                                                 "May",     "June",     "July",      "August",
                                                                 "September", "October", "November", "December"};
    if (!is_real_date(date)) return to_string(date);
    return std::to_string(date.day) + " " + std::string(kMonths[static_cast<std::size_t>(date.month - 1)]) + " " +
           std::to_string(date.year);
}

std::string without_controls(std::string_view text) {
    std::string out;
    for (char c : text)
        if (static_cast<unsigned char>(c) > 0x20 && c != 0x7F) out += c;
    return out;
}

std::string describe(const Prescription& rx, const IcsOptions& options, const std::string& link) {
    std::string text = "Your calf self-massage programme";
    if (!rx.clinic.empty()) text += " from " + rx.clinic;
    text += ".\n";
    text += "Routine: " + (options.routine_title.empty() ? rx.routine_id : options.routine_title);
    if (rx.legs == PrescribedLegs::LeftOnly) text += ", left leg only";
    else if (rx.legs == PrescribedLegs::RightOnly) text += ", right leg only";
    else text += ", both legs";
    if (rx.step_seconds.empty()) text += ", " + std::string(to_string(rx.preset)) + " length";
    else text += ", with the times your physio set for each step";
    text += ".\n";
    if (rx.days_mask != 0) {
        text += "On " + planned_days_text(rx) + ".";
    } else {
        text += planned_days_text(rx) + ". The reminders fall on these days; any " + std::to_string(rx.times_per_week) +
                (rx.times_per_week == 1 ? " day" : " days") + " of the week will do.";
    }
    if (rx.review) text += " Until your review on " + long_date(*rx.review) + ".";
    text += "\nBefore every session, answer the safety check in the app: it says when not to massage and when to get help.";
    if (!rx.note.empty()) text += "\nNote from your physio: " + rx.note;
    if (!rx.clinic.empty() && !rx.phone.empty()) text += "\n" + rx.clinic + ": " + rx.phone;
    else if (!rx.phone.empty()) text += "\nYour clinic: " + rx.phone;
    if (!link.empty()) text += "\nOpen your programme: " + link;
    return text;
}

}  // namespace

std::string ics_escape_text(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        if (c == '\\' || c == ';' || c == ',') {
            out += '\\';
            out += c;
        } else if (c == '\n') {
            out += "\\n";
        } else if (static_cast<unsigned char>(c) >= 0x20 && c != 0x7F) {
            out += c;
        }
    }
    return out;
}

std::string ics_fold_line(std::string_view line) {
    constexpr std::size_t kMaxOctets = 75;
    std::string out;
    std::size_t at = 0;
    bool first = true;
    do {
        // A continuation line starts with a space, which counts within its 75 octets.
        const std::size_t room = std::min(line.size() - at, first ? kMaxOctets : kMaxOctets - 1);
        // Back off to the start of a UTF-8 sequence (continuation bytes are 10xxxxxx); a run of
        // continuation bytes with no start (not UTF-8 at all) is cut where it stands.
        std::size_t take = room;
        while (take > 0 && at + take < line.size() && (static_cast<unsigned char>(line[at + take]) & 0xC0) == 0x80) --take;
        if (take == 0) take = room;
        if (!first) out += ' ';
        out.append(line.substr(at, take));
        out += "\r\n";
        at += take;
        first = false;
    } while (at < line.size());
    return out;
}

std::string prescription_ics_uid(const Prescription& prescription, std::string_view uid_seed) {
    std::string key(uid_seed);
    key += '\x1f';  // a separator no seed or code contains, so "ab"+"c" differs from "a"+"bc"
    key += encode_prescription(prescription);
    return "rx-" + hex64(fnv1a64(key)) + "@calfcoach";
}

std::string prescription_ics(const Prescription& rx, const IcsOptions& options) {
    const int hour = std::clamp(options.hour, 0, 23);
    const int minute = std::clamp(options.minute, 0, 59);
    const int alarm = std::clamp(options.alarm_minutes_before, 0, 1440);
    const std::int64_t session_ms = options.session_ms > 0 ? options.session_ms : kDefaultSessionMs;
    const std::int64_t minutes = std::clamp<std::int64_t>((session_ms + 59'999) / 60'000, 1, 24 * 60);
    const std::string link = without_controls(options.app_link);
    const CalendarDate first = next_planned_day(rx, rx.start).value_or(rx.start);
    const std::string stamp = is_stamp(options.stamp_utc) ? options.stamp_utc : ics_date(rx.start) + "T000000Z";

    static constexpr std::array<std::string_view, 7> kByDay = {"MO", "TU", "WE", "TH", "FR", "SA", "SU"};
    std::string by_day;
    const std::uint8_t mask = planned_weekdays(rx);
    for (std::size_t d = 0; d < 7; ++d) {
        if (((mask >> d) & 1u) == 0) continue;
        if (!by_day.empty()) by_day += ',';
        by_day += kByDay[d];
    }
    std::string rrule = "RRULE:FREQ=WEEKLY;WKST=MO";
    if (!by_day.empty()) rrule += ";BYDAY=" + by_day;
    if (rx.review) rrule += ";UNTIL=" + ics_date(*rx.review) + "T235959";  // floating, as DTSTART is

    std::string summary = "Calf self-massage";
    if (rx.legs == PrescribedLegs::LeftOnly) summary += " (left leg)";
    else if (rx.legs == PrescribedLegs::RightOnly) summary += " (right leg)";
    if (!rx.clinic.empty()) summary += " - " + rx.clinic;

    std::string out;
    auto line = [&](std::string_view text) { out += ics_fold_line(text); };
    line("BEGIN:VCALENDAR");
    line("VERSION:2.0");
    line("PRODID:-//Calf Coach//Programme reminders//EN");
    line("CALSCALE:GREGORIAN");
    line("METHOD:PUBLISH");
    line("BEGIN:VEVENT");
    line("UID:" + prescription_ics_uid(rx, options.uid_seed));
    line("DTSTAMP:" + stamp);
    line("DTSTART:" + ics_date(first) + "T" + two_digits(hour) + two_digits(minute) + "00");
    line("DURATION:PT" + std::to_string(minutes) + "M");
    line(rrule);
    line("SUMMARY:" + ics_escape_text(summary));
    line("DESCRIPTION:" + ics_escape_text(describe(rx, options, link)));
    if (!link.empty()) line("URL:" + link);
    line("BEGIN:VALARM");
    line("ACTION:DISPLAY");
    line("DESCRIPTION:" + ics_escape_text(alarm == 0 ? std::string("Calf self-massage now")
                                                     : "Calf self-massage in " + std::to_string(alarm) + " minutes"));
    line(alarm == 0 ? std::string("TRIGGER:PT0M") : "TRIGGER:-PT" + std::to_string(alarm) + "M");
    line("END:VALARM");
    line("END:VEVENT");
    line("END:VCALENDAR");
    return out;
}

std::string ics_stamp_from_iso(std::string_view iso_utc) {
    std::string stamp;
    for (const char c : iso_utc)
        if (c != '-' && c != ':') stamp += c;
    return stamp;
}

}  // namespace calfcoach
