#include <ostream>

#include "cli/commands.hpp"

namespace calfcoach::cli {

int run_plan(Args, Streams io) {
    io.err << "calfcoach plan: not built yet\n";
    return 2;
}

}  // namespace calfcoach::cli
