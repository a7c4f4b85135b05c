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

nlohmann::json step_copy_for(const nlohmann::json& routine, const nlohmann::json& step) {
    nlohmann::json copy = step;
    const std::string base = step.value("id", std::string("step"));
    auto taken = [&](const std::string& id) {
        if (!routine.contains("steps") || !routine["steps"].is_array()) return false;
        for (const auto& other : routine["steps"])
            if (other.is_object() && other.value("id", std::string()) == id) return true;
        return false;
    };
    std::string id = base;
    for (int n = 2; taken(id); ++n) id = base + "_" + std::to_string(n);
    copy["id"] = id;
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
