// handout.hpp — the printed handout: one HTML page, black on white, made for the browser's own print
// on A4 or US Letter. It holds the clinic's name and phone, the programme (each step, its time, the
// legs, the pressure, a line drawing), the red flags that mean "stop and get help" with the emergency
// numbers, the QR code of the link, and a 4-week table to tick the days done and note pain 0-10.
// Pure: the data in, the page out; everything inline (no request, no script), so it prints offline
// and from a downloaded file. See docs/prescriptions.md, "The printed handout".
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/calendar_date.hpp"
#include "core/prescription.hpp"
#include "core/routine.hpp"
#include "core/session.hpp"
#include "core/triage.hpp"

namespace calfcoach {

struct HandoutParams {
    // The routine as it will play: for a programme, apply_prescription's routine (its durations in).
    // Required: without it (nullptr) the page says that there is nothing to print. Default: nullptr
    const Routine* routine = nullptr;
    // The length and the legs it plays with (apply_prescription's options for a programme). Default: {}
    SessionOptions options;
    // The physio's programme: its days, dates and note. Empty: the person's own routine, printed
    // without a schedule. Default: empty
    std::optional<Prescription> programme;
    // The clinic's name and phone, as shown (a programme's own, else the launch's clinic/phone).
    // Empty: left out. Default: empty
    std::string clinic;
    std::string phone;
    // What the QR code holds: the programme's link, or the app's address. Empty, or longer than a QR
    // code holds: no code, and the page says where to find the app instead. Default: empty
    std::string link;
    // The safety content whose emergency and urgent rules become the red flags (a clinic's stricter
    // triage.json included). Required for the red flags; nullptr: the fixed floor's wording only.
    // Default: nullptr
    const TriageContent* triage = nullptr;
    // The day it is printed; also the table's first week when there is no programme. Default: 2020-01-01
    CalendarDate printed_on;
};

// The whole page, "<!DOCTYPE html>..." to "</html>". Its only styles are one <style> element holding
// kHandoutCss (a page under a strict CSP applies that text through the CSSOM instead).
std::string handout_html(const HandoutParams& params);

// The print stylesheet, the same text the page's <style> element holds.
extern const std::string_view kHandoutCss;

// "calf-coach-handout-2026-12-02.html"
std::string handout_file_name(const CalendarDate& printed_on);

// The red flags the handout prints, from the content's rules: the labels of the questions whose
// rules call for an emergency, and of those that call for medical advice today (each label once,
// in content order; a question in both lists only under emergency). Public for the tests.
struct HandoutRedFlags {
    std::vector<std::string> emergency;
    std::vector<std::string> urgent;
};
HandoutRedFlags handout_red_flags(const TriageContent& triage);

}  // namespace calfcoach
