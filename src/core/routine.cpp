#include "routine.hpp"

namespace calfcoach {
namespace {

template <typename Enum, std::size_t N>
struct NameTable {
    std::array<std::pair<Enum, std::string_view>, N> rows;

    [[nodiscard]] constexpr std::string_view name(Enum e) const {
        for (const auto& [value, text] : rows)
            if (value == e) return text;
        return "unknown";
    }
    [[nodiscard]] constexpr std::optional<Enum> parse(std::string_view s) const {
        for (const auto& [value, text] : rows)
            if (text == s) return value;
        return std::nullopt;
    }
};

constexpr NameTable<Preset, 3> kPresets{{{{Preset::Quick, "quick"}, {Preset::Standard, "standard"}, {Preset::Thorough, "thorough"}}}};
constexpr NameTable<Pressure, 3> kPressures{{{{Pressure::Light, "light"}, {Pressure::Moderate, "moderate"}, {Pressure::Firm, "firm"}}}};
constexpr NameTable<StrokePattern, 5> kPatterns{{{{StrokePattern::Circles, "circles"},
                                                  {StrokePattern::SweepAnkleToKnee, "sweep_ankle_to_knee"},
                                                  {StrokePattern::HoldPoints, "hold_points"},
                                                  {StrokePattern::LightStrokes, "light_strokes"},
                                                  {StrokePattern::Kneading, "kneading"}}}};
constexpr NameTable<FocusZone, 4> kZones{{{{FocusZone::WholeCalf, "whole_calf"},
                                           {FocusZone::Gastrocnemius, "gastrocnemius"},
                                           {FocusZone::Soleus, "soleus"},
                                           {FocusZone::Achilles, "achilles"}}}};
constexpr NameTable<Side, 2> kSides{{{{Side::Left, "left"}, {Side::Right, "right"}}}};

}  // namespace

std::string_view to_string(Preset p) { return kPresets.name(p); }
std::string_view to_string(Pressure p) { return kPressures.name(p); }
std::string_view to_string(StrokePattern p) { return kPatterns.name(p); }
std::string_view to_string(FocusZone z) { return kZones.name(z); }
std::string_view to_string(Side s) { return kSides.name(s); }
std::optional<Preset> preset_from_string(std::string_view s) { return kPresets.parse(s); }
std::optional<Pressure> pressure_from_string(std::string_view s) { return kPressures.parse(s); }
std::optional<StrokePattern> stroke_pattern_from_string(std::string_view s) { return kPatterns.parse(s); }
std::optional<FocusZone> focus_zone_from_string(std::string_view s) { return kZones.parse(s); }
std::optional<Side> side_from_string(std::string_view s) { return kSides.parse(s); }

}  // namespace calfcoach
