// safety_level.hpp — the outcome of the safety check, least to most severe. Shared by triage (which
// decides it), the session (which adapts to it) and history (which records it).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

namespace calfcoach {

enum class SafetyLevel : std::uint8_t {
    Ok = 0,           // go ahead
    Caution,          // go ahead gently: lighter pressure, skip the deep step
    Wait,             // do not massage the affected leg until healed
    SeeProfessional,  // no calf self-massage until a health professional says it is fine
    Urgent,           // get medical advice today; do not massage
    Emergency,        // call the emergency number now
};

inline constexpr std::array<std::string_view, 6> kSafetyLevelNames = {
    "ok", "caution", "wait", "see_professional", "urgent", "emergency"};

constexpr std::string_view to_string(SafetyLevel level) {
    return kSafetyLevelNames[static_cast<std::size_t>(level)];
}

constexpr std::optional<SafetyLevel> safety_level_from_string(std::string_view name) {
    for (std::size_t i = 0; i < kSafetyLevelNames.size(); ++i)
        if (kSafetyLevelNames[i] == name) return static_cast<SafetyLevel>(i);
    return std::nullopt;
}

// What the patient app's result banner says for each level (ui/level_look uses the same words).
inline constexpr std::array<std::string_view, 6> kSafetyLevelTitles = {
    "Go ahead",
    "Go ahead gently",
    "Wait until it has healed",
    "See a health professional first",
    "Get medical advice today",
    "Call the emergency number now",
};
constexpr std::string_view safety_level_title(SafetyLevel level) {
    return kSafetyLevelTitles[static_cast<std::size_t>(level)];
}

// Only these two lead on to a session.
constexpr bool allows_session(SafetyLevel level) { return level <= SafetyLevel::Caution; }

}  // namespace calfcoach
