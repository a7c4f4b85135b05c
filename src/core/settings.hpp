// settings.hpp — the person's preferences, stored as a small versioned JSON under one key.
// Bad or missing stored values fall back to the defaults field by field: one broken field never
// loses the others.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/routine.hpp"

namespace calfcoach {

struct Settings {
    bool sound = true;                 // cue tones. Default: on
    int volume_percent = 80;           // 0 to 100. Default: 80
    bool voice = false;                // spoken cues. Default: off
    bool vibration = true;             // vibration cues. Default: on
    // iPhone/iPad (Safari 16.4+): while a session plays, cues sound with the silent switch on and go on
    // with the screen locked (the page asks for a "playback" audio session, which pauses other audio).
    // Only meaningful where the browser has navigator.audioSession. Default: on
    bool silent_switch_playback = true;
    int text_size_percent = 100;       // 100, 125 or 150. Default: 100
    bool high_contrast = false;        // Default: off
    std::optional<bool> reduced_motion;  // empty: follow the system (prefers-reduced-motion). Default: empty
    Preset default_preset = Preset::Standard;  // Default: standard
    Side first_leg = Side::Left;       // Default: left first
    // Home reminds the person to save a backup after every 10 sessions not in one yet (issue 16).
    // Default: on
    bool backup_reminder = true;
    bool operator==(const Settings&) const = default;
};

inline constexpr std::string_view kSettingsKey = "settings";

// {"v":1,...}; never throws. Unknown or bad fields keep their defaults, and a field a stored copy
// lacks (saved by an older version, e.g. before "silent_switch" or "backup_reminder") takes its
// default.
std::string settings_to_json(const Settings& settings);
Settings settings_from_json(std::string_view text);

}  // namespace calfcoach
