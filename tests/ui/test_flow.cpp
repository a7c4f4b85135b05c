// The whole path a person takes, driven headlessly with a fake clock: safety check, preparation,
// the player through both legs, done, history; and the ways it must stop or carry on.
#include <catch2/catch.hpp>

#include <map>
#include <string>

#include "ui/app_storage_keys.hpp"
#include "ui_driver.hpp"

using calfcoach::ui::testing::UiDriver;

namespace {

// Through an ok safety check into the player; preset 0 is quick, 1 standard.
void start_ok_session(UiDriver& ui, int preset = 0) {
    REQUIRE(ui.tap("home.start"));
    ui.answer_safety();
    REQUIRE(ui.state()["screen"] == "safety_result");
    REQUIRE(ui.state()["level"] == "ok");
    REQUIRE(ui.tap("safety.continue"));
    REQUIRE(ui.state()["screen"] == "prepare");
    REQUIRE(ui.tap("prepare.preset." + std::to_string(preset)));
    REQUIRE(ui.tap("prepare.start"));
    REQUIRE(ui.state()["screen"] == "player");
}

}  // namespace

TEST_CASE("full path: all No, a quick session on both legs, done, saved to history", "[ui][flow]") {
    UiDriver ui;
    start_ok_session(ui);
    CHECK(ui.state()["session"]["phase"] == "get_ready");
    CHECK(ui.services.keep_awake == true);
    CHECK(ui.services.schedule_calls.size() >= 1);
    CHECK_FALSE(ui.services.scheduled.empty());  // cues planned ahead for the audio clock

    bool saw_left = false, saw_right = false, saw_switch = false;
    for (int i = 0; i < 2000 && ui.state()["screen"] == "player"; ++i) {
        ui.advance(1000);
        const auto session = ui.state()["session"];
        if (session.is_null()) break;
        if (session["side"] == "left") saw_left = true;
        if (session["side"] == "right") saw_right = true;
        if (session["phase"] == "switch_legs") saw_switch = true;
    }
    CHECK(saw_left);
    CHECK(saw_right);
    CHECK(saw_switch);
    REQUIRE(ui.state()["screen"] == "done");
    CHECK(ui.state()["history_count"] == 1);
    CHECK(ui.services.keep_awake == false);
    CHECK_FALSE(ui.services.storage_values.values.count(std::string(calfcoach::ui::kSessionInProgressKey)));
    // Cues came in order: the first step start before the switch, and done last.
    REQUIRE_FALSE(ui.services.due.empty());
    CHECK(ui.services.due.back().kind == calfcoach::CueKind::Done);
    REQUIRE(ui.tap("nav.home"));
    REQUIRE(ui.tap("home.history"));
    CHECK(ui.state()["screen"] == "history");
    CHECK_FALSE(ui.item("history.export_csv").is_null());
    REQUIRE(ui.tap("history.export_csv"));
    REQUIRE(ui.services.downloads.size() == 1);
    CHECK(ui.services.downloads[0].file_name == "calfcoach-history.csv");
    CHECK(ui.services.downloads[0].mime_type == "text/csv");
    CHECK(ui.services.downloads[0].content.find("started_at") != std::string::npos);
}

TEST_CASE("a red flag ends on the urgent result with no way to start a session", "[ui][flow]") {
    UiDriver ui;
    REQUIRE(ui.tap("home.start"));
    ui.answer_safety({{"one_leg_swollen", "yes"}});
    REQUIRE(ui.state()["screen"] == "safety_result");
    CHECK(ui.state()["level"] == "urgent");
    CHECK(ui.item("safety.continue").is_null());
    CHECK_FALSE(ui.item("safety.learn").is_null());
    CHECK_FALSE(ui.item("nav.home").is_null());
    // And the next Start asks again: an urgent result never gets the 24-hour shortcut.
    REQUIRE(ui.tap("nav.home"));
    REQUIRE(ui.tap("home.start"));
    CHECK(ui.state()["screen"] == "safety");
}

TEST_CASE("an emergency answer stops the check at once and offers the call", "[ui][flow]") {
    UiDriver ui;
    REQUIRE(ui.tap("home.start"));
    REQUIRE(ui.state()["screen"] == "safety");
    // The most severe page comes first: its first mark can decide it.
    CHECK(ui.state()["page"] == "right_now");
    REQUIRE(ui.tap("safety.unsure.chest_symptoms"));  // not sure counts as yes
    REQUIRE(ui.state()["screen"] == "safety_result");
    CHECK(ui.state()["level"] == "emergency");
    REQUIRE(ui.tap("safety.call"));
    CHECK(ui.services.links == std::vector<std::string>{"tel:112"});
}

TEST_CASE("within 24 hours of an ok result one tap confirms nothing has changed", "[ui][flow]") {
    UiDriver ui;
    REQUIRE(ui.tap("home.start"));
    ui.answer_safety();
    REQUIRE(ui.tap("nav.home"));
    ui.services.wall_clock = "2026-11-21T20:00:00Z";
    REQUIRE(ui.tap("home.start"));
    REQUIRE(ui.state()["screen"] == "safety_confirm");
    REQUIRE(ui.tap("safety.unchanged"));
    CHECK(ui.state()["screen"] == "prepare");
    REQUIRE(ui.tap("nav.back"));
    ui.services.wall_clock = "2026-11-22T09:30:00Z";  // more than 24 hours later
    REQUIRE(ui.tap("home.start"));
    CHECK(ui.state()["screen"] == "safety");
}

TEST_CASE("the page is told a session is under way: playing or paused, not before or after", "[ui][flow]") {
    UiDriver ui;
    CHECK_FALSE(ui.last_result.in_session);
    REQUIRE(ui.tap("home.start"));
    CHECK_FALSE(ui.last_result.in_session);
    ui.answer_safety();
    REQUIRE(ui.tap("safety.continue"));
    REQUIRE(ui.tap("prepare.preset.0"));
    REQUIRE(ui.tap("prepare.start"));
    CHECK(ui.last_result.in_session);
    REQUIRE(ui.tap("player.pause"));
    CHECK(ui.last_result.in_session);
    REQUIRE(ui.tap("player.end"));
    REQUIRE(ui.state()["screen"] == "done");
    CHECK_FALSE(ui.last_result.in_session);
}

TEST_CASE("pause keeps the remaining time", "[ui][flow]") {
    UiDriver ui;
    start_ok_session(ui);
    ui.advance(8000);
    REQUIRE(ui.tap("player.pause"));
    const auto before = ui.state()["session"]["remaining_ms"].get<long long>();
    ui.advance(60000);
    CHECK(ui.state()["session"]["paused"] == true);
    CHECK(ui.state()["session"]["remaining_ms"].get<long long>() == before);
    CHECK(ui.services.scheduled.empty());  // nothing sounds while paused
    REQUIRE(ui.tap("player.resume"));
    ui.advance(1000);
    CHECK(ui.state()["session"]["remaining_ms"].get<long long>() < before);
}

TEST_CASE("a hidden page (no frames, only timers) keeps its sounds scheduled ahead, and says nothing late", "[ui][flow]") {
    const auto start_standard = [](UiDriver& ui) {
        start_ok_session(ui, 1);  // standard: long enough to outlast the horizon
        ui.advance(2000);
    };
    constexpr std::int64_t kHiddenMs = 240'000;

    // What a page kept in view plays over the same four minutes (the same fake clock).
    UiDriver visible;
    start_standard(visible);
    const auto from = static_cast<std::int64_t>(visible.now_ms());
    const std::size_t visible_due_before = visible.services.due.size();
    visible.advance(static_cast<double>(kHiddenMs));
    std::map<std::string, std::int64_t> expected;  // cue id -> time, planned inside the window
    for (std::size_t i = visible_due_before; i < visible.services.due.size(); ++i) {
        const calfcoach::Cue& cue = visible.services.due[i];
        if (cue.at_ms > from && cue.at_ms <= from + kHiddenMs - 20'000) expected.emplace(cue.id, cue.at_ms);
    }
    REQUIRE(expected.size() >= 4);

    // The same session, hidden: no frames, only the platform's timer calling keep_cues_ahead.
    UiDriver hidden;
    start_standard(hidden);
    REQUIRE(static_cast<std::int64_t>(hidden.now_ms()) == from);
    const std::size_t due_before = hidden.services.due.size();
    std::map<std::string, std::int64_t> sounded;  // every cue that was on the audio clock at some point
    const auto collect = [&] {
        for (const calfcoach::Cue& cue : hidden.services.scheduled) sounded.emplace(cue.id, cue.at_ms);
    };
    collect();
    // Without top-ups, what was scheduled before hiding ends within the horizon: some are missing.
    const std::size_t before_top_ups = sounded.size();
    bool some_missing = false;
    for (const auto& [id, at] : expected) some_missing = some_missing || sounded.count(id) == 0;
    CHECK(some_missing);

    for (std::int64_t t = from + 10'000; t <= from + kHiddenMs; t += 10'000) {
        hidden.app().keep_cues_ahead(static_cast<double>(t));
        for (const calfcoach::Cue& cue : hidden.services.scheduled) CHECK(cue.at_ms >= t - 20'000);  // nothing long past
        collect();
    }
    CHECK(sounded.size() > before_top_ups);
    for (const auto& [id, at] : expected) {
        INFO("cue " << id << " at " << at);
        REQUIRE(sounded.count(id) == 1);
        CHECK(sounded.at(id) == at);
    }
    CHECK(hidden.services.due.size() == due_before);  // nothing said or buzzed while hidden

    // Back in view: one frame reports the gap, and only the latest passed cue is said (no burst).
    hidden.set_now(static_cast<double>(from + kHiddenMs + 1'000));
    hidden.frame();
    CHECK(hidden.services.due.size() == due_before + 1);
}

TEST_CASE("It hurts at 8 ends the session with the advice", "[ui][flow]") {
    UiDriver ui;
    start_ok_session(ui);
    ui.advance(10000);
    REQUIRE(ui.tap("player.hurts"));
    CHECK(ui.state()["session"]["paused"] == true);
    // Set the slider to 8 by tapping its track at 8/10.
    const auto slider = ui.item("pain.score");
    REQUIRE_FALSE(slider.is_null());
    REQUIRE(ui.tap_at("pain.score", 0.8f));
    CHECK(ui.item("pain.score")["value"] == 8);
    REQUIRE(ui.tap("pain.report"));
    REQUIRE(ui.state()["screen"] == "done");
    CHECK(ui.state()["session"]["ended"] == "pain_stop");
    CHECK(ui.state()["history_count"] == 1);
}

TEST_CASE("It hurts at 5 eases the rest of the session", "[ui][flow]") {
    UiDriver ui;
    start_ok_session(ui);
    ui.advance(10000);
    REQUIRE(ui.tap("player.hurts"));
    REQUIRE(ui.tap_at("pain.score", 0.5f));
    REQUIRE(ui.tap("pain.report"));
    CHECK(ui.state()["screen"] == "player");
    CHECK(ui.state()["session"]["eased"] == true);
    CHECK(ui.state()["session"]["paused"] == false);
}

TEST_CASE("a reload mid-session offers resume at the same point", "[ui][flow]") {
    std::map<std::string, std::string, std::less<>> stored;
    long long remaining = 0;
    std::string step;
    {
        UiDriver ui;
        start_ok_session(ui);
        ui.advance(20000);
        REQUIRE(ui.tap("player.pause"));
        remaining = ui.state()["session"]["remaining_ms"].get<long long>();
        step = ui.state()["session"]["step"].get<std::string>();
        stored = ui.services.storage_values.values;  // what survives the reload
    }
    UiDriver reloaded(390, 844, 3, stored);
    reloaded.frame();
    REQUIRE(reloaded.state()["screen"] == "resume");
    REQUIRE(reloaded.tap("resume.continue"));
    REQUIRE(reloaded.state()["screen"] == "player");
    CHECK(reloaded.state()["session"]["step"] == step);
    CHECK(std::llabs(reloaded.state()["session"]["remaining_ms"].get<long long>() - remaining) <= 200);
}

TEST_CASE("storage that refuses writes: the notice shows and the session still completes", "[ui][flow]") {
    UiDriver ui;
    ui.services.storage_values.refuse_writes = true;
    ui.frame();
    CHECK(ui.state()["storage"] == "memory");
    start_ok_session(ui);
    for (int i = 0; i < 2000 && ui.state()["screen"] == "player"; ++i) ui.advance(1000);
    CHECK(ui.state()["screen"] == "done");
}

TEST_CASE("after an early emergency stop the reasons come only from the answers given", "[ui][flow]") {
    UiDriver ui;
    REQUIRE(ui.tap("home.start"));
    REQUIRE(ui.tap("safety.sign.chest_symptoms"));  // an emergency sign on the first page
    REQUIRE(ui.state()["screen"] == "safety_result");
    CHECK(ui.state()["level"] == "emergency");
    CHECK(ui.state()["reasons"] == 1);
}

TEST_CASE("at 320 px wide nothing is cut off on any screen of the path", "[ui][flow][layout]") {
    UiDriver ui(320, 568, 2);
    const auto all_inside = [&](const char* where) {
        const auto state = ui.state();  // kept alive: the loop borrows from it
        INFO(where << " / screen " << state["screen"]);
        for (const auto& item : state["items"]) {
            INFO(item["id"]);
            CHECK(item["x"].get<float>() >= 0.0f);
            CHECK(item["x"].get<float>() + item["w"].get<float>() <= 320.5f);
            CHECK(item["h"].get<float>() >= 44.0f);
        }
    };
    all_inside("home");
    for (const char* menu : {"home.techniques", "home.learn", "home.history", "home.settings"}) {
        REQUIRE(ui.tap(menu));
        all_inside(menu);
        REQUIRE(ui.tap("nav.back"));
    }
    start_ok_session(ui);
    all_inside("player");
    REQUIRE(ui.tap("player.hurts"));
    all_inside("pain panel");
}

TEST_CASE("player: with a motion layer the stroke moves off the canvas, which draws once a second", "[ui][flow][motion]") {
    UiDriver ui;
    ui.motion_layer = true;
    start_ok_session(ui);
    // Past "get ready" into the first step: the calf picture's stroke moves.
    for (int i = 0; i < 60 && ui.state()["session"]["phase"] != "step"; ++i) ui.advance(1000);
    REQUIRE(ui.state()["session"]["phase"] == "step");
    ui.frame();
    CHECK_FALSE(ui.last_result.animating);  // no frame loop: the platform moves the stroke
    CHECK(ui.last_result.wake_after_ms > 0);
    CHECK(ui.last_result.wake_after_ms <= 1000);  // the countdown's next second
    CHECK_FALSE(ui.last_result.motion.empty());
    CHECK(ui.state()["motion_sprites"].get<int>() == static_cast<int>(ui.last_result.motion.sprites.size()));

    // Paused: the picture is still, on the canvas; nothing is left moving.
    REQUIRE(ui.tap("player.pause"));
    CHECK(ui.last_result.motion.empty());
    CHECK(ui.state()["motion_sprites"] == 0);
    REQUIRE(ui.tap("player.resume"));
    CHECK_FALSE(ui.last_result.motion.empty());

    // Reduced motion: still, on the canvas.
    ui.services.reduced_motion = true;
    ui.frame();
    CHECK(ui.last_result.motion.empty());
    CHECK_FALSE(ui.last_result.animating);

    // Without the layer (the native shell, an old browser) the canvas animates as before.
    ui.services.reduced_motion = false;
    ui.motion_layer = false;
    ui.frame();
    CHECK(ui.last_result.motion.empty());
    CHECK(ui.last_result.animating);
}

TEST_CASE("techniques: an open technique's moving picture goes to the motion layer too", "[ui][motion]") {
    UiDriver ui;
    ui.motion_layer = true;
    REQUIRE(ui.tap("home.techniques"));
    REQUIRE(ui.tap("techniques.effleurage"));
    ui.frame();
    CHECK_FALSE(ui.last_result.motion.empty());
    CHECK_FALSE(ui.last_result.animating);
    ui.motion_layer = false;
    ui.frame();
    CHECK(ui.last_result.motion.empty());
    CHECK(ui.last_result.animating);
}
