// The hazard log (docs/safety/hazard-log.md) must point at real tests: every hazard names at least
// one Catch2 TEST_CASE that exists in tests/core/*.cpp or tests/ui/*.cpp.
#include <catch2/catch.hpp>

#include <filesystem>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "test_support.hpp"

using namespace calfcoach::test;
namespace fs = std::filesystem;

namespace {

struct HazardRow {
    std::string hazard;               // the "Hazard" column
    std::vector<std::string> tests;   // `names` in the last column
};

// Table rows of the log (not the header or the separator).
std::vector<HazardRow> parse_hazard_log(const std::string& text) {
    std::vector<HazardRow> rows;
    static const std::regex backticked("`([^`]+)`");
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string::npos) end = text.size();
        const std::string line = text.substr(start, end - start);
        start = end + 1;
        if (line.rfind("|", 0) != 0 || line.find("---") != std::string::npos || line.find("| # |") == 0) continue;
        std::vector<std::string> cells;
        std::size_t from = 1;
        for (std::size_t bar; (bar = line.find('|', from)) != std::string::npos; from = bar + 1)
            cells.push_back(line.substr(from, bar - from));
        if (cells.size() < 3) continue;
        HazardRow row;
        row.hazard = cells[1];
        for (std::sregex_iterator it(cells.back().begin(), cells.back().end(), backticked), stop; it != stop; ++it)
            row.tests.push_back((*it)[1]);
        rows.push_back(std::move(row));
    }
    return rows;
}

std::set<std::string> existing_test_cases() {
    std::set<std::string> names;
    static const std::regex test_case(R"re(TEST_CASE\("([^"]+)")re");
    // The core's tests and the UI's (the app's safety behaviour is verified by native UI flow tests).
    for (const char* folder : {"core", "ui"}) {
        for (const auto& entry : fs::directory_iterator(fs::path(CALFCOACH_TESTS_DIR) / folder)) {
            if (entry.path().extension() != ".cpp") continue;
            const std::string text = read_text_file(entry.path().string());
            for (std::sregex_iterator it(text.begin(), text.end(), test_case), stop; it != stop; ++it) names.insert((*it)[1]);
        }
    }
    return names;
}

// Problems with a log: rows without tests, names that are no test case.
std::vector<std::string> hazard_log_problems(const std::vector<HazardRow>& rows, const std::set<std::string>& tests) {
    std::vector<std::string> problems;
    for (const HazardRow& row : rows) {
        if (row.tests.empty()) problems.push_back(row.hazard + ": names no test case");
        for (const std::string& name : row.tests)
            if (!tests.count(name)) problems.push_back(row.hazard + ": no test case \"" + name + "\"");
    }
    return problems;
}

}  // namespace

TEST_CASE("every hazard in the log names test cases that exist", "[hazard-log]") {
    const std::string log = read_text_file(std::string(CALFCOACH_SOURCE_DIR) + "/docs/safety/hazard-log.md");
    const std::vector<HazardRow> rows = parse_hazard_log(log);
    const std::set<std::string> tests = existing_test_cases();
    REQUIRE(tests.count("every hazard in the log names test cases that exist") == 1);  // the scan works
    REQUIRE(rows.size() >= 10);
    for (const std::string& problem : hazard_log_problems(rows, tests)) FAIL_CHECK(problem);
    // The hazards this issue must cover.
    for (const char* must : {"clot", "Wrong content", "fails to load", "Ambiguous", "Stale", "Unsure", "weakens", "Pain"}) {
        const bool found = std::any_of(rows.begin(), rows.end(), [&](const HazardRow& r) { return r.hazard.find(must) != std::string::npos; });
        INFO(must);
        CHECK(found);
    }
}

TEST_CASE("the hazard log check catches a missing or unknown test name", "[hazard-log]") {
    const std::string log =
        "| # | Hazard | Cause | Harm | Control | Verified by |\n"
        "|---|---|---|---|---|---|\n"
        "| H1 | Real | c | h | c | `a missing file is an error` |\n"
        "| H2 | Unknown | c | h | c | `no such test case anywhere` |\n"
        "| H3 | None | c | h | c | nothing named |\n";
    const std::vector<HazardRow> rows = parse_hazard_log(log);
    REQUIRE(rows.size() == 3);
    const std::vector<std::string> problems = hazard_log_problems(rows, existing_test_cases());
    REQUIRE(problems.size() == 2);
    CHECK(problems[0].find("no such test case anywhere") != std::string::npos);
    CHECK(problems[1].find("names no test case") != std::string::npos);
}
