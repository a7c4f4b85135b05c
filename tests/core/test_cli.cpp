// The built `calfcoach` tool, run as a process: exit codes and output of triage and validate.
#include <catch2/catch.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <cstdlib>
#include <string>
#include <tuple>

#include "test_support.hpp"

using namespace calfcoach;
using namespace calfcoach::test;
namespace fs = std::filesystem;

namespace {

struct Run {
    int exit_code = -1;
    std::string out;
    std::string err;
};

// A scratch folder unique to this process, removed at the end of the test.
struct ScratchDir {
    fs::path path;
    explicit ScratchDir(const std::string& name)
        : path(fs::temp_directory_path() / ("calfcoach_cli_" + name + "_" + std::to_string(::getpid()))) {
        fs::remove_all(path);
        fs::create_directories(path);
    }
    ~ScratchDir() { fs::remove_all(path); }
};

// Runs the tool with `args` (shell words) and `input` on stdin.
Run run_tool(const std::string& args, const std::string& input = "") {
    static int counter = 0;
    const fs::path base = fs::temp_directory_path() / ("calfcoach_cli_io_" + std::to_string(::getpid()) + "_" + std::to_string(++counter));
    { std::ofstream(base.string() + ".in", std::ios::binary) << input; }
    const std::string command = std::string("'") + CALFCOACH_TOOL_PATH + "' " + args + " < '" + base.string() +
                                ".in' 2> '" + base.string() + ".err'";
    Run run;
    FILE* pipe = ::popen(command.c_str(), "r");
    REQUIRE(pipe != nullptr);
    char buffer[4096];
    std::size_t n = 0;
    while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) run.out.append(buffer, n);
    const int status = ::pclose(pipe);
    run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    run.err = read_text_file(base.string() + ".err");
    fs::remove(base.string() + ".in");
    fs::remove(base.string() + ".err");
    return run;
}

std::string all_no_except(const std::string& yes_id, const std::string& value = "yes") {
    nlohmann::json answers = nlohmann::json::object();
    for (const TriageQuestion& q : shipped_triage().questions) answers[q.id] = q.id == yes_id ? value : "no";
    return nlohmann::json{{"answers", answers}}.dump();
}

}  // namespace

TEST_CASE("calfcoach triage prints the level, rules and advice for good input", "[cli]") {
    const Run run = run_tool("triage", all_no_except("recent_injury"));
    INFO(run.err);
    REQUIRE(run.exit_code == 0);
    const nlohmann::json out = nlohmann::json::parse(run.out);
    CHECK(out["level"] == "wait");
    REQUIRE(out["rules"].size() == 1);
    CHECK(out["rules"][0]["id"] == "fresh_injury");
    CHECK(out["rules"][0]["source"] == "NHS: sprains and strains");
    CHECK(out["advice"].size() == 1);
    CHECK(run.out.find("\"level\"") < run.out.find("\"rules\""));  // level first, for people reading it

    const Run unsure = run_tool("triage", all_no_except("chest_symptoms", "unsure"));
    CHECK(nlohmann::json::parse(unsure.out)["level"] == "emergency");
    const Run none = run_tool("triage", all_no_except(""));
    CHECK(nlohmann::json::parse(none.out)["level"] == "ok");
}

TEST_CASE("calfcoach triage rejects bad input with exit 2 and one line on stderr", "[cli]") {
    const std::string bad[] = {"not json", "[1]", R"({"answers": {"numbness": "maybe"}})",
                               R"({"answers": {"no_such_question": "yes"}})", R"({"answers": "yes"})"};
    for (const std::string& input : bad) {
        INFO(input);
        const Run run = run_tool("triage", input);
        CHECK(run.exit_code == 2);
        CHECK(run.out.empty());
        REQUIRE_FALSE(run.err.empty());
        CHECK(run.err.find('\n') == run.err.size() - 1);
    }
    CHECK(run_tool("triage --bogus", "{}").exit_code == 2);
}

TEST_CASE("calfcoach triage --content uses a clinic folder and refuses an invalid one", "[cli]") {
    ScratchDir clinic("triage_content");
    for (std::string_view name : kContentFileNames)
        std::ofstream(clinic.path / std::string(name)) << shipped_files().at(std::string(name));
    {
        nlohmann::json triage = nlohmann::json::parse(shipped_files().at("triage.json"));
        for (auto& rule : triage["rules"])
            if (rule["id"] == "sore_muscles") rule["level"] = "wait";  // stricter: allowed
        std::ofstream(clinic.path / "triage.json") << triage.dump();
    }
    const Run stricter = run_tool("triage --content '" + clinic.path.string() + "'", all_no_except("sore_after_exercise"));
    INFO(stricter.err);
    REQUIRE(stricter.exit_code == 0);
    CHECK(nlohmann::json::parse(stricter.out)["level"] == "wait");

    fs::remove(clinic.path / "triage.json");
    const Run broken = run_tool("triage --content '" + clinic.path.string() + "'", all_no_except(""));
    CHECK(broken.exit_code == 2);
    CHECK(broken.out.empty());
    CHECK(broken.err.find("triage.json") != std::string::npos);
}

TEST_CASE("calfcoach validate accepts the shipped content", "[cli]") {
    const Run run = run_tool("validate '" + std::string(CALFCOACH_SOURCE_DIR) + "/content'");
    INFO(run.out << run.err);
    CHECK(run.exit_code == 0);
    CHECK(run.out.find("valid") != std::string::npos);
    CHECK(run.out.find("error") == std::string::npos);
}

TEST_CASE("calfcoach validate lists every problem with file and pointer and exits 1", "[cli]") {
    ScratchDir broken("validate_broken");
    for (std::string_view name : kContentFileNames)
        std::ofstream(broken.path / std::string(name)) << shipped_files().at(std::string(name));
    nlohmann::json routines = nlohmann::json::parse(shipped_files().at("routines.json"));
    routines["routines"][0]["steps"][2]["duration"]["quick"] = 0;
    routines["routines"][0]["steps"][1]["techniques"][0] = "karate_chop";
    routines["routines"][0]["extra"] = true;
    std::ofstream(broken.path / "routines.json") << routines.dump(2);
    fs::remove(broken.path / "learn.json");

    const Run run = run_tool("validate '" + broken.path.string() + "'");
    INFO(run.out << run.err);
    CHECK(run.exit_code == 1);
    CHECK(run.out.find("error: routines.json /routines/0/steps/2/duration/quick:") != std::string::npos);
    CHECK(run.out.find("error: routines.json /routines/0/steps/1/techniques/0:") != std::string::npos);
    CHECK(run.out.find("warning: routines.json /routines/0/extra:") != std::string::npos);
    CHECK(run.out.find("error: learn.json (whole file): file is missing") != std::string::npos);
}

TEST_CASE("calfcoach validate exits 0 with warnings only, and 2 for a missing folder", "[cli]") {
    ScratchDir warned("validate_warned");
    for (std::string_view name : kContentFileNames)
        std::ofstream(warned.path / std::string(name)) << shipped_files().at(std::string(name));
    nlohmann::json learn = nlohmann::json::parse(shipped_files().at("learn.json"));
    learn["colour"] = "blue";
    std::ofstream(warned.path / "learn.json") << learn.dump();
    const Run run = run_tool("validate '" + warned.path.string() + "'");
    CHECK(run.exit_code == 0);
    CHECK(run.out.find("warning: learn.json /colour: unknown key") != std::string::npos);

    CHECK(run_tool("validate /no/such/folder/anywhere").exit_code == 2);
}

TEST_CASE("calfcoach plan prints the timeline of each preset and rejects bad options", "[cli]") {
    const std::string tool = CALFCOACH_TOOL_PATH;
    for (const auto& [preset, minutes_low, minutes_high] : {std::tuple{"quick", 4, 6}, std::tuple{"standard", 9, 11},
                                                             std::tuple{"thorough", 15, 17}}) {
        INFO(preset);
        FILE* pipe = popen((tool + " plan --preset " + preset + " 2>&1").c_str(), "r");
        REQUIRE(pipe != nullptr);
        std::string out;
        char buffer[512];
        while (std::fgets(buffer, sizeof buffer, pipe) != nullptr) out += buffer;
        CHECK(pclose(pipe) == 0);
        CHECK(out.find("left") != std::string::npos);
        CHECK(out.find("right") != std::string::npos);
        const auto total = out.rfind("total ");
        REQUIRE(total != std::string::npos);
        const int minutes = std::stoi(out.substr(total + 6));
        CHECK(minutes >= minutes_low);
        CHECK(minutes <= minutes_high);
    }
    CHECK(WEXITSTATUS(std::system((tool + " plan --preset marathon >/dev/null 2>&1").c_str())) == 2);
    CHECK(WEXITSTATUS(std::system((tool + " plan --routine nope >/dev/null 2>&1").c_str())) == 2);
}
