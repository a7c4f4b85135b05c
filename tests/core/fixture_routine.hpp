// fixture_routine.hpp — a routine built in C++ for the session and plan tests, so they do not depend
// on content/*.json. Standard preset: preparation 30 s once; per leg: warm-up 60 s, tense spots 90 s
// (has a halfway cue), deep pressure 60 s (deep), light strokes 45 s.
#pragma once

#include "core/routine.hpp"

namespace calfcoach::test {

inline Step fixture_step(std::string id, std::string title, std::int64_t quick, std::int64_t standard,
                         std::int64_t thorough, Pressure pressure, bool deep, bool per_leg) {
    Step s;
    s.id = std::move(id);
    s.title = std::move(title);
    s.instruction = "Do it.";
    s.duration_ms = {quick, standard, thorough};
    s.pressure = pressure;
    s.deep = deep;
    s.per_leg = per_leg;
    return s;
}

inline Routine fixture_routine() {
    Routine r;
    r.id = "calf_basic";
    r.title = "Calf basics";
    r.steps.push_back(fixture_step("prepare", "Get oil and towel", 20'000, 30'000, 30'000, Pressure::Light, false, false));
    r.steps.push_back(fixture_step("warm_up_circles", "Warm-up circles", 30'000, 60'000, 90'000, Pressure::Light, false, true));
    r.steps.push_back(fixture_step("tense_spots", "Work the tense spots", 30'000, 90'000, 120'000, Pressure::Moderate, false, true));
    r.steps.push_back(fixture_step("deep_pressure", "Deep pressure", 0, 60'000, 120'000, Pressure::Firm, true, true));
    r.steps.push_back(fixture_step("light_strokes", "Finish with light strokes", 30'000, 45'000, 60'000, Pressure::Light, false, true));
    return r;
}

}  // namespace calfcoach::test
