// clinic_safety.hpp — a clinic's safety check as the clinic kit edits it: triage.json as JSON, changed
// only by the operations here, each of which either keeps the file one the loader accepts (so the
// safety floor of core/triage.hpp holds) or changes nothing and says why in plain words. A clinic may
// add signs of its own and make the app's own rules stricter; it can never remove or soften them.
//
// [SECTION] Levels in words
// [SECTION] What is in the check (the app's rules, the clinic's questions)
// [SECTION] Changes (add, remove, raise)
// [SECTION] Summary and a stored draft
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/clinic_routines.hpp"
#include "core/safety_level.hpp"

namespace calfcoach {

//-----------------------------------------------------------------------------
// [SECTION] Levels in words
//-----------------------------------------------------------------------------

// What a sign at `level` does to the patient's session, for a physio: "stops the session until a
// health professional says it is fine".
std::string_view safety_level_effect(SafetyLevel level);

// The fixed pages' short names for a physio ("Right now", "Legs today", "Your health", "Skin and
// injuries"); the group id itself for any other page.
std::string page_short_name(std::string_view group_id);

//-----------------------------------------------------------------------------
// [SECTION] What is in the check
//-----------------------------------------------------------------------------

// One of the app's own rules, as the clinic's file has it now.
struct BuiltinSafetyRule {
    std::string rule_id;
    std::string page;         // the group of its first sign (the page a patient sees it on)
    std::string signs;        // what the patient ticks that leads to it, in words
    SafetyLevel builtin_level = SafetyLevel::Ok;
    SafetyLevel level = SafetyLevel::Ok;  // the clinic's: never below builtin_level in a file the loader took
    std::string source;       // the guidance the app's rule follows
};

// The app's rules in the app's order. `builtin`: the shipped files (name -> text).
std::vector<BuiltinSafetyRule> builtin_safety_rules(const nlohmann::json& triage, const ContentFiles& builtin);

// A question the clinic added (any question the app does not have).
struct ClinicQuestion {
    std::string id;
    std::string page;
    std::string item;                      // what the patient ticks
    SafetyLevel level = SafetyLevel::Ok;   // what ticking it alone gives
};
std::vector<ClinicQuestion> clinic_questions(const nlohmann::json& triage, const ContentFiles& builtin);

// The shipped triage.json (an empty object if it cannot be read, which the tests rule out).
nlohmann::json builtin_triage(const ContentFiles& builtin);

// True when the clinic's file is exactly the shipped one.
bool same_as_builtin(const nlohmann::json& triage, const ContentFiles& builtin);

//-----------------------------------------------------------------------------
// [SECTION] Changes
//-----------------------------------------------------------------------------

// What an operation did: `problem` is empty when the file changed, else says in plain words why it
// did not (the file is then exactly as it was).
struct SafetyEdit {
    std::string problem;
    std::string id;  // add: the new question's id
    [[nodiscard]] bool ok() const { return problem.empty(); }
};

inline constexpr std::size_t kClinicQuestionMaxBytes = 200;
inline constexpr std::size_t kClinicQuestionsMax = 20;

// Adds a sign of the clinic's own to a fixed page: a question "clinic_N" (N one more than the highest
// in the file, so the questions kept never change their ids) with its label, item and text, and a rule
// "clinic_N" giving `level` with advice in the app's words for that level. Refused: empty or too long
// words, a sign the page already has, a page that is not one of the fixed ones, "ok" (it would do
// nothing), "emergency" off the first page (the check could not stop at once), more than
// kClinicQuestionsMax questions.
SafetyEdit add_clinic_question(nlohmann::json& triage, const ContentFiles& builtin, std::string_view item,
                               std::string_view page, SafetyLevel level);

// Removes a question the clinic added, and the rules that used only it. One of the app's own is refused.
SafetyEdit remove_clinic_question(nlohmann::json& triage, const ContentFiles& builtin, std::string_view question_id);

// Sets one of the app's rules to `level`: above the app's level the rule's advice becomes the app's
// words for that level (naming what it named) and its source says the clinic made it stricter; at the
// app's level the rule is the app's own again; below it, refused.
SafetyEdit set_rule_level(nlohmann::json& triage, const ContentFiles& builtin, std::string_view rule_id, SafetyLevel level);

//-----------------------------------------------------------------------------
// [SECTION] Summary and a stored draft
//-----------------------------------------------------------------------------

// What the clinic's changes do, one plain line each: "Adds 1 question: 'A knee operation in the last
// 6 months', which stops the session until ...", "Raises 'calf pain with no clear cause' from 'Get
// medical advice today' to 'Call the emergency number now'.", or "Same as the built-in check."
std::vector<std::string> clinic_safety_summary(const nlohmann::json& triage, const ContentFiles& builtin);

struct ClinicSafetyDraft {
    nlohmann::json triage;  // the draft, or the shipped file when it was damaged
    bool damaged = false;   // the stored text could not be used
    std::string note;       // why, in plain words ("" when not damaged)
};

// A stored draft (it may be damaged: cut short, edited by hand, from an older kit). Anything the
// loader would refuse falls back to the shipped check.
ClinicSafetyDraft read_clinic_safety(std::string_view text, const ContentFiles& builtin);

}  // namespace calfcoach
