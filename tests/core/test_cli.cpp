// The built `calfcoach` tool, run as a process: exit codes and output of every subcommand.
#include <catch2/catch.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <optional>
#include <filesystem>
#include <fstream>
#include <cstdlib>
#include <string>
#include <tuple>

#include "core/backup.hpp"
#include "core/json_safe.hpp"
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
    CHECK(run.out.find("safety check pages, in order: right_now (3 questions) calf_today (6 questions) your_health "
                       "(6 questions, \"none of these\" remembered 7 days) skin_injuries (3 questions)") != std::string::npos);
}

TEST_CASE("calfcoach validate checks a clinic's content file as the app does", "[cli]") {
    ScratchDir dir("validate_bundle");
    nlohmann::json routines = nlohmann::json::parse(shipped_files().at("routines.json"));
    routines["routines"][0]["steps"][1]["duration"]["standard"] = 45;
    std::ofstream(dir.path / "clinic-content.json") << nlohmann::json{{"routines.json", routines}}.dump(2);
    const Run good = run_tool("validate '" + (dir.path / "clinic-content.json").string() + "'");
    INFO(good.out << good.err);
    CHECK(good.exit_code == 0);
    CHECK(good.out.find("clinic-content.json: valid") != std::string::npos);
    // A clinic cannot weaken the safety floor through its file either.
    nlohmann::json triage = nlohmann::json::parse(shipped_files().at("triage.json"));
    triage["rules"] = nlohmann::json::array();
    std::ofstream(dir.path / "weaker.json") << nlohmann::json{{"triage.json", triage}}.dump();
    const Run weaker = run_tool("validate '" + (dir.path / "weaker.json").string() + "'");
    INFO(weaker.out << weaker.err);
    CHECK(weaker.exit_code == 1);
    CHECK(weaker.out.find("error: triage.json") != std::string::npos);
    std::ofstream(dir.path / "not-a-bundle.json") << "[1, 2]";
    CHECK(run_tool("validate '" + (dir.path / "not-a-bundle.json").string() + "'").exit_code == 1);
}

TEST_CASE("calfcoach validate reports bad groups with their pointers", "[cli][pages]") {
    ScratchDir broken("validate_groups");
    for (std::string_view name : kContentFileNames)
        std::ofstream(broken.path / std::string(name)) << shipped_files().at(std::string(name));
    nlohmann::json triage = nlohmann::json::parse(shipped_files().at("triage.json"));
    triage["groups"][2]["remember_none_days"] = 30;
    triage["groups"].push_back({{"id", "spare"}, {"title", "Anything else?"}});
    triage["questions"][0]["group"] = "somewhere";
    std::ofstream(broken.path / "triage.json") << triage.dump(2);
    const Run run = run_tool("validate '" + broken.path.string() + "'");
    INFO(run.out << run.err);
    CHECK(run.exit_code == 1);
    CHECK(run.out.find("error: triage.json /groups/2/remember_none_days: remember_none_days must be 0 to 7") != std::string::npos);
    CHECK(run.out.find("error: triage.json /groups/4: group \"spare\" has no questions") != std::string::npos);
    CHECK(run.out.find("error: triage.json /questions/0/group: unknown group id \"somewhere\"") != std::string::npos);
    CHECK(run.out.find("safety check pages") == std::string::npos);
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

namespace {

const std::string kExamplePrescription = std::string(CALFCOACH_SOURCE_DIR) + "/docs/examples/prescription.json";

// The link `prescribe` prints for the example file (its first line).
std::string example_link() {
    const Run run = run_tool("prescribe '" + kExamplePrescription + "' --app https://calfcoach.example/");
    REQUIRE(run.exit_code == 0);
    return run.out.substr(0, run.out.find('\n'));
}

}  // namespace

TEST_CASE("calfcoach prescribe prints the link and its length for the example file", "[cli][prescription]") {
    const Run run = run_tool("prescribe '" + kExamplePrescription + "' --app https://calfcoach.example/");
    INFO(run.out << run.err);
    REQUIRE(run.exit_code == 0);
    const std::string link = run.out.substr(0, run.out.find('\n'));
    CHECK(link.rfind("https://calfcoach.example/#rx=A", 0) == 0);
    const std::size_t fragment = link.size() - link.find('#') - 1;
    CHECK(fragment <= 300);
    CHECK(run.out.find("link " + std::to_string(link.size()) + " characters, fragment (rx= and the code) " +
                       std::to_string(fragment) + " characters\n") != std::string::npos);
    // Without --app: the fragment alone, to put after the app's address.
    const Run bare = run_tool("prescribe '" + kExamplePrescription + "'");
    CHECK(bare.out.rfind("#rx=" + link.substr(link.find('#') + 4) + "\n", 0) == 0);
}

TEST_CASE("calfcoach prescribe lists every problem with exit 1, and bad usage with exit 2", "[cli][prescription]") {
    ScratchDir dir("prescribe");
    const std::string bad = (dir.path / "bad.json").string();
    std::ofstream(bad) << R"({"start": "2026-12-01", "days": ["mon", "someday"], "note": ")" << std::string(201, 'n')
                       << R"(", "colour": "red"})";
    const Run run = run_tool("prescribe '" + bad + "'");
    INFO(run.out << run.err);
    CHECK(run.exit_code == 1);
    CHECK(run.out.find("error: days[1]: mon, tue, wed, thu, fri, sat or sun\n") != std::string::npos);
    CHECK(run.out.find("error: note: at most 200 characters\n") != std::string::npos);
    CHECK(run.out.find("error: colour: unknown key\n") != std::string::npos);
    CHECK(run.out.find(": invalid, 3 problem(s)\n") != std::string::npos);

    // Valid on its own but not for the routine it names: the app would refuse it, so the tool does.
    const std::string short_steps = (dir.path / "steps.json").string();
    std::ofstream(short_steps) << R"({"start": "2026-12-01", "times_per_week": 2, "step_seconds": [30, 60]})";
    const Run mismatch = run_tool("prescribe '" + short_steps + "'");
    CHECK(mismatch.exit_code == 1);
    CHECK(mismatch.out.find("it has 5 steps, the programme names 2") != std::string::npos);

    CHECK(run_tool("prescribe").exit_code == 2);
    CHECK(run_tool("prescribe /no/such/file.json").exit_code == 2);
    CHECK(run_tool("prescribe '" + kExamplePrescription + "' --bogus").exit_code == 2);
    CHECK(run_tool("prescribe '" + kExamplePrescription + "' --app").exit_code == 2);
}

TEST_CASE("calfcoach prescription decodes a link or a code to its JSON form", "[cli][prescription]") {
    const std::string link = example_link();
    const std::string code = link.substr(link.find("#rx=") + 4);
    const nlohmann::json expected = nlohmann::json::parse(read_text_file(kExamplePrescription));
    for (const std::string& given : {link, code, "rx=" + code, "#lang=en&rx=" + code}) {
        INFO(given);
        const Run run = run_tool("prescription '" + given + "'");
        INFO(run.err);
        REQUIRE(run.exit_code == 0);
        CHECK(nlohmann::json::parse(run.out) == expected);
    }
}

TEST_CASE("calfcoach prescription exits 1 with the error for a bad link", "[cli][prescription]") {
    const std::string link = example_link();
    std::string damaged = link;
    damaged[damaged.size() - 8] = damaged[damaged.size() - 8] == 'A' ? 'B' : 'A';
    const Run run = run_tool("prescription '" + damaged + "'");
    CHECK(run.exit_code == 1);
    CHECK(run.out.empty());
    CHECK(run.err == "calfcoach prescription: damaged or edited: the checksum does not match (checksum_mismatch)\n");
    const Run cut = run_tool("prescription '" + link.substr(0, link.size() - 20) + "'");
    CHECK(cut.exit_code == 1);
    CHECK(cut.err.find("(truncated)") != std::string::npos);
    CHECK(run_tool("prescription 'https://calfcoach.example/#other=1'").exit_code == 1);
    CHECK(run_tool("prescription 'not a code'").exit_code == 1);
    CHECK(run_tool("prescription").exit_code == 2);
    CHECK(run_tool("prescription a b").exit_code == 2);
}

TEST_CASE("calfcoach plan --link prints the session the programme gives", "[cli][prescription]") {
    const std::string link = example_link();
    const Run run = run_tool("plan --link '" + link + "'");
    INFO(run.out << run.err);
    REQUIRE(run.exit_code == 0);
    CHECK(run.out.find("left") != std::string::npos);
    CHECK(run.out.find("right") == std::string::npos);     // the left leg only
    CHECK(run.out.find("Deep pressure") == std::string::npos);  // left out by the programme
    CHECK(run.out.find("  Warm-up circles  1:00\n") != std::string::npos);
    CHECK(run.out.substr(run.out.rfind("total ")) == "total 3:20\n");
    CHECK(run_tool("plan --link '" + link + "' --preset quick").exit_code == 2);
    CHECK(run_tool("plan --link '" + link.substr(0, link.size() - 4) + "'").exit_code == 1);
}

TEST_CASE("calfcoach ics writes the programme's reminders", "[cli][prescription]") {
    const std::string link = example_link();
    const Run run = run_tool("ics '" + link + "' --time 07:45 --stamp 20261201T090000Z");
    INFO(run.err);
    REQUIRE(run.exit_code == 0);
    CHECK(run.out.rfind("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n", 0) == 0);
    CHECK(run.out.find("DTSTART:20261202T074500\r\n") != std::string::npos);
    CHECK(run.out.find("DTSTAMP:20261201T090000Z\r\n") != std::string::npos);
    CHECK(run.out.find("DURATION:PT4M\r\n") != std::string::npos);
    CHECK(run.out.find("RRULE:FREQ=WEEKLY;WKST=MO;BYDAY=MO,WE,FR;UNTIL=20270112T235959\r\n") != std::string::npos);
    CHECK(run.out.find("URL:https://calfcoach.example/#rx=") != std::string::npos);
    CHECK(run.out.size() >= 15);
    CHECK(run.out.substr(run.out.size() - 15) == "END:VCALENDAR\r\n");
    CHECK(run_tool("ics '" + link + "' --time 25:00").exit_code == 2);
    CHECK(run_tool("ics '" + link + "' --stamp yesterday").exit_code == 2);
    CHECK(run_tool("ics").exit_code == 2);
    CHECK(run_tool("ics 'AAAA'").exit_code == 1);
}

namespace {

SessionRecord cli_record(int n, std::optional<int> pain_after = 2) {
    SessionRecord r;
    r.id = "s" + std::to_string(n);
    r.started_at = "2026-01-0" + std::to_string(n) + "T08:00:00Z";
    r.routine_id = "calf_basic";
    r.left_done = true;
    r.steps_done = 7;
    r.steps_total = 9;
    r.active_seconds = 400;
    r.pain_before = 5;
    r.pain_after = pain_after;
    return r;
}

void write_file(const fs::path& path, const std::string& text) { std::ofstream(path, std::ios::binary) << text; }

}  // namespace

TEST_CASE("calfcoach history merge: a v0 history and a storage dump give one backup", "[cli][backup]") {
    ScratchDir dir("merge");
    // A: the first release's bare array, s2 without its pain-after answer. B: a localStorage dump
    // with s2 answered, s3, and settings and a safety check that A does not have.
    nlohmann::json v0 = nlohmann::json::array({record_to_json(cli_record(1)), record_to_json(cli_record(2, std::nullopt))});
    HistoryData b_history;
    REQUIRE(insert_record(b_history, cli_record(2)));
    REQUIRE(insert_record(b_history, cli_record(3)));
    Settings quiet;
    quiet.volume_percent = 20;
    const nlohmann::json dump{{"history.a", encode_generation(b_history, 4)},
                              {"settings", settings_to_json(quiet)},
                              {"safety.last", R"({"level":"caution","at":"2026-01-03T07:00:00Z"})"}};
    write_file(dir.path / "a.json", dump_json(v0));
    write_file(dir.path / "b.json", dump_json(dump));

    const Run run = run_tool("history merge '" + (dir.path / "a.json").string() + "' '" + (dir.path / "b.json").string() + "'");
    INFO(run.err);
    REQUIRE(run.exit_code == 0);
    const BackupReadResult merged = read_backup(run.out);
    INFO(merged.message);
    REQUIRE(merged.ok());
    REQUIRE(merged.backup->history.records.size() == 3);
    CHECK(merged.backup->history.records[1] == cli_record(2));  // the answered copy
    CHECK(merged.backup->settings == quiet);
    REQUIRE(merged.backup->last_safety);
    CHECK(merged.backup->last_safety->level == SafetyLevel::Caution);
    CHECK_THAT(run.err, Catch::Contains("1 session added, 1 session already here (1 of them completed from the backup)"));

    // The result merged again with either input: the same backup; it exports like any history.
    write_file(dir.path / "c.json", run.out);
    for (const char* other : {"a.json", "b.json", "c.json"}) {
        const Run again = run_tool("history merge '" + (dir.path / "c.json").string() + "' '" + (dir.path / other).string() + "'");
        REQUIRE(again.exit_code == 0);
        CHECK(read_backup(again.out).backup == merged.backup);
        CHECK_THAT(again.err, Catch::Contains("Nothing new"));
    }
    const Run csv = run_tool("history export --format csv -", run.out);
    REQUIRE(csv.exit_code == 0);
    CHECK(std::count(csv.out.begin(), csv.out.end(), '\n') == 4);
    // A physio export's JSON is read too (its records; its months carry no counts).
    const Run json = run_tool("history export --format json -", run.out);
    write_file(dir.path / "export.json", json.out);
    const Run from_export = run_tool("history merge '" + (dir.path / "export.json").string() + "' '" + (dir.path / "a.json").string() + "'");
    REQUIRE(from_export.exit_code == 0);
    CHECK(read_backup(from_export.out).backup->history == merged.backup->history);
}

TEST_CASE("calfcoach history merge names the file it cannot use", "[cli][backup]") {
    ScratchDir dir("merge_bad");
    const std::string good = write_backup(Backup{}, "2026-12-01T09:00:00Z");
    write_file(dir.path / "good.json", good);
    write_file(dir.path / "garbage.json", "garbage");
    std::string newer = good;
    newer.replace(newer.find("\"version\": 1"), 12, "\"version\": 7");
    write_file(dir.path / "newer.json", newer);
    std::string edited = good;
    edited.replace(edited.find("\"folded_through\": \"\""), 20, "\"folded_through\": \"x\"");
    write_file(dir.path / "edited.json", edited);
    const std::string g = "'" + (dir.path / "good.json").string() + "' ";

    const Run garbage = run_tool("history merge " + g + "'" + (dir.path / "garbage.json").string() + "'");
    CHECK(garbage.exit_code == 1);
    CHECK_THAT(garbage.err, Catch::Contains("garbage.json: no history could be recovered"));
    CHECK(garbage.out.empty());
    const Run future = run_tool("history merge '" + (dir.path / "newer.json").string() + "' " + g);
    CHECK(future.exit_code == 1);
    CHECK_THAT(future.err, Catch::Contains("newer.json: made by a newer Calf Coach (backup version 7): update the app to read it"));
    const Run damaged = run_tool("history merge " + g + "'" + (dir.path / "edited.json").string() + "'");
    CHECK(damaged.exit_code == 1);
    CHECK_THAT(damaged.err, Catch::Contains("edited.json: damaged or edited: the checksum does not match"));
    CHECK(run_tool("history merge " + g + "'" + (dir.path / "missing.json").string() + "'").exit_code == 2);
    CHECK(run_tool("history merge " + g).exit_code == 2);
}

TEST_CASE("calfcoach backup check says what a backup holds, or why it cannot be read", "[cli][backup]") {
    ScratchDir dir("backup_check");
    Backup backup;
    REQUIRE(insert_record(backup.history, cli_record(1)));
    backup.last_safety = SafetyFacts{SafetyLevel::Ok, "2026-12-01T08:55:00Z"};
    write_file(dir.path / "b.json", write_backup(backup, "2026-12-01T09:00:00Z"));
    const Run ok = run_tool("backup check '" + (dir.path / "b.json").string() + "'");
    REQUIRE(ok.exit_code == 0);
    CHECK_THAT(ok.out, Catch::Contains("a valid backup, made 2026-12-01T09:00:00Z"));
    CHECK_THAT(ok.out, Catch::Contains("sessions: 1, and 0 more in 0 old months"));
    CHECK_THAT(ok.out, Catch::Contains("last safety check: ok at 2026-12-01T08:55:00Z"));
    write_file(dir.path / "cut.json", write_backup(backup, "2026-12-01T09:00:00Z").substr(0, 200));
    const Run cut = run_tool("backup check '" + (dir.path / "cut.json").string() + "'");
    CHECK(cut.exit_code == 1);
    CHECK_THAT(cut.out, Catch::Contains("(not_json)"));
    CHECK(run_tool("backup check").exit_code == 2);
    CHECK(run_tool("backup verify '" + (dir.path / "b.json").string() + "'").exit_code == 2);
}
