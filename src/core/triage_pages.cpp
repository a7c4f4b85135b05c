// triage_pages.cpp — pages of the safety check: page answers to TriageAnswers, the early stop, and
// the reasons in the person's own words.
//
// [SECTION] Pages
// [SECTION] From page answers to TriageAnswers
// [SECTION] Early stop
// [SECTION] Why
#include "core/triage_pages.hpp"

#include <algorithm>

namespace calfcoach {

//-----------------------------------------------------------------------------
// [SECTION] Pages
//-----------------------------------------------------------------------------

std::vector<TriagePage> triage_pages(const TriageContent& content) {
    std::vector<TriagePage> pages;
    pages.reserve(content.groups.size());
    for (const TriageGroup& group : content.groups) {
        TriagePage page{&group, {}};
        for (const TriageQuestion& q : content.questions)
            if (q.group == group.id) page.items.push_back(&q);
        pages.push_back(std::move(page));
    }
    return pages;
}

//-----------------------------------------------------------------------------
// [SECTION] From page answers to TriageAnswers
//-----------------------------------------------------------------------------

TriageAnswers triage_answers_from_pages(const TriageContent& content, const PageAnswers& pages) {
    TriageAnswers answers;
    // First the "no"s: only the unmarked items of a page whose explicit "none" tap covers them.
    for (const TriageQuestion& q : content.questions) {
        const auto page = pages.find(q.group);
        if (page != pages.end() && page->second.none_of_the_rest && !page->second.marked.count(q.id))
            answers[q.id] = Answer::No;
    }
    // Then every mark, whichever page it was filed under: a yes or not sure is never lost to a "none".
    for (const auto& [group_id, page] : pages) {
        for (const auto& [id, mark] : page.marked)
            if (content.find_question(id)) answers[id] = mark == ItemMark::Yes ? Answer::Yes : Answer::Unsure;
    }
    return answers;
}

//-----------------------------------------------------------------------------
// [SECTION] Early stop
//-----------------------------------------------------------------------------

bool pages_decide_emergency(const TriageContent& content, const PageAnswers& pages_so_far) {
    TriageAnswers answers = triage_answers_from_pages(content, pages_so_far);
    // answers_decide_emergency reads a missing answer as "not asked yet". On a page that WAS answered,
    // an item left unmarked without the "none" tap is not ruled out: it counts as yes (unsure) here too.
    for (const TriageQuestion& q : content.questions) {
        const auto page = pages_so_far.find(q.group);
        if (page != pages_so_far.end() && page->second.answered()) answers.emplace(q.id, Answer::Unsure);
    }
    return answers_decide_emergency(content, answers);
}

//-----------------------------------------------------------------------------
// [SECTION] Why
//-----------------------------------------------------------------------------

namespace {

// "One leg is swollen" -> "one leg is swollen"; "DVT ..." stays (an abbreviation keeps its capitals).
std::string lower_first_letter(std::string text) {
    if (text.size() >= 2 && text[0] >= 'A' && text[0] <= 'Z' && !(text[1] >= 'A' && text[1] <= 'Z'))
        text[0] = static_cast<char>(text[0] - 'A' + 'a');
    return text;
}

WhyAnswer how_it_counted(const PageAnswers& pages, const TriageQuestion& q) {
    for (const auto& entry : pages) {
        const auto mark = entry.second.marked.find(q.id);
        if (mark != entry.second.marked.end()) return mark->second == ItemMark::Yes ? WhyAnswer::Said : WhyAnswer::NotSure;
    }
    return WhyAnswer::NotRuledOut;
}

std::string why_sentence(WhyAnswer answer, const std::string& item) {
    switch (answer) {
        case WhyAnswer::Said: return "You said: " + lower_first_letter(item);
        case WhyAnswer::NotSure: return "You were not sure about: " + lower_first_letter(item);
        case WhyAnswer::NotRuledOut: return "You did not rule out: " + lower_first_letter(item);
    }
    return "You did not rule out: " + lower_first_letter(item);
}

template <typename T>
void push_once(std::vector<T>& list, const T& value) {
    if (std::find(list.begin(), list.end(), value) == list.end()) list.push_back(value);
}

const TriageRule* find_rule(const TriageContent& content, std::string_view id) {
    for (const TriageRule& rule : content.rules)
        if (rule.id == id) return &rule;
    return nullptr;
}

}  // namespace

TriageWhy explain_triage(const TriageContent& content, const PageAnswers& pages, const TriageResult& result) {
    TriageWhy why;
    const TriageAnswers answers = triage_answers_from_pages(content, pages);
    for (const TriggeredRule& hit : result.rules) {  // most severe first
        push_once(why.advice, hit.advice);
        const TriageRule* rule = find_rule(content, hit.rule_id);
        if (!rule) continue;  // content_not_validated: no answer led to it
        for (const std::vector<std::string>& group : rule->when) {
            for (const std::string& id : group) {
                const auto answer = answers.find(id);
                if (answer != answers.end() && answer->second == Answer::No) continue;  // not a reason
                const TriageQuestion* q = content.find_question(id);
                if (!q) continue;
                auto line = std::find_if(why.lines.begin(), why.lines.end(),
                                         [&](const WhyLine& l) { return l.question_id == id; });
                if (line == why.lines.end()) {
                    WhyLine added;
                    added.question_id = id;
                    added.answer = how_it_counted(pages, *q);
                    added.item = !q->item.empty() ? q->item : !q->label.empty() ? q->label : q->id;
                    added.text = why_sentence(added.answer, added.item);
                    added.level = hit.level;
                    why.lines.push_back(std::move(added));
                    line = why.lines.end() - 1;
                }
                push_once(line->rule_ids, hit.rule_id);
                push_once(line->sources, hit.source);
            }
        }
    }
    return why;
}

}  // namespace calfcoach
