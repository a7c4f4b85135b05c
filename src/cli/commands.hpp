// commands.hpp — the subcommands of the native `calfcoach` tool, one file each (cmd_*.cpp).
// Each takes its arguments (after the subcommand name) and streams, and returns the exit code:
// 0 success, 1 a negative answer (e.g. invalid content), 2 bad usage or bad input.
#pragma once

#include <iosfwd>
#include <span>
#include <string_view>

namespace calfcoach::cli {

struct Streams {
    std::istream& in;
    std::ostream& out;
    std::ostream& err;
};

using Args = std::span<const std::string_view>;

int run_triage(Args args, Streams io);    // cmd_triage.cpp
int run_validate(Args args, Streams io);  // cmd_validate.cpp
int run_plan(Args args, Streams io);      // cmd_plan.cpp
int run_history(Args args, Streams io);   // cmd_history.cpp

}  // namespace calfcoach::cli
