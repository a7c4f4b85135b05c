// The fake services record what the UI asks, so the screens' tests can rely on them.
#include <catch2/catch.hpp>

#include "fake_services.hpp"

using calfcoach::Cue;
using calfcoach::CueKind;
using calfcoach::ui::testing::FakeServices;

TEST_CASE("fake services record cues, keep-awake, downloads and links") {
    FakeServices services;
    calfcoach::ui::Services& seam = services;  // used only through the interface, as the UI does

    const Cue first{CueKind::StepStart, 1'000, "Left leg: Warm-up circles", "1:step_start"};
    const Cue second{CueKind::Halfway, 31'000, "Halfway", "1:halfway"};
    seam.schedule_cues({first, second}, 500);
    REQUIRE(services.schedule_calls.size() == 1);
    CHECK(services.schedule_calls[0].now_ms == 500);
    CHECK(services.scheduled.size() == 2);
    seam.cue_due(first);
    CHECK(services.was_due("1:step_start"));
    CHECK_FALSE(services.was_due("1:halfway"));
    seam.cancel_cues();
    CHECK(services.scheduled.empty());
    CHECK(services.cancel_calls == 1);

    seam.set_keep_awake(true);
    seam.set_keep_awake(false);
    CHECK(services.keep_awake_changes == std::vector<bool>{true, false});
    CHECK_FALSE(services.keep_awake);

    CHECK(seam.download("history.csv", "text/csv", "id\r\n"));
    REQUIRE(services.downloads.size() == 1);
    CHECK(services.downloads[0].file_name == "history.csv");
    services.download_succeeds = false;
    CHECK_FALSE(seam.download("history.json", "application/json", "{}"));
    CHECK(services.downloads.size() == 1);

    seam.open_link("tel:999");
    CHECK(services.links == std::vector<std::string>{"tel:999"});
}

TEST_CASE("fake services: storage round-trips and reports a full quota as not persistent") {
    FakeServices services;
    calfcoach::ui::Services& seam = services;
    REQUIRE(seam.storage().set("history.a", "caf\xC3\xA9"));
    CHECK(seam.storage().get("history.a") == std::optional<std::string>("caf\xC3\xA9"));
    CHECK(seam.status().storage_persistent);
    services.storage_values.refuse_writes = true;
    CHECK_FALSE(seam.status().storage_persistent);
    CHECK(seam.wall_clock_iso() == "2026-11-21T08:30:00Z");
}

TEST_CASE("fake services record the audio session and the media controls") {
    FakeServices services;
    calfcoach::ui::Services& seam = services;
    CHECK(services.audio_session == calfcoach::ui::AudioSessionType::Auto);
    CHECK_FALSE(services.media_session.active);
    seam.set_audio_session(calfcoach::ui::AudioSessionType::Playback);
    seam.set_audio_session(calfcoach::ui::AudioSessionType::Auto);
    CHECK(services.audio_session_changes ==
          std::vector<calfcoach::ui::AudioSessionType>{calfcoach::ui::AudioSessionType::Playback,
                                                       calfcoach::ui::AudioSessionType::Auto});
    calfcoach::ui::MediaSessionInfo info;
    info.active = true;
    info.title = "Warm-up circles";
    info.artist = "Left leg";
    info.playing = true;
    seam.set_media_session(info);
    CHECK(services.media_session == info);
    seam.set_media_session({});
    CHECK(services.media_session_changes.size() == 2);
    CHECK_FALSE(services.media_session.active);
}
