// clinic_safety.cpp — see clinic_safety.hpp.
#include "core/clinic_safety.hpp"

#include <algorithm>
#include <cctype>
#include <set>

#include "core/clinic_content.hpp"
#include "core/json_safe.hpp"
#include "core/triage.hpp"

namespace calfcoach {

using nlohmann::json;

namespace {

constexpr std::string_view kClinicIdPrefix = "clinic_";
constexpr std::string_view kClinicSource = "Your clinic's own question";
constexpr std::string_view kStricterSource = " (made stricter by your clinic)";

// The advice a patient reads for a sign the clinic added or made stricter: what the app says for
// that level, without reasons only the app's own rules can give.
std::string_view level_advice(SafetyLevel level) {
    switch (level) {
        case SafetyLevel::Ok: return "You can go ahead.";
        case SafetyLevel::Caution: return "You can massage, but gently. Use light pressure and skip the deep pressure step today.";
        case SafetyLevel::Wait: return "Do not massage that leg until it has healed or settled. Your clinic can tell you when.";
        case SafetyLevel::SeeProfessional: return "Ask your physio, doctor or nurse before you massage your calves.";
        case SafetyLevel::Urgent: return "Get medical advice today (in the UK, call NHS 111). Do not massage your legs.";
        case SafetyLevel::Emergency:
            return "Call the emergency number now (999 in the UK, 112 in the EU, 911 in the US). Do not massage.";
    }
    return "";
}

std::string text_at(const json& object, const char* key) {
    if (!object.is_object()) return {};
    const auto it = object.find(key);
    return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

const json* find_by_id(const json& triage, const char* list, std::string_view id) {
    if (!triage.is_object() || !triage.contains(list) || !triage[list].is_array()) return nullptr;
    for (const json& entry : triage[list])
        if (text_at(entry, "id") == id) return &entry;
    return nullptr;
}

json* find_by_id(json& triage, const char* list, std::string_view id) {
    return const_cast<json*>(find_by_id(static_cast<const json&>(triage), list, id));
}

std::set<std::string, std::less<>> ids_of(const json& triage, const char* list) {
    std::set<std::string, std::less<>> ids;
    if (triage.is_object() && triage.contains(list) && triage[list].is_array())
        for (const json& entry : triage[list]) ids.insert(text_at(entry, "id"));
    return ids;
}

// The level answering yes to `id` alone gives: the most severe rule every group of which holds it
// (level_alone in core/triage.hpp, read straight from the file being edited).
SafetyLevel level_alone_in(const json& triage, std::string_view id) {
    SafetyLevel most = SafetyLevel::Ok;
    if (!triage.is_object() || !triage.contains("rules") || !triage["rules"].is_array()) return most;
    for (const json& rule : triage["rules"]) {
        if (!rule.is_object() || !rule.contains("when") || !rule["when"].is_array() || rule["when"].empty()) continue;
        const bool every = std::all_of(rule["when"].begin(), rule["when"].end(), [&](const json& group) {
            return group.is_array() && std::any_of(group.begin(), group.end(), [&](const json& q) { return q == id; });
        });
        const auto level = safety_level_from_string(text_at(rule, "level"));
        if (every && level) most = std::max(most, *level);
    }
    return most;
}

std::string trimmed(std::string_view text) {
    std::string out;
    for (const char c : text) out += (c == '\n' || c == '\r' || c == '\t') ? ' ' : c;
    const auto first = out.find_first_not_of(' ');
    if (first == std::string::npos) return {};
    return out.substr(first, out.find_last_not_of(' ') - first + 1);
}

std::string lowered(std::string_view text) {
    std::string out(text);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

std::string capitalised(std::string text) {
    if (!text.empty()) text[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(text[0])));
    return text;
}

std::string in_quotes(std::string_view text) { return "'" + std::string(text) + "'"; }

// The loader's first error for the file in a clinic's bundle, as `calfcoach validate` prints it.
std::string loader_problem(const json& triage, const ContentFiles& builtin) {
    const ContentLoad load = load_clinic_content(dump_json(json{{"triage.json", triage}}), builtin);
    for (const ContentIssue& issue : load.issues)
        if (!issue.warning) return format_issue(issue);
    return {};
}

// Applies `change` to a copy; the file takes it only when the change and the loader both accept it.
template <typename Change>
SafetyEdit edit(json& triage, const ContentFiles& builtin, Change change) {
    json copy = triage;
    SafetyEdit result = change(copy);
    if (!result.ok()) return result;
    if (std::string problem = loader_problem(copy, builtin); !problem.empty()) return SafetyEdit{std::move(problem), {}};
    triage = std::move(copy);
    return result;
}

// The words of the app's rule: what the patient ticks (`signs`) and what to name it by in a sentence.
struct RuleWords {
    std::string signs, named, page;
};

RuleWords rule_words(const json& rule, const json& shipped) {
    RuleWords words;
    if (!rule.contains("when") || !rule["when"].is_array()) return words;
    const json& when = rule["when"];
    std::vector<std::string> parts;
    for (const json& group : when) {
        if (!group.is_array()) continue;
        std::string labels;
        for (std::size_t i = 0; i < group.size(); ++i) {
            const json* q = group[i].is_string() ? find_by_id(shipped, "questions", group[i].get<std::string>()) : nullptr;
            if (!q) continue;
            if (words.page.empty()) words.page = text_at(*q, "group");
            const std::string label = text_at(*q, "label");
            labels += (labels.empty() ? "" : "; ") + (label.empty() ? text_at(*q, "item") : label);
        }
        parts.push_back(group.size() > 1 ? "any of: " + labels : labels);
    }
    for (std::size_t i = 0; i < parts.size(); ++i) words.named += (i ? ", together with " : "") + parts[i];
    const bool single = when.size() == 1 && when[0].is_array() && when[0].size() == 1 && when[0][0].is_string();
    const json* only = single ? find_by_id(shipped, "questions", when[0][0].get<std::string>()) : nullptr;
    words.signs = only ? text_at(*only, "item") : capitalised(words.named);
    return words;
}

}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] Levels in words
//-----------------------------------------------------------------------------

std::string_view safety_level_effect(SafetyLevel level) {
    switch (level) {
        case SafetyLevel::Ok: return "changes nothing";
        case SafetyLevel::Caution: return "makes the session gentle: light pressure, no deep step";
        case SafetyLevel::Wait: return "stops massage of that leg until it has healed";
        case SafetyLevel::SeeProfessional: return "stops the session until a health professional says it is fine";
        case SafetyLevel::Urgent: return "stops the session and sends the patient for medical advice today";
        case SafetyLevel::Emergency: return "ends the check and tells the patient to call the emergency number now";
    }
    return "";
}

std::string page_short_name(std::string_view group_id) {
    if (group_id == kRightNowGroupId) return "Right now";
    if (group_id == kCalfTodayGroupId) return "Legs today";
    if (group_id == kRememberedGroupId) return "Your health";
    if (group_id == kSkinInjuriesGroupId) return "Skin and injuries";
    return std::string(group_id);
}

//-----------------------------------------------------------------------------
// [SECTION] What is in the check
//-----------------------------------------------------------------------------

json builtin_triage(const ContentFiles& builtin) {
    const auto it = builtin.find("triage.json");
    if (it == builtin.end()) return json::object();
    JsonParseResult parsed = parse_json_limited(it->second);
    return parsed.ok && parsed.value.is_object() ? std::move(parsed.value) : json::object();
}

bool same_as_builtin(const json& triage, const ContentFiles& builtin) { return triage == builtin_triage(builtin); }

std::vector<BuiltinSafetyRule> builtin_safety_rules(const json& triage, const ContentFiles& builtin) {
    std::vector<BuiltinSafetyRule> out;
    const json shipped = builtin_triage(builtin);
    if (!shipped.contains("rules") || !shipped["rules"].is_array()) return out;
    for (const json& rule : shipped["rules"]) {
        const std::string id = text_at(rule, "id");
        const json* now = find_by_id(triage, "rules", id);
        const auto builtin_level = safety_level_from_string(text_at(rule, "level"));
        if (!now || !builtin_level) continue;  // not in this file: nothing to show or raise
        const RuleWords words = rule_words(rule, shipped);
        BuiltinSafetyRule fact;
        fact.rule_id = id;
        fact.page = words.page;
        fact.signs = words.signs;
        fact.builtin_level = *builtin_level;
        fact.level = safety_level_from_string(text_at(*now, "level")).value_or(*builtin_level);
        fact.source = text_at(rule, "source");
        out.push_back(std::move(fact));
    }
    return out;
}

std::vector<ClinicQuestion> clinic_questions(const json& triage, const ContentFiles& builtin) {
    std::vector<ClinicQuestion> out;
    const auto shipped = ids_of(builtin_triage(builtin), "questions");
    if (!triage.is_object() || !triage.contains("questions") || !triage["questions"].is_array()) return out;
    for (const json& q : triage["questions"]) {
        const std::string id = text_at(q, "id");
        if (shipped.count(id)) continue;
        out.push_back({id, text_at(q, "group"), text_at(q, "item"), level_alone_in(triage, id)});
    }
    return out;
}

//-----------------------------------------------------------------------------
// [SECTION] Changes
//-----------------------------------------------------------------------------

SafetyEdit add_clinic_question(json& triage, const ContentFiles& builtin, std::string_view item_typed,
                               std::string_view page, SafetyLevel level) {
    const std::string item = trimmed(item_typed);
    return edit(triage, builtin, [&](json& file) -> SafetyEdit {
        if (item.empty()) return {"Type the sign as your patients will read it.", {}};
        if (item.size() > kClinicQuestionMaxBytes)
            return {"Keep it under " + std::to_string(kClinicQuestionMaxBytes) + " letters: patients read it on a phone.", {}};
        if (std::find(kFixedGroupIds.begin(), kFixedGroupIds.end(), page) == kFixedGroupIds.end())
            return {"Choose one of the check's four pages for it.", {}};
        if (level == SafetyLevel::Ok) return {"Choose what ticking it leads to: at least 'Go ahead gently'.", {}};
        if (level == SafetyLevel::Emergency && page != kRightNowGroupId)
            return {"A sign that calls for the emergency number goes on the page 'Right now', so the check can stop "
                    "at once.", {}};
        if (!file.contains("questions") || !file["questions"].is_array() || !file.contains("rules") || !file["rules"].is_array())
            return {"This safety check cannot take new questions: start again from the app's own.", {}};
        if (clinic_questions(file, builtin).size() >= kClinicQuestionsMax)
            return {"The check already has " + std::to_string(kClinicQuestionsMax) +
                        " questions of your own: more would make it too long for patients.", {}};
        for (const json& q : file["questions"])
            if (lowered(trimmed(text_at(q, "item"))) == lowered(item))
                return {"The check already asks this, on the page " + in_quotes(page_short_name(text_at(q, "group"))) + ".", {}};
        // One more than the highest clinic id in the file, questions and rules alike.
        int highest = 0;
        for (const char* list : {"questions", "rules"})
            for (const std::string& id : ids_of(file, list))
                if (id.rfind(kClinicIdPrefix, 0) == 0 && id.size() > kClinicIdPrefix.size() && id.size() < 12 &&
                    id.find_first_not_of("0123456789", kClinicIdPrefix.size()) == std::string::npos)
                    highest = std::max(highest, std::stoi(id.substr(kClinicIdPrefix.size())));
        const std::string id = std::string(kClinicIdPrefix) + std::to_string(highest + 1);
        file["questions"].push_back({{"id", id}, {"group", std::string(page)}, {"text", "Does this apply to you? " + item},
                                     {"label", item}, {"item", item}});
        file["rules"].push_back({{"id", id},
                                 {"level", std::string(to_string(level))},
                                 {"when", json::array({json::array({id})})},
                                 {"advice", std::string(level_advice(level))},
                                 {"source", std::string(kClinicSource)}});
        return {{}, id};
    });
}

SafetyEdit remove_clinic_question(json& triage, const ContentFiles& builtin, std::string_view question_id) {
    const json shipped = builtin_triage(builtin);
    return edit(triage, builtin, [&](json& file) -> SafetyEdit {
        if (const json* own = find_by_id(shipped, "questions", question_id)) {
            const std::string label = text_at(*own, "label");
            return {in_quotes(label.empty() ? std::string(question_id) : label) +
                        " is one of the app's own signs: it cannot be taken out of the check.", {}};
        }
        if (!find_by_id(file, "questions", question_id)) return {"This question is not in the check.", {}};
        json& questions = file["questions"];
        for (std::size_t i = 0; i < questions.size(); ++i)
            if (text_at(questions[i], "id") == question_id) questions.erase(i--);
        // The rules that asked about it: the clinic's own lose it (and go when nothing is left to ask).
        json& rules = file["rules"];
        for (std::size_t r = 0; r < rules.size(); ++r) {
            json& when = rules[r]["when"];
            bool uses = false;
            for (json& group : when)
                for (std::size_t i = 0; group.is_array() && i < group.size(); ++i)
                    if (group[i] == question_id) uses = true;
            if (!uses) continue;
            if (find_by_id(shipped, "rules", text_at(rules[r], "id")))
                return {"One of the app's own rules asks about this question, so it stays.", {}};
            for (json& group : when)
                for (std::size_t i = 0; group.is_array() && i < group.size(); ++i)
                    if (group[i] == question_id) group.erase(i--);
            const bool empty = std::any_of(when.begin(), when.end(), [](const json& g) { return !g.is_array() || g.empty(); });
            if (empty) rules.erase(r--);
        }
        return {};
    });
}

SafetyEdit set_rule_level(json& triage, const ContentFiles& builtin, std::string_view rule_id, SafetyLevel level) {
    const json shipped = builtin_triage(builtin);
    const json* own = find_by_id(shipped, "rules", rule_id);
    return edit(triage, builtin, [&](json& file) -> SafetyEdit {
        if (!own) return {"This is not one of the app's own rules.", {}};
        json* rule = find_by_id(file, "rules", rule_id);
        if (!rule) return {"This check does not have that rule any more: start again from the app's own.", {}};
        const SafetyLevel builtin_level = safety_level_from_string(text_at(*own, "level")).value_or(SafetyLevel::Emergency);
        if (level < builtin_level)
            return {"This sign cannot lead to less than the app's own '" + std::string(safety_level_title(builtin_level)) +
                        "': a clinic may only make the check stricter.", {}};
        *rule = *own;
        if (level > builtin_level) {
            (*rule)["level"] = std::string(to_string(level));
            // The app's advice was written for its own level; the new one must not contradict it.
            std::string advice(level_advice(level));
            if (own->contains("name_group")) advice += " Tell them about {named}.";
            (*rule)["advice"] = advice;
            (*rule)["source"] = text_at(*own, "source") + std::string(kStricterSource);
        }
        return {};
    });
}

//-----------------------------------------------------------------------------
// [SECTION] Summary and a stored draft
//-----------------------------------------------------------------------------

std::vector<std::string> clinic_safety_summary(const json& triage, const ContentFiles& builtin) {
    const json shipped = builtin_triage(builtin);
    if (triage == shipped) return {"Same as the built-in check."};
    std::vector<std::string> lines;

    const std::vector<ClinicQuestion> added = clinic_questions(triage, builtin);
    auto added_words = [](const ClinicQuestion& q) {
        return in_quotes(q.item) + " (page " + in_quotes(page_short_name(q.page)) + "), which " +
               std::string(safety_level_effect(q.level));
    };
    if (added.size() == 1) lines.push_back("Adds 1 question: " + added_words(added[0]) + ".");
    else if (!added.empty()) {
        lines.push_back("Adds " + std::to_string(added.size()) + " questions:");
        for (const ClinicQuestion& q : added) lines.push_back(capitalised(added_words(q)) + ".");
    }

    for (const BuiltinSafetyRule& rule : builtin_safety_rules(triage, builtin)) {
        if (rule.level == rule.builtin_level) continue;
        const RuleWords words = rule_words(*find_by_id(shipped, "rules", rule.rule_id), shipped);
        lines.push_back("Raises " + in_quotes(words.named) + " from " + in_quotes(safety_level_title(rule.builtin_level)) +
                        " to " + in_quotes(safety_level_title(rule.level)) + ".");
    }

    // What follows from those changes, said so it is no surprise.
    if (triage.contains("questions") && triage["questions"].is_array()) {
        bool asked_every_time = false;
        std::vector<std::pair<std::string, std::string>> late_emergencies;  // page, the signs' names on it
        for (const json& q : triage["questions"]) {
            const std::string id = text_at(q, "id");
            const std::string page = text_at(q, "group");
            const SafetyLevel alone = level_alone_in(triage, id);
            if (alone == level_alone_in(shipped, id) && find_by_id(shipped, "questions", id)) continue;
            if (page == kRememberedGroupId && alone >= SafetyLevel::Urgent) asked_every_time = true;
            if (page == kRightNowGroupId || alone != SafetyLevel::Emergency) continue;
            const std::string name = in_quotes(text_at(q, "label").empty() ? text_at(q, "item") : text_at(q, "label"));
            auto at = std::find_if(late_emergencies.begin(), late_emergencies.end(), [&](const auto& e) { return e.first == page; });
            if (at == late_emergencies.end()) late_emergencies.emplace_back(page, name);
            else at->second += ", " + name;
        }
        for (const auto& [page, names] : late_emergencies)
            lines.push_back("Now an emergency, but asked on the page " + in_quotes(page_short_name(page)) +
                            ", after the first one: " + names + ".");
        if (asked_every_time)
            lines.push_back("The page 'Your health' is then asked every time: the app no longer remembers a 'none of "
                            "these' there for a few days.");
    }

    // Anything else (a file made elsewhere and opened here): said, not hidden.
    json rest = triage;
    if (rest.contains("questions") && rest["questions"].is_array()) {
        json& questions = rest["questions"];
        for (std::size_t i = 0; i < questions.size(); ++i)
            if (!find_by_id(shipped, "questions", text_at(questions[i], "id"))) questions.erase(i--);
    }
    if (rest.contains("rules") && rest["rules"].is_array()) {
        json& rules = rest["rules"];
        for (std::size_t i = 0; i < rules.size(); ++i) {
            const json* own = find_by_id(shipped, "rules", text_at(rules[i], "id"));
            if (own) rules[i] = *own;
            else rules.erase(i--);
        }
    }
    if (rest != shipped)
        lines.push_back("It also has changes this kit did not make (to the pages or the wording). They pass the "
                        "app's safety rules, but check them with whoever made the file.");
    if (lines.empty()) lines.push_back("Same as the built-in check.");
    return lines;
}

ClinicSafetyDraft read_clinic_safety(std::string_view text, const ContentFiles& builtin) {
    ClinicSafetyDraft draft;
    const JsonParseResult parsed = parse_json_limited(text, JsonLimits{kContentMaxBytes, kContentMaxDepth});
    if (parsed.ok && parsed.value.is_object() && loader_problem(parsed.value, builtin).empty()) {
        draft.triage = parsed.value;
        return draft;
    }
    draft.triage = builtin_triage(builtin);
    draft.damaged = true;
    draft.note = parsed.ok && parsed.value.is_object()
                     ? "Your saved safety check no longer passes the app's safety rules, so this starts again from the "
                       "app's own check."
                     : "Your saved safety check could not be read, so this starts again from the app's own check.";
    return draft;
}

}  // namespace calfcoach
