// calfcoach validate [DIR | FILE] — checks a content folder, or a clinic's content file (one JSON
// object of content files, as the clinic kit saves it, docs/embedding.md), and lists every problem
// with file and pointer.
#include <filesystem>
#include <fstream>
#include <ostream>
#include <string>

#include "cli/commands.hpp"
#include "cli/content_files.hpp"
#include "core/clinic_content.hpp"
#include "core/content.hpp"
#include "core/triage_pages.hpp"

namespace calfcoach::cli {

int run_validate(Args args, Streams io) {
    if (args.size() > 1 || (!args.empty() && args[0].starts_with("-"))) {
        io.err << "calfcoach validate: usage: validate [DIR | FILE]\n";
        return 2;
    }
    const std::string folder = args.empty() ? std::string("content") : std::string(args[0]);
    std::error_code ec;
    ContentLoad load;
    if (std::filesystem::is_regular_file(folder, ec)) {
        // A clinic's content file: checked exactly as the app checks one, over the built-in files.
        std::ifstream in(folder, std::ios::binary);
        if (!in) {
            io.err << "calfcoach validate: cannot read " << folder << "\n";
            return 2;
        }
        load = load_clinic_content(read_capped(in, kClinicContentMaxBytes), default_content_map());
    } else {
        std::map<std::string, std::string, std::less<>> files;
        if (std::string error; !read_content_folder(folder, files, error)) {
            io.err << "calfcoach validate: " << error << "\n";
            return 2;
        }
        load = load_content(files);
    }
    int errors = 0;
    int warnings = 0;
    for (const ContentIssue& issue : load.issues) {
        io.out << (issue.warning ? "warning: " : "error: ") << issue.file << " "
               << (issue.pointer.empty() ? std::string("(whole file)") : issue.pointer) << ": " << issue.message << "\n";
        (issue.warning ? warnings : errors) += 1;
    }
    if (errors > 0) {
        io.out << folder << ": invalid, " << errors << " error(s), " << warnings << " warning(s)\n";
        return 1;
    }
    // The safety check's pages as the app will show them, so a clinic sees where its questions went.
    io.out << "safety check pages, in order:";
    for (const TriagePage& page : triage_pages(load.content.triage)) {
        io.out << " " << page.group->id << " (" << page.items.size() << " question" << (page.items.size() == 1 ? "" : "s");
        if (page.group->remember_none_days > 0)
            io.out << ", \"none of these\" remembered " << page.group->remember_none_days << " day" << (page.group->remember_none_days == 1 ? "" : "s");
        io.out << ")";
    }
    io.out << "\n";
    io.out << folder << ": valid (version " << load.content.version << "), " << warnings << " warning(s)\n";
    return 0;
}

}  // namespace calfcoach::cli
