// A clinic's safety check as the kit edits it (core/clinic_safety): every change keeps a file the
// loader accepts, and nothing can make the check milder than the app's own.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>

#include <nlohmann/json.hpp>

#include "core/clinic_content.hpp"
#include "core/clinic_safety.hpp"
#include "core/json_safe.hpp"
#include "core/triage_pages.hpp"
#include "test_support.hpp"

using namespace calfcoach;
using nlohmann::json;

namespace {

const ContentFiles& builtin() {
    static const ContentFiles files = [] {
        ContentFiles f;
        for (const auto& [name, text] : test::shipped_files()) f.emplace(name, text);
        return f;
    }();
    return files;
}

ContentLoad load_bundle(const json& triage) { return load_clinic_content(dump_json(json{{"triage.json", triage}}), builtin()); }

bool loads(const json& triage) { return load_bundle(triage).ok(); }

const BuiltinSafetyRule* rule_in(const std::vector<BuiltinSafetyRule>& rules, const std::string& id) {
    for (const BuiltinSafetyRule& rule : rules)
        if (rule.rule_id == id) return &rule;
    return nullptr;
}

}  // namespace

TEST_CASE("clinic safety: the app's rules are listed with their page level and source", "[clinic_safety]") {
    const json triage = builtin_triage(builtin());
    const std::vector<BuiltinSafetyRule> rules = builtin_safety_rules(triage, builtin());
    REQUIRE(rules.size() == triage["rules"].size());
    const BuiltinSafetyRule* lungs = rule_in(rules, "possible_lung_clot");
    REQUIRE(lungs);
    CHECK(lungs->page == "right_now");
    CHECK(lungs->builtin_level == SafetyLevel::Emergency);
    CHECK(lungs->level == SafetyLevel::Emergency);
    CHECK(lungs->source == "NHS: pulmonary embolism symptoms");
    CHECK(lungs->signs.find("shortness of breath") != std::string::npos);
    // A rule of several signs names them all.
    const BuiltinSafetyRule* leg = rule_in(rules, "possible_leg_clot");
    REQUIRE(leg);
    CHECK(leg->page == "calf_today");
    CHECK(leg->signs.find("calf pain with no clear cause") != std::string::npos);
    // Every fixed question's rule is there, on its page.
    for (const FixedQuestion& fixed : kFixedQuestions) {
        bool found = false;
        for (const BuiltinSafetyRule& rule : rules) found = found || (rule.page == fixed.group && rule.level >= fixed.min_level);
        CHECK(found);
    }
    CHECK(clinic_questions(triage, builtin()).empty());
    CHECK(clinic_safety_summary(triage, builtin()) == std::vector<std::string>{"Same as the built-in check."});
    CHECK(same_as_builtin(triage, builtin()));
}

TEST_CASE("clinic safety: a question added is on its page with its rule and the file still loads", "[clinic_safety]") {
    json triage = builtin_triage(builtin());
    const SafetyEdit added = add_clinic_question(triage, builtin(), "  A knee or hip operation in the last 6 months ",
                                                 kRememberedGroupId, SafetyLevel::SeeProfessional);
    REQUIRE(added.ok());
    CHECK(added.id == "clinic_1");
    REQUIRE(loads(triage));
    const ContentLoad load = load_bundle(triage);
    const TriageQuestion* q = load.content.triage.find_question("clinic_1");
    REQUIRE(q);
    CHECK(q->item == "A knee or hip operation in the last 6 months");
    CHECK(q->group == "your_health");
    CHECK_FALSE(q->label.empty());
    CHECK_FALSE(q->text.empty());
    CHECK(level_alone(load.content.triage, "clinic_1") == SafetyLevel::SeeProfessional);
    // The patient's pages show it on its page.
    bool on_page = false;
    for (const TriagePage& page : triage_pages(load.content.triage))
        if (page.group->id == "your_health")
            for (const TriageQuestion* item : page.items) on_page = on_page || item->id == "clinic_1";
    CHECK(on_page);

    const std::vector<ClinicQuestion> own = clinic_questions(triage, builtin());
    REQUIRE(own.size() == 1);
    CHECK(own[0].level == SafetyLevel::SeeProfessional);
    const std::vector<std::string> summary = clinic_safety_summary(triage, builtin());
    REQUIRE(summary.size() == 1);
    CHECK(summary[0] == "Adds 1 question: 'A knee or hip operation in the last 6 months' (page 'Your health'), which "
                        "stops the session until a health professional says it is fine.");

    // Each new id is one more than the highest in the file: a question kept never changes its id.
    REQUIRE(add_clinic_question(triage, builtin(), "Ankle swelling after a long flight", kCalfTodayGroupId, SafetyLevel::Urgent).id == "clinic_2");
    REQUIRE(add_clinic_question(triage, builtin(), "A new rash", kSkinInjuriesGroupId, SafetyLevel::Wait).id == "clinic_3");
    REQUIRE(remove_clinic_question(triage, builtin(), "clinic_2").ok());
    CHECK(add_clinic_question(triage, builtin(), "A bruise that is spreading", kSkinInjuriesGroupId, SafetyLevel::Wait).id == "clinic_4");
    CHECK(remove_clinic_question(triage, builtin(), "clinic_4").ok());
    CHECK(loads(triage));
    CHECK(clinic_safety_summary(triage, builtin())[0] == "Adds 2 questions:");
}

TEST_CASE("clinic safety: a question the form cannot take is refused in plain words and nothing changes", "[clinic_safety]") {
    json triage = builtin_triage(builtin());
    const json before = triage;
    CHECK(add_clinic_question(triage, builtin(), "   ", kRightNowGroupId, SafetyLevel::Urgent).problem ==
          "Type the sign as your patients will read it.");
    CHECK_FALSE(add_clinic_question(triage, builtin(), std::string(201, 'a'), kRightNowGroupId, SafetyLevel::Urgent).ok());
    CHECK_FALSE(add_clinic_question(triage, builtin(), "Hay fever", "garden", SafetyLevel::Caution).ok());
    CHECK_FALSE(add_clinic_question(triage, builtin(), "Hay fever", kRightNowGroupId, SafetyLevel::Ok).ok());
    // An emergency goes first, so the check can stop at once.
    CHECK(add_clinic_question(triage, builtin(), "Fainting today", kSkinInjuriesGroupId, SafetyLevel::Emergency).problem.find("'Right now'") !=
          std::string::npos);
    // The same words as a sign already there.
    CHECK(add_clinic_question(triage, builtin(), "one leg is swollen and the other is not", kCalfTodayGroupId, SafetyLevel::Urgent)
              .problem.find("already asks") != std::string::npos);
    CHECK(triage == before);
    CHECK(add_clinic_question(triage, builtin(), "Fainting today", kRightNowGroupId, SafetyLevel::Emergency).ok());
    CHECK(loads(triage));
}

TEST_CASE("clinic safety: a red flag cannot be removed or lowered and the file is unchanged", "[clinic_safety]") {
    json triage = builtin_triage(builtin());
    REQUIRE(add_clinic_question(triage, builtin(), "A knee operation this year", kRememberedGroupId, SafetyLevel::Caution).ok());
    const json before = triage;
    for (const FixedQuestion& fixed : kFixedQuestions) {
        const SafetyEdit removed = remove_clinic_question(triage, builtin(), fixed.id);
        CHECK_FALSE(removed.ok());
        CHECK(removed.problem.find("cannot be taken out") != std::string::npos);
    }
    const SafetyEdit lowered = set_rule_level(triage, builtin(), "possible_lung_clot", SafetyLevel::Urgent);
    CHECK(lowered.problem == "This sign cannot lead to less than the app's own 'Call the emergency number now': a clinic "
                             "may only make the check stricter.");
    CHECK_FALSE(set_rule_level(triage, builtin(), "sore_muscles", SafetyLevel::Ok).ok());
    CHECK_FALSE(set_rule_level(triage, builtin(), "clinic_1", SafetyLevel::Emergency).ok());  // not one of the app's
    CHECK_FALSE(set_rule_level(triage, builtin(), "no_such_rule", SafetyLevel::Emergency).ok());
    CHECK(triage == before);
    for (const BuiltinSafetyRule& rule : builtin_safety_rules(triage, builtin()))
        for (int level = 0; level < static_cast<int>(rule.builtin_level); ++level)
            CHECK_FALSE(set_rule_level(triage, builtin(), rule.rule_id, static_cast<SafetyLevel>(level)).ok());
    CHECK(triage == before);
    CHECK(loads(triage));
}

TEST_CASE("clinic safety: raising a rule changes its level advice and source and the summary says so", "[clinic_safety]") {
    json triage = builtin_triage(builtin());
    REQUIRE(set_rule_level(triage, builtin(), "possible_leg_clot", SafetyLevel::Emergency).ok());
    REQUIRE(loads(triage));
    const ContentLoad load = load_bundle(triage);
    CHECK(level_alone(load.content.triage, "unexplained_calf_pain") == SafetyLevel::Emergency);
    const std::vector<BuiltinSafetyRule> rules = builtin_safety_rules(triage, builtin());  // alive: leg points into it
    const BuiltinSafetyRule* leg = rule_in(rules, "possible_leg_clot");
    REQUIRE(leg);
    CHECK(leg->level == SafetyLevel::Emergency);
    CHECK(leg->builtin_level == SafetyLevel::Urgent);
    // The advice is the emergency's, not the app's "get advice today" under an emergency banner.
    const json* rule = nullptr;
    for (const json& r : triage["rules"]) if (r["id"] == "possible_leg_clot") rule = &r;
    REQUIRE(rule);
    CHECK((*rule)["advice"].get<std::string>().rfind("Call the emergency number now", 0) == 0);
    CHECK((*rule)["source"] == "NHS: DVT symptoms (made stricter by your clinic)");
    const std::vector<std::string> summary = clinic_safety_summary(triage, builtin());
    REQUIRE(!summary.empty());
    CHECK(summary[0] == "Raises 'any of: swelling in one leg; a warm, red or dark calf; calf pain with no clear cause; "
                        "hard or sore veins' from 'Get medical advice today' to 'Call the emergency number now'.");
    // And that it is asked after the first page.
    CHECK(std::find(summary.begin(), summary.end(),
                    "Now an emergency, but asked on the page 'Legs today', after the first one: 'swelling in one leg', "
                    "'a warm, red or dark calf', 'calf pain with no clear cause', 'hard or sore veins'.") != summary.end());
    CHECK(summary.size() == 2);

    // The rule that must name the risk factor still does.
    REQUIRE(set_rule_level(triage, builtin(), "clot_sign_with_risk_factor", SafetyLevel::Emergency).ok());
    CHECK(loads(triage));
    // A "health" sign raised to urgent: that page is asked every time.
    REQUIRE(set_rule_level(triage, builtin(), "past_clot", SafetyLevel::Urgent).ok());
    CHECK(loads(triage));
    bool every_time = false;
    for (const std::string& line : clinic_safety_summary(triage, builtin()))
        every_time = every_time || line.find("asked every time") != std::string::npos;
    CHECK(every_time);

    // Back to the app's level: the app's own rule again, word for word.
    REQUIRE(set_rule_level(triage, builtin(), "possible_leg_clot", SafetyLevel::Urgent).ok());
    REQUIRE(set_rule_level(triage, builtin(), "clot_sign_with_risk_factor", SafetyLevel::Urgent).ok());
    REQUIRE(set_rule_level(triage, builtin(), "past_clot", SafetyLevel::SeeProfessional).ok());
    CHECK(triage == builtin_triage(builtin()));
    CHECK(clinic_safety_summary(triage, builtin()) == std::vector<std::string>{"Same as the built-in check."});
}

TEST_CASE("clinic safety: every result of every operation passes the loader", "[clinic_safety]") {
    json triage = builtin_triage(builtin());
    int step = 0;
    for (const std::string_view page : kFixedGroupIds)
        for (int level = 1; level <= 5; ++level) {
            const std::string words = "Sign " + std::to_string(++step) + " of the clinic";
            add_clinic_question(triage, builtin(), words, page, static_cast<SafetyLevel>(level));
            INFO(words);
            CHECK(loads(triage));
        }
    CHECK(clinic_questions(triage, builtin()).size() == 17);  // 4 pages x 5 levels, less 3 emergencies off the first page
    for (const BuiltinSafetyRule& rule : builtin_safety_rules(triage, builtin()))
        for (int level = static_cast<int>(rule.builtin_level); level <= 5; ++level) {
            REQUIRE(set_rule_level(triage, builtin(), rule.rule_id, static_cast<SafetyLevel>(level)).ok());
            INFO(rule.rule_id << " " << level);
            CHECK(loads(triage));
        }
    for (const ClinicQuestion& q : clinic_questions(triage, builtin())) {
        REQUIRE(remove_clinic_question(triage, builtin(), q.id).ok());
        CHECK(loads(triage));
    }
    CHECK(clinic_questions(triage, builtin()).empty());
    // At most so many of the clinic's own.
    for (std::size_t i = 0; i < kClinicQuestionsMax; ++i)
        REQUIRE(add_clinic_question(triage, builtin(), "Extra sign " + std::to_string(i), kSkinInjuriesGroupId, SafetyLevel::Caution).ok());
    CHECK(add_clinic_question(triage, builtin(), "One too many", kSkinInjuriesGroupId, SafetyLevel::Caution).problem.find("too long") !=
          std::string::npos);
    CHECK(loads(triage));
}

TEST_CASE("clinic safety: a weakened check put straight into a bundle is still refused by the loader", "[clinic_safety]") {
    json triage = builtin_triage(builtin());
    // A red flag lowered by hand.
    for (json& rule : triage["rules"])
        if (rule["id"] == "possible_lung_clot") rule["level"] = "caution";
    CHECK_FALSE(loads(triage));
    // A red flag taken out by hand.
    json removed = builtin_triage(builtin());
    json& questions = removed["questions"];
    for (std::size_t i = 0; i < questions.size(); ++i)
        if (questions[i]["id"] == "one_leg_swollen") questions.erase(i--);
    for (json& rule : removed["rules"])
        for (json& group : rule["when"])
            for (std::size_t i = 0; i < group.size(); ++i)
                if (group[i] == "one_leg_swollen") group.erase(i--);
    CHECK_FALSE(loads(removed));
    // And a stored draft like that is not used: the app's own check, and a note.
    const ClinicSafetyDraft draft = read_clinic_safety(dump_json(triage), builtin());
    CHECK(draft.damaged);
    CHECK(draft.triage == builtin_triage(builtin()));
    CHECK(draft.note.find("no longer passes") != std::string::npos);
}

TEST_CASE("clinic safety: a stored draft is read back and a damaged one falls back to the app's check", "[clinic_safety]") {
    json triage = builtin_triage(builtin());
    REQUIRE(add_clinic_question(triage, builtin(), "A knee operation this year", kRememberedGroupId, SafetyLevel::SeeProfessional).ok());
    const ClinicSafetyDraft good = read_clinic_safety(dump_json(triage), builtin());
    CHECK_FALSE(good.damaged);
    CHECK(good.note.empty());
    CHECK(good.triage == triage);
    for (const std::string& text : {std::string("{ not json"), std::string(""), std::string("[1,2]"), dump_json(triage).substr(0, 100)}) {
        const ClinicSafetyDraft damaged = read_clinic_safety(text, builtin());
        CHECK(damaged.damaged);
        CHECK(damaged.triage == builtin_triage(builtin()));
        CHECK_FALSE(damaged.note.empty());
    }
}

TEST_CASE("clinic safety: a file with changes the kit did not make says so in the summary", "[clinic_safety]") {
    json triage = builtin_triage(builtin());
    triage["groups"][0]["help"] = "Our own words here.";
    REQUIRE(loads(triage));
    const std::vector<std::string> summary = clinic_safety_summary(triage, builtin());
    REQUIRE(summary.size() == 1);
    CHECK(summary[0].find("changes this kit did not make") != std::string::npos);
}

TEST_CASE("clinic safety: the bundle holds only the files that differ from the app's", "[clinic_safety]") {
    json triage = builtin_triage(builtin());
    const json routines = json::parse(builtin().at("routines.json"));
    CHECK(check_clinic_files(json{{"routines.json", routines}, {"triage.json", triage}}, builtin()).bundle.empty());
    REQUIRE(add_clinic_question(triage, builtin(), "A knee operation this year", kRememberedGroupId, SafetyLevel::SeeProfessional).ok());
    const ClinicContentCheck check = check_clinic_files(json{{"routines.json", routines}, {"triage.json", triage}}, builtin());
    CHECK(check.ok());
    const json bundle = json::parse(check.bundle);
    CHECK(bundle.size() == 1);
    CHECK(bundle["triage.json"] == triage);
    CHECK(load_clinic_content(check.bundle, builtin()).ok());
}
