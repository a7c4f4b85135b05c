// triage.hpp — the safety check before a session: questions and rules come from triage.json
// (TriageContent, filled by load_content), this engine evaluates them.
//
// [SECTION] Answers
// [SECTION] Content (groups, questions, rules, pain and after-session wording)
// [SECTION] The fixed safety floor (ids every content must keep, their lowest level and their group)
// [SECTION] Evaluation
// [SECTION] Question order and early stop
// [SECTION] Pain during a session, and the after-session check
// [SECTION] JSON in and out (CLI and app)
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/pain.hpp"
#include "core/safety_level.hpp"

namespace calfcoach {

//-----------------------------------------------------------------------------
// [SECTION] Answers
//-----------------------------------------------------------------------------

// Safety first: Unsure counts as Yes, and so does a question left unanswered.
enum class Answer : std::uint8_t { No, Yes, Unsure };

std::string_view to_string(Answer a);
std::optional<Answer> answer_from_string(std::string_view s);

using TriageAnswers = std::map<std::string, Answer, std::less<>>;

//-----------------------------------------------------------------------------
// [SECTION] Content
//-----------------------------------------------------------------------------

// A page of the check: a few related signs under one question, most severe page first
// (core/triage_pages.hpp turns a page's answer into per-question answers).
struct TriageGroup {
    std::string id;     // e.g. "right_now"
    std::string title;  // the page's question: "Right now, do you have any of these?"
    std::string help;   // optional short line under the title
    // Days an answer "none of these" on this page may be remembered for a re-check (0: never).
    // Only the group kRememberedGroupId may set it, at most kRememberNoneMaxDays (core/triage_recheck.hpp).
    int remember_none_days = 0;
};

struct TriageQuestion {
    std::string id;     // e.g. "one_leg_swollen"
    std::string group;  // the id of the TriageGroup (page) it is shown on
    std::string text;   // the whole question on its own, plain words (the CLI and the handout)
    std::string help;   // optional short line under the question
    std::string label;  // short noun phrase used to name it in advice: "a past blood clot"
    std::string item;   // the checkbox text on its page: "One leg is swollen and the other is not"
};

struct TriageRule {
    std::string id;
    SafetyLevel level = SafetyLevel::Ok;
    // Triggers when EVERY group holds at least one question answered yes (or unsure, or unanswered).
    // One group of one id is the plain "this answer gives this level" rule.
    std::vector<std::vector<std::string>> when;
    // When set, "{named}" in the advice is replaced by the labels of the matching questions of
    // that group (e.g. the risk factors behind a clot warning).
    std::optional<std::size_t> name_group;
    std::string advice;
    std::string source;  // the public guidance the rule follows, e.g. "NHS: DVT symptoms"
};

struct PainAdviceText {
    std::string stop;
    std::string ease;
    std::string keep_going;  // "continue" in triage.json; optional
};

struct AfterSessionText {
    std::string question;  // "text" in triage.json: new chest symptoms since the massage?
    std::string all_clear; // "ok" in triage.json; optional
};

struct TriageContent {
    std::string version;
    std::vector<TriageGroup> groups;  // page order: most severe first
    std::vector<TriageQuestion> questions;
    std::vector<TriageRule> rules;
    PainAdviceText pain;
    AfterSessionText after_session;
    // Set by load_content only when triage.json passed every check. Evaluating unvalidated
    // content never says "go ahead" (see evaluate_triage).
    bool validated = false;

    [[nodiscard]] const TriageQuestion* find_question(std::string_view id) const;
    [[nodiscard]] const TriageGroup* find_group(std::string_view id) const;
};

//-----------------------------------------------------------------------------
// [SECTION] The fixed safety floor
//-----------------------------------------------------------------------------

// The fixed pages. Every content keeps them and keeps each fixed question on its page (a clinic may add
// questions to them or add pages): the emergency signs stay on the first page, so the check can stop
// at once, and the page a re-check may skip holds only what rarely changes.
inline constexpr std::string_view kRightNowGroupId = "right_now";
inline constexpr std::string_view kCalfTodayGroupId = "calf_today";
inline constexpr std::string_view kRememberedGroupId = "your_health";
inline constexpr std::string_view kSkinInjuriesGroupId = "skin_injuries";
inline constexpr std::array<std::string_view, 4> kFixedGroupIds = {
    kRightNowGroupId, kCalfTodayGroupId, kRememberedGroupId, kSkinInjuriesGroupId};

struct FixedQuestion {
    std::string_view id;
    SafetyLevel min_level;  // answering yes to this alone gives at least this level
    std::string_view group; // the page it must stay on
};

inline constexpr std::array<FixedQuestion, 18> kFixedQuestions = {{
    {"chest_symptoms", SafetyLevel::Emergency, kRightNowGroupId},
    {"cold_pale_leg", SafetyLevel::Emergency, kRightNowGroupId},
    {"one_leg_swollen", SafetyLevel::Urgent, kCalfTodayGroupId},
    {"calf_warm_red", SafetyLevel::Urgent, kCalfTodayGroupId},
    {"unexplained_calf_pain", SafetyLevel::Urgent, kCalfTodayGroupId},
    {"hard_sore_veins", SafetyLevel::Urgent, kCalfTodayGroupId},
    {"spreading_redness_fever", SafetyLevel::Urgent, kRightNowGroupId},
    {"clot_history", SafetyLevel::SeeProfessional, kRememberedGroupId},
    {"blood_thinners", SafetyLevel::SeeProfessional, kRememberedGroupId},
    {"recent_surgery_or_immobility", SafetyLevel::SeeProfessional, kRememberedGroupId},
    {"pregnant_or_postpartum", SafetyLevel::SeeProfessional, kRememberedGroupId},
    {"cancer_treatment", SafetyLevel::SeeProfessional, kRememberedGroupId},
    {"numbness", SafetyLevel::SeeProfessional, kCalfTodayGroupId},
    {"varicose_veins", SafetyLevel::SeeProfessional, kRememberedGroupId},
    {"severe_or_persistent_pain", SafetyLevel::SeeProfessional, kCalfTodayGroupId},
    {"open_wound", SafetyLevel::Wait, kSkinInjuriesGroupId},
    {"recent_injury", SafetyLevel::Wait, kSkinInjuriesGroupId},
    {"sore_after_exercise", SafetyLevel::Caution, kSkinInjuriesGroupId},
}};

// The longest a "none of these" may be remembered; content may shorten it, never lengthen it.
inline constexpr int kRememberNoneMaxDays = 7;

// A clot sign together with a clot risk factor must stay urgent and its advice must name the factor.
inline constexpr std::array<std::string_view, 4> kClotSignIds = {
    "one_leg_swollen", "calf_warm_red", "unexplained_calf_pain", "hard_sore_veins"};
inline constexpr std::array<std::string_view, 4> kClotRiskFactorIds = {
    "clot_history", "recent_surgery_or_immobility", "pregnant_or_postpartum", "cancer_treatment"};

// Every way `content` falls below the floor, one sentence each (empty when it keeps it): a missing
// fixed question, a fixed id that alone gives a milder level, a clot sign plus risk factor that is
// not urgent or whose advice does not name the factor. Ignores `validated`.
std::vector<std::string> triage_floor_problems(const TriageContent& content);

// The same for the pages, one sentence each: a missing fixed group, a fixed question moved off its
// group, a first page other than kRightNowGroupId (the emergency signs come first, so the check can
// stop at once), a remember_none_days outside 0..kRememberNoneMaxDays or on a group other than
// kRememberedGroupId. Unknown group ids, empty and duplicate groups are the loader's to report. A
// clinic's stricter rules never fail it (a question made an emergency on a later page is a warning).
std::vector<std::string> triage_group_floor_problems(const TriageContent& content);

// The questions of the remembered group that alone give urgent or emergency (e.g. a clinic made one
// stricter): such signs can change from one day to the next, so while there is one, "none of these"
// is never remembered (remember_none_days in core/triage_recheck.hpp gives 0; the loader warns).
std::vector<std::string> remembered_group_blockers(const TriageContent& content);

// The level answering yes to `question_id` alone gives (every other question no).
SafetyLevel level_alone(const TriageContent& content, std::string_view question_id);

//-----------------------------------------------------------------------------
// [SECTION] Evaluation
//-----------------------------------------------------------------------------

struct TriggeredRule {
    std::string rule_id;
    SafetyLevel level = SafetyLevel::Ok;
    std::string advice;              // with "{named}" filled in
    std::string source;
    std::vector<std::string> named;  // ids of the questions named in the advice
};

struct TriageResult {
    SafetyLevel level = SafetyLevel::Ok;  // the most severe triggered rule, Ok when none
    std::vector<TriggeredRule> rules;     // most severe first, then in content order
};

// Id of the rule reported when the content was not validated: the result is then SeeProfessional.
inline constexpr std::string_view kContentNotValidatedRuleId = "content_not_validated";

TriageResult evaluate_triage(const TriageContent& content, const TriageAnswers& answers);

// The level evaluate_triage gives, without building the advice (same rule matching, no allocation):
// for progress displays and exhaustive checks.
SafetyLevel triage_level(const TriageContent& content, const TriageAnswers& answers);

//-----------------------------------------------------------------------------
// [SECTION] Question order and early stop
//-----------------------------------------------------------------------------

// Most severe first (by the level the question gives alone), content order among equals, so the
// app can ask the emergency questions first.
std::vector<const TriageQuestion*> questions_most_severe_first(const TriageContent& content);

// True when the answers given so far already make it an emergency, whatever comes next. Here an
// unanswered question does NOT count as yes (it is simply not asked yet); unsure still does.
bool answers_decide_emergency(const TriageContent& content, const TriageAnswers& answers_so_far);

//-----------------------------------------------------------------------------
// [SECTION] Pain during a session, and the after-session check
//-----------------------------------------------------------------------------

// The wording for a pain action (classify_pain in pain.hpp decides it).
std::string_view pain_advice(const TriageContent& content, PainAction action);

// After the session: new chest symptoms (yes or unsure) -> Emergency with the chest rule's advice;
// no -> Ok with no rules.
TriageResult evaluate_after_session(const TriageContent& content, Answer new_chest_symptoms);

//-----------------------------------------------------------------------------
// [SECTION] JSON in and out
//-----------------------------------------------------------------------------

struct AnswersParse {
    TriageAnswers answers;
    std::string error;  // one line; empty on success
    [[nodiscard]] bool ok() const { return error.empty(); }
};

// {"answers": {"<id>": "yes" | "no" | "unsure", ...}}. Caps: 64 KB, nesting depth 8.
AnswersParse parse_answers_json(std::string_view text);
// The same, and every id must be a question of `content`.
AnswersParse parse_answers_json(std::string_view text, const TriageContent& content);

// {"level": "...", "rules": [{"id","level","advice","source"}...], "advice": ["...", ...]}
std::string triage_result_to_json(const TriageResult& result, int indent = -1);

}  // namespace calfcoach
