#!/usr/bin/env python3
"""check_ics.py TOOL EXAMPLE_JSON — a real iCalendar parser reads the reminders the tool writes.

Runs `TOOL prescribe EXAMPLE_JSON --app URL`, then `TOOL ics LINK --time 18:30 --stamp ...`, and reads
the file with Debian's python3-icalendar (and dateutil for the repeat rule). It fails, never skips,
when the parser is missing: install python3-icalendar.
"""
import datetime
import subprocess
import sys

try:
    import icalendar
    from dateutil import rrule
except ImportError as error:  # a missing parser is a failure, not a pass
    print(f"check_ics.py: {error}: install Debian's python3-icalendar (apt-get install python3-icalendar)")
    sys.exit(1)


def fail(message):
    print(f"check_ics.py: {message}")
    sys.exit(1)


def main():
    if len(sys.argv) != 3:
        fail("usage: check_ics.py TOOL EXAMPLE_JSON")
    tool, example = sys.argv[1], sys.argv[2]
    app = "https://calfcoach.example/"
    prescribed = subprocess.run([tool, "prescribe", example, "--app", app], capture_output=True, text=True)
    if prescribed.returncode != 0:
        fail(f"prescribe exited {prescribed.returncode}: {prescribed.stdout}{prescribed.stderr}")
    link = prescribed.stdout.splitlines()[0]
    written = subprocess.run([tool, "ics", link, "--time", "18:30", "--stamp", "20261201T090000Z"],
                             capture_output=True)
    if written.returncode != 0:
        fail(f"ics exited {written.returncode}: {written.stderr.decode()}")
    data = written.stdout

    # RFC 5545 3.1: CRLF everywhere, at most 75 octets a line.
    if b"\n" in data.replace(b"\r\n", b""):
        fail("a line ends without CRLF")
    for number, line in enumerate(data.split(b"\r\n"), 1):
        if len(line) > 75:
            fail(f"line {number} has {len(line)} octets")

    calendar = icalendar.Calendar.from_ical(data)
    if calendar.get("VERSION") != "2.0" or not calendar.get("PRODID"):
        fail("VERSION 2.0 and PRODID expected")
    events = [c for c in calendar.walk() if c.name == "VEVENT"]
    alarms = [c for c in calendar.walk() if c.name == "VALARM"]
    if len(events) != 1 or len(alarms) != 1:
        fail(f"one VEVENT and one VALARM expected, found {len(events)} and {len(alarms)}")
    event = events[0]
    for name in ("UID", "DTSTAMP", "DTSTART", "DURATION", "RRULE", "SUMMARY", "DESCRIPTION", "URL"):
        if name not in event:
            fail(f"VEVENT without {name}")

    start = event.decoded("DTSTART")
    if start != datetime.datetime(2026, 12, 2, 18, 30) or start.tzinfo is not None:
        fail(f"DTSTART should be a floating 2026-12-02 18:30, found {start!r}")
    stamp = event.decoded("DTSTAMP")
    if stamp.tzinfo is None or stamp.utctimetuple()[:6] != (2026, 12, 1, 9, 0, 0):
        fail(f"DTSTAMP should be 2026-12-01 09:00 UTC, found {stamp!r}")
    if event.decoded("DURATION") <= datetime.timedelta(0):
        fail("DURATION should be positive")
    if not str(event.get("URL")).startswith(app + "#rx="):
        fail(f"URL should be the link, found {event.get('URL')}")
    description = str(event.get("DESCRIPTION"))
    if link not in description.replace("\n", "") or "Riverside Physio" not in description:
        fail("DESCRIPTION should hold the clinic and the link")
    if str(alarms[0].get("ACTION")) != "DISPLAY" or alarms[0].decoded("TRIGGER") != -datetime.timedelta(minutes=10):
        fail("VALARM: ACTION:DISPLAY and TRIGGER:-PT10M expected")

    # The repeat rule, expanded: Mondays, Wednesdays and Fridays from 2 December to the review day.
    rule = rrule.rrulestr(event.get("RRULE").to_ical().decode(), dtstart=start)
    days = list(rule)
    if not days or any(day.weekday() not in (0, 2, 4) for day in days):
        fail(f"occurrences off Mon/Wed/Fri: {days[:5]}")
    if days[0] != start or days[-1] != datetime.datetime(2027, 1, 11, 18, 30) or len(days) != 18:
        fail(f"expected 18 sessions from 2026-12-02 to 2027-01-11, found {len(days)}: {days[0]} .. {days[-1]}")
    print(f"check_ics.py: ok, {len(days)} sessions, UID {event.get('UID')}")


main()
