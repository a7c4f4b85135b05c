// calfcoach backup check FILE
// calfcoach history merge A B
//
// `backup check` reads a backup file (core/backup.hpp) and says what it holds, or why it cannot be
// read. `history merge` merges two histories, each a backup file or any history `history export`
// reads (a stored generation, a v0 array, a localStorage dump), or the JSON a `history export
// --format json` wrote, and prints the result as a backup on stdout. A's settings, programme and
// last safety check are kept; B's are taken only where A has none (as a restore into A does).
// Exit 0 done, 1 an input that is not a readable backup or history (the message names the file),
// 2 bad usage or a file that cannot be opened.
#include <chrono>
#include <cmath>
#include <ctime>
#include <fstream>
#include <ostream>
#include <string>
#include <vector>

#include "cli/commands.hpp"
#include "core/backup.hpp"
#include "core/history.hpp"
#include "core/json_safe.hpp"

namespace calfcoach::cli {
namespace {

constexpr std::size_t kMaxInputBytes = 16 * 1024 * 1024;  // as `history export` reads

bool read_file(const std::string& path, std::string& text) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return false;
    char buffer[65536];
    while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
        text.append(buffer, static_cast<std::size_t>(in.gcount()));
        if (text.size() > kMaxInputBytes) return true;  // the readers refuse it by its size
    }
    return true;
}

std::string now_iso() {
    const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm utc{};
    gmtime_r(&now, &utc);
    char buffer[32];
    std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &utc);
    return buffer;
}

// The JSON of `history export --format json`: records as stored; its months carry minutes and an
// average instead of counts, so the pain averages cannot be kept, and it has no fold horizon: the
// horizon is taken as the end of its newest month, or its oldest session's start if that is earlier
// (folding always leaves the newest sessions as records).
bool read_export_json(const nlohmann::json& j, HistoryData& out, std::string& why, std::vector<std::string>& warnings) {
    const auto records = j.find("records");
    if (records == j.end() || !records->is_array()) {
        why = "\"records\" is not a list";
        return false;
    }
    for (std::size_t i = 0; i < records->size(); ++i) {
        auto record = record_from_json((*records)[i]);
        if (!record || !insert_record(out, std::move(*record))) {
            why = "records[" + std::to_string(i) + "]: not a valid session, or a second one with its id";
            return false;
        }
    }
    const auto monthly = j.find("monthly");
    if (monthly == j.end() || !monthly->is_array()) return true;
    bool pain_dropped = false;
    for (std::size_t i = 0; i < monthly->size(); ++i) {
        const nlohmann::json& m = (*monthly)[i];
        const auto month = m.find("month");
        const auto sessions = m.find("sessions");
        const auto minutes = m.find("active_minutes");
        if (month == m.end() || !month->is_string() || !is_year_month(month->get<std::string>()) || sessions == m.end() ||
            !sessions->is_number_unsigned() || sessions->get<std::uint64_t>() > 1'000'000'000 || minutes == m.end() ||
            !minutes->is_number() || !(minutes->get<double>() >= 0.0) || minutes->get<double>() > 1e12) {
            why = "monthly[" + std::to_string(i) + "]: not a month summary of an export";
            return false;
        }
        MonthlySummary summary{month->get<std::string>()};
        summary.sessions = static_cast<int>(sessions->get<std::uint64_t>());
        summary.active_seconds = std::llround(minutes->get<double>() * 60.0);
        if (const auto pain = m.find("average_pain_drop"); pain != m.end() && !pain->is_null()) pain_dropped = true;
        if (!out.monthly.empty() && out.monthly.back().month >= summary.month) {
            why = "monthly[" + std::to_string(i) + "]: months out of order or repeated";
            return false;
        }
        out.monthly.push_back(summary);
    }
    if (pain_dropped) warnings.push_back("its old months' pain averages cannot be merged (an export holds no counts)");
    if (!out.monthly.empty()) {
        const std::string& last = out.monthly.back().month;
        const int year = std::stoi(last.substr(0, 4));
        const int month = std::stoi(last.substr(5, 2));
        out.folded_through = last + "-" + std::to_string(days_in_month(year, month)) + "T23:59:59Z";
        if (!out.records.empty() && out.records.front().started_at < out.folded_through)
            out.folded_through = out.records.front().started_at;
    }
    return true;
}

// A backup, an export's JSON, or anything `history export` reads, as a Backup. False with `why`.
bool read_merge_input(const std::string& text, Backup& out, std::string& why, std::vector<std::string>& warnings) {
    const JsonParseResult parsed = parse_json_limited(text, JsonLimits{kMaxInputBytes, 8});
    if (parsed.ok && parsed.value.is_object() && parsed.value.contains("format")) {
        BackupReadResult read = read_backup(text);
        if (!read.ok()) {
            why = read.message + " (" + std::string(to_string(read.error)) + ")";
            return false;
        }
        out = std::move(*read.backup);
        return true;
    }
    if (parsed.ok && parsed.value.is_object() && parsed.value.contains("records") && !parsed.value.contains("v"))
        return read_export_json(parsed.value, out.history, why, warnings);

    MemoryKeyValueStore store;
    if (!fill_history_store(text, store, why)) return false;
    // A localStorage dump holds the rest of the app's state too.
    if (const auto settings = store.get(kSettingsKey)) out.settings = settings_from_json(*settings);
    if (const auto programme = store.get(kProgrammeStorageKey)) out.programme = programme_from_stored(*programme);
    if (const auto safety = store.get(kLastSafetyStorageKey)) out.last_safety = safety_facts_from_stored(*safety);
    HistoryStore history(store);
    const HistoryLoadReport report = history.load();
    for (const std::string& problem : report.problems) warnings.push_back(problem);
    out.history = history.data();
    if (out.history.records.empty() && out.history.monthly.empty() && !report.problems.empty()) {
        why = "no history could be recovered from it";
        return false;
    }
    return true;
}

int usage(Streams io, std::string_view command, std::string_view why, std::string_view usage_line) {
    io.err << "calfcoach " << command << ": " << why << " (usage: " << usage_line << ")\n";
    return 2;
}

}  // namespace

int run_history_merge(Args args, Streams io) {
    constexpr std::string_view kUsage = "calfcoach history merge A B > C";
    if (args.size() != 2) return usage(io, "history merge", "give two files", kUsage);
    Backup inputs[2];
    for (std::size_t i = 0; i < 2; ++i) {
        const std::string path(args[i]);
        std::string text;
        if (!read_file(path, text)) return usage(io, "history merge", "cannot read '" + path + "'", kUsage);
        std::string why;
        std::vector<std::string> warnings;
        const bool ok = read_merge_input(text, inputs[i], why, warnings);
        for (const std::string& warning : warnings) io.err << "calfcoach history merge: " << path << ": warning: " << warning << "\n";
        if (!ok) {
            io.err << "calfcoach history merge: " << path << ": " << why << "\n";
            return 1;
        }
    }
    const RestoreResult merged = merge_backup_into(inputs[0], inputs[1]);
    io.out << write_backup(merged.state, now_iso());
    io.err << "calfcoach history merge: from " << args[1] << " into " << args[0] << ": "
           << restore_summary_text(merged.summary) << "\n";
    return io.out ? 0 : 2;
}

int run_backup(Args args, Streams io) {
    constexpr std::string_view kUsage = "calfcoach backup check FILE";
    if (args.size() != 2 || args[0] != "check") return usage(io, "backup", "bad arguments", kUsage);
    const std::string path(args[1]);
    std::string text;
    if (!read_file(path, text)) return usage(io, "backup", "cannot read '" + path + "'", kUsage);
    const BackupReadResult read = read_backup(text);
    if (!read.ok()) {
        io.out << path << ": " << read.message << " (" << to_string(read.error) << ")\n";
        return 1;
    }
    const Backup& b = *read.backup;
    int sessions_in_months = 0;
    for (const MonthlySummary& m : b.history.monthly) sessions_in_months += m.sessions;
    io.out << path << ": a valid backup" << (read.created_at.empty() ? "" : ", made " + read.created_at) << "\n"
           << "  sessions: " << b.history.records.size() << ", and " << sessions_in_months << " more in "
           << b.history.monthly.size() << (b.history.monthly.size() == 1 ? " old month\n" : " old months\n")
           << "  settings: " << (b.settings ? "yes" : "no") << "\n"
           << "  programme: " << (b.programme ? b.programme->code : std::string("none")) << "\n"
           << "  last safety check: "
           << (b.last_safety ? std::string(to_string(b.last_safety->level)) + " at " + b.last_safety->checked_at
                             : std::string("none"))
           << "\n";
    return 0;
}

}  // namespace calfcoach::cli
