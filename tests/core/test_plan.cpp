// format_plan: the CLI timeline, one line per phase and a last "total M:SS" line.
#include <catch2/catch.hpp>

#include <sstream>
#include <string>
#include <vector>

#include "core/session.hpp"
#include "fixture_routine.hpp"

using namespace calfcoach;
using calfcoach::test::fixture_routine;

namespace {

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) out.push_back(line);
    return out;
}

}  // namespace

TEST_CASE("format_minutes_seconds rounds down and does not cap minutes", "[plan]") {
    CHECK(format_minutes_seconds(0) == "0:00");
    CHECK(format_minutes_seconds(999) == "0:00");
    CHECK(format_minutes_seconds(61'500) == "1:01");
    CHECK(format_minutes_seconds(75 * 60'000 + 9'000) == "75:09");
    CHECK(format_minutes_seconds(-5) == "0:00");
}

TEST_CASE("the standard plan, line by line", "[plan]") {
    const auto lines = lines_of(format_plan(fixture_routine(), Preset::Standard));
    const std::vector<std::string> expected = {
        "0:00  -  Get ready  0:05",
        "0:05  -  Get oil and towel  0:30",
        "0:35  left  Warm-up circles  1:00",
        "1:35  left  Work the tense spots  1:30",
        "3:05  left  Deep pressure  1:00",
        "4:05  left  Finish with light strokes  0:45",
        "4:50  -  Switch legs  0:10",
        "5:00  right  Warm-up circles  1:00",
        "6:00  right  Work the tense spots  1:30",
        "7:30  right  Deep pressure  1:00",
        "8:30  right  Finish with light strokes  0:45",
        "total 9:15"};
    CHECK(lines == expected);
}

TEST_CASE("the plan follows the preset argument and the options", "[plan]") {
    SessionOptions options;
    options.preset = Preset::Thorough;  // overridden by the argument
    options.only_leg = Side::Right;
    const auto quick = lines_of(format_plan(fixture_routine(), Preset::Quick, options));
    const std::vector<std::string> expected = {
        "0:00  -  Get ready  0:05",
        "0:05  -  Get oil and towel  0:20",
        "0:25  right  Warm-up circles  0:30",
        "0:55  right  Work the tense spots  0:30",
        "1:25  right  Finish with light strokes  0:30",
        "total 1:55"};
    CHECK(quick == expected);

    SessionOptions gentle;
    gentle.gentle = true;
    const std::string text = format_plan(fixture_routine(), Preset::Standard, gentle);
    CHECK(text.find("Deep pressure") == std::string::npos);
    CHECK(lines_of(text).back() == "total 7:15");
}

TEST_CASE("an empty routine still plans get ready and a total", "[plan]") {
    Routine empty;
    empty.id = "empty";
    CHECK(format_plan(empty, Preset::Standard) == "0:00  -  Get ready  0:05\ntotal 0:05\n");
}
