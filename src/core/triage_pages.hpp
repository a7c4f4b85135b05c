// triage_pages.hpp — the safety check as a few pages of related signs (triage.json's "groups"), and
// what the person answered there, turned into the per-question TriageAnswers the engine evaluates.
// The pages are only a view: evaluate_triage still decides the level, from the same answers.
//
// [SECTION] Pages
// [SECTION] Page answers
// [SECTION] From page answers to TriageAnswers
// [SECTION] Early stop
// [SECTION] Why: what the person said that led to the level
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/triage.hpp"

namespace calfcoach {

//-----------------------------------------------------------------------------
// [SECTION] Pages
//-----------------------------------------------------------------------------

struct TriagePage {
    const TriageGroup* group = nullptr;          // its title is the page's question
    std::vector<const TriageQuestion*> items;    // the group's questions, in content order
};

// One page per group, in content order (most severe first, as the loader checks). Pointers into
// `content`, valid while it lives.
std::vector<TriagePage> triage_pages(const TriageContent& content);

//-----------------------------------------------------------------------------
// [SECTION] Page answers
//-----------------------------------------------------------------------------

// How the person marked one item on a page.
enum class ItemMark : std::uint8_t { Yes, NotSure };

// What the person answered on one page. Safety first: an item counts as "no" ONLY when the page's
// explicit "none" tap covers it; everything else (marked, not sure, or simply not marked) counts as
// yes.
struct PageAnswer {
    // The items the person marked: question id -> yes or not sure. Default: empty (nothing marked).
    std::map<std::string, ItemMark, std::less<>> marked;
    // The explicit tap "None of these" (when nothing is marked) or "None of the others" (when
    // something is): every item of the page NOT in `marked` is then "no". It is never preselected,
    // and marking an item clears it in the UI, so the person must tap it again after marking.
    // Default: false (nothing is ruled out: the page's unmarked items count as yes).
    bool none_of_the_rest = false;

    // Nothing marked and no "none" tap: the page was not answered (yet).
    [[nodiscard]] bool answered() const { return none_of_the_rest || !marked.empty(); }
    // The plain "None of these": the only answer a re-check may remember.
    [[nodiscard]] bool none_of_these() const { return none_of_the_rest && marked.empty(); }
};

// Group id -> that page's answer. A page left out is unanswered (all its items count as yes).
using PageAnswers = std::map<std::string, PageAnswer, std::less<>>;

//-----------------------------------------------------------------------------
// [SECTION] From page answers to TriageAnswers
//-----------------------------------------------------------------------------

// Per question of `content`, in the representation evaluate_triage already uses:
//   marked yes -> Answer::Yes; marked not sure -> Answer::Unsure;
//   unmarked on a page whose "none" tap covers it -> Answer::No;
//   anything else (unanswered page, unmarked without the tap) -> left out (counts as yes).
// A mark always wins over a "none" (even a mark filed under another page: a mark is never lost).
// Marks of ids that are not questions, and pages of unknown groups, are ignored.
TriageAnswers triage_answers_from_pages(const TriageContent& content, const PageAnswers& pages);

//-----------------------------------------------------------------------------
// [SECTION] Early stop
//-----------------------------------------------------------------------------

// After a page: true when the pages answered so far already make it an emergency, whatever the
// pages still to come hold, so the check must stop now and show the emergency result. Consistent
// with evaluate_triage: when this is true, evaluate_triage of triage_answers_from_pages(pages) is
// Emergency. Pages not answered yet count as not asked (not as yes); unmarked items of an answered
// page without its "none" tap still count as yes, as everywhere. False for unvalidated content (the
// caller shows evaluate_triage's fail-safe result at the end, as answers_decide_emergency does).
bool pages_decide_emergency(const TriageContent& content, const PageAnswers& pages_so_far);

//-----------------------------------------------------------------------------
// [SECTION] Why: what the person said that led to the level
//-----------------------------------------------------------------------------

// How an answer counted as yes.
enum class WhyAnswer : std::uint8_t {
    Said,         // marked yes
    NotSure,      // marked not sure
    NotRuledOut,  // not marked, and the page's "none" tap did not cover it (or the page was not answered)
};

struct WhyLine {
    std::string question_id;
    WhyAnswer answer = WhyAnswer::Said;
    std::string item;                   // the item's text as on its page (its label or id when it has none)
    // "You said: one leg is swollen and the other is not", "You were not sure about: ...",
    // "You did not rule out: ..." (the item's text with its first letter lower-cased).
    std::string text;
    SafetyLevel level = SafetyLevel::Ok;  // the most severe triggered rule this answer feeds
    std::vector<std::string> rule_ids;    // every triggered rule it feeds, most severe first
    std::vector<std::string> sources;     // those rules' sources, each once
};

struct TriageWhy {
    std::vector<WhyLine> lines;       // most severe first, each question once
    std::vector<std::string> advice;  // every triggered rule's advice, most severe first, each text once
};

// The reasons for `result` (evaluate_triage of triage_answers_from_pages(content, pages)) in the
// person's own terms: for every triggered rule, the questions of its condition that counted as yes.
// A result from unvalidated content gives no lines and its one refusal as advice.
TriageWhy explain_triage(const TriageContent& content, const PageAnswers& pages, const TriageResult& result);

}  // namespace calfcoach
