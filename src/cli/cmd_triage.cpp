#include <ostream>

#include "cli/commands.hpp"

namespace calfcoach::cli {

int run_triage(Args, Streams io) {
    io.err << "calfcoach triage: not built yet\n";
    return 2;
}

}  // namespace calfcoach::cli
