// The printed handout (core/handout.hpp) and its line drawings (core/calf_svg.hpp): what the page
// holds for a programme and for a routine of one's own, the red flags from the safety content, the QR
// code of the exact link, the 4-week table, and that nothing in it needs a script or a request.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>

#include "core/calf_svg.hpp"
#include "core/handout.hpp"
#include "core/plain_words.hpp"
#include "core/qr_code.hpp"
#include "core/xml_escape.hpp"
#include "test_support.hpp"

using namespace calfcoach;

namespace {

std::size_t count_of(const std::string& text, const std::string& needle) {
    std::size_t n = 0;
    for (std::size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + needle.size())) ++n;
    return n;
}

struct Printed {
    std::optional<Routine> routine;
    HandoutParams params;
    std::string page;
};

// The example programme, as the app prints it.
Printed print_programme(const Prescription& rx, const std::string& app = "https://calfcoach.example/app/") {
    Printed out;
    const ContentSet& content = test::shipped_load().content;
    PrescribedSession session = apply_prescription(rx, content, SessionOptions{});
    REQUIRE(session.ok());
    out.routine = std::move(session.routine);
    out.params.routine = &*out.routine;
    out.params.options = session.options;
    out.params.programme = rx;
    out.params.clinic = rx.clinic;
    out.params.phone = rx.phone;
    out.params.link = prescription_link(app, rx);
    out.params.triage = &content.triage;
    out.params.printed_on = CalendarDate{2026, 12, 2};
    out.page = handout_html(out.params);
    return out;
}

}  // namespace

TEST_CASE("handout: a programme's page holds the clinic, its times and legs, the note, the dates and each step", "[handout]") {
    const Prescription rx = test::example_prescription();
    const Printed printed = print_programme(rx);
    const std::string& page = printed.page;
    CHECK(page.starts_with("<!DOCTYPE html>"));
    CHECK(page.ends_with("</html>"));
    CHECK(page.find(xml_escaped(rx.clinic)) != std::string::npos);
    CHECK(page.find(xml_escaped(rx.phone)) != std::string::npos);
    CHECK(page.find(xml_escaped(rx.note)) != std::string::npos);
    CHECK(page.find("Left leg only") != std::string::npos);
    CHECK(page.find(planned_days_text(rx)) != std::string::npos);
    CHECK(page.find(date_words(rx.start)) != std::string::npos);
    CHECK(page.find(date_words(*rx.review)) != std::string::npos);
    // Every step the programme keeps, with its own time; the one it leaves out (0 s) is not there.
    const Routine& routine = *printed.routine;
    REQUIRE(routine.steps.size() == rx.step_seconds.size());
    int listed = 0;
    for (std::size_t i = 0; i < routine.steps.size(); ++i) {
        const Step& step = routine.steps[i];
        const bool in_page = page.find(". " + xml_escaped(step.title) + "</h3>") != std::string::npos;
        CHECK(in_page == (rx.step_seconds[i] > 0));
        if (rx.step_seconds[i] > 0) {
            ++listed;
            CHECK(page.find(seconds_words(rx.step_seconds[i])) != std::string::npos);
            CHECK(page.find(std::string(pressure_words(step.pressure))) != std::string::npos);
        }
    }
    CHECK(count_of(page, "<div class=\"step\">") == static_cast<std::size_t>(listed));
    // One line drawing per step, plus the QR code.
    CHECK(count_of(page, "<svg ") == static_cast<std::size_t>(listed) + 1);
}

TEST_CASE("handout: its QR code is the code of the exact link, and the link is also printed in full", "[handout]") {
    const Prescription rx = test::example_prescription();
    const Printed printed = print_programme(rx);
    const std::optional<QrCode> code = make_qr_code(printed.params.link);
    REQUIRE(code);
    CHECK(printed.page.find(qr_code_svg(*code, "QR code: your programme in Calf Coach")) != std::string::npos);
    CHECK(printed.page.find(xml_escaped(printed.params.link)) != std::string::npos);

    HandoutParams no_link = printed.params;
    no_link.link.clear();
    const std::string page = handout_html(no_link);
    CHECK(page.find("QR code") == std::string::npos);
    CHECK(page.find("#rx=") == std::string::npos);
}

TEST_CASE("handout: the red flags are the content's emergency and urgent signs, with the emergency numbers", "[handout]") {
    const TriageContent& triage = test::shipped_triage();
    const HandoutRedFlags flags = handout_red_flags(triage);
    // Every fixed question that alone gives an emergency or urgent result is named, in its list.
    for (const FixedQuestion& fixed : kFixedQuestions) {
        const TriageQuestion* question = triage.find_question(fixed.id);
        REQUIRE(question);
        const auto& list = fixed.min_level == SafetyLevel::Emergency ? flags.emergency : flags.urgent;
        const bool named = std::find(list.begin(), list.end(), question->label) != list.end();
        CHECK(named == (fixed.min_level == SafetyLevel::Emergency || fixed.min_level == SafetyLevel::Urgent));
    }
    CHECK(flags.emergency.size() == 2);
    CHECK(flags.urgent.size() == 5);

    const std::string page = print_programme(test::example_prescription()).page;
    CHECK(page.find("999 (UK), 112 (EU) or 911 (US and Canada)") != std::string::npos);
    for (const std::string& label : flags.urgent) {
        std::string shown = label;
        shown[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(shown[0])));
        CHECK(page.find("<li>" + xml_escaped(shown) + "</li>") != std::string::npos);
    }
    CHECK(page.find(xml_escaped(triage.pain.stop)) != std::string::npos);
}

TEST_CASE("handout: a clinic's stricter safety content prints its stricter flags", "[handout]") {
    const ContentLoad load = load_content(test::edited("triage.json", [](nlohmann::json& triage) {
        for (auto& rule : triage["rules"])
            if (rule["id"] == "nerve_symptoms") rule["level"] = "emergency";
    }));
    REQUIRE(load.ok());
    const HandoutRedFlags flags = handout_red_flags(load.content.triage);
    const TriageQuestion* numbness = load.content.triage.find_question("numbness");
    REQUIRE(numbness);
    CHECK(std::find(flags.emergency.begin(), flags.emergency.end(), numbness->label) != flags.emergency.end());
    CHECK(std::find(flags.urgent.begin(), flags.urgent.end(), numbness->label) == flags.urgent.end());
}

TEST_CASE("handout: nothing in it runs or loads: no script, no request, one style element of the print stylesheet", "[handout]") {
    Printed printed = print_programme(test::example_prescription());
    printed.params.clinic = "Smith & <Jones>";  // the launch's clinic= is checked elsewhere: escaped here anyway
    const std::string page = handout_html(printed.params);
    CHECK(page.find("<script") == std::string::npos);
    CHECK(page.find(" src=") == std::string::npos);
    CHECK(page.find("href=") == std::string::npos);
    CHECK(page.find("url(") == std::string::npos);
    CHECK(page.find("@import") == std::string::npos);
    CHECK(page.find(" style=") == std::string::npos);  // a strict CSP refuses style attributes
    CHECK(count_of(page, "<style>") == 1);
    CHECK(page.find("<style>" + std::string(kHandoutCss) + "</style>") != std::string::npos);
    CHECK(page.find("Smith &amp; &lt;Jones&gt;") != std::string::npos);
    CHECK(page.find("<Jones>") == std::string::npos);
    CHECK(kHandoutCss.find("@page") != std::string_view::npos);
    CHECK(kHandoutCss.find("@page { margin: 12mm; }") != std::string_view::npos);  // no size: the printer's paper, A4 or Letter
}

TEST_CASE("handout: the 4-week table starts on the programme's week and marks exactly its planned days", "[handout]") {
    const Prescription rx = test::example_prescription();
    const std::string page = print_programme(rx).page;
    const CalendarDate monday = add_days(rx.start, -weekday(rx.start));
    int planned = 0, open = 0;
    for (int d = 0; d < 28; ++d) {
        const CalendarDate day = add_days(monday, d);
        CHECK(page.find(">" + day_month_words(day)) != std::string::npos);
        if (day < rx.start || (rx.review && *rx.review < day)) continue;
        ++open;
        if (planned_on(rx, day)) ++planned;
    }
    CHECK(planned > 0);
    CHECK(count_of(page, "<td class=\"planned\">") == static_cast<std::size_t>(planned));
    CHECK(count_of(page, "Pain __/10") == static_cast<std::size_t>(open));
    CHECK(page.find(">" + day_month_words(add_days(monday, 28))) == std::string::npos);
}

TEST_CASE("handout: a routine of one's own prints at its length, with no schedule, and none prints a plain message", "[handout]") {
    const ContentSet& content = test::shipped_load().content;
    HandoutParams params;
    params.routine = &content.routines.front();
    params.options.preset = Preset::Quick;
    params.triage = &content.triage;
    params.link = "https://calfcoach.example/";
    params.printed_on = CalendarDate{2026, 12, 2};
    const std::string page = handout_html(params);
    CHECK(page.find("Your routine") != std::string::npos);
    CHECK(page.find("Quick length") != std::string::npos);
    CHECK(page.find("class=\"planned\"") == std::string::npos);
    CHECK(page.find("Both legs") != std::string::npos);
    for (const Step& step : content.routines.front().steps) {
        const std::int64_t ms = step.duration_ms[static_cast<std::size_t>(Preset::Quick)];
        CHECK((page.find(". " + xml_escaped(step.title) + "</h3>") != std::string::npos) == (ms > 0));
    }
    CHECK(page.find("Scan to open the app") != std::string::npos);

    params.routine = nullptr;
    CHECK(handout_html(params).find("There is no routine to print.") != std::string::npos);
    CHECK(handout_file_name(CalendarDate{2026, 12, 2}) == "calf-coach-handout-2026-12-02.html");
}

TEST_CASE("line drawing: the worked zone is shaded, the right leg is the mirror image, every pattern draws", "[handout][calf_svg]") {
    const auto shaded = [](FocusZone zone) {
        CalfSvgParams params;
        params.zone = zone;
        return count_of(calf_line_drawing_svg(params), "fill=\"#c4c4c4\"");
    };
    CHECK(shaded(FocusZone::WholeCalf) == 3);      // the soleus and both gastrocnemius heads
    CHECK(shaded(FocusZone::Gastrocnemius) == 2);
    CHECK(shaded(FocusZone::Soleus) == 1);
    CHECK(shaded(FocusZone::Achilles) == 1);

    CalfSvgParams left;
    left.title = "Left & right";
    CalfSvgParams right = left;
    right.side = Side::Right;
    const std::string l = calf_line_drawing_svg(left), r = calf_line_drawing_svg(right);
    CHECK(l != r);
    CHECK(l.find("<title>Left &amp; right</title>") != std::string::npos);
    // Mirrored: the first outline point's x changes sign and nothing else.
    const auto first_x = [](const std::string& svg) {
        const std::size_t m = svg.find("d=\"M") + 4;
        return std::stod(svg.substr(m, svg.find(' ', m) - m));
    };
    CHECK(first_x(l) == Approx(-first_x(r)));
    CHECK(first_x(l) < 0);  // the left leg's lateral side is on the viewer's left, seen from behind

    CalfSvgParams plain;
    plain.show_pattern = false;
    const std::size_t plain_paths = count_of(calf_line_drawing_svg(plain), "<path");
    for (const StrokePattern pattern : {StrokePattern::Circles, StrokePattern::SweepAnkleToKnee, StrokePattern::HoldPoints,
                                        StrokePattern::LightStrokes, StrokePattern::Kneading}) {
        CalfSvgParams params;
        params.pattern = pattern;
        const std::string svg = calf_line_drawing_svg(params);
        CHECK(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
        CHECK(svg.ends_with("</svg>"));
        CHECK(count_of(svg, "<path") + count_of(svg, "<circle") > plain_paths);  // the pattern is drawn
        CHECK(svg.find("style") == std::string::npos);
        CHECK(svg.find("nan") == std::string::npos);
    }
}
