// The accessibility surface of the UI (issue 7): texts mirrored per frame, announcements (every step
// in order, switch legs with 3-2-1, done, an emergency result said assertively), and the HTML layer's
// actions on items by index: press, set a slider, keyboard focus.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "ui_driver.hpp"

using calfcoach::ui::testing::UiDriver;

namespace {

int index_of(UiDriver& ui, const std::string& id) {
    const nlohmann::json items = ui.state()["items"];
    for (std::size_t i = 0; i < items.size(); ++i)
        if (items[i]["id"] == id) return static_cast<int>(i);
    return -1;
}

// Activates an item the way the HTML control does: by index, applied in the next frames.
void activate(UiDriver& ui, const std::string& id) {
    const int index = index_of(ui, id);
    REQUIRE(index >= 0);
    REQUIRE(ui.app().activate_item(index));
    for (int i = 0; i < 3; ++i) ui.frame();
}

struct Said {
    std::vector<std::string> texts;
    std::vector<bool> assertive;
    std::uint64_t seq = 0;
    void collect(UiDriver& ui) {
        const nlohmann::json a = ui.state()["announce"];
        if (a["seq"].get<std::uint64_t>() == seq) return;
        seq = a["seq"].get<std::uint64_t>();
        texts.push_back(a["text"].get<std::string>());
        assertive.push_back(a["assertive"].get<bool>());
    }
};

}  // namespace

TEST_CASE("texts are exported with their kind, in reading order", "[ui][a11y]") {
    UiDriver ui;
    const nlohmann::json texts = ui.state()["texts"];
    REQUIRE(texts.size() >= 2);
    CHECK(texts[0]["kind"] == "h1");
    CHECK(texts[0]["text"] == "Calf Coach");
    CHECK(texts[0]["before"] == 0);
}

TEST_CASE("the HTML layer presses items, sets sliders and shows focus", "[ui][a11y]") {
    UiDriver ui;
    activate(ui, "home.start");
    REQUIRE(ui.state()["screen"] == "safety");
    ui.app().set_focus_item(index_of(ui, "safety.none"));
    ui.frame();
    CHECK(ui.state()["focus"] == "safety.none");
    ui.app().set_focus_item(-1);
    ui.frame();
    CHECK(ui.state()["focus"] == "");
    CHECK_FALSE(ui.app().activate_item(999));
    // A sign's check box, pressed twice from the HTML layer: marked, then unmarked again.
    activate(ui, "safety.none");
    REQUIRE(ui.state()["page"] == "calf_today");
    activate(ui, "safety.sign.one_leg_swollen");
    CHECK(ui.item("safety.sign.one_leg_swollen")["checked"] == true);
    CHECK(ui.item("safety.none")["label"] == "None of the others");
    activate(ui, "safety.sign.one_leg_swollen");
    CHECK(ui.item("safety.sign.one_leg_swollen")["checked"] == false);
    CHECK(ui.item("safety.none")["label"] == "None of these");
    for (int guard = 0; guard < 40 && ui.state()["screen"] == "safety"; ++guard) activate(ui, "safety.none");
    REQUIRE(ui.state()["screen"] == "safety_result");
    activate(ui, "safety.continue");
    activate(ui, "prepare.preset.0");
    CHECK(ui.item("prepare.preset.0")["checked"] == true);
    activate(ui, "prepare.start");
    REQUIRE(ui.state()["screen"] == "player");
    activate(ui, "player.hurts");
    const int slider = index_of(ui, "pain.score");
    REQUIRE(slider >= 0);
    REQUIRE(ui.app().set_slider_item(slider, 8));
    for (int i = 0; i < 3; ++i) ui.frame();
    CHECK(ui.item("pain.score")["value"] == 8);
    CHECK_FALSE(ui.app().set_slider_item(index_of(ui, "pain.cancel"), 3));  // not a slider
}

TEST_CASE("a session announces every step in order, switch legs, 3-2-1 and done", "[ui][a11y]") {
    UiDriver ui;
    Said said;
    REQUIRE(ui.tap("home.start"));
    ui.answer_safety();
    REQUIRE(ui.tap("safety.continue"));
    REQUIRE(ui.tap("prepare.preset.0"));
    REQUIRE(ui.tap("prepare.start"));
    for (int guard = 0; guard < 4000 && ui.state()["screen"] == "player"; ++guard) {
        ui.advance(250, 250);
        said.collect(ui);
    }
    said.collect(ui);
    REQUIRE(ui.state()["screen"] == "done");
    std::vector<std::string> left, right;
    bool switch_said = false, countdown = false, done = false;
    for (const std::string& text : said.texts) {
        if (text.rfind("Left leg, step ", 0) == 0) left.push_back(text);
        if (text.rfind("Right leg, step ", 0) == 0) right.push_back(text);
        if (text.rfind("Switch legs: right leg next", 0) == 0) switch_said = true;
        if (text == "3" || text == "2" || text == "1") countdown = true;
        if (text.rfind("Done.", 0) == 0) done = true;
    }
    REQUIRE(left.size() >= 3);
    REQUIRE(right.size() == left.size());
    for (std::size_t i = 0; i < left.size(); ++i) {
        const std::string n = std::to_string(i + 1) + " of " + std::to_string(left.size()) + ": ";
        CHECK(left[i].find("step " + n) != std::string::npos);
        CHECK(right[i].find("step " + n) != std::string::npos);
    }
    CHECK(left[0].find(" seconds") != std::string::npos);
    CHECK(switch_said);
    CHECK(countdown);
    CHECK(done);
    for (bool a : said.assertive) CHECK_FALSE(a);
}

TEST_CASE("an emergency safety result is announced assertively", "[ui][a11y]") {
    UiDriver ui;
    REQUIRE(ui.tap("home.start"));
    REQUIRE(ui.tap("safety.sign.chest_symptoms"));  // an emergency sign on the first page
    ui.frame();
    const nlohmann::json state = ui.state();
    REQUIRE(state["screen"] == "safety_result");
    REQUIRE(state["level"] == "emergency");
    CHECK(state["announce"]["assertive"] == true);
    CHECK(state["announce"]["text"].get<std::string>().rfind("Safety check result: ", 0) == 0);
}
