// libFuzzer target: the content loader. The input is split at each "\n@@@@\n" into up to four parts
// that replace routines.json, techniques.json, learn.json and triage.json in that order; files
// without a part keep the shipped text, so the cross-file and safety-floor checks are reached too.
// An input starting with "#N\n" (N = 0 to 3) starts at file N instead, so a single part can be
// triage.json (seed: corpus/fuzz_content/triage_only).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/content.hpp"
#include "core/default_content.hpp"

using namespace calfcoach;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    std::map<std::string, std::string, std::less<>> files;
    for (const DefaultContentFile& f : default_content_files()) files[std::string(f.name)] = std::string(f.text);

    constexpr std::string_view kSeparator = "\n@@@@\n";
    std::size_t start = 0;
    std::size_t first_file = 0;
    if (input.size() >= 3 && input[0] == '#' && input[1] >= '0' && input[1] <= '3' && input[2] == '\n') {
        first_file = static_cast<std::size_t>(input[1] - '0');
        start = 3;
    }
    for (std::size_t file = first_file; file < kContentFileNames.size(); ++file) {
        const std::string_view name = kContentFileNames[file];
        if (start > input.size()) break;
        const std::size_t end = std::min(input.find(kSeparator, start), input.size());
        files[std::string(name)] = std::string(input.substr(start, end - start));
        start = end + kSeparator.size();
    }

    const ContentLoad load = load_content(files);
    for (const ContentIssue& issue : load.issues) (void)format_issue(issue);
    if (load.ok()) {
        // Content that passed the loader keeps the safety floor: with nothing answered (all count
        // as yes) the chest question alone already makes it an emergency.
        if (!load.content.triage.validated) __builtin_trap();
        const TriageResult all_unanswered = evaluate_triage(load.content.triage, {});
        if (all_unanswered.level != SafetyLevel::Emergency) __builtin_trap();
        (void)triage_result_to_json(all_unanswered);
        (void)questions_most_severe_first(load.content.triage);
    } else if (load.content.triage.validated) {
        // A triage.json with errors must never be marked validated.
        for (const ContentIssue& issue : load.issues)
            if (issue.file == "triage.json" && !issue.warning) __builtin_trap();
    }
    return 0;
}
