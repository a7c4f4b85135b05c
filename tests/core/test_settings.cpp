#include <catch2/catch.hpp>

#include "core/settings.hpp"

using namespace calfcoach;

TEST_CASE("settings round-trip through JSON", "[settings]") {
    Settings s;
    s.sound = false;
    s.volume_percent = 35;
    s.voice = true;
    s.vibration = false;
    s.silent_switch_playback = false;
    s.text_size_percent = 150;
    s.high_contrast = true;
    s.reduced_motion = true;
    s.default_preset = Preset::Thorough;
    s.first_leg = Side::Right;
    s.backup_reminder = false;
    const Settings back = settings_from_json(settings_to_json(s));
    CHECK(back.sound == false);
    CHECK(back.volume_percent == 35);
    CHECK(back.voice == true);
    CHECK(back.vibration == false);
    CHECK(back.silent_switch_playback == false);
    CHECK(back.text_size_percent == 150);
    CHECK(back.high_contrast == true);
    CHECK(back.reduced_motion == std::optional<bool>(true));
    CHECK(back.default_preset == Preset::Thorough);
    CHECK(back.first_leg == Side::Right);
    CHECK(back.backup_reminder == false);
    CHECK(back == s);
}

TEST_CASE("bad stored settings fall back field by field, never throw", "[settings]") {
    const Settings defaults;
    for (const char* text : {"", "not json", "[]", "{\"v\":1,\"volume\":\"loud\"}", "{\"text_size\":130}",
                             "{\"volume\":101}", "{\"default_preset\":\"marathon\"}", "\xFF\xFE",
                             "{\"a\":{\"b\":{\"c\":{\"d\":{\"e\":1}}}}}"}) {
        INFO(text);
        const Settings s = settings_from_json(text);
        CHECK(s.volume_percent == defaults.volume_percent);
        CHECK(s.text_size_percent == defaults.text_size_percent);
        CHECK(s.default_preset == defaults.default_preset);
    }
    const Settings partly = settings_from_json(R"({"volume": "loud", "voice": true, "text_size": 125})");
    CHECK(partly.volume_percent == 80);
    CHECK(partly.voice == true);
    CHECK(partly.text_size_percent == 125);
    CHECK_FALSE(settings_from_json("{}").reduced_motion.has_value());
}

TEST_CASE("settings stored before the silent-switch setting existed still load, with it on", "[settings]") {
    // Exactly what version 0.1 wrote: every field but "silent_switch".
    const Settings old = settings_from_json(R"({"v":1,"sound":false,"volume":40,"voice":true,"vibration":false,)"
                                            R"("text_size":125,"high_contrast":true,"default_preset":"quick",)"
                                            R"("first_leg":"right","reduced_motion":null})");
    CHECK(old.sound == false);
    CHECK(old.volume_percent == 40);
    CHECK(old.voice == true);
    CHECK(old.vibration == false);
    CHECK(old.text_size_percent == 125);
    CHECK(old.high_contrast == true);
    CHECK(old.default_preset == Preset::Quick);
    CHECK(old.first_leg == Side::Right);
    CHECK(old.silent_switch_playback == true);  // the default for a field never stored
    CHECK(Settings{}.silent_switch_playback == true);
    // A bad value keeps the default too; the written JSON carries the field.
    CHECK(settings_from_json(R"({"silent_switch":"yes"})").silent_switch_playback == true);
    CHECK(settings_from_json(R"({"silent_switch":false})").silent_switch_playback == false);
    CHECK(settings_to_json(Settings{}).find("\"silent_switch\":true") != std::string::npos);
}

TEST_CASE("the backup reminder setting: on by default, on for settings stored before it existed", "[settings]") {
    CHECK(Settings{}.backup_reminder == true);
    CHECK(settings_from_json(R"({"v":1,"sound":false})").backup_reminder == true);
    CHECK(settings_from_json(R"({"backup_reminder":"no"})").backup_reminder == true);
    CHECK(settings_from_json(R"({"backup_reminder":false})").backup_reminder == false);
    CHECK(settings_to_json(Settings{}).find("\"backup_reminder\":true") != std::string::npos);
}
