// calfcoach triage [--content DIR] — answers JSON on stdin, the safety level JSON on stdout.
#include <istream>
#include <ostream>
#include <string>

#include "cli/commands.hpp"
#include "cli/content_files.hpp"
#include "core/content.hpp"
#include "core/triage.hpp"

namespace calfcoach::cli {

namespace {
constexpr std::size_t kMaxAnswersBytes = 64 * 1024;  // the cap parse_answers_json applies
}

int run_triage(Args args, Streams io) {
    std::string content_dir;
    for (std::size_t i = 0; i < args.size(); ++i) {
        if (args[i] == "--content" && i + 1 < args.size()) {
            content_dir = std::string(args[++i]);
        } else {
            io.err << "calfcoach triage: unknown option '" << args[i] << "' (usage: triage [--content DIR])\n";
            return 2;
        }
    }

    std::map<std::string, std::string, std::less<>> files;
    if (content_dir.empty()) {
        files = default_content_map();
    } else if (std::string error; !read_content_folder(content_dir, files, error)) {
        io.err << "calfcoach triage: " << error << "\n";
        return 2;
    }
    const ContentLoad load = load_content(files);
    if (!load.ok()) {
        // Never answer from content that failed its checks.
        io.err << "calfcoach triage: the content is invalid, run 'calfcoach validate'; first problem: ";
        for (const ContentIssue& issue : load.issues)
            if (!issue.warning) { io.err << format_issue(issue) << "\n"; break; }
        return 2;
    }

    const AnswersParse answers = parse_answers_json(read_capped(io.in, kMaxAnswersBytes), load.content.triage);
    if (!answers.ok()) {
        io.err << "calfcoach triage: " << answers.error << "\n";
        return 2;
    }
    io.out << triage_result_to_json(evaluate_triage(load.content.triage, answers.answers), 2) << "\n";
    return 0;
}

}  // namespace calfcoach::cli
