// A clinic's content with more than one routine (the kit's "Add a routine"): the person picks one on
// "Before you start", the session plays it with its own words, and a reload resumes it on it.
#include <catch2/catch.hpp>

#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "core/default_content.hpp"
#include "core/json_safe.hpp"
#include "ui_driver.hpp"

using namespace calfcoach;
using namespace calfcoach::ui;
using calfcoach::ui::testing::UiDriver;

namespace {

// The built-in routine and a short one after a run, as a clinic's bundle.
std::string two_routines() {
    nlohmann::json routines = nlohmann::json::parse(std::string(default_content_file("routines.json")));
    nlohmann::json after_run = routines["routines"][0];
    after_run["id"] = "after_run";
    after_run["title"] = "After a run";
    after_run["summary"] = "Four easy minutes to loosen the calves after running.";
    after_run["steps"][0]["title"] = "Settle in after your run";
    routines["routines"].push_back(after_run);
    return dump_json({{"routines.json", routines}});
}

auto with_content(const std::string& bundle) {
    return [bundle](App& app) {
        app.set_clinic_content_pending();
        REQUIRE(app.use_clinic_content(bundle).empty());
    };
}

void to_prepare(UiDriver& ui) {
    REQUIRE(ui.tap("home.start"));
    if (ui.state()["screen"] == "safety_confirm") {
        REQUIRE(ui.tap("safety.unchanged"));  // checked minutes ago: straight to "Before you start"
    } else {
        ui.answer_safety();
        REQUIRE(ui.tap("safety.continue"));
    }
    REQUIRE(ui.state()["screen"] == "prepare");
}

}  // namespace

TEST_CASE("routines: one routine asks nothing, two are offered by name before the start", "[ui][routines]") {
    UiDriver builtin;
    to_prepare(builtin);
    CHECK(builtin.item("prepare.routine.0").is_null());

    UiDriver ui(390, 844, 3, {}, with_content(two_routines()));
    to_prepare(ui);
    CHECK(ui.item("prepare.routine.0")["label"] == "Calf self-massage");
    CHECK(ui.item("prepare.routine.0")["checked"] == true);
    CHECK(ui.item("prepare.routine.1")["label"] == "After a run");
}

TEST_CASE("routines: the routine picked is the one played, with its own words, and a reload resumes it", "[ui][routines]") {
    std::map<std::string, std::string, std::less<>> stored;
    {
        UiDriver ui(390, 844, 3, {}, with_content(two_routines()));
        to_prepare(ui);
        REQUIRE(ui.tap("prepare.routine.1"));
        CHECK(ui.item("prepare.routine.1")["checked"] == true);
        bool summary = false;
        const auto prepare = ui.state();  // kept alive: the loop borrows from it
        for (const auto& text : prepare["texts"]) summary = summary || text["text"] == "Four easy minutes to loosen the calves after running.";
        CHECK(summary);
        REQUIRE(ui.tap("prepare.start"));
        REQUIRE(ui.state()["screen"] == "player");
        if (ui.state()["session"]["phase"] != "step") REQUIRE(ui.tap("player.next"));  // past "get ready"
        const auto state = ui.state();
        CHECK(state["session"]["routine"] == "after_run");
        CHECK(state["session"]["title"] == "Settle in after your run");
        bool own_words = false;  // the player draws the picked routine's step, not the first routine's
        for (const auto& text : state["texts"]) own_words = own_words || text["text"] == "Settle in after your run";
        CHECK(own_words);
        stored = ui.services.storage_values.values;  // a reload mid-session
    }
    UiDriver reloaded(390, 844, 3, stored, with_content(two_routines()));
    reloaded.frame();
    const auto state = reloaded.state();
    REQUIRE(state["screen"] == "resume");
    CHECK(state["session"]["routine"] == "after_run");
}

TEST_CASE("routines: new content with fewer routines falls back to the first", "[ui][routines]") {
    UiDriver ui(390, 844, 3, {}, with_content(two_routines()));
    to_prepare(ui);
    REQUIRE(ui.tap("prepare.routine.1"));
    REQUIRE(ui.app().use_clinic_content(dump_json({{"routines.json", nlohmann::json::parse(std::string(default_content_file("routines.json")))}})).empty());
    ui.frame();  // the new content is drawn
    CHECK(ui.state()["screen"] == "home");
    to_prepare(ui);
    CHECK(ui.item("prepare.routine.0").is_null());
    REQUIRE(ui.tap("prepare.start"));
    CHECK(ui.state()["session"]["routine"] == "standard");
}
