// calendar_ics.hpp — reminders for a prescription as an iCalendar file (RFC 5545), for "Add to my
// calendar": one weekly repeating event on the programme's days at a time the person picks, with an
// alarm and the link back to the app. Pure text: the web layer downloads it as text/calendar, the
// tool prints it. The core has no clock, so the file's time stamp is given by the caller.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/prescription.hpp"

namespace calfcoach {

// How the reminders are written. Values out of range are clamped (hour to 0..23, and so on), so
// every call gives a valid file.
struct IcsOptions {
    // The local time of the session the person picks (written as a floating time, no time zone, so
    // the calendar shows it at that hour wherever they are). Default: 18:00
    int hour = 18;
    int minute = 0;
    // The link back to the app, normally prescription_link(app, prescription); written as URL and at
    // the end of the description. Control characters and spaces are dropped. Default: empty (no link)
    std::string app_link;
    // Mixed into the UID, for an app that wants its own events apart; the same seed and prescription
    // always give the same UID, so importing the file again updates the event instead of doubling it.
    // Default: empty (the UID depends on the prescription alone)
    std::string uid_seed;
    // When the file is made, in UTC as "YYYYMMDDTHHMMSSZ" (DTSTAMP). Default: empty, or anything not
    // of that shape: midnight UTC of the programme's start day
    std::string stamp_utc;
    // The session's planned length (total of plan_phases for apply_prescription's result), rounded
    // up to whole minutes for DURATION. Default: 0 (15 minutes, a typical session)
    std::int64_t session_ms = 0;
    // The routine's title for the description. Default: empty (its id)
    std::string routine_title;
    // The alarm, this many minutes before the start, 0 to 1440 (0: at the start). Default: 10
    int alarm_minutes_before = 10;
};

// The whole .ics file: CRLF line endings, lines folded at 75 octets (never inside a UTF-8 sequence),
// VCALENDAR (VERSION 2.0, PRODID, CALSCALE GREGORIAN, METHOD PUBLISH) holding one VEVENT: UID,
// DTSTAMP, DTSTART (the first planned day at the chosen time), DURATION, RRULE (FREQ=WEEKLY with the
// planned weekdays, UNTIL the end of the review day when there is one), SUMMARY, DESCRIPTION (what to
// do, the schedule, the note, the clinic and the link), URL, and a VALARM (ACTION:DISPLAY). For
// times_per_week the days are the spread ones of planned_weekdays, and the description says any
// days of the week will do.
std::string prescription_ics(const Prescription& prescription, const IcsOptions& options = {});

// The wall clock's ISO 8601 UTC time ("2026-11-21T08:30:00Z") as IcsOptions::stamp_utc wants it
// ("20261121T083000Z"): the dashes and colons taken out.
std::string ics_stamp_from_iso(std::string_view iso_utc);
// "rx-<16 hex digits>@calfcoach": FNV-1a 64 of the seed and the prescription's code.
std::string prescription_ics_uid(const Prescription& prescription, std::string_view uid_seed = {});

// RFC 5545 TEXT escaping: '\' ';' ',' escaped with a backslash, a line break as "\n"; carriage
// returns and other control characters are dropped.
std::string ics_escape_text(std::string_view text);

// One content line, folded: at most 75 octets per physical line, continuation lines starting with
// one space, CRLF after each; a UTF-8 sequence is never split.
std::string ics_fold_line(std::string_view line);

}  // namespace calfcoach
