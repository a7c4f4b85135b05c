// handout.cpp — see handout.hpp.
//
// [SECTION] The print stylesheet
// [SECTION] Red flags
// [SECTION] Parts of the page: header, programme, red flags, steps, the 4-week table
// [SECTION] The page
#include "core/handout.hpp"

#include <algorithm>
#include <array>

#include "core/calf_svg.hpp"
#include "core/plain_words.hpp"
#include "core/qr_code.hpp"
#include "core/xml_escape.hpp"

namespace calfcoach {

//-----------------------------------------------------------------------------
// [SECTION] The print stylesheet
//-----------------------------------------------------------------------------
// One column of fixed parts that fits both A4 (210 mm) and Letter (216 mm) inside 12 mm margins; the
// paper size is the printer's (no @page size). Black on white, no background images (browsers leave
// backgrounds out by default, so the shading and boxes are borders and SVG fills, which always print).
const std::string_view kHandoutCss = R"CSS(
@page { margin: 12mm; }
* { box-sizing: border-box; }
html { color: #000; background: #fff; }
body { margin: 0; font: 10pt/1.35 "Helvetica Neue", Arial, "Liberation Sans", sans-serif; }
h1 { font-size: 17pt; margin: 0 0 1mm; }
h2 { font-size: 12pt; margin: 0 0 1.5mm; break-after: avoid; }
h3 { font-size: 10.5pt; margin: 0; }
p { margin: 0 0 1.2mm; }
ul { margin: 0; padding-left: 5mm; }
.screen-only { border: 1px solid #000; padding: 2mm 3mm; margin-bottom: 4mm; }
.top { display: flex; gap: 6mm; align-items: flex-start; border-bottom: 0.6mm solid #000; padding-bottom: 2mm; margin-bottom: 1.5mm; }
.top .who { flex: 1; }
.top .clinic { font-size: 12pt; font-weight: bold; }
.qr { width: 34mm; flex: none; text-align: center; font-size: 8pt; }
.qr svg { width: 34mm; height: 34mm; display: block; }
.qr p { margin: 0; }
.link { font-size: 7pt; word-break: break-all; margin-bottom: 3mm; }
section { margin-bottom: 4mm; }
.programme, .flags { break-inside: avoid; }
.facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.5mm 4mm; }
.facts dt { font-weight: bold; }
.facts dd { margin: 0; }
.note { border-left: 1mm solid #000; padding: 1mm 3mm; margin-top: 2mm; white-space: pre-line; }
.flags { border: 0.8mm solid #000; padding: 2.5mm 3.5mm; }
.flags .numbers { font-size: 12pt; font-weight: bold; }
.flags .cols { display: grid; grid-template-columns: 1fr 1fr; gap: 3mm; margin-top: 1.5mm; }
.steps { display: grid; grid-template-columns: 1fr 1fr; gap: 3mm 5mm; }
.step { display: flex; gap: 3mm; break-inside: avoid; border-top: 0.3mm solid #000; padding-top: 2mm; }
.step svg { width: 16mm; height: 48mm; flex: none; }
.step .how { font-size: 9pt; }
.step .meta { font-weight: bold; font-size: 9pt; margin: 0.5mm 0 1mm; }
.step .tip { font-style: italic; font-size: 9pt; }
.log { break-before: page; }
.log table { width: 100%; border-collapse: collapse; table-layout: fixed; }
.log th, .log td { border: 0.3mm solid #000; padding: 1.2mm; vertical-align: top; font-size: 8.5pt; }
.log th { text-align: left; }
.log th:first-child { width: 13mm; }
.log td { height: 22mm; }
.log td.planned { border: 1mm solid #000; }
.log td.off { color: #777; }
.log .box { display: inline-block; width: 4mm; height: 4mm; border: 0.3mm solid #000; vertical-align: middle; margin-right: 1mm; }
.log .done { display: block; margin-top: 2mm; }
.log .pain { display: block; margin-top: 2.5mm; white-space: nowrap; }
.small { font-size: 8.5pt; }
@media screen {
  body { max-width: 190mm; margin: 8mm auto; padding: 0 4mm; }
}
@media print {
  .screen-only { display: none; }
}
)CSS";

namespace {

std::string esc(std::string_view text) { return xml_escaped(text); }

std::string capitalised(std::string text) {
    if (!text.empty() && text[0] >= 'a' && text[0] <= 'z') text[0] = static_cast<char>(text[0] - 'a' + 'A');
    return text;
}

}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] Red flags
//-----------------------------------------------------------------------------
HandoutRedFlags handout_red_flags(const TriageContent& triage) {
    HandoutRedFlags flags;
    auto add_from = [&triage](SafetyLevel level, std::vector<std::string>& into, const std::vector<std::string>& skip) {
        for (const TriageRule& rule : triage.rules) {
            // One group alone gives the level: each question in it is a red flag by itself. A rule of
            // several groups (a sign with a risk factor) adds nothing a one-group rule has not.
            if (rule.level != level || rule.when.size() != 1) continue;
            for (const std::string& id : rule.when.front()) {
                const TriageQuestion* question = triage.find_question(id);
                const std::string label = question && !question->label.empty() ? question->label : id;
                if (std::find(into.begin(), into.end(), label) == into.end() &&
                    std::find(skip.begin(), skip.end(), label) == skip.end())
                    into.push_back(label);
            }
        }
    };
    add_from(SafetyLevel::Emergency, flags.emergency, {});
    add_from(SafetyLevel::Urgent, flags.urgent, flags.emergency);
    return flags;
}

namespace {

//-----------------------------------------------------------------------------
// [SECTION] Parts of the page
//-----------------------------------------------------------------------------
std::string header_part(const HandoutParams& p) {
    std::string html = "<header class=\"top\"><div class=\"who\"><h1>Your calf massage programme</h1>";
    if (!p.clinic.empty()) html += "<p class=\"clinic\">" + esc(p.clinic) + "</p>";
    if (!p.phone.empty()) html += "<p>Questions about your programme? Call <b>" + esc(p.phone) + "</b>.</p>";
    html += "<p class=\"small\">Printed " + esc(date_words(p.printed_on)) +
            " from Calf Coach. Do the sessions with the app: it checks that massage is safe for you each time, "
            "times every step and keeps your history on your own device.</p></div>";
    const std::optional<QrCode> code = p.link.empty() ? std::nullopt : make_qr_code(p.link);
    if (code) {
        html += "<div class=\"qr\">" + qr_code_svg(*code, p.programme ? "QR code: your programme in Calf Coach" : "QR code: Calf Coach") +
                "<p>" + std::string(p.programme ? "Scan to open your programme in the app" : "Scan to open the app") + "</p></div>";
    }
    html += "</header>";
    // The address in full too, for a phone without a camera or a code that will not scan.
    if (!p.link.empty())
        html += "<p class=\"link\">" + std::string(p.programme ? "Or type this address to open your programme: " : "The app: ") +
                esc(p.link) + "</p>";
    return html;
}

std::string programme_part(const HandoutParams& p, std::int64_t planned_ms) {
    std::string html = "<section class=\"programme\"><h2>" +
                       std::string(p.programme ? "What your physio has set" : "Your routine") + "</h2><dl class=\"facts\">";
    auto fact = [&html](std::string_view term, const std::string& value) {
        html += "<dt>" + esc(term) + "</dt><dd>" + esc(value) + "</dd>";
    };
    fact("Routine", p.routine->title);
    std::string legs = p.options.only_leg ? std::string(*p.options.only_leg == Side::Left ? "Left leg only" : "Right leg only")
                                          : std::string("Both legs, one after the other");
    fact("Legs", legs);
    fact("Each session", "about " + minutes_words(planned_ms) +
                             (p.programme && !p.programme->step_seconds.empty() ? std::string(", times set by your physio")
                                                                                 : ", " + std::string(preset_words(p.options.preset)) + " length"));
    if (p.programme) {
        const Prescription& rx = *p.programme;
        fact("When", planned_days_text(rx));
        fact("From", date_words(rx.start));
        if (rx.review) fact("Review", date_words(*rx.review) + " with your physio");
    }
    html += "</dl>";
    if (p.programme && !p.programme->note.empty())
        html += "<p class=\"note\"><b>From your physio:</b> " + esc(p.programme->note) + "</p>";
    return html + "</section>";
}

std::string red_flags_part(const HandoutParams& p) {
    std::string html =
        "<section class=\"flags\"><h2>Stop and get help: do not massage</h2>"
        "<p class=\"numbers\">Emergency: call 999 (UK), 112 (EU) or 911 (US and Canada)</p>";
    const HandoutRedFlags flags = p.triage ? handout_red_flags(*p.triage) : HandoutRedFlags{};
    auto list = [](const std::vector<std::string>& labels) {
        std::string items = "<ul>";
        for (const std::string& label : labels) items += "<li>" + esc(capitalised(label)) + "</li>";
        return items + "</ul>";
    };
    html += "<div class=\"cols\"><div><h3>Call the emergency number now if you have</h3>";
    html += flags.emergency.empty() ? "<p>Sudden shortness of breath, chest pain, or a cold, pale leg.</p>" : list(flags.emergency);
    html += "</div><div><h3>Get medical advice today";
    if (!p.phone.empty()) html += " (or call your clinic)";
    html += " if you have</h3>";
    html += flags.urgent.empty() ? "<p>One swollen, warm or red calf, or pain with no clear cause.</p>" : list(flags.urgent);
    html += "<p class=\"small\">In the UK you can call NHS 111.</p></div></div>";
    const std::string stop = p.triage && !p.triage->pain.stop.empty() ? p.triage->pain.stop
                                                                       : std::string("Stop if it hurts sharply, or you feel numbness or tingling.");
    html += "<p><b>During a session:</b> " + esc(stop) + "</p></section>";
    return html;
}

std::string step_part(const Step& step, int number, const HandoutParams& p, std::int64_t seconds) {
    CalfSvgParams drawing;
    drawing.zone = step.zone;
    drawing.pattern = step.pattern;
    drawing.side = p.options.only_leg.value_or(Side::Left);
    drawing.title = "Where and how: " + step.title;
    std::string html = "<div class=\"step\">" + calf_line_drawing_svg(drawing) + "<div class=\"how\"><h3>" +
                       std::to_string(number) + ". " + esc(step.title) + "</h3><p class=\"meta\">" +
                       esc(seconds_words(seconds)) + (step.per_leg ? (p.options.only_leg ? "" : " on each leg") : ", once, before the legs") +
                       " &middot; " + esc(pressure_words(step.pressure));
    if (!step.hands.empty()) html += " &middot; " + esc(step.hands);
    html += "</p><p>" + esc(step.instruction) + "</p>";
    if (!step.tip.empty()) html += "<p class=\"tip\">" + esc(step.tip) + "</p>";
    if (step.deep) html += "<p class=\"small\"><b>Deep pressure:</b> leave this step out on days your calves are sore from exercise, or if it hurts.</p>";
    return html + "</div></div>";
}

std::string steps_part(const HandoutParams& p) {
    std::string html = "<section><h2>The steps</h2><div class=\"steps\">";
    int number = 0;
    for (const Step& step : p.routine->steps) {
        const std::int64_t ms = step.duration_ms[static_cast<std::size_t>(p.options.preset)];
        if (ms <= 0) continue;  // left out at this length
        html += step_part(step, ++number, p, (ms + 500) / 1000);
    }
    if (number == 0) html += "<p>This routine has no steps at this length.</p>";
    return html + "</div></section>";
}

// Four weeks, Monday to Sunday, from the week the programme (or the print) starts.
std::string log_part(const HandoutParams& p) {
    const CalendarDate first = p.programme ? p.programme->start : p.printed_on;
    const CalendarDate monday = add_days(first, -weekday(first));
    std::string html = "<section class=\"log\"><h2>Your first 4 weeks</h2><p>Tick each day you do a session and write how "
                       "your calf feels afterwards, from 0 (no pain) to 10 (the worst pain you can imagine).";
    if (p.programme) html += " The days with a bold box are the ones your physio planned.";
    html += " Bring this sheet to your next appointment.</p><table><thead><tr><th scope=\"col\">Week</th>";
    for (int d = 0; d < 7; ++d) html += "<th scope=\"col\">" + std::string(weekday_short_words(d)) + "</th>";
    html += "</tr></thead><tbody>";
    for (int week = 0; week < 4; ++week) {
        html += "<tr><th scope=\"row\">" + std::to_string(week + 1) + "</th>";
        for (int d = 0; d < 7; ++d) {
            const CalendarDate day = add_days(monday, week * 7 + d);
            const bool before = day < first;
            const bool after = p.programme && p.programme->review && *p.programme->review < day;
            const bool planned = p.programme && !before && !after && planned_on(*p.programme, day);
            html += std::string("<td") + (planned ? " class=\"planned\"" : (before || after) ? " class=\"off\"" : "") + ">" +
                    esc(day_month_words(day));
            if (!before && !after) html += "<span class=\"done\"><span class=\"box\"></span>Done</span><span class=\"pain\">Pain __/10</span>";
            html += "</td>";
        }
        html += "</tr>";
    }
    return html + "</tbody></table></section>";
}

}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] The page
//-----------------------------------------------------------------------------
std::string handout_html(const HandoutParams& p) {
    std::string html = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" +
                       esc(p.clinic.empty() ? std::string("Calf Coach: your calf massage programme")
                                            : p.clinic + ": your calf massage programme") +
                       "</title><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><style>" +
                       std::string(kHandoutCss) + "</style></head><body>";
    html += "<p class=\"screen-only\">This page is made for printing: use your browser's Print command (Ctrl+P, or "
            "&#8984;P on a Mac), on A4 or Letter paper.</p>";
    html += header_part(p);
    if (!p.routine) return html + "<p>There is no routine to print.</p></body></html>";
    html += programme_part(p, planned_duration_ms(*p.routine, p.options));
    html += red_flags_part(p);
    html += steps_part(p);
    html += log_part(p);
    html += "<p class=\"small\">Calf Coach gives general self-care guidance, not a diagnosis. If you are unsure whether massage is safe "
            "for you, ask your doctor or physiotherapist first.</p></body></html>";
    return html;
}

std::string handout_file_name(const CalendarDate& printed_on) {
    return "calf-coach-handout-" + to_string(printed_on) + ".html";
}

}  // namespace calfcoach
