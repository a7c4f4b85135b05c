// The device seams of a playing session on a phone (issue "iPhone cues, the silent switch and the lock
// screen"): the media controls follow every step and leg and act through the player's own commands,
// the "playback" audio session is asked for only while a session plays (and never with the setting
// off), and Settings says plainly what the device cannot do instead of offering toggles that do nothing.
#include <catch2/catch.hpp>

#include <set>
#include <string>
#include <utility>

#include "core/settings.hpp"
#include "ui_driver.hpp"

using calfcoach::ui::AudioSessionType;
using calfcoach::ui::MediaAction;
using calfcoach::ui::MediaSessionInfo;
using calfcoach::ui::testing::UiDriver;

namespace {

void answer_all_no(UiDriver& ui) {
    ui.answer_safety();
}

// Through an ok safety check into the player; preset 0 is quick.
void start_session(UiDriver& ui, int preset = 0) {
    REQUIRE(ui.tap("home.start"));
    answer_all_no(ui);
    REQUIRE(ui.tap("safety.continue"));
    REQUIRE(ui.tap("prepare.preset." + std::to_string(preset)));
    REQUIRE(ui.tap("prepare.start"));
    REQUIRE(ui.state()["screen"] == "player");
}

// The leg the media controls should name for the state's session: its own side, else the next one's.
std::string expected_leg(const nlohmann::json& session, const std::string& next_side) {
    const std::string side = session["side"].is_null() ? next_side : session["side"].get<std::string>();
    return side == "left" ? "Left leg" : side == "right" ? "Right leg" : "Both legs";
}

bool has_text(const nlohmann::json& state, const std::string& needle) {
    for (const auto& text : state["texts"])
        if (text["text"].get<std::string>().find(needle) != std::string::npos) return true;
    return false;
}

}  // namespace

TEST_CASE("media controls: metadata follows every step and leg, and is cleared at the end", "[ui][media]") {
    UiDriver ui;
    CHECK(ui.services.media_session_changes.empty());  // nothing before a session
    start_session(ui);
    REQUIRE(ui.services.media_session.active);
    CHECK(ui.services.media_session.title == "Get ready");
    CHECK(ui.services.media_session.artist == "Left leg");  // the leg done first
    CHECK(ui.services.media_session.playing);

    std::set<std::pair<std::string, std::string>> seen;  // (title, artist) the controls showed
    std::set<std::size_t> phases;
    for (int i = 0; i < 3000 && ui.state()["screen"] == "player"; ++i) {
        ui.advance(500);
        const auto state = ui.state();
        if (state["screen"] != "player") break;
        const auto& session = state["session"];
        const MediaSessionInfo& info = ui.services.media_session;
        INFO("phase " << session["phase_index"] << " " << session["title"]);
        REQUIRE(info.active);
        CHECK(info.title == session["title"].get<std::string>());
        if (session["phase"] == "step") CHECK(info.artist == expected_leg(session, ""));
        else CHECK((info.artist == "Left leg" || info.artist == "Right leg"));
        if (session["phase"] == "switch_legs") CHECK(info.artist == "Right leg");  // the leg next
        CHECK(info.playing);
        seen.emplace(info.title, info.artist);
        phases.insert(session["phase_index"].get<std::size_t>());
    }
    REQUIRE(ui.state()["screen"] == "done");
    CHECK(phases.size() >= 5);
    bool left_step = false, right_step = false;
    for (const auto& [title, artist] : seen) {
        left_step = left_step || (artist == "Left leg" && title != "Get ready");
        right_step = right_step || (artist == "Right leg" && title != "Switch legs");
    }
    CHECK(left_step);
    CHECK(right_step);
    // One change per phase at most (never resent when nothing changed), and the last one clears.
    CHECK(ui.services.media_session_changes.size() <= phases.size() + 2);
    CHECK_FALSE(ui.services.media_session.active);
    CHECK(ui.services.media_session.title.empty());
    CHECK(ui.services.audio_session == AudioSessionType::Auto);
}

TEST_CASE("media controls: pause and play act on the core session, next and previous move steps", "[ui][media]") {
    UiDriver ui;
    start_session(ui);
    ui.advance(6000);  // past get ready, into the first step
    REQUIRE(ui.state()["session"]["phase"] == "step");
    const auto first = ui.state()["session"];

    ui.app().media_action(MediaAction::Pause);
    ui.frame();
    CHECK(ui.state()["session"]["paused"] == true);
    CHECK_FALSE(ui.services.media_session.playing);
    CHECK(ui.services.scheduled.empty());  // paused: nothing left on the audio clock
    CHECK(ui.services.audio_session == AudioSessionType::Auto);
    CHECK_FALSE(ui.item("player.resume").is_null());  // the screen shows it, as after the button
    const auto remaining = ui.state()["session"]["remaining_ms"].get<long long>();
    ui.advance(5000);
    CHECK(ui.state()["session"]["remaining_ms"].get<long long>() == remaining);

    ui.app().media_action(MediaAction::Play);
    ui.frame();
    CHECK(ui.state()["session"]["paused"] == false);
    CHECK(ui.services.media_session.playing);
    CHECK(ui.services.audio_session == AudioSessionType::Playback);
    CHECK_FALSE(ui.services.scheduled.empty());

    ui.app().media_action(MediaAction::NextTrack);
    ui.frame();
    const auto next = ui.state()["session"];
    CHECK(next["phase_index"].get<int>() == first["phase_index"].get<int>() + 1);
    CHECK(ui.services.media_session.title == next["title"].get<std::string>());

    ui.app().media_action(MediaAction::PreviousTrack);
    ui.frame();
    CHECK(ui.state()["session"]["phase_index"] == first["phase_index"]);
    CHECK(ui.services.media_session.title == first["title"].get<std::string>());

    // Play while playing and pause twice are no-ops, as the buttons are.
    ui.app().media_action(MediaAction::Play);
    ui.app().media_action(MediaAction::Pause);
    ui.app().media_action(MediaAction::Pause);
    ui.frame();
    CHECK(ui.state()["session"]["paused"] == true);
}

TEST_CASE("media controls: a hidden page applies the action on the platform's call, with no frame", "[ui][media]") {
    UiDriver ui;
    start_session(ui, 1);
    ui.advance(8000);
    REQUIRE_FALSE(ui.services.scheduled.empty());
    const double hidden_at = ui.now_ms() + 30'000;  // no frames for 30 s
    ui.app().media_action(MediaAction::Pause);
    ui.app().keep_cues_ahead(hidden_at);
    CHECK(ui.services.scheduled.empty());  // the tones ahead are taken off at once
    CHECK_FALSE(ui.services.media_session.playing);
    CHECK(ui.services.audio_session == AudioSessionType::Auto);
    // Paused at the time of the press, not at the last frame: 30 s of the step have gone.
    ui.set_now(hidden_at + 60'000);
    ui.frame();
    const auto session = ui.state()["session"];
    CHECK(session["paused"] == true);
    CHECK(session["active_ms"].get<long long>() >= 35'000);
}

TEST_CASE("media controls: ignored while It hurts is open and after the session", "[ui][media]") {
    UiDriver ui;
    start_session(ui);
    ui.advance(6000);
    REQUIRE(ui.tap("player.hurts"));
    REQUIRE(ui.state()["session"]["paused"] == true);
    ui.app().media_action(MediaAction::Play);
    ui.app().media_action(MediaAction::NextTrack);
    ui.frame();
    CHECK(ui.state()["session"]["paused"] == true);
    CHECK_FALSE(ui.item("pain.report").is_null());  // the question is still asked
    REQUIRE(ui.tap("pain.cancel"));
    ui.advance(500);  // the page was scrolled to reach Cancel: let the shorter player settle
    REQUIRE(ui.tap("player.end"));
    REQUIRE(ui.state()["screen"] == "done");
    CHECK_FALSE(ui.services.media_session.active);
    const auto changes = ui.services.media_session_changes.size();
    ui.app().media_action(MediaAction::Play);
    ui.frame();
    CHECK(ui.state()["screen"] == "done");
    CHECK(ui.services.media_session_changes.size() == changes);
}

TEST_CASE("audio session: playback only while a session plays, auto when paused or ended", "[ui][media]") {
    UiDriver ui;
    CHECK(ui.services.audio_session_changes.empty());
    start_session(ui);
    CHECK(ui.services.audio_session == AudioSessionType::Playback);
    REQUIRE(ui.tap("player.pause"));
    CHECK(ui.services.audio_session == AudioSessionType::Auto);
    REQUIRE(ui.tap("player.resume"));
    CHECK(ui.services.audio_session == AudioSessionType::Playback);
    REQUIRE(ui.tap("player.end"));
    CHECK(ui.services.audio_session == AudioSessionType::Auto);
    CHECK(ui.services.audio_session_changes ==
          std::vector<AudioSessionType>{AudioSessionType::Playback, AudioSessionType::Auto, AudioSessionType::Playback,
                                        AudioSessionType::Auto});
}

TEST_CASE("audio session: the setting off (or nothing to hear) never asks for playback", "[ui][media]") {
    SECTION("the setting, turned off in Settings and stored") {
        std::map<std::string, std::string, std::less<>> stored;
        {
            UiDriver ui;
            REQUIRE(ui.tap("home.settings"));
            REQUIRE(ui.item("settings.silent_switch")["checked"] == true);  // default on
            REQUIRE(ui.tap("settings.silent_switch"));
            CHECK(ui.item("settings.silent_switch")["checked"] == false);
            stored = ui.services.storage_values.values;
        }
        UiDriver ui(390, 844, 3, stored);  // a later visit keeps it
        start_session(ui);
        ui.advance(10'000);
        REQUIRE(ui.tap("player.pause"));
        REQUIRE(ui.tap("player.resume"));
        CHECK(ui.services.audio_session_changes.empty());
    }
    SECTION("sound and voice both off") {
        calfcoach::Settings quiet;
        quiet.sound = false;
        quiet.voice = false;
        UiDriver ui(390, 844, 3, {{std::string(calfcoach::kSettingsKey), calfcoach::settings_to_json(quiet)}});
        start_session(ui);
        CHECK(ui.services.audio_session_changes.empty());
        CHECK(ui.services.media_session.active);  // the controls still work
    }
}

TEST_CASE("Settings: no vibration toggle where the device cannot vibrate, said plainly", "[ui][settings]") {
    UiDriver ui;
    REQUIRE(ui.tap("home.settings"));
    CHECK_FALSE(ui.item("settings.vibration").is_null());
    CHECK_FALSE(has_text(ui.state(), "cannot vibrate"));

    UiDriver phone;
    phone.services.device_status.vibration = false;  // an iPhone
    REQUIRE(phone.tap("home.settings"));
    CHECK(phone.item("settings.vibration").is_null());
    CHECK(has_text(phone.state(), "this device cannot vibrate"));
}

TEST_CASE("Settings: the silent-switch toggle only where the browser has an audio session", "[ui][settings]") {
    UiDriver ui;
    ui.services.device_status.audio_session = false;  // Chrome, Firefox, Android
    REQUIRE(ui.tap("home.settings"));
    CHECK(ui.item("settings.silent_switch").is_null());
    CHECK(has_text(ui.state(), "this browser decides by itself"));
}
