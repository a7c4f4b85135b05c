#include <ostream>

#include "cli/commands.hpp"

namespace calfcoach::cli {

int run_validate(Args, Streams io) {
    io.err << "calfcoach validate: not built yet\n";
    return 2;
}

}  // namespace calfcoach::cli
