// The reminders file (core/calendar_ics): the exact structure of the .ics, RFC 5545 line folding and
// TEXT escaping, a stable UID, and clamped options. A real parser reads the tool's file too: the
// ctest "ics: python3-icalendar reads the tool's file" (tests/core/check_ics.py).
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "core/calendar_ics.hpp"
#include "core/text_code_points.hpp"
#include "test_support.hpp"

using namespace calfcoach;

namespace {

IcsOptions options_for(const Prescription& rx) {
    IcsOptions options;
    options.hour = 18;
    options.minute = 30;
    options.app_link = prescription_link("https://calfcoach.example/", rx);
    options.stamp_utc = "20261201T090000Z";
    options.session_ms = 200'000;  // 3:20
    options.routine_title = "Calf self-massage";
    return options;
}

// The physical lines (CRLF removed); fails the test on a bare LF or CR.
std::vector<std::string> physical_lines(const std::string& ics) {
    std::vector<std::string> lines;
    std::size_t at = 0;
    while (at < ics.size()) {
        const std::size_t end = ics.find("\r\n", at);
        REQUIRE(end != std::string::npos);  // the file ends with CRLF
        const std::string line = ics.substr(at, end - at);
        REQUIRE(line.find('\n') == std::string::npos);
        REQUIRE(line.find('\r') == std::string::npos);
        lines.push_back(line);
        at = end + 2;
    }
    return lines;
}

// The content lines, unfolded (a line starting with a space continues the previous one).
std::vector<std::string> content_lines(const std::string& ics) {
    std::vector<std::string> lines;
    for (const std::string& line : physical_lines(ics)) {
        if (!line.empty() && line[0] == ' ') {
            REQUIRE_FALSE(lines.empty());
            lines.back() += line.substr(1);
        } else {
            lines.push_back(line);
        }
    }
    return lines;
}

std::string value_of(const std::vector<std::string>& lines, const std::string& name) {
    for (const std::string& line : lines)
        if (line.rfind(name + ":", 0) == 0) return line.substr(name.size() + 1);
    return "(missing)";
}

bool valid_utf8(const std::string& text) {
    for (std::size_t i = 0; i < text.size();) {
        const Utf8Step step = decode_utf8_at(text, i);
        if (step.length == 0) return false;
        i += step.length;
    }
    return true;
}

}  // namespace

TEST_CASE("ics: the calendar and its event, property by property", "[ics]") {
    const Prescription rx = test::example_prescription();
    const std::string ics = prescription_ics(rx, options_for(rx));
    const std::vector<std::string> lines = content_lines(ics);
    std::vector<std::string> names;
    for (const std::string& line : lines) names.push_back(line.substr(0, line.find(':')));
    const std::vector<std::string> expected = {"BEGIN",   "VERSION", "PRODID",  "CALSCALE", "METHOD", "BEGIN",
                                               "UID",     "DTSTAMP", "DTSTART", "DURATION", "RRULE",  "SUMMARY",
                                               "DESCRIPTION", "URL", "BEGIN",   "ACTION",   "DESCRIPTION", "TRIGGER",
                                               "END",     "END",     "END"};
    CHECK(names == expected);
    CHECK(lines.front() == "BEGIN:VCALENDAR");
    CHECK(lines[1] == "VERSION:2.0");
    CHECK(lines[3] == "CALSCALE:GREGORIAN");
    CHECK(lines[5] == "BEGIN:VEVENT");
    CHECK(lines[14] == "BEGIN:VALARM");
    CHECK(lines[18] == "END:VALARM");
    CHECK(lines[19] == "END:VEVENT");
    CHECK(lines.back() == "END:VCALENDAR");
    CHECK(value_of(lines, "DTSTAMP") == "20261201T090000Z");
    // The start is a Tuesday: the first event is the first planned day, Wednesday, at 18:30 local.
    CHECK(value_of(lines, "DTSTART") == "20261202T183000");
    CHECK(value_of(lines, "DURATION") == "PT4M");  // 3:20 rounded up
    CHECK(value_of(lines, "RRULE") == "FREQ=WEEKLY;WKST=MO;BYDAY=MO,WE,FR;UNTIL=20270112T235959");
    CHECK(value_of(lines, "SUMMARY") == "Calf self-massage (left leg) - Riverside Physio");
    CHECK(value_of(lines, "URL") == options_for(rx).app_link);
    CHECK(value_of(lines, "ACTION") == "DISPLAY");
    CHECK(value_of(lines, "TRIGGER") == "-PT10M");
    const std::string description = value_of(lines, "DESCRIPTION");
    for (const char* part : {"from Riverside Physio.\\n", "left leg only\\,", "On Mon\\, Wed and Fri.",
                             "Until your review on 12 January 2027.", "safety check",
                             "Note from your physio: Gentle on the Achilles for now: no deep pressure\\, stop",
                             "Riverside Physio: +44 20 7946 0000", "Open your programme: https://calfcoach.example/#rx="})
        CHECK(description.find(part) != std::string::npos);
    CHECK(ics.find("TZID") == std::string::npos);  // a floating time: the person's own local time
}

TEST_CASE("ics: every physical line is at most 75 octets and never splits a character", "[ics]") {
    Prescription rx = test::example_prescription();
    rx.note.clear();
    for (int i = 0; i < 66; ++i) rx.note += "\xE6\x97\xA5";  // 3-byte characters: a fold lands inside one
    rx.clinic.clear();
    for (int i = 0; i < 60; ++i) rx.clinic += "\xF0\x9F\x98\x80";
    const std::string ics = prescription_ics(rx, options_for(rx));
    for (const std::string& line : physical_lines(ics)) {
        INFO(line);
        CHECK(line.size() <= 75);
        CHECK(valid_utf8(line));
    }
    const std::string folded = ics_fold_line(std::string(200, 'x'));
    CHECK(folded.substr(0, 77) == std::string(75, 'x') + "\r\n");
    CHECK(folded.substr(77, 1) == " ");
    CHECK(ics_fold_line("short") == "short\r\n");
    CHECK(ics_fold_line("") == "\r\n");
    CHECK(ics_fold_line(std::string(75, 'y')) == std::string(75, 'y') + "\r\n");
    const std::string broken(300, '\x80');  // not UTF-8 at all: still folded, never stuck
    CHECK(ics_fold_line(broken).size() > 300);
}

TEST_CASE("ics: TEXT escaping", "[ics]") {
    CHECK(ics_escape_text("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne");
    CHECK(ics_escape_text("line\r\nnext\x01") == "line\\nnext");
    CHECK(ics_escape_text("caf\xC3\xA9") == "caf\xC3\xA9");
    // A note cannot end the description early or start a property of its own.
    Prescription rx = test::example_prescription();
    rx.note = "Fine.\nEND:VEVENT\nBEGIN:VEVENT";
    const std::vector<std::string> lines = content_lines(prescription_ics(rx, options_for(rx)));
    int events = 0;
    for (const std::string& line : lines) events += line == "BEGIN:VEVENT" ? 1 : 0;
    CHECK(events == 1);
}

TEST_CASE("ics: the UID is stable for the same prescription and seed", "[ics]") {
    const Prescription rx = test::example_prescription();
    const std::string uid = prescription_ics_uid(rx);
    CHECK(uid == prescription_ics_uid(test::example_prescription()));
    CHECK(uid.size() == std::string("rx-0123456789abcdef@calfcoach").size());
    CHECK(uid.rfind("rx-", 0) == 0);
    Prescription other = rx;
    other.note += "!";
    CHECK(prescription_ics_uid(other) != uid);
    CHECK(prescription_ics_uid(rx, "seed") != uid);
    CHECK(value_of(content_lines(prescription_ics(rx, options_for(rx))), "UID") == uid);
}

TEST_CASE("ics: times a week, no review, the alarm at the start and clamped options", "[ics]") {
    Prescription rx = test::example_prescription();
    rx.days_mask = 0;
    rx.times_per_week = 3;
    rx.review.reset();
    rx.clinic.clear();
    rx.phone.clear();
    IcsOptions options = options_for(rx);
    options.hour = 31;
    options.minute = -4;
    options.alarm_minutes_before = 0;
    options.stamp_utc = "yesterday";
    options.session_ms = 0;
    options.app_link = "https://calfcoach.example/\r\nX-EVIL:1 #rx=abc";
    const std::vector<std::string> lines = content_lines(prescription_ics(rx, options));
    CHECK(value_of(lines, "RRULE") == "FREQ=WEEKLY;WKST=MO;BYDAY=TU,TH,SA");  // spread from Tuesday 1 December
    CHECK(value_of(lines, "DTSTART") == "20261201T230000");
    CHECK(value_of(lines, "DTSTAMP") == "20261201T000000Z");
    CHECK(value_of(lines, "DURATION") == "PT15M");
    CHECK(value_of(lines, "TRIGGER") == "PT0M");
    CHECK(value_of(lines, "URL") == "https://calfcoach.example/X-EVIL:1#rx=abc");
    CHECK(value_of(lines, "X-EVIL") == "(missing)");
    CHECK(value_of(lines, "SUMMARY") == "Calf self-massage (left leg)");
    const std::string description = value_of(lines, "DESCRIPTION");
    CHECK(description.find("3 times a week (suggested: Tue\\, Thu and Sat). The reminders fall on these days\\; any 3 "
                           "days of the week will do.") != std::string::npos);
    CHECK(description.find("review") == std::string::npos);
}

TEST_CASE("ics: the wall clock's time as the file's time stamp", "[ics]") {
    CHECK(ics_stamp_from_iso("2026-11-21T08:30:00Z") == "20261121T083000Z");
    CHECK(ics_stamp_from_iso("") == "");
}
