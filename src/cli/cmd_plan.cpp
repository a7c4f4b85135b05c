// calfcoach plan [--routine ID] [--preset quick|standard|thorough] [--content DIR]
// calfcoach plan --link LINK-or-CODE [--content DIR]
// Prints the session's timeline (start, side, step, duration) and a last line "total M:SS". With
// --link, the session a prescription gives (apply_prescription over the default options: no safety
// narrowing), exit 1 when the link does not decode or does not fit the content.
#include <map>
#include <ostream>
#include <string>

#include "cli/commands.hpp"
#include "cli/content_files.hpp"
#include "core/content.hpp"
#include "core/prescription.hpp"
#include "core/session.hpp"

namespace calfcoach::cli {

namespace {

int plan_from_link(std::string_view link, std::string_view content_dir, Streams io) {
    ContentSet content;
    if (std::string error; !load_tool_content(content_dir, content, error)) {
        io.err << "calfcoach plan: " << error << "\n";
        return 2;
    }
    const std::optional<std::string> code = prescription_code_in(link);
    if (!code) {
        io.err << "calfcoach plan: the link has no #rx= programme\n";
        return 1;
    }
    const PrescriptionDecode decoded = decode_prescription(*code);
    if (!decoded.ok()) {
        io.err << "calfcoach plan: " << decoded.message << "\n";
        return 1;
    }
    const PrescribedSession session = apply_prescription(*decoded.prescription, content, SessionOptions{});
    if (!session.ok()) {
        io.err << "calfcoach plan: " << session.message << "\n";
        return 1;
    }
    io.out << format_plan(*session.routine, session.options.preset, session.options);
    return 0;
}

}  // namespace

int run_plan(Args args, Streams io) {
    std::string routine_id;
    Preset preset = Preset::Standard;
    bool preset_given = false;
    std::string content_dir;
    std::string link;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string_view arg = args[i];
        const bool has_value = i + 1 < args.size();
        if (arg == "--routine" && has_value) {
            routine_id = args[++i];
        } else if (arg == "--link" && has_value) {
            link = args[++i];
        } else if (arg == "--preset" && has_value) {
            preset_given = true;
            const auto parsed = preset_from_string(args[++i]);
            if (!parsed) {
                io.err << "calfcoach plan: --preset must be quick, standard or thorough\n";
                return 2;
            }
            preset = *parsed;
        } else if (arg == "--content" && has_value) {
            content_dir = args[++i];
        } else {
            io.err << "calfcoach plan: usage: plan [--routine ID] [--preset quick|standard|thorough] [--content DIR]"
                      " | plan --link LINK [--content DIR]\n";
            return 2;
        }
    }
    if (!link.empty()) {
        if (!routine_id.empty() || preset_given) {
            io.err << "calfcoach plan: --link takes the routine and its length from the programme: no --routine or --preset\n";
            return 2;
        }
        return plan_from_link(link, content_dir, io);
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
