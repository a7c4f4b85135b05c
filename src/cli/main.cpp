// calfcoach — the native command-line tool: the same core as the app, for clinics and tests.
#include <array>
#include <iostream>
#include <string_view>
#include <vector>

#include "cli/commands.hpp"

namespace {

struct Command {
    std::string_view name;
    std::string_view usage;
    int (*run)(calfcoach::cli::Args, calfcoach::cli::Streams);
};

constexpr std::array kCommands = {
    Command{"triage", "triage [--content DIR]           answers JSON on stdin -> safety level JSON", calfcoach::cli::run_triage},
    Command{"validate", "validate [DIR]                   check a content folder (default content/)", calfcoach::cli::run_validate},
    Command{"plan", "plan [--routine ID] [--preset P] | plan --link LINK  print a session's timeline", calfcoach::cli::run_plan},
    Command{"history", "history export --format csv|json FILE  export stored history (read on stdin)\n"
                       "  history merge A B                merge two backups or histories -> a backup on stdout", calfcoach::cli::run_history},
    Command{"backup", "backup check FILE                is FILE a readable backup, and what it holds", calfcoach::cli::run_backup},
    Command{"prescribe", "prescribe FILE.json [--app URL]  a physio's programme file -> its #rx= link", calfcoach::cli::run_prescribe},
    Command{"prescription", "prescription LINK-or-CODE        decode a programme link -> its JSON", calfcoach::cli::run_prescription},
    Command{"ics", "ics LINK [--time HH:MM] [--stamp S]  the programme's reminders as an .ics file", calfcoach::cli::run_ics},
    Command{"handout", "handout [LINK] [--app URL] [--date D]  the printed handout as an HTML page", calfcoach::cli::run_handout},
};

void print_usage(std::ostream& out) {
    out << "usage: calfcoach <command> [options]\n\ncommands:\n";
    for (const Command& c : kCommands) out << "  " << c.usage << "\n";
}

}  // namespace

int main(int argc, char** argv) {
    const std::vector<std::string_view> args(argv + 1, argv + argc);
    if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
        print_usage(args.empty() ? std::cerr : std::cout);
        return args.empty() ? 2 : 0;
    }
    for (const Command& c : kCommands) {
        if (c.name == args[0])
            return c.run(calfcoach::cli::Args(args).subspan(1), {std::cin, std::cout, std::cerr});
    }
    std::cerr << "calfcoach: unknown command '" << args[0] << "'\n";
    print_usage(std::cerr);
    return 2;
}
