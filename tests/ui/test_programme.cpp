// A physio's programme in the app (screen_programme.cpp): a link offers it, keeping it stores it, Home
// starts it, the session follows its legs and times (and the safety check still decides how gently), a
// damaged link changes nothing, a second link replaces the first only when confirmed, a reload resumes
// on the programme's times, and Settings removes it.
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <memory>
#include <string>

#include "core/prescription.hpp"
#include "ui/app_storage_keys.hpp"
#include "ui_driver.hpp"

using namespace calfcoach;
using calfcoach::ui::testing::UiDriver;

namespace {

using Stored = std::map<std::string, std::string, std::less<>>;

// Left leg only, the physio's own times for the five standard steps (the preparation is done once).
Prescription left_leg_programme() {
    Prescription rx;
    rx.legs = PrescribedLegs::LeftOnly;
    rx.step_seconds = {20, 40, 50, 30, 25};
    rx.days_mask = 0b0010101;  // Mon, Wed, Fri
    rx.start = CalendarDate{2026, 11, 16};
    rx.review = CalendarDate{2026, 12, 28};
    rx.note = "Gentle on the Achilles for the first week.";
    rx.clinic = "Riverside Physio";
    rx.phone = "+44 20 7946 0000";
    return rx;
}

std::string link_fragment(const Prescription& rx) { return "#rx=" + encode_prescription(rx); }

bool has_text(const nlohmann::json& state, const std::string& needle) {
    for (const auto& text : state["texts"])
        if (text["text"].get<std::string>().find(needle) != std::string::npos) return true;
    return false;
}

// The safety check with every answer "no", except the questions named yes.
void answer_safety(UiDriver& ui, const std::string& yes_to = "") {
    if (yes_to.empty()) ui.answer_safety();
    else ui.answer_safety({{yes_to, "yes"}});
    REQUIRE(ui.state()["screen"] == "safety_result");
}

// Opens the app with a programme link (as the platform hands location.hash over before the first frame).
UiDriver* open_with_link(const std::string& fragment, const Stored& stored = {}) {
    return new UiDriver(390, 844, 3, stored, [fragment](ui::App& app) { CHECK(app.receive_programme_link(fragment)); });
}

}  // namespace

TEST_CASE("a programme link is offered, kept, started from Home, and the session follows its legs and times", "[ui][programme]") {
    const Prescription rx = left_leg_programme();
    std::unique_ptr<UiDriver> ui(open_with_link(link_fragment(rx)));
    auto state = ui->state();
    REQUIRE(state["screen"] == "programme");
    CHECK(state["programme_offer"]["ok"] == true);
    CHECK(has_text(state, "Your programme from Riverside Physio"));
    CHECK(has_text(state, "Left leg only"));
    CHECK(has_text(state, "Mon, Wed and Fri"));
    CHECK(has_text(state, "Gentle on the Achilles"));
    CHECK(has_text(state, "safety check before every session"));
    CHECK(state["programme"].is_null());

    REQUIRE(ui->tap("programme.keep"));
    state = ui->state();
    CHECK(state["screen"] == "home");
    REQUIRE(state["programme"].is_object());
    CHECK(state["programme"]["legs"] == "left");
    const auto stored = ui->services.storage_values.get(ui::kProgrammeKey);
    REQUIRE(stored.has_value());
    CHECK(stored->find(encode_prescription(rx)) != std::string::npos);
    CHECK(has_text(state, "Your programme from Riverside Physio"));
    CHECK(has_text(state, "Review in "));  // 2026-11-21 to 2026-12-28

    REQUIRE(ui->tap("home.programme"));
    answer_safety(*ui);
    REQUIRE(ui->tap("safety.continue"));
    state = ui->state();
    REQUIRE(state["screen"] == "prepare");
    CHECK(ui->item("prepare.preset.0").is_null());  // the programme sets the length
    CHECK(ui->item("prepare.leg.0").is_null());     // and the leg
    CHECK(has_text(state, "left leg only"));
    REQUIRE(ui->tap("prepare.start"));
    state = ui->state();
    REQUIRE(state["screen"] == "player");
    CHECK(state["session"]["only_leg"] == "left");
    CHECK(state["session"]["programme"] == true);
    // Every step at the programme's time, on the left leg only; the preparation once.
    const auto& routine_steps = std::vector<std::string>{"preparation", "warm_up_circles", "tense_spots", "deep_pressure", "light_strokes"};
    int steps = 0;
    for (const auto& phase : state["session"]["planned"]) {
        if (phase["kind"] != "step") continue;
        const std::string step = phase["step"];
        const auto at = std::find(routine_steps.begin(), routine_steps.end(), step) - routine_steps.begin();
        REQUIRE(at < 5);
        CHECK(phase["duration_ms"] == rx.step_seconds[static_cast<std::size_t>(at)] * 1000);
        if (step != "preparation") CHECK(phase["side"] == "left");
        ++steps;
    }
    CHECK(steps == 5);
    CHECK(ui->services.storage_values.get(ui::kSessionProgrammeKey) == encode_prescription(rx));
    ui->advance(60'000);
    for (int i = 0; i < 400 && ui->state()["screen"] == "player"; ++i) ui->advance(1000);
    CHECK(ui->state()["screen"] == "done");
    CHECK_FALSE(ui->services.storage_values.get(ui::kSessionProgrammeKey).has_value());
    // The history records it against the programme; a session of one's own is not.
    REQUIRE(ui->tap("nav.home"));
    CHECK(has_text(ui->state(), "1 session of this programme so far"));
    REQUIRE(ui->tap("home.history"));
    REQUIRE(ui->tap("history.export_csv"));
    REQUIRE_FALSE(ui->services.downloads.empty());
    const std::string csv = ui->services.downloads.back().content;
    CHECK(csv.find(",none," + prescription_id(rx) + "\r\n") != std::string::npos);
}

TEST_CASE("programme: the safety check still decides: a caution result leaves the deep step out", "[ui][programme]") {
    const Prescription rx = left_leg_programme();  // it gives the deep-pressure step 50 s
    std::unique_ptr<UiDriver> ui(open_with_link(link_fragment(rx)));
    REQUIRE(ui->tap("programme.keep"));
    REQUIRE(ui->tap("home.programme"));
    answer_safety(*ui, "sore_after_exercise");
    CHECK(ui->state()["level"] == "caution");
    REQUIRE(ui->tap("safety.continue"));
    REQUIRE(ui->tap("prepare.start"));
    const auto state = ui->state();
    REQUIRE(state["screen"] == "player");
    CHECK(state["session"]["gentle"] == true);
    for (const auto& phase : state["session"]["planned"]) CHECK(phase["step"] != "deep_pressure");
}

TEST_CASE("programme: a damaged link says so, the app works and what was kept stays", "[ui][programme]") {
    const Prescription rx = left_leg_programme();
    const std::string kept = R"({"v":1,"code":")" + encode_prescription(rx) + R"(","kept_on":"2026-11-20"})";
    std::string damaged = encode_prescription(rx);
    damaged[damaged.size() / 2] = damaged[damaged.size() / 2] == 'A' ? 'B' : 'A';
    for (const std::string& fragment : {"#rx=" + damaged, "#rx=" + damaged.substr(0, 20), std::string("#rx=%%%")}) {
        INFO(fragment);
        std::unique_ptr<UiDriver> ui(open_with_link(fragment, Stored{{std::string(ui::kProgrammeKey), kept}}));
        auto state = ui->state();
        REQUIRE(state["screen"] == "programme");
        CHECK(state["programme_offer"]["ok"] == false);
        CHECK(has_text(state, "This programme link is damaged"));
        CHECK(has_text(state, "Ask your clinic for a new one"));
        REQUIRE(ui->tap("programme.continue"));
        state = ui->state();
        CHECK(state["screen"] == "home");
        CHECK(ui->services.storage_values.get(ui::kProgrammeKey) == kept);
        REQUIRE(state["programme"].is_object());
        CHECK(state["programme"]["code"] == encode_prescription(rx));
        REQUIRE(ui->tap("home.start"));  // the app still works
        CHECK(ui->state()["screen"] == "safety");
    }
}

TEST_CASE("programme: a second link replaces the first only when the person confirms", "[ui][programme]") {
    const Prescription first = left_leg_programme();
    Prescription second = first;
    second.legs = PrescribedLegs::Both;
    second.note = "Both legs now.";
    const Stored stored{{std::string(ui::kProgrammeKey), R"({"v":1,"code":")" + encode_prescription(first) + R"(","kept_on":"2026-11-20"})"}};
    {
        std::unique_ptr<UiDriver> ui(open_with_link(link_fragment(second), stored));
        auto state = ui->state();
        REQUIRE(state["screen"] == "programme");
        CHECK(state["programme_offer"]["replaces"] == true);
        CHECK(has_text(state, "This replaces the programme you kept on 2026-11-20 from Riverside Physio"));
        REQUIRE(ui->tap("programme.not_now"));  // "Keep my current one"
        CHECK(ui->state()["programme"]["code"] == encode_prescription(first));
    }
    {
        std::unique_ptr<UiDriver> ui(open_with_link(link_fragment(second), stored));
        REQUIRE(ui->tap("programme.keep"));  // "Replace my programme"
        CHECK(ui->state()["programme"]["code"] == encode_prescription(second));
        CHECK(ui->state()["programme"]["legs"] == "both");
    }
    {
        // The same link again: nothing to ask.
        std::unique_ptr<UiDriver> ui(open_with_link(link_fragment(first), stored));
        CHECK(ui->state()["screen"] == "home");
        CHECK(has_text(ui->state(), "already kept"));
    }
}

TEST_CASE("programme: a reload during its session resumes on the programme's times", "[ui][programme]") {
    const Prescription rx = left_leg_programme();
    Stored stored;
    {
        std::unique_ptr<UiDriver> ui(open_with_link(link_fragment(rx)));
        REQUIRE(ui->tap("programme.keep"));
        REQUIRE(ui->tap("home.programme"));
        answer_safety(*ui);
        REQUIRE(ui->tap("safety.continue"));
        REQUIRE(ui->tap("prepare.start"));
        ui->advance(30'000);
        ui->app().on_page_hide(ui->now_ms());
        stored = ui->services.storage_values.values;
    }
    UiDriver reloaded(390, 844, 3, stored);
    REQUIRE(reloaded.state()["screen"] == "resume");
    REQUIRE(reloaded.tap("resume.continue"));
    const auto state = reloaded.state();
    REQUIRE(state["screen"] == "player");
    CHECK(state["session"]["only_leg"] == "left");
    for (const auto& phase : state["session"]["planned"])
        if (phase["step"] == "warm_up_circles") CHECK(phase["duration_ms"] == 40'000);
}

TEST_CASE("programme: Settings shows it and removes it after a confirmation", "[ui][programme]") {
    std::unique_ptr<UiDriver> ui(open_with_link(link_fragment(left_leg_programme())));
    REQUIRE(ui->tap("programme.keep"));
    REQUIRE(ui->tap("home.settings"));
    CHECK(has_text(ui->state(), "Your programme from Riverside Physio"));
    REQUIRE(ui->tap("settings.programme.remove"));
    REQUIRE(ui->tap("settings.programme.remove_cancel"));
    CHECK(ui->state()["programme"].is_object());
    REQUIRE(ui->tap("settings.programme.remove"));
    REQUIRE(ui->tap("settings.programme.remove_confirm"));
    CHECK(ui->state()["programme"].is_null());
    CHECK_FALSE(ui->services.storage_values.get(ui::kProgrammeKey).has_value());
    CHECK(ui->item("settings.programme.remove").is_null());
}

TEST_CASE("programme: an address without rx= is not a programme link", "[ui][programme]") {
    UiDriver ui;
    CHECK_FALSE(ui.app().receive_programme_link(""));
    CHECK_FALSE(ui.app().receive_programme_link("#section-2"));
    CHECK(ui.state()["screen"] == "home");
}

TEST_CASE("programme: Add to my calendar downloads reminders on its days at the chosen time, with the link back", "[ui][programme]") {
    const Prescription rx = left_leg_programme();
    std::unique_ptr<UiDriver> ui(open_with_link(link_fragment(rx)));
    REQUIRE(ui->tap("programme.keep"));
    REQUIRE(ui->tap("home.settings"));
    REQUIRE(ui->tap("settings.programme.time.0"));  // 7:00
    REQUIRE(ui->tap("settings.programme.calendar"));
    REQUIRE(ui->services.downloads.size() == 1);
    const auto& file = ui->services.downloads.front();
    CHECK(file.file_name == "calf-coach-reminders.ics");
    CHECK(file.mime_type == "text/calendar");
    CHECK(file.content.find("BEGIN:VCALENDAR\r\n") == 0);
    CHECK(file.content.find("RRULE:FREQ=WEEKLY;") != std::string::npos);
    CHECK(file.content.find("BYDAY=MO,WE,FR") != std::string::npos);
    CHECK(file.content.find("T070000\r\n") != std::string::npos);  // DTSTART at 7:00, local (floating) time
    // The link back, unfolded (RFC 5545 folds long lines with CRLF and a space).
    std::string unfolded;
    for (std::size_t i = 0; i < file.content.size(); ++i) {
        if (file.content.compare(i, 3, "\r\n ") == 0) { i += 2; continue; }
        unfolded += file.content[i];
    }
    CHECK(unfolded.find("URL:https://calfcoach.example/#rx=" + encode_prescription(rx) + "\r\n") != std::string::npos);
    CHECK(has_text(ui->state(), "Open the file to add the reminders"));
}

TEST_CASE("programme: a link that arrives during a session waits until the person leaves Done", "[ui][programme]") {
    UiDriver ui;
    REQUIRE(ui.tap("home.start"));
    answer_safety(ui);
    REQUIRE(ui.tap("safety.continue"));
    REQUIRE(ui.tap("prepare.preset.0"));
    REQUIRE(ui.tap("prepare.start"));
    REQUIRE(ui.state()["screen"] == "player");
    CHECK(ui.app().receive_programme_link(link_fragment(left_leg_programme())));  // a hashchange
    ui.advance(2000);
    CHECK(ui.state()["screen"] == "player");
    for (int i = 0; i < 600 && ui.state()["screen"] == "player"; ++i) ui.advance(1000);
    // The session ran to its end; Done (with its after-session check) stays until the person leaves it.
    CHECK(ui.state()["history_count"] == 1);
    ui.advance(2000);
    CHECK(ui.state()["screen"] == "done");
    REQUIRE(ui.tap("nav.home"));
    CHECK(ui.state()["screen"] == "programme");
}

//-----------------------------------------------------------------------------
// The printed handout
//-----------------------------------------------------------------------------
TEST_CASE("programme: Print a handout from Settings prints the kept programme with its link, clinic and times", "[ui][programme][handout]") {
    const Prescription rx = left_leg_programme();
    std::unique_ptr<UiDriver> ui(open_with_link(link_fragment(rx)));
    REQUIRE(ui->tap("programme.keep"));
    REQUIRE(ui->tap("home.settings"));
    CHECK(ui->item("settings.handout").is_null());  // the routine's own button is for no programme
    REQUIRE(ui->tap("settings.programme.print"));
    REQUIRE(ui->services.printed.size() == 1);
    const std::string& page = ui->services.printed.front();
    CHECK(page.find("Riverside Physio") != std::string::npos);
    CHECK(page.find("+44 20 7946 0000") != std::string::npos);
    CHECK(page.find("Left leg only") != std::string::npos);
    CHECK(page.find("Gentle on the Achilles") != std::string::npos);
    CHECK(page.find("https://calfcoach.example/#rx=" + encode_prescription(rx)) != std::string::npos);  // the QR's text
    CHECK(page.find("50 s") != std::string::npos);  // the physio's time for the third step
    CHECK(has_text(ui->state(), "Save as PDF"));
    CHECK(ui->services.downloads.empty());
}

TEST_CASE("programme: the offer screen prints the programme before it is kept", "[ui][programme][handout]") {
    const Prescription rx = left_leg_programme();
    std::unique_ptr<UiDriver> ui(open_with_link(link_fragment(rx)));
    REQUIRE(ui->tap("programme.print"));
    REQUIRE(ui->services.printed.size() == 1);
    CHECK(ui->services.printed.front().find("#rx=" + encode_prescription(rx)) != std::string::npos);
    CHECK(ui->state()["screen"] == "programme");  // still to keep or not
    CHECK(ui->state()["programme"].is_null());
}

TEST_CASE("programme: where the page cannot print (a clinic's frame), the handout is saved as an HTML file", "[ui][programme][handout]") {
    UiDriver ui;
    ui.services.print_outcome = ui::Services::PrintOutcome::Downloaded;
    REQUIRE(ui.tap("home.settings"));
    REQUIRE(ui.tap("settings.handout"));
    REQUIRE(ui.services.downloads.size() == 1);
    const auto& file = ui.services.downloads.front();
    CHECK(file.file_name == "calf-coach-handout-2026-11-21.html");
    CHECK(file.mime_type == "text/html");
    CHECK(file.content.find("<!DOCTYPE html>") == 0);
    CHECK(file.content.find("#rx=") == std::string::npos);  // no programme: the QR is the app's address
    CHECK(file.content.find("https://calfcoach.example/") != std::string::npos);
    CHECK(has_text(ui.state(), "saved as a file"));
    ui.services.print_outcome = ui::Services::PrintOutcome::Failed;
    REQUIRE(ui.tap("settings.handout"));
    CHECK(has_text(ui.state(), "could neither print nor save"));
    REQUIRE(ui.tap("nav.back"));
    REQUIRE(ui.tap("home.settings"));
    CHECK_FALSE(has_text(ui.state(), "could neither print nor save"));  // the line belonged to that visit
}

TEST_CASE("programme and safety: stored values of the wrong type are ignored, never a crash", "[ui][programme][storage]") {
    // Values of the right keys with the wrong JSON types (a damaged store, another app on the origin).
    Stored stored;
    stored[std::string(ui::kProgrammeKey)] = R"({"v":1,"code":5,"kept_on":[]})";
    stored[std::string(ui::kLastSafetyKey)] = R"({"level":3,"at":"2026-11-21T08:00:00Z"})";
    UiDriver ui(390, 844, 3, stored);
    const auto state = ui.state();
    CHECK(state["screen"] == "home");
    CHECK(state["programme"].is_null());
    CHECK(state["level"].is_null());
    CHECK(has_text(state, "could not be read"));
    CHECK(ui.services.storage_values.get(ui::kProgrammeKey).has_value());  // never deleted
}
