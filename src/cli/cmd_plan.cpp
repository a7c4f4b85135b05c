// calfcoach plan [--routine ID] [--preset quick|standard|thorough] [--content DIR]
// Prints the session's timeline (start, side, step, duration) and a last line "total M:SS".
#include <map>
#include <ostream>
#include <string>

#include "cli/commands.hpp"
#include "cli/content_files.hpp"
#include "core/content.hpp"
#include "core/session.hpp"

namespace calfcoach::cli {

int run_plan(Args args, Streams io) {
    std::string routine_id;
    Preset preset = Preset::Standard;
    std::string content_dir;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string_view arg = args[i];
        const bool has_value = i + 1 < args.size();
        if (arg == "--routine" && has_value) {
            routine_id = args[++i];
        } else if (arg == "--preset" && has_value) {
            const auto parsed = preset_from_string(args[++i]);
            if (!parsed) {
                io.err << "calfcoach plan: --preset must be quick, standard or thorough\n";
                return 2;
            }
            preset = *parsed;
        } else if (arg == "--content" && has_value) {
            content_dir = args[++i];
        } else {
            io.err << "calfcoach plan: usage: plan [--routine ID] [--preset quick|standard|thorough] [--content DIR]\n";
            return 2;
        }
    }
    std::map<std::string, std::string, std::less<>> files = default_content_map();
    if (std::string error; !content_dir.empty() && !read_content_folder(content_dir, files, error)) {
        io.err << "calfcoach plan: " << error << "\n";
        return 2;
    }
    const ContentLoad loaded = load_content(files);
    if (!loaded.ok()) {
        io.err << "calfcoach plan: the content is invalid (run calfcoach validate for details)\n";
        return 2;
    }
    const Routine* routine = routine_id.empty() ? (loaded.content.routines.empty() ? nullptr : &loaded.content.routines.front())
                                                : loaded.content.find_routine(routine_id);
    if (routine == nullptr) {
        io.err << "calfcoach plan: no routine '" << routine_id << "'\n";
        return 2;
    }
    io.out << format_plan(*routine, preset);
    return 0;
}

}  // namespace calfcoach::cli
