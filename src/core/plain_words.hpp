// plain_words.hpp — the few plain-English phrases for dates, lengths, legs and pressure that the
// screens (src/ui) and the printed handout (core/handout.hpp) both say, so they say them alike.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/calendar_date.hpp"
#include "core/prescription.hpp"
#include "core/routine.hpp"

namespace calfcoach {

// "Wed 9 Dec 2026": unambiguous in every English-speaking country (no 9/12 against 12/9). A date
// that is not real prints as YYYY-MM-DD.
std::string date_words(const CalendarDate& date);
// "9 Dec": a day in a table whose weeks are already dated.
std::string day_month_words(const CalendarDate& date);
// "Mon" ... "Sun" for 0 to 6; "" outside.
std::string_view weekday_short_words(int weekday_index);
// "4 min": whole minutes, rounded, at least 1.
std::string minutes_words(std::int64_t ms);
// "1:30": minutes and seconds, as a timer shows them.
std::string clock_words(std::int64_t seconds);
// "45 s", "1 min", "1 min 30 s": a step's length in words, for print.
std::string seconds_words(std::int64_t seconds);
std::string_view legs_words(PrescribedLegs legs);  // "Left leg only", "Right leg only", "Both legs"
std::string_view preset_words(Preset preset);      // "Quick", "Standard", "Thorough"
std::string_view pressure_words(Pressure pressure);  // "Light pressure", ...

}  // namespace calfcoach
