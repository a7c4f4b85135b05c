// content.hpp — loads and checks the four content files (routines, techniques, learn, triage).
// Strings in, structs and a list of every problem out: no file I/O, no exceptions. A clinic can
// replace any file; whatever it writes is checked the same way as the shipped content.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/routine.hpp"
#include "core/triage.hpp"

namespace calfcoach {

struct Technique {
    std::string id;                       // e.g. "effleurage"
    std::string name;                     // "Effleurage (long strokes)"
    std::string what;                     // what it is, one or two sentences
    std::vector<std::string> how;         // steps
    Pressure pressure = Pressure::Light;
    std::vector<std::string> use_when;
    std::vector<std::string> avoid_when;
};

struct LearnSection {
    std::string id;
    std::string title;
    std::vector<std::string> paragraphs;
};

// One problem in one file. `pointer` is an RFC 6901 JSON pointer ("" = the whole file).
struct ContentIssue {
    std::string file;
    std::string pointer;
    std::string message;
    bool warning = false;  // unknown keys and style hints; the content still loads
};

inline constexpr std::array<std::string_view, 4> kContentFileNames = {
    "routines.json", "techniques.json", "learn.json", "triage.json"};
inline constexpr std::size_t kContentMaxBytes = 512 * 1024;
inline constexpr int kContentMaxDepth = 32;
inline constexpr std::int64_t kMaxStepSeconds = 30 * 60;

struct ContentSet {
    // The files' "version" when they agree, else "routines.json 1.0.0; techniques.json 1.1.0; ...".
    std::string version;
    std::map<std::string, std::string, std::less<>> file_versions;  // file name -> its "version"
    std::vector<Routine> routines;
    std::vector<Technique> techniques;
    std::vector<LearnSection> learn;
    TriageContent triage;

    [[nodiscard]] const Routine* find_routine(std::string_view id) const;
    [[nodiscard]] const Technique* find_technique(std::string_view id) const;
    [[nodiscard]] const LearnSection* find_learn_section(std::string_view id) const;
};

struct ContentLoad {
    ContentSet content;
    std::vector<ContentIssue> issues;  // every problem found, errors and warnings, in file order
    [[nodiscard]] bool ok() const;     // true when no issue is an error
};

// files: file name ("routines.json", "techniques.json", "learn.json", "triage.json") -> JSON text.
// Every file is required. Caps per file: kContentMaxBytes, nesting depth kContentMaxDepth.
ContentLoad load_content(const std::map<std::string, std::string, std::less<>>& files);

// "triage.json /rules/3/source: missing field" (with " (warning)" for warnings).
std::string format_issue(const ContentIssue& issue);

}  // namespace calfcoach
