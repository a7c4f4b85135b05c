// The safety check as a person meets it: a few pages of related signs, "None of these" as its own
// explicit answer, an emergency sign that stops the check at once, the re-check's "Still true" for
// the page that rarely changes, the tap counts of issue 15, and "Why" in the person's own words.
#include <catch2/catch.hpp>

#include <string>

#include <nlohmann/json.hpp>

#include "ui/app_storage_keys.hpp"
#include "ui_driver.hpp"

using calfcoach::ui::testing::UiDriver;
namespace ui = calfcoach::ui;

namespace {

std::string remembered(const UiDriver& ui) {
    const auto& values = ui.services.storage_values.values;
    const auto found = values.find(std::string(ui::kRememberedNoneKey));
    return found == values.end() ? std::string() : found->second;
}

int count_text(const nlohmann::json& state, const std::string& needle) {
    int n = 0;
    for (const auto& text : state["texts"]) n += text["text"].get<std::string>() == needle ? 1 : 0;
    return n;
}

bool says(const nlohmann::json& state, const std::string& needle) {
    for (const auto& text : state["texts"])
        if (text["text"].get<std::string>().find(needle) != std::string::npos) return true;
    return false;
}

// A first check with nothing to report, then Home, at 09:00 on 21 November (the driver's clock).
void first_check_all_none(UiDriver& ui) {
    REQUIRE(ui.tap("home.start"));
    ui.answer_safety();
    REQUIRE(ui.state()["level"] == "ok");
    REQUIRE(ui.tap("nav.home"));
}

}  // namespace

TEST_CASE("safety pages: a first check with no red flags is Home -> result in at most 6 taps", "[ui][safety]") {
    UiDriver ui;
    REQUIRE(ui.tap("home.start"));
    const auto first = ui.state();
    CHECK(first["screen"] == "safety");
    CHECK(first["page"] == "right_now");  // the most severe page first
    CHECK(first["pages"] == 4);
    const int taps = 1 + ui.answer_safety();
    CHECK(taps <= 6);
    CHECK(taps == 5);
    CHECK(ui.state()["screen"] == "safety_result");
    CHECK(ui.state()["level"] == "ok");
    // "None of these" on the health page is remembered, with the time, and nothing else.
    const auto fact = nlohmann::json::parse(remembered(ui));
    CHECK(fact["group"] == "your_health");
    CHECK(fact["none_at"] == "2026-11-21T09:00:00Z");
    CHECK(fact.size() == 5);
}

TEST_CASE("safety pages: None of these is never preselected, and a mark clears it", "[ui][safety]") {
    UiDriver ui;
    REQUIRE(ui.tap("home.start"));
    REQUIRE(ui.tap("safety.none"));  // right now: none
    REQUIRE(ui.state()["page"] == "calf_today");
    const auto calf_today = ui.state();  // held: a range-for over a temporary's member would dangle
    for (const auto& item : calf_today["items"])
        if (item["kind"] == "toggle") CHECK(item["checked"] == false);  // nothing marked to begin with
    CHECK_FALSE(says(ui.state(), "You answered: none of these."));
    REQUIRE(ui.tap("safety.none"));
    REQUIRE(ui.tap("nav.back"));  // back to "your calf today": its answer shows
    REQUIRE(ui.state()["page"] == "calf_today");
    CHECK(says(ui.state(), "You answered: none of these."));
    REQUIRE(ui.tap("safety.unsure.numbness"));
    CHECK(ui.item("safety.unsure.numbness")["checked"] == true);
    CHECK(ui.item("safety.sign.numbness")["checked"] == false);  // one mark per sign
    CHECK_FALSE(says(ui.state(), "You answered: none of these."));
    CHECK(ui.item("safety.none")["label"] == "None of the others");
    REQUIRE(ui.tap("safety.sign.numbness"));  // yes replaces not sure
    CHECK(ui.item("safety.unsure.numbness")["checked"] == false);
    CHECK(ui.item("safety.sign.numbness")["checked"] == true);
    REQUIRE(ui.tap("safety.none"));
    ui.answer_safety();
    const auto result = ui.state();
    CHECK(result["level"] != "ok");
    CHECK(says(result, "You said: numbness"));
}

TEST_CASE("safety pages: an emergency sign ends the check at once, with only that reason", "[ui][safety]") {
    UiDriver ui;
    REQUIRE(ui.tap("home.start"));
    REQUIRE(ui.tap("safety.unsure.cold_pale_leg"));
    const auto state = ui.state();
    REQUIRE(state["screen"] == "safety_result");
    CHECK(state["level"] == "emergency");
    REQUIRE(state["why"].size() == 1);
    CHECK(state["why"][0].get<std::string>().rfind("You were not sure about: ", 0) == 0);
    // Nothing is remembered from a check that never reached the health page.
    CHECK(remembered(ui).empty());
}

TEST_CASE("safety pages: Why lists what the person said, each with its source, and the advice appears once", "[ui][safety]") {
    UiDriver ui;
    REQUIRE(ui.tap("home.start"));
    ui.answer_safety({{"one_leg_swollen", "yes"}, {"calf_warm_red", "yes"}});
    const auto state = ui.state();
    REQUIRE(state["level"] == "urgent");
    REQUIRE(state["why"].size() == 2);
    CHECK(state["why"][0].get<std::string>().rfind("You said: ", 0) == 0);
    CHECK(says(state, "You said: one leg is swollen"));
    CHECK(says(state, "You said: skin on one calf feels warm"));
    CHECK(says(state, "Based on: "));
    REQUIRE(state["advice"].get<int>() >= 1);
    // Both answers feed one rule: its advice is said once, under "What to do now", not under "Why".
    for (const auto& text : state["texts"])
        if (text["kind"] == "li" && text["text"].get<std::string>().rfind("You ", 0) != 0)
            CHECK(count_text(state, text["text"].get<std::string>()) == 1);
    // The health page was answered "None of these" on the way: that is remembered, as always.
    CHECK_FALSE(remembered(ui).empty());
}

TEST_CASE("safety pages: a re-check within 7 days offers Still true and is Home -> result in at most 4 taps", "[ui][safety]") {
    UiDriver ui;
    first_check_all_none(ui);
    const std::string fact = remembered(ui);
    REQUIRE_FALSE(fact.empty());
    ui.services.wall_clock = "2026-11-24T10:00:00Z";  // three days later: the 24-hour shortcut is gone
    REQUIRE(ui.tap("home.start"));
    const auto first = ui.state();
    CHECK(first["screen"] == "safety");
    CHECK(first["pages"] == 3);  // the health page is left out...
    CHECK(first["still_true"] == "your_health");
    int taps = 1;
    REQUIRE(ui.tap("safety.none"));
    REQUIRE(ui.tap("safety.none"));
    taps += 2;
    const auto last = ui.state();
    CHECK(last["page"] == "skin_injuries");
    // ...and shown as one line on the last page, with its date and a way to change it.
    CHECK(says(last, "You answered \"None of these\" on Sat 21 Nov 2026 for: a past blood clot"));
    CHECK_FALSE(ui.item("safety.changed").is_null());
    CHECK(ui.item("safety.none")["label"] == "None of these, and the above is still true");
    REQUIRE(ui.tap("safety.none"));
    ++taps;
    CHECK(taps <= 4);
    CHECK(ui.state()["screen"] == "safety_result");
    CHECK(ui.state()["level"] == "ok");
    // "Still true" keeps the first date: a remembered fact never outlives its 7 days.
    CHECK(remembered(ui) == fact);
    ui.services.wall_clock = "2026-11-28T09:00:01Z";  // 7 days and a second after the answer
    REQUIRE(ui.tap("nav.home"));
    REQUIRE(ui.tap("home.start"));
    CHECK(ui.state()["pages"] == 4);
    CHECK(ui.state()["still_true"].is_null());
}

TEST_CASE("safety pages: after 7 days, or with a damaged or future fact, every page is asked", "[ui][safety]") {
    SECTION("older than 7 days") {
        UiDriver ui;
        first_check_all_none(ui);
        ui.services.wall_clock = "2026-11-28T09:00:01Z";
        REQUIRE(ui.tap("home.start"));
        CHECK(ui.state()["pages"] == 4);
        CHECK(ui.state()["still_true"].is_null());
    }
    SECTION("corrupt, from another content version, from the future") {
        for (const std::string& stored :
             {std::string("{not json"),
              std::string(R"({"v":1,"group":"your_health","none_at":"2026-11-20T09:00:00Z","content":"0.9.0","items":"0000000000000000"})"),
              std::string(R"({"v":1,"group":"your_health","none_at":"2026-11-22T09:00:00Z","content":"1.0.0","items":"0000000000000000"})")}) {
            UiDriver ui(390, 844, 3, {{std::string(ui::kRememberedNoneKey), stored}});
            REQUIRE(ui.tap("home.start"));
            INFO(stored);
            CHECK(ui.state()["pages"] == 4);
            CHECK(ui.state()["still_true"].is_null());
        }
    }
    SECTION("a real fact copied forward in time is not trusted") {
        UiDriver ui;
        first_check_all_none(ui);
        ui.services.wall_clock = "2026-11-20T09:00:00Z";  // the clock went back a day
        REQUIRE(ui.tap("home.start"));
        CHECK(ui.state()["pages"] == 4);
    }
}

TEST_CASE("safety pages: Something changed brings the health page back, and a yes there erases the fact", "[ui][safety]") {
    UiDriver ui;
    first_check_all_none(ui);
    ui.services.wall_clock = "2026-11-23T09:00:00Z";
    REQUIRE(ui.tap("home.start"));
    REQUIRE(ui.tap("safety.none"));
    REQUIRE(ui.tap("safety.none"));
    REQUIRE(ui.tap("safety.changed"));
    CHECK(ui.state()["pages"] == 4);
    CHECK(ui.state()["still_true"].is_null());
    CHECK(ui.item("safety.none")["label"] == "None of these");
    REQUIRE(ui.tap("safety.none"));
    REQUIRE(ui.state()["page"] == "your_health");
    ui.answer_safety({{"blood_thinners", "yes"}});
    CHECK(ui.state()["level"] != "ok");
    CHECK(remembered(ui).empty());
    // The next check asks the health page again, in full.
    ui.services.wall_clock = "2026-11-24T12:00:00Z";
    REQUIRE(ui.tap("nav.home"));
    REQUIRE(ui.tap("home.start"));
    CHECK(ui.state()["pages"] == 4);
}

TEST_CASE("safety pages: Something changed on the 24-hour screen asks every page, nothing remembered", "[ui][safety]") {
    UiDriver ui;
    first_check_all_none(ui);
    ui.services.wall_clock = "2026-11-21T15:00:00Z";
    REQUIRE(ui.tap("home.start"));
    REQUIRE(ui.state()["screen"] == "safety_confirm");
    REQUIRE(ui.tap("safety.recheck"));
    CHECK(ui.state()["pages"] == 4);
    CHECK(ui.state()["still_true"].is_null());
    ui.answer_safety();
    // A fresh "none": the fact now carries this check's time.
    CHECK(nlohmann::json::parse(remembered(ui))["none_at"] == "2026-11-21T15:00:00Z");
}

TEST_CASE("safety pages: the screen reader gets each page as a list of check boxes and None as a button", "[ui][safety][a11y]") {
    UiDriver ui;
    REQUIRE(ui.tap("home.start"));
    REQUIRE(ui.tap("safety.none"));
    const auto state = nlohmann::json::parse(ui.app().a11y_json());
    const std::string title = "Today, do you have any of these in your legs?";
    int boxes = 0;
    for (const auto& item : state["items"]) {
        const std::string id = item["id"];
        if (id.rfind("safety.sign.", 0) == 0 || id.rfind("safety.unsure.", 0) == 0) {
            CHECK(item["kind"] == "toggle");
            CHECK(item["group"] == title);
            ++boxes;
        }
        if (id == "safety.none") {
            CHECK(item["kind"] == "button");
            CHECK_FALSE(item.contains("group"));
        }
    }
    CHECK(boxes == 2 * 6);  // six signs on this page, "yes" and "not sure" for each
    CHECK(state["announce"]["text"] == "Safety check, part 2 of 4: " + title);
}

TEST_CASE("safety pages: at 320 and 390 px every sign and button is inside the screen and large enough", "[ui][safety][layout]") {
    for (const float width : {320.0f, 390.0f}) {
        UiDriver ui(width, 700, 2);
        REQUIRE(ui.tap("home.start"));
        for (int page = 0; page < 4 && ui.state()["screen"] == "safety"; ++page) {
            const auto state = ui.state();
            for (const auto& item : state["items"]) {
                INFO(width << " px, " << item["id"]);
                CHECK(item["x"].get<float>() >= 0.0f);
                CHECK(item["x"].get<float>() + item["w"].get<float>() <= width + 0.5f);
                CHECK(item["h"].get<float>() >= 44.0f);
            }
            REQUIRE(ui.tap("safety.none"));
        }
        CHECK(ui.state()["screen"] == "safety_result");
    }
}

TEST_CASE("Before you start: the start button is on screen without scrolling on a phone", "[ui][prepare][layout]") {
    for (const auto& [width, height] : {std::pair{390.0f, 844.0f}, std::pair{320.0f, 568.0f}}) {
        UiDriver ui(width, height, 3);
        REQUIRE(ui.tap("home.start"));
        ui.answer_safety();
        REQUIRE(ui.tap("safety.continue"));
        REQUIRE(ui.state()["screen"] == "prepare");
        const auto start = ui.item("prepare.start");
        REQUIRE_FALSE(start.is_null());
        INFO(width << " x " << height);
        CHECK(start["y"].get<float>() >= 0.0f);
        CHECK(start["y"].get<float>() + start["h"].get<float>() <= height);
        // The bar covers the page's end, which scrolls clear of it: the last control can be reached.
        const auto footer = ui.state()["footer_top"];
        REQUIRE(footer.is_number());
        CHECK(start["y"].get<float>() >= footer.get<float>());
        REQUIRE(ui.tap("prepare.pain_toggle"));
        CHECK(ui.item("prepare.pain_toggle")["checked"] == true);
        REQUIRE(ui.tap("prepare.start"));
        CHECK(ui.state()["screen"] == "player");
    }
}
