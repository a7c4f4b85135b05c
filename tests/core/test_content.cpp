// Content loader: the shipped content is valid, and each kind of problem is reported at its JSON
// pointer, all at once, without exceptions.
//
// [SECTION] Shipped content
// [SECTION] Each kind of error at its pointer
// [SECTION] The safety floor (clinic content)
// [SECTION] Caps
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>

#include "core/content.hpp"
#include "test_support.hpp"

using namespace calfcoach;
using namespace calfcoach::test;
using nlohmann::json;

//-----------------------------------------------------------------------------
// [SECTION] Shipped content
//-----------------------------------------------------------------------------

TEST_CASE("the compiled-in content loads with no errors and no warnings", "[content]") {
    const ContentLoad& load = shipped_load();
    INFO(all_issues(load));
    CHECK(load.ok());
    CHECK(load.issues.empty());
    CHECK(load.content.triage.validated);
    CHECK(load.content.version == "1.0.0");
    CHECK(load.content.techniques.size() == 6);
    CHECK(load.content.learn.size() == 5);
}

TEST_CASE("the content folder in the source tree loads with no errors and matches the compiled-in copy", "[content]") {
    FileMap files;
    for (std::string_view name : kContentFileNames)
        files[std::string(name)] = read_text_file(std::string(CALFCOACH_SOURCE_DIR) + "/content/" + std::string(name));
    const ContentLoad load = load_content(files);
    INFO(all_issues(load));
    CHECK(load.ok());
    CHECK(load.issues.empty());
    CHECK(files == shipped_files());  // a stale build would ship old content
}

TEST_CASE("the standard routine has the five steps and preset totals near 5, 10 and 16 minutes", "[content]") {
    const Routine* routine = shipped_load().content.find_routine("standard");
    REQUIRE(routine != nullptr);
    REQUIRE(routine->steps.size() == 5);
    CHECK(routine->steps[0].id == "preparation");
    CHECK_FALSE(routine->steps[0].per_leg);
    const auto deep = std::count_if(routine->steps.begin(), routine->steps.end(), [](const Step& s) { return s.deep; });
    CHECK(deep == 1);
    // Both legs, the preparation once, plus the session engine's 5 s get-ready and 10 s leg switch.
    const std::int64_t expected_minutes[] = {5, 10, 16};
    for (std::size_t p = 0; p < kPresetCount; ++p) {
        const Preset preset = static_cast<Preset>(p);
        std::int64_t once = 0;
        for (const Step& s : routine->steps)
            if (!s.per_leg) once += s.duration_ms[p];
        const std::int64_t total_ms = once + 2 * routine->leg_duration_ms(preset) + 5'000 + 10'000;
        INFO(to_string(preset) << ": " << total_ms / 1000 << " s");
        CHECK(std::abs(total_ms - expected_minutes[p] * 60'000) <= 30'000);
    }
    for (const Step& s : routine->steps)
        for (const std::string& t : s.technique_ids) CHECK(shipped_load().content.find_technique(t) != nullptr);
}

TEST_CASE("every content file has a JSON Schema 2020-12 next to it", "[content]") {
    for (std::string_view name : kContentFileNames) {
        const std::string stem(name.substr(0, name.size() - 5));
        const std::string path = std::string(CALFCOACH_SOURCE_DIR) + "/content/schema/" + stem + ".schema.json";
        INFO(path);
        const json schema = json::parse(read_text_file(path), nullptr, false);
        REQUIRE_FALSE(schema.is_discarded());
        CHECK(schema.value("$schema", "") == "https://json-schema.org/draft/2020-12/schema");
        CHECK(schema.at("required").size() >= 2);
    }
}

//-----------------------------------------------------------------------------
// [SECTION] Each kind of error at its pointer
//-----------------------------------------------------------------------------

TEST_CASE("a missing file is an error", "[content][errors]") {
    FileMap files = shipped_files();
    files.erase("learn.json");
    const ContentLoad load = load_content(files);
    CHECK_FALSE(load.ok());
    CHECK(find_issue(load, "learn.json", "", "missing") != nullptr);
}

TEST_CASE("a wrong type is reported at its pointer", "[content][errors]") {
    const ContentLoad load = load_content(edited("routines.json", [](json& j) { j["routines"][0]["steps"][2]["title"] = 5; }));
    CHECK_FALSE(load.ok());
    CHECK(find_issue(load, "routines.json", "/routines/0/steps/2/title", "wrong type") != nullptr);
}

TEST_CASE("a missing field is reported at its pointer", "[content][errors]") {
    const ContentLoad load = load_content(edited("routines.json", [](json& j) { j["routines"][0]["steps"][2]["duration"].erase("quick"); }));
    CHECK_FALSE(load.ok());
    CHECK(find_issue(load, "routines.json", "/routines/0/steps/2/duration/quick", "missing field") != nullptr);
}

TEST_CASE("an unknown technique id is reported at its pointer", "[content][errors]") {
    const ContentLoad load = load_content(edited("routines.json", [](json& j) { j["routines"][0]["steps"][1]["techniques"][0] = "karate_chop"; }));
    CHECK_FALSE(load.ok());
    CHECK(find_issue(load, "routines.json", "/routines/0/steps/1/techniques/0", "unknown technique id") != nullptr);
}

TEST_CASE("durations must be above 0 and at most 30 minutes", "[content][errors]") {
    const ContentLoad load = load_content(edited("routines.json", [](json& j) {
        j["routines"][0]["steps"][1]["duration"]["quick"] = 0;
        j["routines"][0]["steps"][1]["duration"]["standard"] = -5;
        j["routines"][0]["steps"][1]["duration"]["thorough"] = 1801;
        j["routines"][0]["steps"][2]["duration"]["quick"] = 12.5;
    }));
    CHECK_FALSE(load.ok());
    CHECK(find_issue(load, "routines.json", "/routines/0/steps/1/duration/quick", "more than 0") != nullptr);
    CHECK(find_issue(load, "routines.json", "/routines/0/steps/1/duration/standard", "more than 0") != nullptr);
    CHECK(find_issue(load, "routines.json", "/routines/0/steps/1/duration/thorough", "over 30 minutes") != nullptr);
    CHECK(find_issue(load, "routines.json", "/routines/0/steps/2/duration/quick", "whole number") != nullptr);
    const ContentLoad edge = load_content(edited("routines.json", [](json& j) { j["routines"][0]["steps"][1]["duration"]["thorough"] = 1800; }));
    CHECK(edge.ok());
}

TEST_CASE("a rule without a source is an error", "[content][errors]") {
    const ContentLoad load = load_content(edited("triage.json", [](json& j) { j["rules"][3].erase("source"); }));
    CHECK_FALSE(load.ok());
    CHECK(find_issue(load, "triage.json", "/rules/3/source", "missing field") != nullptr);
    CHECK_FALSE(load.content.triage.validated);
}

TEST_CASE("duplicate ids are errors", "[content][errors]") {
    const ContentLoad load = load_content(edited("techniques.json", [](json& j) { j["techniques"][1]["id"] = j["techniques"][0]["id"]; }));
    CHECK(find_issue(load, "techniques.json", "/techniques/1/id", "duplicate id") != nullptr);
    const ContentLoad steps = load_content(edited("routines.json", [](json& j) { j["routines"][0]["steps"][3]["id"] = "tense_spots"; }));
    CHECK(find_issue(steps, "routines.json", "/routines/0/steps/3/id", "duplicate id") != nullptr);
    const ContentLoad questions = load_content(edited("triage.json", [](json& j) { j["questions"][12]["id"] = "hard_sore_veins"; }));
    CHECK(find_issue(questions, "triage.json", "/questions/12/id", "duplicate id") != nullptr);
}

TEST_CASE("unknown values of pressure, pattern, zone and level are errors", "[content][errors]") {
    const ContentLoad load = load_content(edited("routines.json", [](json& j) {
        j["routines"][0]["steps"][1]["pressure"] = "hard";
        j["routines"][0]["steps"][1]["pattern"] = "zigzag";
        j["routines"][0]["steps"][1]["zone"] = "thigh";
    }));
    CHECK(find_issue(load, "routines.json", "/routines/0/steps/1/pressure", "unknown value") != nullptr);
    CHECK(find_issue(load, "routines.json", "/routines/0/steps/1/pattern", "unknown value") != nullptr);
    CHECK(find_issue(load, "routines.json", "/routines/0/steps/1/zone", "unknown value") != nullptr);
    const ContentLoad triage = load_content(edited("triage.json", [](json& j) { j["rules"][0]["level"] = "very_bad"; }));
    CHECK(find_issue(triage, "triage.json", "/rules/0/level", "unknown value") != nullptr);
}

TEST_CASE("a rule naming an unknown question is an error", "[content][errors]") {
    const ContentLoad load = load_content(edited("triage.json", [](json& j) { j["rules"][2]["when"][1][0] = "smoker"; }));
    CHECK(find_issue(load, "triage.json", "/rules/2/when/1/0", "unknown question id") != nullptr);
}

TEST_CASE("unknown keys are warnings and the content still loads", "[content][errors]") {
    const ContentLoad load = load_content(edited("learn.json", [](json& j) {
        j["sections"][0]["colour"] = "blue";
        j["a/b~c"] = 1;
    }));
    CHECK(load.ok());
    const ContentIssue* issue = find_issue(load, "learn.json", "/sections/0/colour", "unknown key");
    REQUIRE(issue != nullptr);
    CHECK(issue->warning);
    CHECK(find_issue(load, "learn.json", "/a~1b~0c", "unknown key") != nullptr);  // RFC 6901 escaping
}

TEST_CASE("every error is reported at once, across files", "[content][errors]") {
    FileMap files = edited("routines.json", [](json& j) {
        j["routines"][0]["steps"][0].erase("title");
        j["routines"][0]["steps"][4]["duration"]["standard"] = "fifty";
    });
    files["techniques.json"] = edited("techniques.json", [](json& j) { j["techniques"][2].erase("how"); })["techniques.json"];
    files["triage.json"] = edited("triage.json", [](json& j) { j["rules"][1]["source"] = ""; })["triage.json"];
    files["learn.json"] = "{ not json";
    const ContentLoad load = load_content(files);
    INFO(all_issues(load));
    CHECK(find_issue(load, "routines.json", "/routines/0/steps/0/title", "missing field") != nullptr);
    CHECK(find_issue(load, "routines.json", "/routines/0/steps/4/duration/standard", "wrong type") != nullptr);
    CHECK(find_issue(load, "techniques.json", "/techniques/2/how", "missing field") != nullptr);
    CHECK(find_issue(load, "triage.json", "/rules/1/source", "empty text") != nullptr);
    CHECK(find_issue(load, "learn.json", "", "not valid JSON") != nullptr);
}

TEST_CASE("a file that is not an object, or has no version, is an error", "[content][errors]") {
    FileMap files = shipped_files();
    files["techniques.json"] = "[1, 2]";
    files["learn.json"] = edited("learn.json", [](json& j) { j.erase("version"); })["learn.json"];
    const ContentLoad load = load_content(files);
    CHECK(find_issue(load, "techniques.json", "", "wrong type") != nullptr);
    CHECK(find_issue(load, "learn.json", "/version", "missing field") != nullptr);
}

TEST_CASE("files with different versions show each version", "[content]") {
    const ContentLoad load = load_content(edited("learn.json", [](json& j) { j["version"] = "2.0.0"; }));
    CHECK(load.ok());
    CHECK(load.content.version.find("learn.json 2.0.0") != std::string::npos);
    CHECK(load.content.version.find("routines.json 1.0.0") != std::string::npos);
}

TEST_CASE("a clinic can replace a routine with its own durations and wording", "[content]") {
    const ContentLoad load = load_content(edited("routines.json", [](json& j) {
        json& routine = j["routines"][0];
        routine["id"] = "clinic_gentle";
        routine["title"] = "Gentle routine";
        routine["steps"].erase(3);  // no deep step
        routine["steps"][1]["duration"]["quick"] = 45;
        routine["steps"][1]["instruction"] = "Stroke your calf softly. Keep it light.";
    }));
    INFO(all_issues(load));
    REQUIRE(load.ok());
    const Routine* routine = load.content.find_routine("clinic_gentle");
    REQUIRE(routine != nullptr);
    CHECK(routine->steps.size() == 4);
    CHECK(routine->steps[1].duration_ms[0] == 45'000);
    CHECK(load.content.find_routine("standard") == nullptr);
}

//-----------------------------------------------------------------------------
// [SECTION] The safety floor (clinic content)
//-----------------------------------------------------------------------------

namespace {
json* rule_by_id(json& triage, std::string_view id) {
    for (json& rule : triage["rules"])
        if (rule["id"] == id) return &rule;
    return nullptr;
}
}  // namespace

TEST_CASE("clinic content that weakens a fixed rule is rejected", "[content][floor]") {
    const ContentLoad load = load_content(edited("triage.json", [](json& j) { (*rule_by_id(j, "possible_leg_clot"))["level"] = "see_professional"; }));
    INFO(all_issues(load));
    CHECK_FALSE(load.ok());
    CHECK_FALSE(load.content.triage.validated);
    CHECK(find_issue(load, "triage.json", "/rules", "'one_leg_swollen' answered yes alone gives 'see_professional'") != nullptr);
    CHECK(find_issue(load, "triage.json", "/rules", "'hard_sore_veins'") != nullptr);

    const ContentLoad caution = load_content(edited("triage.json", [](json& j) { (*rule_by_id(j, "fresh_injury"))["level"] = "caution"; }));
    CHECK(find_issue(caution, "triage.json", "/rules", "'recent_injury' answered yes alone gives 'caution'") != nullptr);

    const ContentLoad removed = load_content(edited("triage.json", [](json& j) {
        auto& rules = j["rules"];
        for (std::size_t i = 0; i < rules.size(); ++i)
            if (rules[i]["id"] == "possible_lung_clot") { rules.erase(i); break; }
    }));
    CHECK(find_issue(removed, "triage.json", "/rules", "'chest_symptoms' answered yes alone gives 'ok'") != nullptr);
}

TEST_CASE("clinic content without a fixed question is rejected", "[content][floor]") {
    const ContentLoad load = load_content(edited("triage.json", [](json& j) {
        j["questions"].erase(1);  // cold_pale_leg
        (*rule_by_id(j, "leg_losing_blood_supply"))["when"] = json::parse(R"([["chest_symptoms"]])");
    }));
    CHECK_FALSE(load.ok());
    CHECK(find_issue(load, "triage.json", "/questions", "missing fixed question 'cold_pale_leg'") != nullptr);
}

TEST_CASE("clinic content whose clot advice stops naming the risk factor is rejected", "[content][floor]") {
    const ContentLoad load = load_content(edited("triage.json", [](json& j) {
        json& rule = *rule_by_id(j, "clot_sign_with_risk_factor");
        rule.erase("name_group");
        rule["advice"] = "Get medical advice today.";
    }));
    CHECK_FALSE(load.ok());
    CHECK(find_issue(load, "triage.json", "/rules", "no urgent advice names the risk factor") != nullptr);
    const ContentLoad missing_group = load_content(edited("triage.json", [](json& j) { rule_by_id(j, "clot_sign_with_risk_factor")->erase("name_group"); }));
    const std::size_t index = 2;
    CHECK(find_issue(missing_group, "triage.json", "/rules/" + std::to_string(index) + "/name_group", "{named}") != nullptr);
}

TEST_CASE("clinic content may be stricter than the fixed rules", "[content][floor]") {
    const ContentLoad load = load_content(edited("triage.json", [](json& j) {
        (*rule_by_id(j, "sore_muscles"))["level"] = "wait";
        j["questions"].push_back({{"id", "smoker"}, {"group", "calf_today"}, {"text", "Do you smoke?"}, {"item", "You smoke"}});
        j["rules"].push_back({{"id", "smoker_clot_sign"}, {"level", "emergency"},
                              {"when", json::parse(R"([["smoker"], ["one_leg_swollen"]])")},
                              {"advice", "Call now."}, {"source", "Clinic protocol 7"}});
    }));
    INFO(all_issues(load));
    REQUIRE(load.ok());
    TriageAnswers answers;
    for (const TriageQuestion& q : load.content.triage.questions) answers[q.id] = Answer::No;
    answers["sore_after_exercise"] = Answer::Yes;
    CHECK(evaluate_triage(load.content.triage, answers).level == SafetyLevel::Wait);
    answers["smoker"] = Answer::Yes;
    answers["one_leg_swollen"] = Answer::Yes;
    CHECK(evaluate_triage(load.content.triage, answers).level == SafetyLevel::Emergency);
}

//-----------------------------------------------------------------------------
// [SECTION] Caps
//-----------------------------------------------------------------------------

TEST_CASE("a content file over 512 KB is rejected cleanly", "[content][caps]") {
    FileMap files = shipped_files();
    std::string huge = R"({"version": "1", "sections": [{"id": "big", "title": "Big", "paragraphs": [")";
    huge.append(kContentMaxBytes, 'a');
    huge += R"("]}]})";
    files["learn.json"] = huge;
    const ContentLoad load = load_content(files);
    CHECK_FALSE(load.ok());
    CHECK(find_issue(load, "learn.json", "", "too large") != nullptr);
    CHECK(load.content.learn.empty());
}

TEST_CASE("content nested deeper than 32 levels is rejected cleanly", "[content][caps]") {
    FileMap files = shipped_files();
    files["routines.json"] = read_text_file(std::string(CALFCOACH_TESTS_DIR) + "/core/fixtures/deep_nesting.json");
    REQUIRE(files["routines.json"].size() > 80);
    const ContentLoad load = load_content(files);
    CHECK_FALSE(load.ok());
    CHECK(find_issue(load, "routines.json", "", "nesting deeper than 32") != nullptr);
    // The very deep case (far past any stack) is just as clean.
    files["routines.json"] = std::string(200'000, '[');
    CHECK(find_issue(load_content(files), "routines.json", "", "nesting deeper") != nullptr);
}

TEST_CASE("content with invalid UTF-8 is rejected cleanly", "[content][caps]") {
    FileMap files = shipped_files();
    files["learn.json"] = read_text_file(std::string(CALFCOACH_TESTS_DIR) + "/core/fixtures/invalid_utf8.json");
    REQUIRE(files["learn.json"].find('\xc3') != std::string::npos);
    const ContentLoad load = load_content(files);
    CHECK_FALSE(load.ok());
    CHECK(find_issue(load, "learn.json", "", "invalid UTF-8") != nullptr);
}

TEST_CASE("triage questions are single short questions", "[content][wording]") {
    // One question per page, read at about age 12: one "?" at the end, short, short help.
    auto words = [](const std::string& s) { return std::count(s.begin(), s.end(), ' ') + 1; };
    for (const TriageQuestion& q : shipped_triage().questions) {
        INFO(q.id << ": " << q.text);
        CHECK(std::count(q.text.begin(), q.text.end(), '?') == 1);
        CHECK(q.text.back() == '?');
        CHECK(words(q.text) <= 40);
        if (!q.help.empty()) CHECK(words(q.help) <= 25);
        CHECK_FALSE(q.label.empty());
    }
    for (const TriageRule& r : shipped_triage().rules) {
        INFO(r.id);
        CHECK(words(r.advice) <= 45);
    }
}

TEST_CASE("issues come grouped by file in the order the files are listed", "[content][errors]") {
    FileMap files = edited("triage.json", [](json& j) { j["rules"][0].erase("source"); });
    files["routines.json"] = edited("routines.json", [](json& j) { j["routines"][0]["steps"][1]["techniques"][0] = "karate_chop"; })["routines.json"];
    const ContentLoad load = load_content(files);
    REQUIRE(load.issues.size() >= 2);
    CHECK(load.issues.front().file == "routines.json");  // the cross-file check runs last but is listed first
    CHECK(load.issues.back().file == "triage.json");
}
