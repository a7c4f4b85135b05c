// clinic_routines.cpp — see clinic_routines.hpp.
#include "core/clinic_routines.hpp"

#include "core/clinic_content.hpp"
#include "core/json_safe.hpp"

namespace calfcoach {
namespace {
bool covers(std::string_view pointer, std::string_view field) {
    return pointer == field || (pointer.size() > field.size() && pointer.substr(0, field.size()) == field &&
                                pointer[field.size()] == '/');
}
}  // namespace

bool ClinicContentCheck::ok() const {
    for (const ContentIssue& issue : issues)
        if (!issue.warning) return false;
    return true;
}

ClinicContentCheck check_clinic_files(const nlohmann::json& edited, const ContentFiles& builtin) {
    ClinicContentCheck check;
    nlohmann::json bundle = nlohmann::json::object();
    for (const auto& [name, file] : edited.items()) {
        const auto shipped = builtin.find(name);
        if (shipped != builtin.end()) {
            const JsonParseResult parsed = parse_json_limited(shipped->second);
            if (parsed.ok && parsed.value == file) continue;
        }
        bundle[name] = file;
    }
    if (bundle.empty()) return check;
    check.bundle = dump_json(bundle);
    check.issues = load_clinic_content(check.bundle, builtin).issues;
    return check;
}

ClinicContentCheck check_clinic_routines(const nlohmann::json& routines_file, const ContentFiles& builtin) {
    return check_clinic_files(nlohmann::json{{"routines.json", routines_file}}, builtin);
}

std::string errors_at(const std::vector<ContentIssue>& issues, std::string_view pointer) {
    std::string text;
    for (const ContentIssue& issue : issues) {
        if (issue.warning || issue.file != "routines.json" || !covers(issue.pointer, pointer)) continue;
        if (!text.empty()) text += "; ";
        text += issue.message;
    }
    return text;
}

std::vector<std::string> errors_elsewhere(const std::vector<ContentIssue>& issues, const std::vector<std::string>& shown) {
    std::vector<std::string> out;
    for (const ContentIssue& issue : issues) {
        if (issue.warning) continue;
        bool covered = false;
        for (const std::string& field : shown) covered = covered || (issue.file == "routines.json" && covers(issue.pointer, field));
        if (!covered)
            out.push_back(issue.file + " " + (issue.pointer.empty() ? std::string("(whole file)") : issue.pointer) + ": " +
                          issue.message);
    }
    return out;
}

namespace {
// `base`, or base_2, base_3...: the first id no object of `holder[key]` (an array) has yet.
std::string unused_id(const nlohmann::json& holder, const char* key, const std::string& base) {
    auto taken = [&](const std::string& id) {
        if (!holder.is_object() || !holder.contains(key) || !holder[key].is_array()) return false;
        for (const auto& other : holder[key])
            if (other.is_object() && other.value("id", std::string()) == id) return true;
        return false;
    };
    std::string id = base;
    for (int n = 2; taken(id); ++n) id = base + "_" + std::to_string(n);
    return id;
}
}  // namespace

nlohmann::json step_copy_for(const nlohmann::json& routine, const nlohmann::json& step) {
    nlohmann::json copy = step;
    copy["id"] = unused_id(routine, "steps", step.value("id", std::string("step")));
    return copy;
}

nlohmann::json routine_copy_for(const nlohmann::json& routines_file, const nlohmann::json& model, const std::string& title) {
    nlohmann::json copy = model;
    copy["id"] = unused_id(routines_file, "routines", "routine");
    copy["title"] = title;
    return copy;
}

std::string script_safe_json(std::string_view json_text) {
    std::string out;
    out.reserve(json_text.size());
    for (const char c : json_text) {
        if (c == '<') out += "\\u003c";
        else out += c;
    }
    return out;
}

}  // namespace calfcoach
