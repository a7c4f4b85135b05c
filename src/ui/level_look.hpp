// level_look.hpp — how each safety level is shown: colour, icon AND words, never colour alone.
#pragma once

#include "core/safety_level.hpp"
#include "ui/icons.hpp"
#include "ui/theme.hpp"

namespace calfcoach::ui {

struct LevelLook {
    Icon icon;
    Rgb colour;         // banner fill; white text on it meets 4.5:1 (tests/ui/test_theme.cpp)
    const char* title;  // the level in words
    const char* todo;   // what to do now, one or two short sentences
};

const LevelLook& level_look(SafetyLevel level);

}  // namespace calfcoach::ui
