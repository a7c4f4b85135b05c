// calfcoach history export --format csv|json FILE
// calfcoach history merge A B (cmd_backup.cpp)
//
// Reads stored history on stdin, in any of these shapes:
//   * one generation as stored under "history.a" / "history.b" ({"v":1,"seq":..,"payload":..});
//   * a v0 history (a bare JSON array of records);
//   * a localStorage dump: a JSON object whose keys are storage keys and whose values are the stored
//     strings, e.g. {"history.a":"{\"v\":1,...}","history.b":"..."} (other keys are ignored);
//   * a backup file (core/backup.hpp), read whole or refused;
//   * anything damaged: read as one generation, and every valid record in it is salvaged.
// It goes through the same HistoryStore::load as the app (newest good generation, salvage), and
// writes FILE ('-' for stdout). Problems found on the way are warnings on stderr.
// Exit 0 written, 2 bad usage, unreadable input, or nothing recoverable.
#include <fstream>
#include <iterator>
#include <ostream>
#include <sstream>
#include <string>

#include "cli/commands.hpp"
#include "core/backup.hpp"
#include "core/history.hpp"
#include "core/json_safe.hpp"

namespace calfcoach::cli {
namespace {

constexpr std::size_t kMaxInputBytes = 16 * 1024 * 1024;

int usage(Streams io, std::string_view why) {
    io.err << "calfcoach history: " << why
           << " (usage: calfcoach history export --format csv|json FILE, or calfcoach history merge A B)\n";
    return 2;
}

int write_export(const HistoryData& data, std::string_view format, std::string_view file, Streams io) {
    const std::string out = format == "csv" ? export_csv(data) : export_json(data);
    if (file == "-") {
        io.out << out;
        return io.out ? 0 : 2;
    }
    std::ofstream stream{std::string(file), std::ios::binary | std::ios::trunc};
    if (!stream || !(stream << out) || !stream.flush()) return usage(io, "cannot write '" + std::string(file) + "'");
    return 0;
}

}  // namespace

// Puts the input into an in-memory store under the keys the app would use: the history keys and,
// from a localStorage dump, the settings, programme and last safety check too (history_merge reads
// them). False, with `why`, when the input holds nothing that looks like history.
bool fill_history_store(const std::string& text, MemoryKeyValueStore& store, std::string& why) {
    const JsonParseResult parsed = parse_json_limited(text, JsonLimits{kMaxInputBytes, 8});
    if (parsed.ok && parsed.value.is_object() && !parsed.value.contains("v") && !parsed.value.contains("payload")) {
        bool any_history = false;
        for (const auto& [key, value] : parsed.value.items()) {
            const bool history = key.rfind("history", 0) == 0;
            if (!history && key != kSettingsKey && key != kProgrammeStorageKey && key != kLastSafetyStorageKey) continue;
            if (!value.is_string()) {
                why = "the value of '" + key.substr(0, 64) + "' in the storage dump is not a string";
                return false;
            }
            store.values[key] = value.get<std::string>();
            any_history = any_history || history;
        }
        if (!any_history) why = "no history keys in the storage dump";
        return any_history;
    }
    if (parsed.ok && parsed.value.is_array()) store.values[std::string(kHistoryLegacyKey)] = text;
    else store.values[std::string(kHistoryKeyA)] = text;  // a generation, or damaged: salvage it
    return true;
}

int run_history(Args args, Streams io) {
    if (!args.empty() && args[0] == "merge") return run_history_merge(args.subspan(1), io);
    if (args.size() != 4 || args[0] != "export" || args[1] != "--format") return usage(io, "bad arguments");
    const std::string_view format = args[2];
    const std::string_view file = args[3];
    if (format != "csv" && format != "json") return usage(io, "unknown format '" + std::string(format) + "'");

    std::string text;
    char buffer[65536];
    while (io.in.read(buffer, sizeof buffer) || io.in.gcount() > 0) {
        text.append(buffer, static_cast<std::size_t>(io.in.gcount()));
        if (text.size() > kMaxInputBytes) return usage(io, "input larger than 16 MB");
    }
    if (text.find_first_not_of(" \t\r\n") == std::string::npos) return usage(io, "no input on stdin");

    // A backup file: its history, all or nothing (its checksum says whether it is whole).
    if (const JsonParseResult parsed = parse_json_limited(text, JsonLimits{kMaxInputBytes, 8});
        parsed.ok && parsed.value.is_object() && parsed.value.contains("format")) {
        const BackupReadResult backup = read_backup(text);
        if (!backup.ok()) return usage(io, backup.message);
        return write_export(backup.backup->history, format, file, io);
    }
    MemoryKeyValueStore store;
    std::string why;
    if (!fill_history_store(text, store, why)) return usage(io, why);
    HistoryStore history(store);
    const HistoryLoadReport report = history.load();
    for (const std::string& problem : report.problems) io.err << "calfcoach history: warning: " << problem << "\n";
    const HistoryData& data = history.data();
    if (data.records.empty() && data.monthly.empty() && !report.problems.empty())
        return usage(io, "nothing could be recovered from the input");
    return write_export(data, format, file, io);
}

}  // namespace calfcoach::cli
