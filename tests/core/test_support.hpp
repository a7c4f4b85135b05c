// test_support.hpp — helpers shared by the test files: the shipped content as a file map, and
// small edits to it, so each test states only what it changes.
#pragma once

#include <cstdio>
#include <fstream>
#include <functional>
#include <map>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "core/content.hpp"
#include "core/default_content.hpp"
#include "core/prescription.hpp"

namespace calfcoach::test {

using FileMap = std::map<std::string, std::string, std::less<>>;

inline FileMap shipped_files() {
    FileMap files;
    for (const DefaultContentFile& f : default_content_files()) files[std::string(f.name)] = std::string(f.text);
    return files;
}

inline std::string read_text_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

// The shipped content, loaded once (the loader's result is const and cheap to share).
// What zbarimg (Debian's zbar-tools) reads in the image file: "" when it finds nothing or is missing,
// so a test that expects a text then fails.
inline std::string zbar_decode(const std::string& image) {
    const std::string command = "zbarimg --raw -q '" + image + "' 2>/dev/null";
    FILE* pipe = ::popen(command.c_str(), "r");
    if (pipe == nullptr) return {};
    std::string out;
    char buffer[4096];
    while (const std::size_t n = std::fread(buffer, 1, sizeof buffer, pipe)) out.append(buffer, n);
    ::pclose(pipe);
    while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) out.pop_back();
    return out;
}

inline const ContentLoad& shipped_load() {
    static const ContentLoad load = load_content(shipped_files());
    return load;
}

// The prescription of docs/examples/prescription.json, as a value (a test checks the two agree).
inline Prescription example_prescription() {
    Prescription rx;
    rx.legs = PrescribedLegs::LeftOnly;
    rx.step_seconds = {30, 60, 60, 0, 45};
    rx.days_mask = 0x15;  // Mon, Wed, Fri
    rx.start = {2026, 12, 1};
    rx.review = CalendarDate{2027, 1, 12};
    rx.note = "Gentle on the Achilles for now: no deep pressure, stop if it twinges. See you in six weeks.";
    rx.clinic = "Riverside Physio";
    rx.phone = "+44 20 7946 0000";
    return rx;
}

inline const TriageContent& shipped_triage() { return shipped_load().content.triage; }

// The shipped files with `file` edited as JSON.
inline FileMap edited(const std::string& file, const std::function<void(nlohmann::json&)>& edit) {
    FileMap files = shipped_files();
    nlohmann::json value = nlohmann::json::parse(files.at(file));
    edit(value);
    files[file] = value.dump(2);
    return files;
}

// The first issue in `file` at `pointer` whose message contains `needle`, or nullptr.
inline const ContentIssue* find_issue(const ContentLoad& load, const std::string& file, const std::string& pointer,
                                      const std::string& needle = "") {
    for (const ContentIssue& issue : load.issues)
        if (issue.file == file && issue.pointer == pointer && issue.message.find(needle) != std::string::npos)
            return &issue;
    return nullptr;
}

inline std::string all_issues(const ContentLoad& load) {
    std::string out;
    for (const ContentIssue& issue : load.issues) out += format_issue(issue) + "\n";
    return out;
}

}  // namespace calfcoach::test
