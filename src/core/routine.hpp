// routine.hpp — the data model of a massage routine, shared by the content loader (which fills it)
// and the session engine (which plays it). Plain data, no behaviour beyond small lookups.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace calfcoach {

// Preset lengths of the same routine. Index into Step::duration_ms.
enum class Preset : std::uint8_t { Quick = 0, Standard = 1, Thorough = 2 };
inline constexpr std::size_t kPresetCount = 3;

enum class Pressure : std::uint8_t { Light, Moderate, Firm };

// How the hands move; drives the diagram animation and the wording of cues.
enum class StrokePattern : std::uint8_t { Circles, SweepAnkleToKnee, HoldPoints, LightStrokes, Kneading };

// Where on the lower leg the step works; drives the diagram highlight.
enum class FocusZone : std::uint8_t { WholeCalf, Gastrocnemius, Soleus, Achilles };

enum class Side : std::uint8_t { Left, Right };

struct Step {
    std::string id;                       // unique within the routine, e.g. "warm_up_circles"
    std::string title;                    // short, shown large: "Warm-up circles"
    std::string instruction;              // 2 to 4 short sentences
    std::string tip;                      // one sentence
    std::vector<std::string> technique_ids;
    std::array<std::int64_t, kPresetCount> duration_ms{};  // per preset, per leg; 0 = step left out
    Pressure pressure = Pressure::Light;
    StrokePattern pattern = StrokePattern::Circles;
    FocusZone zone = FocusZone::WholeCalf;
    std::string hands;                    // "palms", "thumbs", "knuckles"...
    bool deep = false;                    // true for deep-pressure steps: skipped under caution or pain "ease"
    bool per_leg = true;                  // false: done once before the legs (preparation)
};

struct Routine {
    std::string id;
    std::string title;
    std::string summary;
    std::vector<Step> steps;

    // Total of one leg's steps for a preset, in ms (steps with per_leg = false counted once by callers).
    [[nodiscard]] std::int64_t leg_duration_ms(Preset preset) const {
        std::int64_t total = 0;
        for (const Step& s : steps)
            if (s.per_leg) total += s.duration_ms[static_cast<std::size_t>(preset)];
        return total;
    }
};

// Stable text names, used in JSON, the CLI and the automation surface.
std::string_view to_string(Preset p);
std::string_view to_string(Pressure p);
std::string_view to_string(StrokePattern p);
std::string_view to_string(FocusZone z);
std::string_view to_string(Side s);
std::optional<Preset> preset_from_string(std::string_view s);
std::optional<Pressure> pressure_from_string(std::string_view s);
std::optional<StrokePattern> stroke_pattern_from_string(std::string_view s);
std::optional<FocusZone> focus_zone_from_string(std::string_view s);
std::optional<Side> side_from_string(std::string_view s);

}  // namespace calfcoach
