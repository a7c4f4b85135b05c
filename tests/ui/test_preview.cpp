// The clinic kit's preview of the patient app (App::show_preview): each screen a physio can pick is
// reached as a patient would reach it, it stays there when the clinic's content changes, and the
// preview keeps nothing on the device.
#include <catch2/catch.hpp>

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/default_content.hpp"
#include "core/json_safe.hpp"
#include "core/history.hpp"
#include "core/launch_options.hpp"
#include "core/settings.hpp"
#include "ui/app_storage_keys.hpp"
#include "ui_driver.hpp"

using namespace calfcoach;
using namespace calfcoach::ui;
using calfcoach::ui::testing::UiDriver;

namespace {

// The clinic's content, as the kit sends it: the built-in routine with its first step renamed.
std::string clinic_bundle(const std::string& first_step_title) {
    nlohmann::json routines = nlohmann::json::parse(std::string(default_content_file("routines.json")));
    routines["routines"][0]["steps"][0]["title"] = first_step_title;
    return dump_json({{"routines.json", routines}});
}

void show(UiDriver& ui, App::PreviewScreen screen) {
    ui.app().show_preview(screen);
    ui.frame();  // the platform wakes a frame: it draws the screen
    ui.settle();
}

// Nothing of the preview is kept: no safety answers, no session, no history, no settings.
void check_nothing_kept(UiDriver& ui) {
    for (const std::string_view key : {kLastSafetyKey, kRememberedNoneKey, kSessionInProgressKey, kSessionProgrammeKey,
                                       kSettingsKey, kHistoryKeyA, kHistoryKeyB})
        CHECK_FALSE(ui.services.storage_values.values.count(key));
    CHECK(ui.state()["history_count"] == 0);
    CHECK(ui.services.host_events.size() <= 1);  // at most "ready": no safety result, no session complete
}

}  // namespace

TEST_CASE("preview: every screen name the kit sends is known and no other", "[ui][preview]") {
    for (std::size_t i = 0; i < kPreviewScreenNames.size(); ++i)
        CHECK(App::preview_screen_from_name(kPreviewScreenNames[i]) == static_cast<App::PreviewScreen>(i));
    CHECK_FALSE(App::preview_screen_from_name("Player"));
    CHECK_FALSE(App::preview_screen_from_name(""));
    CHECK_FALSE(App::preview_screen_from_name("history"));
}

TEST_CASE("preview: the safety check opens on its first page and the result is the all-clear a patient gets", "[ui][preview]") {
    UiDriver ui;
    show(ui, App::PreviewScreen::SafetyCheck);
    CHECK(ui.state()["screen"] == "safety");
    CHECK(ui.state()["level"].is_null());
    show(ui, App::PreviewScreen::SafetyResult);
    const auto state = ui.state();
    CHECK(state["screen"] == "safety_result");
    CHECK(state["level"] == "ok");
    CHECK(state["preview"] == true);
    check_nothing_kept(ui);
}

TEST_CASE("preview: the session shows its first massage step and waits, silent", "[ui][preview]") {
    UiDriver ui;
    show(ui, App::PreviewScreen::Player);
    const auto state = ui.state();
    REQUIRE(state["screen"] == "player");
    CHECK(state["session"]["phase"] == "step");
    CHECK(state["session"]["paused"] == true);
    CHECK(state["session"]["plan"].empty());  // no cue is scheduled
    ui.advance(5000);
    CHECK(ui.state()["session"]["phase_index"] == state["session"]["phase_index"]);
    check_nothing_kept(ui);
}

TEST_CASE("preview: done shows a whole routine finished and says nothing was saved", "[ui][preview]") {
    UiDriver ui;
    show(ui, App::PreviewScreen::Done);
    const auto state = ui.state();
    REQUIRE(state["screen"] == "done");
    CHECK(state["session"]["finished"] == true);
    CHECK(state["session"]["ended"] == "none");
    CHECK(state["session"]["steps_done"] == state["session"]["steps_total"]);
    bool said = false;
    for (const auto& text : state["texts"]) said = said || text["text"] == "This is a preview: nothing is saved.";
    CHECK(said);
    check_nothing_kept(ui);
}

TEST_CASE("preview: new content from the form keeps the screen the physio is looking at, with the new words", "[ui][preview]") {
    UiDriver ui;
    show(ui, App::PreviewScreen::Player);
    REQUIRE(ui.app().use_clinic_content(clinic_bundle("Warm the calf up")).empty());
    ui.frame();
    auto state = ui.state();
    CHECK(state["screen"] == "player");
    CHECK(state["session"]["title"] == "Warm the calf up");
    CHECK(state["session"]["paused"] == true);
    show(ui, App::PreviewScreen::Home);
    CHECK(ui.state()["screen"] == "home");
    CHECK(ui.state()["session"].is_null());
    check_nothing_kept(ui);
}

TEST_CASE("preview: without a preview the same check and session are kept as always", "[ui][preview]") {
    UiDriver ui;
    REQUIRE(ui.tap("home.start"));
    ui.answer_safety();
    CHECK(ui.state()["level"] == "ok");
    CHECK(ui.state()["preview"] == false);
    CHECK(ui.services.storage_values.values.count(kLastSafetyKey));
}
