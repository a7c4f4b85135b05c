// Triage engine against an oracle written here, independently of triage.json: if the shipped rules
// or the engine drift from the fixed safety mapping, these fail.
//
// [SECTION] The oracle
// [SECTION] All 2^18 combinations
// [SECTION] Single answers, unsure and unanswered
// [SECTION] Order, early stop, pain, after-session
// [SECTION] Answers JSON
// [SECTION] Vignettes
#include <catch2/catch.hpp>

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "core/triage.hpp"
#include "test_support.hpp"

using namespace calfcoach;
using namespace calfcoach::test;

namespace {

//-----------------------------------------------------------------------------
// [SECTION] The oracle
//-----------------------------------------------------------------------------

// The fixed ids in a fixed bit order, hard-coded here on purpose (not read from content).
const std::vector<std::string> kOracleIds = {
    "chest_symptoms", "cold_pale_leg",                                                            // 0-1 emergency
    "one_leg_swollen", "calf_warm_red", "unexplained_calf_pain", "hard_sore_veins",               // 2-5 urgent
    "spreading_redness_fever",                                                                    // 6 urgent
    "clot_history", "blood_thinners", "recent_surgery_or_immobility", "pregnant_or_postpartum",   // 7-10
    "cancer_treatment", "numbness", "varicose_veins", "severe_or_persistent_pain",                // 11-14 see_pro
    "open_wound", "recent_injury",                                                                // 15-16 wait
    "sore_after_exercise",                                                                        // 17 caution
};
constexpr std::uint32_t kCombinations = 1u << 18;
constexpr std::uint32_t kClotSignBits = (1u << 2) | (1u << 3) | (1u << 4) | (1u << 5);
constexpr std::uint32_t kRiskFactorBits = (1u << 7) | (1u << 9) | (1u << 10) | (1u << 11);

SafetyLevel oracle_level(std::uint32_t yes) {
    if (yes & 0b11u) return SafetyLevel::Emergency;
    if (yes & (0b11111u << 2)) return SafetyLevel::Urgent;
    if (yes & (0xFFu << 7)) return SafetyLevel::SeeProfessional;
    if (yes & (0b11u << 15)) return SafetyLevel::Wait;
    if (yes & (1u << 17)) return SafetyLevel::Caution;
    return SafetyLevel::Ok;
}

// Every question explicitly answered; bits set -> `yes_as`.
void fill_answers(TriageAnswers& answers, std::uint32_t yes, Answer yes_as = Answer::Yes) {
    for (std::size_t bit = 0; bit < kOracleIds.size(); ++bit)
        answers[kOracleIds[bit]] = (yes >> bit) & 1u ? yes_as : Answer::No;
}

TriageAnswers answers_for(std::uint32_t yes, Answer yes_as = Answer::Yes) {
    TriageAnswers answers;
    fill_answers(answers, yes, yes_as);
    return answers;
}

std::uint32_t bit_of(const std::string& id) {
    for (std::size_t i = 0; i < kOracleIds.size(); ++i)
        if (kOracleIds[i] == id) return 1u << i;
    FAIL("not a fixed id: " << id);
    return 0;
}

// Levels of all 2^18 combinations by triage_level (the advice-free path), computed once per process.
const std::vector<SafetyLevel>& all_levels() {
    static const std::vector<SafetyLevel> levels = [] {
        std::vector<SafetyLevel> out(kCombinations);
        TriageAnswers answers;
        for (std::uint32_t mask = 0; mask < kCombinations; ++mask) {
            fill_answers(answers, mask);
            out[mask] = triage_level(shipped_triage(), answers);
        }
        return out;
    }();
    return levels;
}

}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] All 2^18 combinations
//-----------------------------------------------------------------------------

TEST_CASE("the shipped content has exactly the oracle's question ids first", "[triage]") {
    REQUIRE(shipped_load().ok());
    for (const std::string& id : kOracleIds) CHECK(shipped_triage().find_question(id) != nullptr);
    CHECK(kFixedQuestions.size() == kOracleIds.size());
}

TEST_CASE("every yes/no combination of the 18 fixed questions matches the oracle", "[triage][exhaustive]") {
    // The full evaluate_triage (advice and all) for every combination.
    REQUIRE(shipped_load().ok());
    const auto start = std::chrono::steady_clock::now();
    TriageAnswers answers;
    std::uint32_t mismatches = 0;
    for (std::uint32_t mask = 0; mask < kCombinations; ++mask) {
        fill_answers(answers, mask);
        const TriageResult result = evaluate_triage(shipped_triage(), answers);
        const bool levels_agree = result.level == oracle_level(mask) &&
                                  (result.rules.empty() ? SafetyLevel::Ok : result.rules.front().level) == result.level;
        if (!levels_agree && ++mismatches <= 5)
            FAIL_CHECK("mask " << mask << ": engine " << to_string(result.level) << ", oracle " << to_string(oracle_level(mask)));
    }
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start).count();
    WARN("2^18 evaluate_triage calls took " << ms << " ms");
    CHECK(mismatches == 0);
}

TEST_CASE("flipping any answer to yes never makes the result less severe", "[triage][exhaustive]") {
    const std::vector<SafetyLevel>& levels = all_levels();
    std::uint32_t violations = 0;
    std::uint32_t off_oracle = 0;
    for (std::uint32_t mask = 0; mask < kCombinations; ++mask) {
        if (levels[mask] != oracle_level(mask)) ++off_oracle;  // triage_level agrees with the oracle too
        for (std::uint32_t bit = 0; bit < 18; ++bit)
            if (levels[mask | (1u << bit)] < levels[mask]) ++violations;
    }
    CHECK(off_oracle == 0);
    CHECK(violations == 0);
}

TEST_CASE("a clot sign with a risk factor is urgent and the advice names every risk factor", "[triage][exhaustive]") {
    // Every non-empty set of signs with every non-empty set of factors, the 10 other answers all no
    // and all yes (the naming logic does not depend on them; the level is covered exhaustively above).
    const std::uint32_t other_bits = (kCombinations - 1) & ~kClotSignBits & ~kRiskFactorBits;
    std::vector<std::uint32_t> masks;
    for (std::uint32_t signs = kClotSignBits; signs != 0; signs = (signs - 1) & kClotSignBits)
        for (std::uint32_t factors = kRiskFactorBits; factors != 0; factors = (factors - 1) & kRiskFactorBits)
            for (std::uint32_t others : {0u, other_bits}) masks.push_back(signs | factors | others);
    TriageAnswers answers;
    std::uint32_t checked = 0;
    for (std::uint32_t mask : masks) {
        fill_answers(answers, mask);
        const TriageResult result = evaluate_triage(shipped_triage(), answers);
        REQUIRE(result.level >= SafetyLevel::Urgent);
        // Every risk factor answered yes is named in an urgent rule's advice (by its label).
        for (std::uint32_t bit : {7u, 9u, 10u, 11u}) {
            if (!(mask & (1u << bit))) continue;
            const std::string& label = shipped_triage().find_question(kOracleIds[bit])->label;
            REQUIRE_FALSE(label.empty());
            const bool named = std::any_of(result.rules.begin(), result.rules.end(), [&](const TriggeredRule& r) {
                return r.level >= SafetyLevel::Urgent && r.advice.find(label) != std::string::npos &&
                       std::find(r.named.begin(), r.named.end(), kOracleIds[bit]) != r.named.end();
            });
            if (!named) FAIL("mask " << mask << " does not name " << kOracleIds[bit]);
        }
        ++checked;
    }
    CHECK(checked == 15u * 15u * 2u);
}

//-----------------------------------------------------------------------------
// [SECTION] Single answers, unsure and unanswered
//-----------------------------------------------------------------------------

TEST_CASE("each fixed question alone gives its level", "[triage]") {
    for (const FixedQuestion& fixed : kFixedQuestions) {
        INFO(fixed.id);
        const TriageResult result = evaluate_triage(shipped_triage(), answers_for(bit_of(std::string(fixed.id))));
        CHECK(result.level == fixed.min_level);
        CHECK(result.level == oracle_level(bit_of(std::string(fixed.id))));
        REQUIRE_FALSE(result.rules.empty());
        CHECK_FALSE(result.rules.front().source.empty());
    }
}

TEST_CASE("all answers no gives ok with no rules", "[triage]") {
    const TriageResult result = evaluate_triage(shipped_triage(), answers_for(0));
    CHECK(result.level == SafetyLevel::Ok);
    CHECK(result.rules.empty());
}

TEST_CASE("unsure counts as yes for every combination", "[triage][exhaustive]") {
    const std::vector<SafetyLevel>& levels = all_levels();
    TriageAnswers answers;
    std::uint32_t mismatches = 0;
    for (std::uint32_t mask = 0; mask < kCombinations; ++mask) {
        fill_answers(answers, mask, Answer::Unsure);
        if (triage_level(shipped_triage(), answers) != levels[mask]) ++mismatches;
        if (mask % 64 == 0 && evaluate_triage(shipped_triage(), answers).level != levels[mask]) ++mismatches;
    }
    CHECK(mismatches == 0);
}

TEST_CASE("an unanswered question counts as yes", "[triage]") {
    // Every combination with its yes answers left out instead of given: same level.
    const std::vector<SafetyLevel>& levels = all_levels();
    std::uint32_t mismatches = 0;
    TriageAnswers answers;
    for (std::uint32_t mask = 0; mask < kCombinations; ++mask) {
        answers.clear();
        for (std::size_t bit = 0; bit < 18; ++bit)
            if (!(mask & (1u << bit))) answers.emplace(kOracleIds[bit], Answer::No);  // the yes ones left out
        if (triage_level(shipped_triage(), answers) != levels[mask]) ++mismatches;
        if (mask % 64 == 0 && evaluate_triage(shipped_triage(), answers).level != levels[mask]) ++mismatches;
    }
    CHECK(mismatches == 0);
    CHECK(evaluate_triage(shipped_triage(), TriageAnswers{}).level == SafetyLevel::Emergency);
    TriageAnswers all_but_chest = answers_for(0);
    all_but_chest.erase("chest_symptoms");
    CHECK(evaluate_triage(shipped_triage(), all_but_chest).level == SafetyLevel::Emergency);
}

TEST_CASE("content that was not validated never gives a go-ahead", "[triage]") {
    TriageContent unchecked = shipped_triage();
    unchecked.validated = false;
    const TriageResult result = evaluate_triage(unchecked, answers_for(0));
    CHECK_FALSE(allows_session(result.level));
    REQUIRE(result.rules.size() == 1);
    CHECK(result.rules[0].rule_id == kContentNotValidatedRuleId);
    CHECK_FALSE(allows_session(evaluate_triage(TriageContent{}, {}).level));
    CHECK_FALSE(allows_session(triage_level(unchecked, answers_for(0))));
}

//-----------------------------------------------------------------------------
// [SECTION] Order, early stop, pain, after-session
//-----------------------------------------------------------------------------

TEST_CASE("questions come most severe first", "[triage]") {
    const auto ordered = questions_most_severe_first(shipped_triage());
    REQUIRE(ordered.size() == shipped_triage().questions.size());
    CHECK(ordered[0]->id == "chest_symptoms");
    CHECK(ordered[1]->id == "cold_pale_leg");
    SafetyLevel previous = SafetyLevel::Emergency;
    for (const TriageQuestion* q : ordered) {
        const SafetyLevel alone = oracle_level(bit_of(q->id));
        INFO(q->id);
        CHECK(alone <= previous);
        previous = alone;
    }
    CHECK(ordered.back()->id == "sore_after_exercise");
}

TEST_CASE("an emergency answer decides early, other answers do not", "[triage]") {
    const TriageContent& triage = shipped_triage();
    CHECK_FALSE(answers_decide_emergency(triage, {}));
    CHECK_FALSE(answers_decide_emergency(triage, {{"chest_symptoms", Answer::No}}));
    CHECK(answers_decide_emergency(triage, {{"chest_symptoms", Answer::Yes}}));
    CHECK(answers_decide_emergency(triage, {{"chest_symptoms", Answer::Unsure}}));
    CHECK(answers_decide_emergency(triage, {{"chest_symptoms", Answer::No}, {"cold_pale_leg", Answer::Yes}}));
    CHECK_FALSE(answers_decide_emergency(triage, {{"chest_symptoms", Answer::No}, {"cold_pale_leg", Answer::No},
                                                  {"one_leg_swollen", Answer::Yes}}));
}

TEST_CASE("pain during a session maps to stop, ease or continue with content advice", "[triage][pain]") {
    const TriageContent& triage = shipped_triage();
    CHECK(classify_pain(8, false) == PainAction::Stop);
    CHECK(classify_pain(2, true) == PainAction::Stop);
    CHECK(classify_pain(5, false) == PainAction::Ease);
    CHECK(classify_pain(3, false) == PainAction::Continue);
    CHECK(pain_advice(triage, PainAction::Stop) == triage.pain.stop);
    CHECK(pain_advice(triage, PainAction::Ease) == triage.pain.ease);
    CHECK(pain_advice(triage, classify_pain(7, false)).find("Stop") != std::string_view::npos);
    CHECK(pain_advice(triage, classify_pain(4, false)).find("Ease") != std::string_view::npos);
    CHECK(pain_advice(triage, PainAction::Stop) != pain_advice(triage, PainAction::Ease));
}

TEST_CASE("new chest symptoms after a session are an emergency", "[triage]") {
    const TriageContent& triage = shipped_triage();
    CHECK(evaluate_after_session(triage, Answer::Yes).level == SafetyLevel::Emergency);
    CHECK(evaluate_after_session(triage, Answer::Unsure).level == SafetyLevel::Emergency);
    const TriageResult fine = evaluate_after_session(triage, Answer::No);
    CHECK(fine.level == SafetyLevel::Ok);
    CHECK(fine.rules.empty());
    CHECK_FALSE(triage.after_session.question.empty());
}

//-----------------------------------------------------------------------------
// [SECTION] Answers JSON
//-----------------------------------------------------------------------------

TEST_CASE("answers JSON parses yes, no and unsure", "[triage][json]") {
    const AnswersParse parsed = parse_answers_json(R"({"answers": {"numbness": "yes", "open_wound": "no", "recent_injury": "unsure"}})",
                                                   shipped_triage());
    REQUIRE(parsed.ok());
    CHECK(parsed.answers.at("numbness") == Answer::Yes);
    CHECK(parsed.answers.at("open_wound") == Answer::No);
    CHECK(parsed.answers.at("recent_injury") == Answer::Unsure);
}

TEST_CASE("bad answers JSON is rejected with a one-line reason", "[triage][json]") {
    const char* bad[] = {
        "not json", "[]", "{}", R"({"answers": []})", R"({"answers": {"numbness": "maybe"}})",
        R"({"answers": {"numbness": true}})", R"({"answers": {"no_such_question": "yes"}})",
        R"({"answers": {}, "extra": 1})", "{\"answers\": {\"numbness\": \"\xff\"}}",
        // found by fuzz_answers: good answers before a bad one must not be returned
        R"({"answers": {"one_leg_swollen": "yes", "clot_history": "unsure", "sore_after_exercise": "%o"}})"};
    for (const char* text : bad) {
        INFO(text);
        const AnswersParse parsed = parse_answers_json(text, shipped_triage());
        CHECK_FALSE(parsed.ok());
        CHECK(parsed.error.find('\n') == std::string::npos);
        CHECK(parsed.answers.empty());
    }
}

TEST_CASE("triage result JSON lists level, rules and advice", "[triage][json]") {
    const TriageResult result = evaluate_triage(shipped_triage(), answers_for(bit_of("open_wound") | bit_of("sore_after_exercise")));
    const nlohmann::json out = nlohmann::json::parse(triage_result_to_json(result));
    CHECK(out["level"] == "wait");
    REQUIRE(out["rules"].size() == 2);
    CHECK(out["rules"][0]["level"] == "wait");
    CHECK(out["rules"][1]["level"] == "caution");
    CHECK(out["rules"][0]["source"].get<std::string>().size() > 0);
    CHECK(out["advice"].size() == 2);
    CHECK(out["advice"][0] == out["rules"][0]["advice"]);
}

//-----------------------------------------------------------------------------
// [SECTION] Vignettes
//-----------------------------------------------------------------------------

TEST_CASE("every triage vignette gives its expected level", "[triage][vignettes]") {
    const std::string text = read_text_file(std::string(CALFCOACH_TESTS_DIR) + "/core/triage_vignettes.json");
    const nlohmann::json vignettes = nlohmann::json::parse(text);
    const nlohmann::json& cases = vignettes.at("cases");
    REQUIRE(cases.size() >= 40);
    for (const nlohmann::json& c : cases) {
        const std::string id = c.at("id").get<std::string>();
        INFO(id << ": " << c.at("situation").get<std::string>() << " (" << c.at("why").get<std::string>() << ")");
        TriageAnswers answers;
        if (c.value("others", std::string("no")) == "no")
            for (const TriageQuestion& q : shipped_triage().questions) answers[q.id] = Answer::No;
        for (const auto& [question, value] : c.at("answers").items()) {
            REQUIRE(shipped_triage().find_question(question) != nullptr);
            const std::optional<Answer> answer = answer_from_string(value.get<std::string>());
            REQUIRE(answer.has_value());
            answers[question] = *answer;
        }
        const TriageResult result = evaluate_triage(shipped_triage(), answers);
        const std::optional<SafetyLevel> expected = safety_level_from_string(c.at("expected").get<std::string>());
        REQUIRE(expected.has_value());
        CHECK(to_string(result.level) == to_string(*expected));
        for (const nlohmann::json& factor : c.value("names", nlohmann::json::array())) {
            const std::string& label = shipped_triage().find_question(factor.get<std::string>())->label;
            const bool named = std::any_of(result.rules.begin(), result.rules.end(),
                                           [&](const TriggeredRule& r) { return r.advice.find(label) != std::string::npos; });
            CHECK(named);
        }
    }
}
