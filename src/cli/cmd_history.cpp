#include <ostream>

#include "cli/commands.hpp"

namespace calfcoach::cli {

int run_history(Args, Streams io) {
    io.err << "calfcoach history: not built yet\n";
    return 2;
}

}  // namespace calfcoach::cli
