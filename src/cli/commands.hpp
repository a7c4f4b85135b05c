// commands.hpp — the subcommands of the native `calfcoach` tool, one file each (cmd_*.cpp).
// Each takes its arguments (after the subcommand name) and streams, and returns the exit code:
// 0 success, 1 a negative answer (e.g. invalid content), 2 bad usage or bad input.
#pragma once

#include <iosfwd>
#include <optional>
#include <span>
#include <string>
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
int run_history_merge(Args args, Streams io);  // cmd_backup.cpp ("history merge A B")
int run_backup(Args args, Streams io);    // cmd_backup.cpp
int run_prescribe(Args args, Streams io);     // cmd_prescribe.cpp
int run_prescription(Args args, Streams io);  // cmd_prescribe.cpp
int run_ics(Args args, Streams io);
int run_handout(Args args, Streams io);       // cmd_prescribe.cpp

}  // namespace calfcoach::cli

namespace calfcoach {
struct ContentSet;
class MemoryKeyValueStore;
}

namespace calfcoach::cli {

// Shared by the prescription subcommands and `plan --link` (cmd_prescribe.cpp):
// The code in "https://APP/#rx=CODE" (any fragment holding rx=), "rx=CODE" or a bare CODE; nullopt
// for a link whose fragment has no rx parameter.
std::optional<std::string> prescription_code_in(std::string_view link_or_code);
// The built-in content, with a clinic folder's files over it when content_dir is not empty. False
// with `error` set when the folder cannot be read or the content is invalid.
bool load_tool_content(std::string_view content_dir, ContentSet& content, std::string& error);

// Shared by `history export` and `history merge` (cmd_history.cpp): the stdin forms of `history
// export` put into an in-memory store under the app's keys. False with `why` when nothing there
// looks like history.
bool fill_history_store(const std::string& text, MemoryKeyValueStore& store, std::string& why);

}  // namespace calfcoach::cli
