// triage.cpp — evaluates triage.json's rules against answers.
//
// [SECTION] Answers
// [SECTION] Lookups
// [SECTION] Evaluation
// [SECTION] The fixed safety floor
// [SECTION] Question order and early stop
// [SECTION] Pain and after-session
// [SECTION] JSON in and out
#include "core/triage.hpp"

#include <algorithm>

#include "core/json_safe.hpp"

namespace calfcoach {

//-----------------------------------------------------------------------------
// [SECTION] Answers
//-----------------------------------------------------------------------------

std::string_view to_string(Answer a) {
    switch (a) {
        case Answer::No: return "no";
        case Answer::Yes: return "yes";
        case Answer::Unsure: return "unsure";
    }
    return "unsure";
}

std::optional<Answer> answer_from_string(std::string_view s) {
    if (s == "no") return Answer::No;
    if (s == "yes") return Answer::Yes;
    if (s == "unsure") return Answer::Unsure;
    return std::nullopt;
}

//-----------------------------------------------------------------------------
// [SECTION] Lookups
//-----------------------------------------------------------------------------

const TriageQuestion* TriageContent::find_question(std::string_view id) const {
    for (const TriageQuestion& q : questions)
        if (q.id == id) return &q;
    return nullptr;
}

const TriageGroup* TriageContent::find_group(std::string_view id) const {
    for (const TriageGroup& g : groups)
        if (g.id == id) return &g;
    return nullptr;
}

namespace {

enum class Unanswered : std::uint8_t { CountsAsYes, CountsAsNo };

bool counts_as_yes(const TriageAnswers& answers, std::string_view id, Unanswered unanswered) {
    const auto it = answers.find(id);
    if (it == answers.end()) return unanswered == Unanswered::CountsAsYes;
    return it->second != Answer::No;
}

// "a", "a and b", "a, b and c"
std::string join_labels(const std::vector<std::string>& labels) {
    std::string out;
    for (std::size_t i = 0; i < labels.size(); ++i) {
        if (i > 0) out += (i + 1 == labels.size()) ? " and " : ", ";
        out += labels[i];
    }
    return out;
}

std::string replace_all(std::string text, std::string_view from, std::string_view to) {
    std::size_t pos = 0;
    while ((pos = text.find(from, pos)) != std::string::npos) {
        text.replace(pos, from.size(), to);
        pos += to.size();
    }
    return text;
}

//-----------------------------------------------------------------------------
// [SECTION] Evaluation
//-----------------------------------------------------------------------------

// Every group of the condition holds a yes. The one place a rule's condition is decided.
bool rule_matches(const TriageRule& rule, const TriageAnswers& answers, Unanswered unanswered) {
    if (rule.when.empty()) return false;  // the loader rejects this; never trigger on nothing
    return std::all_of(rule.when.begin(), rule.when.end(), [&](const std::vector<std::string>& group) {
        return std::any_of(group.begin(), group.end(),
                           [&](const std::string& id) { return counts_as_yes(answers, id, unanswered); });
    });
}

std::optional<TriggeredRule> evaluate_rule(const TriageContent& content, const TriageRule& rule,
                                           const TriageAnswers& answers, Unanswered unanswered) {
    if (!rule_matches(rule, answers, unanswered)) return std::nullopt;
    TriggeredRule hit{rule.id, rule.level, rule.advice, rule.source, {}};
    if (rule.name_group && *rule.name_group < rule.when.size()) {
        std::vector<std::string> labels;
        for (const std::string& id : rule.when[*rule.name_group]) {
            if (!counts_as_yes(answers, id, unanswered)) continue;
            const TriageQuestion* q = content.find_question(id);
            labels.push_back(q && !q->label.empty() ? q->label : id);
            hit.named.push_back(id);
        }
        hit.advice = replace_all(std::move(hit.advice), "{named}", join_labels(labels));
    }
    return hit;
}

TriageResult evaluate_rules(const TriageContent& content, const TriageAnswers& answers, Unanswered unanswered) {
    TriageResult result;
    for (const TriageRule& rule : content.rules) {
        if (auto hit = evaluate_rule(content, rule, answers, unanswered)) {
            result.level = std::max(result.level, hit->level);
            result.rules.push_back(std::move(*hit));
        }
    }
    const auto more_severe = [](const TriggeredRule& a, const TriggeredRule& b) { return a.level > b.level; };
    if (!std::is_sorted(result.rules.begin(), result.rules.end(), more_severe))  // content is usually in order
        std::stable_sort(result.rules.begin(), result.rules.end(), more_severe);
    return result;
}

// Answers with only `yes_ids` yes and every question of the content explicitly no.
TriageAnswers only_yes(const TriageContent& content, std::initializer_list<std::string_view> yes_ids) {
    TriageAnswers answers;
    for (const TriageQuestion& q : content.questions) answers[q.id] = Answer::No;
    for (std::string_view id : yes_ids) answers[std::string(id)] = Answer::Yes;
    return answers;
}

}  // namespace

TriageResult evaluate_triage(const TriageContent& content, const TriageAnswers& answers) {
    if (!content.validated) {
        // Never fall back to "go ahead" on content that did not pass the loader's checks.
        TriageResult refused;
        refused.level = SafetyLevel::SeeProfessional;
        refused.rules.push_back({std::string(kContentNotValidatedRuleId), SafetyLevel::SeeProfessional,
                                 "The safety questions could not be checked. Do not massage until a health "
                                 "professional says it is fine.",
                                 "Calf Coach: invalid content is never treated as safe", {}});
        return refused;
    }
    return evaluate_rules(content, answers, Unanswered::CountsAsYes);
}

SafetyLevel triage_level(const TriageContent& content, const TriageAnswers& answers) {
    if (!content.validated) return SafetyLevel::SeeProfessional;  // as evaluate_triage
    SafetyLevel level = SafetyLevel::Ok;
    for (const TriageRule& rule : content.rules)
        if (rule.level > level && rule_matches(rule, answers, Unanswered::CountsAsYes)) level = rule.level;
    return level;
}

//-----------------------------------------------------------------------------
// [SECTION] The fixed safety floor
//-----------------------------------------------------------------------------

std::vector<std::string> triage_floor_problems(const TriageContent& content) {
    std::vector<std::string> problems;
    bool all_present = true;
    for (const FixedQuestion& fixed : kFixedQuestions) {
        if (!content.find_question(fixed.id)) {
            problems.push_back("missing fixed question '" + std::string(fixed.id) + "'");
            all_present = false;
            continue;
        }
        const TriageResult alone = evaluate_rules(content, only_yes(content, {fixed.id}), Unanswered::CountsAsYes);
        if (alone.level < fixed.min_level)
            problems.push_back("'" + std::string(fixed.id) + "' answered yes alone gives '" +
                               std::string(to_string(alone.level)) + "'; it must give at least '" +
                               std::string(to_string(fixed.min_level)) + "'");
    }
    if (!all_present) return problems;
    for (std::string_view sign : kClotSignIds) {
        for (std::string_view factor : kClotRiskFactorIds) {
            const TriageResult both = evaluate_rules(content, only_yes(content, {sign, factor}), Unanswered::CountsAsYes);
            const std::string pair = "'" + std::string(sign) + "' with '" + std::string(factor) + "'";
            if (both.level < SafetyLevel::Urgent)
                problems.push_back(pair + " gives '" + std::string(to_string(both.level)) + "'; it must stay urgent");
            const std::string& label = content.find_question(factor)->label;
            if (label.empty()) {
                problems.push_back("question '" + std::string(factor) + "' needs a label so advice can name it");
                continue;
            }
            const bool named = std::any_of(both.rules.begin(), both.rules.end(), [&](const TriggeredRule& r) {
                return r.level >= SafetyLevel::Urgent && r.advice.find(label) != std::string::npos;
            });
            if (!named)
                problems.push_back(pair + ": no urgent advice names the risk factor (\"" + label + "\")");
        }
    }
    return problems;
}

SafetyLevel level_alone(const TriageContent& content, std::string_view question_id) {
    return evaluate_rules(content, only_yes(content, {question_id}), Unanswered::CountsAsYes).level;
}

std::vector<std::string> triage_group_floor_problems(const TriageContent& content) {
    std::vector<std::string> problems;
    for (std::string_view fixed : kFixedGroupIds)
        if (!content.find_group(fixed)) problems.push_back("missing fixed group '" + std::string(fixed) + "'");
    for (const FixedQuestion& fixed : kFixedQuestions) {
        const TriageQuestion* q = content.find_question(fixed.id);
        if (q && q->group != fixed.group)
            problems.push_back("fixed question '" + std::string(fixed.id) + "' must stay in group '" +
                               std::string(fixed.group) + "', found '" + q->group + "'");
    }
    // The fixed emergency signs are on right_now: it must be the first page.
    if (content.find_group(kRightNowGroupId) && content.groups.front().id != kRightNowGroupId)
        problems.push_back("group '" + std::string(kRightNowGroupId) + "' must come first (it holds the emergency signs), found '" +
                           content.groups.front().id + "'");
    for (const TriageGroup& g : content.groups) {
        if (g.remember_none_days < 0 || g.remember_none_days > kRememberNoneMaxDays)
            problems.push_back("group '" + g.id + "': remember_none_days must be 0 to " +
                               std::to_string(kRememberNoneMaxDays) + ", found " + std::to_string(g.remember_none_days));
        else if (g.remember_none_days > 0 && g.id != kRememberedGroupId)
            problems.push_back("group '" + g.id + "': only group '" + std::string(kRememberedGroupId) +
                               "' may be remembered (remember_none_days)");
    }
    return problems;
}

std::vector<std::string> remembered_group_blockers(const TriageContent& content) {
    std::vector<std::string> blockers;
    for (const TriageQuestion& q : content.questions)
        if (q.group == kRememberedGroupId && level_alone(content, q.id) >= SafetyLevel::Urgent) blockers.push_back(q.id);
    return blockers;
}

//-----------------------------------------------------------------------------
// [SECTION] Question order and early stop
//-----------------------------------------------------------------------------

std::vector<const TriageQuestion*> questions_most_severe_first(const TriageContent& content) {
    std::vector<std::pair<SafetyLevel, const TriageQuestion*>> ranked;
    ranked.reserve(content.questions.size());
    for (const TriageQuestion& q : content.questions)
        ranked.emplace_back(evaluate_rules(content, only_yes(content, {q.id}), Unanswered::CountsAsYes).level, &q);
    std::stable_sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
    std::vector<const TriageQuestion*> ordered;
    ordered.reserve(ranked.size());
    for (const auto& entry : ranked) ordered.push_back(entry.second);
    return ordered;
}

bool answers_decide_emergency(const TriageContent& content, const TriageAnswers& answers_so_far) {
    if (!content.validated) return false;  // the caller gets the fail-safe result from evaluate_triage
    return evaluate_rules(content, answers_so_far, Unanswered::CountsAsNo).level == SafetyLevel::Emergency;
}

//-----------------------------------------------------------------------------
// [SECTION] Pain and after-session
//-----------------------------------------------------------------------------

std::string_view pain_advice(const TriageContent& content, PainAction action) {
    switch (action) {
        case PainAction::Stop: return content.pain.stop;
        case PainAction::Ease: return content.pain.ease;
        case PainAction::Continue: return content.pain.keep_going;
    }
    return content.pain.stop;
}

TriageResult evaluate_after_session(const TriageContent& content, Answer new_chest_symptoms) {
    TriageAnswers answers;
    for (const TriageQuestion& q : content.questions) answers[q.id] = Answer::No;
    answers["chest_symptoms"] = new_chest_symptoms;
    return evaluate_triage(content, answers);
}

//-----------------------------------------------------------------------------
// [SECTION] JSON in and out
//-----------------------------------------------------------------------------

namespace {
// For one-line error messages: JSON-escaped (no raw newlines) and cut short.
std::string short_json(const nlohmann::json& value) {
    std::string text = dump_json(value);
    if (text.size() > 60) text = text.substr(0, 57) + "...";
    return text;
}
}  // namespace

AnswersParse parse_answers_json(std::string_view text) {
    AnswersParse out;
    const JsonParseResult parsed = parse_json_limited(text, JsonLimits{64 * 1024, 8});
    if (!parsed.ok) {
        out.error = "answers: " + parsed.error;
        return out;
    }
    if (!parsed.value.is_object()) {
        out.error = "answers: expected an object like {\"answers\": {\"chest_symptoms\": \"no\"}}";
        return out;
    }
    for (const auto& [key, value] : parsed.value.items()) {
        if (key != "answers") {
            out.error = "answers: unknown key " + short_json(key) + " (only \"answers\" is allowed)";
            return out;
        }
    }
    const auto answers = parsed.value.find("answers");
    if (answers == parsed.value.end()) {
        out.error = "answers: missing \"answers\" object";
        return out;
    }
    if (!answers->is_object()) {
        out.error = "answers: \"answers\" must be an object of question id -> \"yes\", \"no\" or \"unsure\"";
        return out;
    }
    for (const auto& [id, value] : answers->items()) {
        const std::optional<Answer> answer =
            value.is_string() ? answer_from_string(value.get_ref<const std::string&>()) : std::nullopt;
        if (!answer) {
            out.error = "answers: " + short_json(id) + " must be \"yes\", \"no\" or \"unsure\", found " + short_json(value);
            out.answers.clear();  // all or nothing: never act on half of a rejected input
            return out;
        }
        out.answers[id] = *answer;
    }
    return out;
}

AnswersParse parse_answers_json(std::string_view text, const TriageContent& content) {
    AnswersParse out = parse_answers_json(text);
    if (!out.ok()) return out;
    for (const auto& entry : out.answers) {
        if (!content.find_question(entry.first)) {
            out.error = "answers: unknown question id " + short_json(entry.first);
            out.answers.clear();
            return out;
        }
    }
    return out;
}

std::string triage_result_to_json(const TriageResult& result, int indent) {
    // ordered_json keeps "level" first, as documented, for people reading the output.
    nlohmann::ordered_json rules = nlohmann::ordered_json::array();
    nlohmann::ordered_json advice = nlohmann::ordered_json::array();
    for (const TriggeredRule& r : result.rules) {
        nlohmann::ordered_json rule = nlohmann::ordered_json::object();
        rule["id"] = r.rule_id;
        rule["level"] = to_string(r.level);
        rule["advice"] = r.advice;
        rule["source"] = r.source;
        rules.push_back(std::move(rule));
        advice.push_back(r.advice);
    }
    nlohmann::ordered_json out = nlohmann::ordered_json::object();
    out["level"] = to_string(result.level);
    out["rules"] = std::move(rules);
    out["advice"] = std::move(advice);
    return out.dump(indent, ' ', /*ensure_ascii=*/false, nlohmann::ordered_json::error_handler_t::replace);
}

}  // namespace calfcoach
