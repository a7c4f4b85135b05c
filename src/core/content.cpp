// content.cpp — the content loader: parses each file within the caps, walks it collecting every
// problem with its JSON pointer, and fills the data model from whatever is well-formed.
//
// [SECTION] Issue collection and JSON pointers
// [SECTION] Field readers (type checks, missing fields, unknown keys)
// [SECTION] routines.json
// [SECTION] techniques.json
// [SECTION] learn.json
// [SECTION] triage.json
// [SECTION] Cross-file checks and load_content
#include "core/content.hpp"

#include <algorithm>
#include <initializer_list>
#include <optional>
#include <set>

#include "core/json_safe.hpp"

namespace calfcoach {

using nlohmann::json;

namespace {

//-----------------------------------------------------------------------------
// [SECTION] Issue collection and JSON pointers
//-----------------------------------------------------------------------------

// RFC 6901: "~" -> "~0", "/" -> "~1".
std::string pointer_to(std::string_view base, std::string_view token) {
    std::string out(base);
    out += '/';
    for (char c : token) {
        if (c == '~') out += "~0";
        else if (c == '/') out += "~1";
        else out += c;
    }
    return out;
}

std::string pointer_to(std::string_view base, std::size_t index) { return pointer_to(base, std::to_string(index)); }

std::string_view type_name(const json& value) {
    switch (value.type()) {
        case json::value_t::null: return "null";
        case json::value_t::object: return "an object";
        case json::value_t::array: return "an array";
        case json::value_t::string: return "a string";
        case json::value_t::boolean: return "true or false";
        case json::value_t::number_integer:
        case json::value_t::number_unsigned: return "a whole number";
        case json::value_t::number_float: return "a number with a fraction";
        default: return "something else";
    }
}

// Ids are short and stable: lowercase letters, digits, "_" and "-".
bool is_valid_id(std::string_view id) {
    if (id.empty() || id.size() > 64) return false;
    return std::all_of(id.begin(), id.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    });
}

class FileChecker {
public:
    FileChecker(std::string file, std::vector<ContentIssue>& issues) : file_(std::move(file)), issues_(issues) {}

    void error(std::string pointer, std::string message) {
        issues_.push_back({file_, std::move(pointer), std::move(message), false});
        ++errors_;
    }
    void warn(std::string pointer, std::string message) {
        issues_.push_back({file_, std::move(pointer), std::move(message), true});
    }
    [[nodiscard]] int errors() const { return errors_; }

    //-------------------------------------------------------------------------
    // [SECTION] Field readers
    //-------------------------------------------------------------------------

    bool expect(const json& value, const std::string& pointer, json::value_t type, std::string_view expected) {
        const bool matches = value.type() == type ||
                             (type == json::value_t::number_integer && value.is_number_integer());
        if (!matches) error(pointer, "wrong type: expected " + std::string(expected) + ", found " + std::string(type_name(value)));
        return matches;
    }

    // Warns once per key not in `known`.
    void check_keys(const json& object, const std::string& pointer, std::initializer_list<std::string_view> known) {
        for (const auto& item : object.items()) {
            if (std::find(known.begin(), known.end(), item.key()) == known.end())
                warn(pointer_to(pointer, item.key()), "unknown key, ignored");
        }
    }

    // nullptr when absent (reported when required).
    const json* member(const json& object, const std::string& pointer, std::string_view key, bool required) {
        const auto it = object.find(key);
        if (it == object.end()) {
            if (required) error(pointer_to(pointer, key), "missing field");
            return nullptr;
        }
        return &*it;
    }

    std::optional<std::string> text(const json& object, const std::string& pointer, std::string_view key,
                                    bool required = true) {
        const json* value = member(object, pointer, key, required);
        if (!value) return std::nullopt;
        const std::string at = pointer_to(pointer, key);
        if (!expect(*value, at, json::value_t::string, "a string")) return std::nullopt;
        const std::string& s = value->get_ref<const std::string&>();
        if (s.find_first_not_of(" \t\r\n") == std::string::npos) {
            error(at, "empty text");
            return std::nullopt;
        }
        return s;
    }

    std::optional<std::string> id(const json& object, const std::string& pointer) {
        std::optional<std::string> value = text(object, pointer, "id");
        if (value && !is_valid_id(*value)) {
            error(pointer_to(pointer, "id"), "invalid id: use up to 64 lowercase letters, digits, '_' or '-'");
            return std::nullopt;
        }
        return value;
    }

    std::optional<bool> flag(const json& object, const std::string& pointer, std::string_view key) {
        const json* value = member(object, pointer, key, false);
        if (!value) return std::nullopt;
        if (!expect(*value, pointer_to(pointer, key), json::value_t::boolean, "true or false")) return std::nullopt;
        return value->get<bool>();
    }

    // A non-empty array of non-empty strings (or possibly empty, when allow_empty).
    std::vector<std::string> text_list(const json& object, const std::string& pointer, std::string_view key,
                                       bool allow_empty = false) {
        std::vector<std::string> out;
        const json* value = member(object, pointer, key, true);
        if (!value) return out;
        const std::string at = pointer_to(pointer, key);
        if (!expect(*value, at, json::value_t::array, "an array of strings")) return out;
        if (value->empty() && !allow_empty) error(at, "empty list: give at least one entry");
        for (std::size_t i = 0; i < value->size(); ++i) {
            const json& item = (*value)[i];
            const std::string item_at = pointer_to(at, i);
            if (!expect(item, item_at, json::value_t::string, "a string")) continue;
            const std::string& s = item.get_ref<const std::string&>();
            if (s.find_first_not_of(" \t\r\n") == std::string::npos) error(item_at, "empty text");
            else out.push_back(s);
        }
        return out;
    }

    template <typename Enum>
    std::optional<Enum> choice(const json& object, const std::string& pointer, std::string_view key,
                               std::optional<Enum> (*parse)(std::string_view), std::string_view allowed) {
        const json* value = member(object, pointer, key, true);
        if (!value) return std::nullopt;
        const std::string at = pointer_to(pointer, key);
        if (!expect(*value, at, json::value_t::string, "a string")) return std::nullopt;
        std::optional<Enum> parsed = parse(value->get_ref<const std::string&>());
        if (!parsed) error(at, "unknown value \"" + value->get<std::string>() + "\": use one of " + std::string(allowed));
        return parsed;
    }

    // Each element of `array` that is an object, with its pointer; reports the others.
    template <typename Visit>
    void for_each_object(const json& array, const std::string& pointer, Visit visit) {
        for (std::size_t i = 0; i < array.size(); ++i) {
            const std::string at = pointer_to(pointer, i);
            if (expect(array[i], at, json::value_t::object, "an object")) visit(array[i], at);
        }
    }

    // The top-level array `key` of `root` (required, non-empty), or nullptr.
    const json* list(const json& root, const std::string& pointer, std::string_view key) {
        const json* value = member(root, pointer, key, true);
        if (!value) return nullptr;
        const std::string at = pointer_to(pointer, key);
        if (!expect(*value, at, json::value_t::array, "an array")) return nullptr;
        if (value->empty()) error(at, "empty list: give at least one entry");
        return value;
    }

    // Reports a repeated id at `pointer`; returns false for a duplicate.
    bool unique(std::set<std::string, std::less<>>& seen, const std::string& id_value, const std::string& pointer) {
        if (seen.insert(id_value).second) return true;
        error(pointer_to(pointer, "id"), "duplicate id \"" + id_value + "\"");
        return false;
    }

private:
    std::string file_;
    std::vector<ContentIssue>& issues_;
    int errors_ = 0;
};

// A file's root object and its "version", or nullopt when the file cannot be used at all.
std::optional<json> parse_root(const std::map<std::string, std::string, std::less<>>& files,
                               std::string_view name, FileChecker& check, std::string& version) {
    const auto it = files.find(name);
    if (it == files.end()) {
        check.error("", "file is missing");
        return std::nullopt;
    }
    JsonParseResult parsed = parse_json_limited(it->second, JsonLimits{kContentMaxBytes, kContentMaxDepth});
    if (!parsed.ok) {
        check.error("", parsed.error);
        return std::nullopt;
    }
    if (!check.expect(parsed.value, "", json::value_t::object, "an object")) return std::nullopt;
    if (std::optional<std::string> v = check.text(parsed.value, "", "version")) version = *v;
    return std::move(parsed.value);
}

// Sentences end in ".", "!" or "?" followed by a space or the end.
int count_sentences(std::string_view text) {
    int count = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if ((c == '.' || c == '!' || c == '?') && (i + 1 == text.size() || text[i + 1] == ' ')) ++count;
    }
    return count;
}

//-----------------------------------------------------------------------------
// [SECTION] routines.json
//-----------------------------------------------------------------------------

constexpr std::string_view kPressureNames = "light, moderate, firm";
constexpr std::string_view kPatternNames = "circles, sweep_ankle_to_knee, hold_points, light_strokes, kneading";
constexpr std::string_view kZoneNames = "whole_calf, gastrocnemius, soleus, achilles";

void read_durations(const json& step_json, const std::string& step_at, FileChecker& check, Step& step) {
    const json* duration = check.member(step_json, step_at, "duration", true);
    if (!duration) return;
    const std::string at = pointer_to(step_at, "duration");
    if (!check.expect(*duration, at, json::value_t::object, "an object of preset -> seconds")) return;
    check.check_keys(*duration, at, {"quick", "standard", "thorough"});
    for (std::size_t p = 0; p < kPresetCount; ++p) {
        const std::string_view preset = to_string(static_cast<Preset>(p));
        const json* seconds = check.member(*duration, at, preset, true);
        if (!seconds) continue;
        const std::string preset_at = pointer_to(at, preset);
        if (!seconds->is_number_integer()) {
            check.error(preset_at, "wrong type: expected a whole number of seconds, found " + std::string(type_name(*seconds)));
            continue;
        }
        const std::int64_t value = seconds->is_number_unsigned()
                                       ? static_cast<std::int64_t>(std::min<std::uint64_t>(seconds->get<std::uint64_t>(), 1u << 30))
                                       : seconds->get<std::int64_t>();
        if (value <= 0) check.error(preset_at, "duration must be more than 0 seconds");
        else if (value > kMaxStepSeconds) check.error(preset_at, "duration over 30 minutes (1800 seconds)");
        else step.duration_ms[p] = value * 1000;
    }
}

struct TechniqueReference {
    std::string pointer;
    std::string id;
};

std::vector<Routine> read_routines(const json& root, FileChecker& check, std::vector<TechniqueReference>& references) {
    std::vector<Routine> routines;
    check.check_keys(root, "", {"version", "routines", "$schema"});
    const json* list = check.list(root, "", "routines");
    if (!list) return routines;
    std::set<std::string, std::less<>> routine_ids;
    check.for_each_object(*list, "/routines", [&](const json& r, const std::string& r_at) {
        check.check_keys(r, r_at, {"id", "title", "summary", "steps"});
        Routine routine;
        const int errors_before = check.errors();
        if (auto v = check.id(r, r_at)) { check.unique(routine_ids, *v, r_at); routine.id = *v; }
        if (auto v = check.text(r, r_at, "title")) routine.title = *v;
        if (auto v = check.text(r, r_at, "summary", false)) routine.summary = *v;
        const json* steps = check.list(r, r_at, "steps");
        std::set<std::string, std::less<>> step_ids;
        if (steps) {
            const std::string steps_at = pointer_to(r_at, "steps");
            check.for_each_object(*steps, steps_at, [&](const json& s, const std::string& s_at) {
                check.check_keys(s, s_at, {"id", "title", "instruction", "tip", "techniques", "duration", "per_leg",
                                           "pressure", "pattern", "zone", "hands", "deep"});
                Step step;
                if (auto v = check.id(s, s_at)) { check.unique(step_ids, *v, s_at); step.id = *v; }
                if (auto v = check.text(s, s_at, "title")) step.title = *v;
                if (auto v = check.text(s, s_at, "instruction")) {
                    step.instruction = *v;
                    const int sentences = count_sentences(*v);
                    if (sentences < 2 || sentences > 4)
                        check.warn(pointer_to(s_at, "instruction"),
                                   "has " + std::to_string(sentences) + " sentences; 2 to 4 short ones read best");
                }
                if (auto v = check.text(s, s_at, "tip")) step.tip = *v;
                step.technique_ids = check.text_list(s, s_at, "techniques", /*allow_empty=*/true);
                if (const json* t = s.contains("techniques") ? &s["techniques"] : nullptr; t && t->is_array()) {
                    for (std::size_t i = 0; i < t->size(); ++i)
                        if ((*t)[i].is_string())
                            references.push_back({pointer_to(pointer_to(s_at, "techniques"), i), (*t)[i].get<std::string>()});
                }
                read_durations(s, s_at, check, step);
                if (auto v = check.flag(s, s_at, "per_leg")) step.per_leg = *v;
                if (auto v = check.flag(s, s_at, "deep")) step.deep = *v;
                if (auto v = check.choice<Pressure>(s, s_at, "pressure", &pressure_from_string, kPressureNames)) step.pressure = *v;
                if (auto v = check.choice<StrokePattern>(s, s_at, "pattern", &stroke_pattern_from_string, kPatternNames)) step.pattern = *v;
                if (auto v = check.choice<FocusZone>(s, s_at, "zone", &focus_zone_from_string, kZoneNames)) step.zone = *v;
                if (auto v = check.text(s, s_at, "hands")) step.hands = *v;
                routine.steps.push_back(std::move(step));
            });
            const bool any_per_leg = std::any_of(routine.steps.begin(), routine.steps.end(), [](const Step& s) { return s.per_leg; });
            if (!steps->empty() && !any_per_leg) check.error(steps_at, "no step is done per leg: the routine would massage nothing");
        }
        if (check.errors() == errors_before) routines.push_back(std::move(routine));
    });
    return routines;
}

//-----------------------------------------------------------------------------
// [SECTION] techniques.json
//-----------------------------------------------------------------------------

std::vector<Technique> read_techniques(const json& root, FileChecker& check) {
    std::vector<Technique> techniques;
    check.check_keys(root, "", {"version", "techniques", "$schema"});
    const json* list = check.list(root, "", "techniques");
    if (!list) return techniques;
    std::set<std::string, std::less<>> ids;
    check.for_each_object(*list, "/techniques", [&](const json& t, const std::string& t_at) {
        check.check_keys(t, t_at, {"id", "name", "what", "how", "pressure", "use_when", "avoid_when"});
        Technique technique;
        const int errors_before = check.errors();
        if (auto v = check.id(t, t_at)) { check.unique(ids, *v, t_at); technique.id = *v; }
        if (auto v = check.text(t, t_at, "name")) technique.name = *v;
        if (auto v = check.text(t, t_at, "what")) technique.what = *v;
        technique.how = check.text_list(t, t_at, "how");
        if (auto v = check.choice<Pressure>(t, t_at, "pressure", &pressure_from_string, kPressureNames)) technique.pressure = *v;
        technique.use_when = check.text_list(t, t_at, "use_when");
        technique.avoid_when = check.text_list(t, t_at, "avoid_when");
        if (check.errors() == errors_before) techniques.push_back(std::move(technique));
    });
    return techniques;
}

//-----------------------------------------------------------------------------
// [SECTION] learn.json
//-----------------------------------------------------------------------------

std::vector<LearnSection> read_learn(const json& root, FileChecker& check) {
    std::vector<LearnSection> sections;
    check.check_keys(root, "", {"version", "sections", "$schema"});
    const json* list = check.list(root, "", "sections");
    if (!list) return sections;
    std::set<std::string, std::less<>> ids;
    check.for_each_object(*list, "/sections", [&](const json& s, const std::string& s_at) {
        check.check_keys(s, s_at, {"id", "title", "paragraphs"});
        LearnSection section;
        const int errors_before = check.errors();
        if (auto v = check.id(s, s_at)) { check.unique(ids, *v, s_at); section.id = *v; }
        if (auto v = check.text(s, s_at, "title")) section.title = *v;
        section.paragraphs = check.text_list(s, s_at, "paragraphs");
        if (check.errors() == errors_before) sections.push_back(std::move(section));
    });
    return sections;
}

//-----------------------------------------------------------------------------
// [SECTION] triage.json
//-----------------------------------------------------------------------------

constexpr std::string_view kLevelNames = "ok, caution, wait, see_professional, urgent, emergency";

// The pages of the check. Groups are read first so each question's "group" can be checked. Returns
// each kept group's JSON pointer (for the checks after the questions are read).
std::vector<std::string> read_groups(const json& root, FileChecker& check, TriageContent& triage) {
    std::vector<std::string> pointers;
    const json* list = check.list(root, "", "groups");
    if (!list) return pointers;
    std::set<std::string, std::less<>> ids;
    check.for_each_object(*list, "/groups", [&](const json& g, const std::string& g_at) {
        check.check_keys(g, g_at, {"id", "title", "help", "remember_none_days"});
        TriageGroup group;
        const int errors_before = check.errors();
        if (auto v = check.id(g, g_at)) { check.unique(ids, *v, g_at); group.id = *v; }
        if (auto v = check.text(g, g_at, "title")) group.title = *v;
        if (auto v = check.text(g, g_at, "help", false)) group.help = *v;
        const bool usable = check.errors() == errors_before;
        if (const json* days = check.member(g, g_at, "remember_none_days", false)) {
            const std::string days_at = pointer_to(g_at, "remember_none_days");
            if (!days->is_number_integer())
                check.error(days_at, "wrong type: expected a whole number of days, found " + std::string(type_name(*days)));
            else if (days->is_number_unsigned() ? days->get<std::uint64_t>() > static_cast<std::uint64_t>(kRememberNoneMaxDays)
                                                : (days->get<std::int64_t>() < 0 || days->get<std::int64_t>() > kRememberNoneMaxDays))
                check.error(days_at, "remember_none_days must be 0 to " + std::to_string(kRememberNoneMaxDays) +
                                         ": a clinic may shorten how long \"none of these\" is remembered, never lengthen it");
            else group.remember_none_days = static_cast<int>(days->get<std::int64_t>());
        }
        // A bad remember_none_days is an error but keeps the group (remembering nothing), so its
        // questions are not reported again as being in an unknown group.
        if (usable) {
            triage.groups.push_back(std::move(group));
            pointers.push_back(g_at);
        }
    });
    return pointers;
}

void read_questions(const json& root, FileChecker& check, TriageContent& triage) {
    const json* list = check.list(root, "", "questions");
    if (!list) return;
    std::set<std::string, std::less<>> ids;
    check.for_each_object(*list, "/questions", [&](const json& q, const std::string& q_at) {
        check.check_keys(q, q_at, {"id", "group", "text", "help", "label", "item"});
        TriageQuestion question;
        const int errors_before = check.errors();
        if (auto v = check.id(q, q_at)) { check.unique(ids, *v, q_at); question.id = *v; }
        if (auto v = check.text(q, q_at, "group")) {
            if (!triage.find_group(*v))
                check.error(pointer_to(q_at, "group"), "unknown group id \"" + *v + "\": use one defined in \"groups\"");
            else question.group = *v;
        }
        if (auto v = check.text(q, q_at, "text")) question.text = *v;
        if (auto v = check.text(q, q_at, "help", false)) question.help = *v;
        if (auto v = check.text(q, q_at, "label", false)) question.label = *v;
        if (auto v = check.text(q, q_at, "item")) question.item = *v;
        if (check.errors() == errors_before) triage.questions.push_back(std::move(question));
    });
}

// Every group holds a question; pages come most severe first (by the level their items give alone).
void check_groups(FileChecker& check, const TriageContent& triage, const std::vector<std::string>& pointers) {
    SafetyLevel previous_most_severe = SafetyLevel::Emergency;
    for (std::size_t i = 0; i < triage.groups.size(); ++i) {
        const TriageGroup& group = triage.groups[i];
        SafetyLevel most_severe = SafetyLevel::Ok;
        bool empty = true;
        for (const TriageQuestion& q : triage.questions) {
            if (q.group != group.id) continue;
            empty = false;
            most_severe = std::max(most_severe, level_alone(triage, q.id));
        }
        const std::string& at = pointers[i];
        if (empty) {
            check.error(at, "group \"" + group.id + "\" has no questions: a page with nothing to tick");
            continue;
        }
        if (i > 0 && most_severe == SafetyLevel::Emergency)
            check.warn(at, "group \"" + group.id + "\" holds a question that alone gives 'emergency': it is asked after the "
                           "first page; put it on \"" + std::string(kRightNowGroupId) + "\" so the check can stop at once");
        else if (most_severe > previous_most_severe)
            check.warn(at, "group \"" + group.id + "\" holds a question that gives '" + std::string(to_string(most_severe)) +
                               "', more severe than the group before it: put the most severe page first");
        previous_most_severe = most_severe;
    }
}

void read_rule_condition(const json& r, const std::string& r_at, FileChecker& check, const TriageContent& triage,
                         TriageRule& rule) {
    const json* when = check.member(r, r_at, "when", true);
    if (!when) return;
    const std::string when_at = pointer_to(r_at, "when");
    if (!check.expect(*when, when_at, json::value_t::array, "an array of arrays of question ids")) return;
    if (when->empty()) check.error(when_at, "empty condition: a rule must name at least one question");
    for (std::size_t g = 0; g < when->size(); ++g) {
        const json& group = (*when)[g];
        const std::string group_at = pointer_to(when_at, g);
        if (!check.expect(group, group_at, json::value_t::array, "an array of question ids")) continue;
        if (group.empty()) check.error(group_at, "empty group: it could never match");
        std::vector<std::string> ids;
        for (std::size_t i = 0; i < group.size(); ++i) {
            const std::string id_at = pointer_to(group_at, i);
            if (!check.expect(group[i], id_at, json::value_t::string, "a question id")) continue;
            const std::string& id = group[i].get_ref<const std::string&>();
            if (!triage.find_question(id)) check.error(id_at, "unknown question id \"" + id + "\"");
            else ids.push_back(id);
        }
        rule.when.push_back(std::move(ids));
    }
}

void read_rules(const json& root, FileChecker& check, TriageContent& triage) {
    const json* list = check.list(root, "", "rules");
    if (!list) return;
    std::set<std::string, std::less<>> ids;
    check.for_each_object(*list, "/rules", [&](const json& r, const std::string& r_at) {
        check.check_keys(r, r_at, {"id", "level", "when", "name_group", "advice", "source"});
        TriageRule rule;
        const int errors_before = check.errors();
        if (auto v = check.id(r, r_at)) { check.unique(ids, *v, r_at); rule.id = *v; }
        if (auto v = check.choice<SafetyLevel>(r, r_at, "level", &safety_level_from_string, kLevelNames)) rule.level = *v;
        read_rule_condition(r, r_at, check, triage, rule);
        if (auto v = check.text(r, r_at, "advice")) rule.advice = *v;
        if (!r.contains("source")) check.error(pointer_to(r_at, "source"), "missing field: every rule must name the guidance it follows");
        else if (auto v = check.text(r, r_at, "source")) rule.source = *v;
        const bool uses_named = rule.advice.find("{named}") != std::string::npos;
        if (const json* g = check.member(r, r_at, "name_group", false)) {
            const std::string g_at = pointer_to(r_at, "name_group");
            if (!g->is_number_unsigned() && !(g->is_number_integer() && g->get<std::int64_t>() >= 0))
                check.error(g_at, "wrong type: expected a group index (0, 1, ...), found " + std::string(type_name(*g)));
            else if (g->get<std::uint64_t>() >= rule.when.size())
                check.error(g_at, "no such group in \"when\"");
            else {
                rule.name_group = static_cast<std::size_t>(g->get<std::uint64_t>());
                for (const std::string& id : rule.when[*rule.name_group]) {
                    const TriageQuestion* q = triage.find_question(id);
                    if (q && q->label.empty())
                        check.error(g_at, "question \"" + id + "\" has no label to name in the advice");
                }
                if (!uses_named) check.warn(g_at, "the advice has no {named} to fill in");
            }
        } else if (uses_named) {
            check.error(pointer_to(r_at, "name_group"), "missing field: the advice uses {named}");
        }
        if (check.errors() == errors_before) triage.rules.push_back(std::move(rule));
    });
}

void read_triage(const json& root, FileChecker& check, TriageContent& triage) {
    check.check_keys(root, "", {"version", "groups", "questions", "rules", "pain", "after_session", "$schema"});
    const std::vector<std::string> group_pointers = read_groups(root, check, triage);
    read_questions(root, check, triage);
    read_rules(root, check, triage);

    if (const json* pain = check.member(root, "", "pain", true);
        pain && check.expect(*pain, "/pain", json::value_t::object, "an object")) {
        check.check_keys(*pain, "/pain", {"stop", "ease", "continue"});
        if (auto v = check.text(*pain, "/pain", "stop")) triage.pain.stop = *v;
        if (auto v = check.text(*pain, "/pain", "ease")) triage.pain.ease = *v;
        if (auto v = check.text(*pain, "/pain", "continue", false)) triage.pain.keep_going = *v;
    }
    if (const json* after = check.member(root, "", "after_session", true);
        after && check.expect(*after, "/after_session", json::value_t::object, "an object")) {
        check.check_keys(*after, "/after_session", {"text", "ok"});
        if (auto v = check.text(*after, "/after_session", "text")) triage.after_session.question = *v;
        if (auto v = check.text(*after, "/after_session", "ok", false)) triage.after_session.all_clear = *v;
    }

    // A question no rule uses can never change the outcome: likely a typo in a rule.
    for (std::size_t i = 0; i < triage.questions.size(); ++i) {
        const std::string& id = triage.questions[i].id;
        const bool used = std::any_of(triage.rules.begin(), triage.rules.end(), [&](const TriageRule& rule) {
            return std::any_of(rule.when.begin(), rule.when.end(), [&](const auto& group) {
                return std::find(group.begin(), group.end(), id) != group.end();
            });
        });
        if (!used) check.warn("/questions/" + std::to_string(i), "no rule uses question \"" + id + "\"");
    }

    // The safety floor: a clinic may be stricter, never milder.
    for (const std::string& problem : triage_floor_problems(triage)) {
        const bool missing = problem.rfind("missing fixed question", 0) == 0;
        check.error(missing ? "/questions" : "/rules", problem);
    }
    check_groups(check, triage, group_pointers);
    for (const std::string& id : remembered_group_blockers(triage))
        check.warn("/groups", "question '" + id + "' alone gives urgent or emergency, so \"none of these\" on group '" +
                                  std::string(kRememberedGroupId) + "' is never remembered (it must be asked every time)");
    for (const std::string& problem : triage_group_floor_problems(triage)) check.error("/groups", problem);
}

}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] Cross-file checks and load_content
//-----------------------------------------------------------------------------

const Routine* ContentSet::find_routine(std::string_view id) const {
    for (const Routine& r : routines)
        if (r.id == id) return &r;
    return nullptr;
}

const Technique* ContentSet::find_technique(std::string_view id) const {
    for (const Technique& t : techniques)
        if (t.id == id) return &t;
    return nullptr;
}

const LearnSection* ContentSet::find_learn_section(std::string_view id) const {
    for (const LearnSection& s : learn)
        if (s.id == id) return &s;
    return nullptr;
}

bool ContentLoad::ok() const {
    return std::none_of(issues.begin(), issues.end(), [](const ContentIssue& i) { return !i.warning; });
}

std::string format_issue(const ContentIssue& issue) {
    return issue.file + " " + (issue.pointer.empty() ? std::string("(whole file)") : issue.pointer) + ": " +
           issue.message + (issue.warning ? " (warning)" : "");
}

ContentLoad load_content(const std::map<std::string, std::string, std::less<>>& files) {
    ContentLoad load;
    ContentSet& content = load.content;
    std::vector<TechniqueReference> references;
    bool techniques_usable = false;

    for (const auto& entry : files) {
        if (std::find(kContentFileNames.begin(), kContentFileNames.end(), entry.first) == kContentFileNames.end())
            load.issues.push_back({entry.first, "", "not a content file, ignored", true});
    }

    {
        FileChecker check("routines.json", load.issues);
        std::string version;
        if (auto root = parse_root(files, "routines.json", check, version)) content.routines = read_routines(*root, check, references);
        content.file_versions["routines.json"] = version;
    }
    {
        FileChecker check("techniques.json", load.issues);
        std::string version;
        if (auto root = parse_root(files, "techniques.json", check, version)) {
            content.techniques = read_techniques(*root, check);
            techniques_usable = true;
        }
        content.file_versions["techniques.json"] = version;
    }
    {
        FileChecker check("learn.json", load.issues);
        std::string version;
        if (auto root = parse_root(files, "learn.json", check, version)) content.learn = read_learn(*root, check);
        content.file_versions["learn.json"] = version;
    }
    {
        FileChecker check("triage.json", load.issues);
        std::string version;
        if (auto root = parse_root(files, "triage.json", check, version)) read_triage(*root, check, content.triage);
        content.triage.version = version;
        content.file_versions["triage.json"] = version;
        content.triage.validated = check.errors() == 0;
    }

    // Only when techniques.json itself could be read: otherwise every reference would be noise.
    if (techniques_usable) {
        FileChecker check("routines.json", load.issues);
        for (const TechniqueReference& ref : references)
            if (!content.find_technique(ref.id)) check.error(ref.pointer, "unknown technique id \"" + ref.id + "\"");
    }

    // Issues grouped by file, in the order of kContentFileNames (cross-file checks ran last).
    const auto file_rank = [](const ContentIssue& issue) {
        const auto it = std::find(kContentFileNames.begin(), kContentFileNames.end(), issue.file);
        return static_cast<std::size_t>(it - kContentFileNames.begin());
    };
    std::stable_sort(load.issues.begin(), load.issues.end(),
                     [&](const ContentIssue& a, const ContentIssue& b) { return file_rank(a) < file_rank(b); });

    // One version when the files agree; otherwise each file's, so a stale cache is easy to spot.
    const std::string& first = content.file_versions.begin()->second;
    const bool same = std::all_of(content.file_versions.begin(), content.file_versions.end(),
                                  [&](const auto& e) { return e.second == first; });
    if (same) {
        content.version = first;
    } else {
        for (std::string_view name : kContentFileNames) {
            if (!content.version.empty()) content.version += "; ";
            content.version += std::string(name) + " " + content.file_versions[std::string(name)];
        }
    }
    return load;
}

}  // namespace calfcoach
