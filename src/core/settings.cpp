#include "core/settings.hpp"

#include <algorithm>

#include "core/json_safe.hpp"

namespace calfcoach {
namespace {

bool read_bool(const nlohmann::json& object, const char* key, bool fallback) {
    const auto it = object.find(key);
    return it != object.end() && it->is_boolean() ? it->get<bool>() : fallback;
}

int read_int(const nlohmann::json& object, const char* key, int fallback, int low, int high) {
    const auto it = object.find(key);
    if (it == object.end() || !it->is_number_integer()) return fallback;
    const auto value = it->get<long long>();
    return value < low || value > high ? fallback : static_cast<int>(value);
}

}  // namespace

std::string settings_to_json(const Settings& s) {
    nlohmann::json j = {{"v", 1},
                        {"sound", s.sound},
                        {"volume", s.volume_percent},
                        {"voice", s.voice},
                        {"vibration", s.vibration},
                        {"silent_switch", s.silent_switch_playback},
                        {"text_size", s.text_size_percent},
                        {"high_contrast", s.high_contrast},
                        {"default_preset", to_string(s.default_preset)},
                        {"first_leg", to_string(s.first_leg)},
                        {"backup_reminder", s.backup_reminder}};
    j["reduced_motion"] = s.reduced_motion ? nlohmann::json(*s.reduced_motion) : nlohmann::json(nullptr);
    return dump_json(j);
}

Settings settings_from_json(std::string_view text) {
    Settings s;
    const JsonParseResult parsed = parse_json_limited(text, JsonLimits{16 * 1024, 4});
    if (!parsed.ok || !parsed.value.is_object()) return s;
    const nlohmann::json& j = parsed.value;
    s.sound = read_bool(j, "sound", s.sound);
    s.volume_percent = read_int(j, "volume", s.volume_percent, 0, 100);
    s.voice = read_bool(j, "voice", s.voice);
    s.vibration = read_bool(j, "vibration", s.vibration);
    s.silent_switch_playback = read_bool(j, "silent_switch", s.silent_switch_playback);
    const int text_size = read_int(j, "text_size", s.text_size_percent, 100, 150);
    if (text_size == 100 || text_size == 125 || text_size == 150) s.text_size_percent = text_size;
    s.high_contrast = read_bool(j, "high_contrast", s.high_contrast);
    s.backup_reminder = read_bool(j, "backup_reminder", s.backup_reminder);
    if (const auto it = j.find("reduced_motion"); it != j.end() && it->is_boolean()) s.reduced_motion = it->get<bool>();
    if (const auto it = j.find("default_preset"); it != j.end() && it->is_string())
        s.default_preset = preset_from_string(it->get<std::string>()).value_or(s.default_preset);
    if (const auto it = j.find("first_leg"); it != j.end() && it->is_string())
        s.first_leg = side_from_string(it->get<std::string>()).value_or(s.first_leg);
    return s;
}

}  // namespace calfcoach
