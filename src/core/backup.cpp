// backup.cpp — the backup file and restoring one (see backup.hpp).
//
// [SECTION] Writing
// [SECTION] Reading (each part checked, every refusal named)
// [SECTION] Restoring
// [SECTION] The app's stored values
#include "core/backup.hpp"

#include <algorithm>
#include <cctype>
#include <limits>
#include <map>
#include <set>
#include <vector>

#include "core/fnv1a.hpp"
#include "core/json_safe.hpp"
#include "core/prescription.hpp"

namespace calfcoach {

//-----------------------------------------------------------------------------
// [SECTION] Writing
//-----------------------------------------------------------------------------
namespace {

// Deep enough for a record's "legs" array (root, payload, history, records, record, legs) and no more.
constexpr JsonLimits kBackupLimits{kBackupMaxBytes, 8};

nlohmann::json payload_json(const Backup& backup, std::string_view created_at) {
    nlohmann::json payload{{"created_at", is_iso_utc_timestamp(created_at) ? std::string(created_at) : std::string()},
                           {"history", history_payload_json(backup.history)}};
    if (backup.settings) payload["settings"] = nlohmann::json::parse(settings_to_json(*backup.settings), nullptr, false);
    if (backup.programme) payload["programme"] = {{"code", backup.programme->code}, {"kept_on", backup.programme->kept_on}};
    if (backup.last_safety)
        payload["last_safety"] = {{"level", std::string(to_string(backup.last_safety->level))},
                                  {"at", backup.last_safety->checked_at}};
    return payload;
}

}  // namespace

std::string write_backup(const Backup& backup, std::string_view created_at_iso) {
    const nlohmann::json payload = payload_json(backup, created_at_iso);
    // Marker and version first, for a person opening the file: written by hand around the payload,
    // since a JSON object sorts its keys. JSON strings hold no raw line breaks, so indenting each
    // line of the payload by two spaces is safe.
    std::string indented;
    for (const char c : dump_json(payload, 2)) {
        indented += c;
        if (c == '\n') indented += "  ";
    }
    return "{\n  \"format\": \"" + std::string(kBackupFormat) + "\",\n  \"version\": " + std::to_string(kBackupVersion) +
           ",\n  \"checksum\": \"" + hex64(fnv1a64(dump_json(payload))) + "\",\n  \"payload\": " + indented + "\n}\n";
}

std::string backup_file_name(const CalendarDate& date) { return "calfcoach-backup-" + to_string(date) + ".json"; }

std::string_view to_string(BackupError error) {
    switch (error) {
        case BackupError::None: return "none";
        case BackupError::TooLarge: return "too_large";
        case BackupError::NotJson: return "not_json";
        case BackupError::NotABackup: return "not_a_backup";
        case BackupError::NewerVersion: return "newer_version";
        case BackupError::UnknownVersion: return "unknown_version";
        case BackupError::ChecksumMismatch: return "checksum_mismatch";
        case BackupError::InvalidPart: return "invalid_part";
    }
    return "unknown";
}

//-----------------------------------------------------------------------------
// [SECTION] Reading
//-----------------------------------------------------------------------------
namespace {

// An id quoted in a message: at most 64 bytes of it (ids are that long at most when valid).
std::string quoted(const nlohmann::json& value) {
    if (!value.is_string()) return "";
    return " ('" + value.get<std::string>().substr(0, 64) + "')";
}

// Absent and null both mean "not in this backup" for the optional parts.
const nlohmann::json* optional_part(const nlohmann::json& payload, const char* key) {
    const auto it = payload.find(key);
    return it == payload.end() || it->is_null() ? nullptr : &*it;
}

// Each reader returns "" or the one-line reason, starting with the part's name.
std::string read_history(const nlohmann::json& payload, HistoryData& out) {
    const auto history = payload.find("history");
    if (history == payload.end() || !history->is_object()) return "history: missing or not an object";
    const auto records = history->find("records");
    if (records == history->end() || !records->is_array()) return "history.records: missing or not a list";
    if (records->size() > kMaxHistoryRecords)
        return "history.records: " + std::to_string(records->size()) + " sessions, at most " +
               std::to_string(kMaxHistoryRecords) + " are kept";
    for (std::size_t i = 0; i < records->size(); ++i) {
        const nlohmann::json& item = (*records)[i];
        const std::string where = "history.records[" + std::to_string(i) + "]";
        auto record = record_from_json(item);
        if (!record) {
            const auto id = item.is_object() ? item.find("id") : item.end();
            return where + ": not a valid session" + (id != item.end() ? quoted(*id) : "");
        }
        const std::string id = record->id;
        if (!insert_record(out, std::move(*record))) return where + ": a second session with the id '" + id + "'";
    }
    const auto monthly = history->find("monthly");
    if (monthly == history->end() || !monthly->is_array()) return "history.monthly: missing or not a list";
    std::set<std::string> months;
    for (std::size_t i = 0; i < monthly->size(); ++i) {
        const std::string where = "history.monthly[" + std::to_string(i) + "]";
        const auto summary = summary_from_json((*monthly)[i]);
        if (!summary) return where + ": not a valid month summary";
        if (!months.insert(summary->month).second) return where + ": a second summary of " + summary->month;
        out.monthly.push_back(*summary);
    }
    std::sort(out.monthly.begin(), out.monthly.end(),
              [](const MonthlySummary& a, const MonthlySummary& b) { return a.month < b.month; });
    const auto folded = history->find("folded_through");
    if (folded == history->end() || !folded->is_string() ||
        !(folded->get<std::string>().empty() || is_iso_utc_timestamp(folded->get<std::string>())))
        return "history.folded_through: missing or not a time (YYYY-MM-DDTHH:MM:SSZ)";
    out.folded_through = folded->get<std::string>();
    return "";
}

std::string read_programme(const nlohmann::json& part, BackupProgramme& out) {
    if (!part.is_object()) return "programme: not an object";
    const auto code = part.find("code");
    if (code == part.end() || !code->is_string() || code->get<std::string>().empty())
        return "programme.code: missing or not a programme code";
    const PrescriptionDecode decoded = decode_prescription(code->get<std::string>());
    if (!decoded.ok()) return "programme.code: " + decoded.message + " (" + std::string(to_string(decoded.error)) + ")";
    out.code = code->get<std::string>();
    if (const auto kept_on = part.find("kept_on"); kept_on != part.end()) {
        if (!kept_on->is_string() || (!kept_on->get<std::string>().empty() && !parse_calendar_date(kept_on->get<std::string>())))
            return "programme.kept_on: not a day (YYYY-MM-DD)";
        out.kept_on = kept_on->get<std::string>();
    }
    return "";
}

std::string read_safety(const nlohmann::json& part, SafetyFacts& out) {
    if (!part.is_object()) return "last_safety: not an object";
    const auto level = part.find("level");
    const auto parsed = level != part.end() && level->is_string() ? safety_level_from_string(level->get<std::string>())
                                                                  : std::nullopt;
    if (!parsed) return "last_safety.level: not a safety level";
    const auto at = part.find("at");
    if (at == part.end() || !at->is_string() || !is_iso_utc_timestamp(at->get<std::string>()))
        return "last_safety.at: missing or not a time (YYYY-MM-DDTHH:MM:SSZ)";
    out.level = *parsed;
    out.checked_at = at->get<std::string>();
    return "";
}

BackupReadResult refused(BackupError error, std::string message) {
    BackupReadResult result;
    result.error = error;
    result.message = std::move(message);
    return result;
}

}  // namespace

BackupReadResult read_backup(std::string_view text) {
    if (text.size() > kBackupMaxBytes)
        return refused(BackupError::TooLarge, "too large for a backup: " + std::to_string(text.size()) +
                                                  " bytes, a backup is at most 4 MB");
    const JsonParseResult parsed = parse_json_limited(text, kBackupLimits);
    if (!parsed.ok)
        return refused(BackupError::NotJson, "not a readable backup: " + parsed.error +
                                                 " (a backup cut off part-way or damaged reads like this too)");
    const nlohmann::json& j = parsed.value;
    const auto format = j.is_object() ? j.find("format") : j.end();
    if (!j.is_object() || format == j.end() || !format->is_string() || format->get<std::string>() != kBackupFormat)
        return refused(BackupError::NotABackup, "not a Calf Coach backup: no \"format\": \"calfcoach-backup\"");

    const auto version = j.find("version");
    // A version too big for 64 bits, or with a fraction, parses as a float: newer when above ours.
    if (version != j.end() && version->is_number_float() && version->get<double>() > kBackupVersion)
        return refused(BackupError::NewerVersion, "made by a newer Calf Coach (backup version " + version->dump() +
                                                      "): update the app to read it");
    if (version == j.end() || !version->is_number_integer())
        return refused(BackupError::UnknownVersion, "no version number: not a backup any Calf Coach writes");
    const bool above_int64 = version->is_number_unsigned() &&
                             version->get<std::uint64_t>() > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
    const std::int64_t v = above_int64 ? std::numeric_limits<std::int64_t>::max() : version->get<std::int64_t>();
    if (v > kBackupVersion)
        return refused(BackupError::NewerVersion, "made by a newer Calf Coach (backup version " +
                                                      (above_int64 ? version->dump() : std::to_string(v)) +
                                                      "): update the app to read it");
    if (v < kBackupVersion)
        return refused(BackupError::UnknownVersion, "backup version " + std::to_string(v) + ": no Calf Coach writes it");

    const auto payload = j.find("payload");
    if (payload == j.end() || !payload->is_object()) return refused(BackupError::InvalidPart, "payload: missing or not an object");
    const auto checksum = j.find("checksum");
    if (checksum == j.end() || !checksum->is_string())
        return refused(BackupError::ChecksumMismatch, "damaged or edited: the checksum is missing");
    if (checksum->get<std::string>() != hex64(fnv1a64(dump_json(*payload))))
        return refused(BackupError::ChecksumMismatch, "damaged or edited: the checksum does not match");

    BackupReadResult result;
    if (const auto created = payload->find("created_at"); created != payload->end()) {
        if (!created->is_string() || (!created->get<std::string>().empty() && !is_iso_utc_timestamp(created->get<std::string>())))
            return refused(BackupError::InvalidPart, "created_at: not a time (YYYY-MM-DDTHH:MM:SSZ)");
        result.created_at = created->get<std::string>();
    }
    Backup backup;
    if (std::string why = read_history(*payload, backup.history); !why.empty())
        return refused(BackupError::InvalidPart, std::move(why));
    if (const nlohmann::json* settings = optional_part(*payload, "settings")) {
        if (!settings->is_object()) return refused(BackupError::InvalidPart, "settings: not an object");
        backup.settings = settings_from_json(dump_json(*settings));
    }
    if (const nlohmann::json* programme = optional_part(*payload, "programme")) {
        BackupProgramme kept;
        if (std::string why = read_programme(*programme, kept); !why.empty())
            return refused(BackupError::InvalidPart, std::move(why));
        backup.programme = std::move(kept);
    }
    if (const nlohmann::json* safety = optional_part(*payload, "last_safety")) {
        SafetyFacts facts;
        if (std::string why = read_safety(*safety, facts); !why.empty())
            return refused(BackupError::InvalidPart, std::move(why));
        backup.last_safety = std::move(facts);
    }
    result.backup = std::move(backup);
    return result;
}

//-----------------------------------------------------------------------------
// [SECTION] Restoring
//-----------------------------------------------------------------------------

RestoreResult merge_backup_into(const Backup& current, const Backup& backup) {
    RestoreResult result;
    RestoreSummary& s = result.summary;
    result.state.history = merge_histories(current.history, backup.history);

    std::map<std::string, const SessionRecord*> here;
    for (const SessionRecord& r : current.history.records) here.emplace(r.id, &r);
    std::map<std::string, const SessionRecord*> merged;
    for (const SessionRecord& r : result.state.history.records) merged.emplace(r.id, &r);
    const std::string& horizon = current.history.folded_through;
    for (const SessionRecord& r : backup.history.records) {
        const auto had = here.find(r.id);
        if (had != here.end()) {
            ++s.sessions_already_here;
            const auto now = merged.find(r.id);
            if (now != merged.end() && !(*now->second == *had->second)) ++s.sessions_updated;
        } else if (!horizon.empty() && r.started_at <= horizon) {
            ++s.sessions_in_old_months;
        } else {
            ++s.sessions_added;
        }
    }
    std::set<std::string> months_here;
    for (const MonthlySummary& m : current.history.monthly) months_here.insert(m.month);
    for (const MonthlySummary& m : backup.history.monthly) s.months_added += months_here.count(m.month) == 0 ? 1 : 0;

    // The device's own value wins wherever it has one.
    auto keep_or_take = [](const auto& mine, const auto& theirs, auto& into, bool& taken) {
        into = mine ? mine : theirs;
        taken = !mine && theirs;
    };
    keep_or_take(current.settings, backup.settings, result.state.settings, s.settings_taken);
    keep_or_take(current.programme, backup.programme, result.state.programme, s.programme_taken);
    keep_or_take(current.last_safety, backup.last_safety, result.state.last_safety, s.last_safety_taken);
    return result;
}

namespace {

std::string count_of(int n, std::string_view one, std::string_view many) {
    return std::to_string(n) + " " + std::string(n == 1 ? one : many);
}

}  // namespace

std::string restore_summary_text(const RestoreSummary& s) {
    std::vector<std::string> parts;
    if (s.sessions_added > 0) parts.push_back(count_of(s.sessions_added, "session added", "sessions added"));
    if (s.sessions_already_here > 0) {
        std::string here = count_of(s.sessions_already_here, "session", "sessions") + " already here";
        if (s.sessions_updated > 0) here += " (" + std::to_string(s.sessions_updated) + " of them completed from the backup)";
        parts.push_back(std::move(here));
    }
    if (s.sessions_in_old_months > 0)
        parts.push_back(count_of(s.sessions_in_old_months, "session", "sessions") + " already counted in your old months");
    if (s.months_added > 0) parts.push_back(count_of(s.months_added, "old month added", "old months added"));

    std::vector<std::string> taken;
    if (s.settings_taken) taken.emplace_back("settings");
    if (s.programme_taken) taken.emplace_back("programme");
    if (s.last_safety_taken) taken.emplace_back("last safety check");

    const bool anything_new = s.sessions_added > 0 || s.sessions_updated > 0 || s.months_added > 0 || !taken.empty();
    if (!anything_new) return "Nothing new: everything in the backup is here already.";
    std::string text;
    for (std::size_t i = 0; i < parts.size(); ++i) text += (i == 0 ? "" : ", ") + parts[i];
    if (!text.empty()) {
        text[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(text[0])));
        text += ".";
    }
    if (!taken.empty()) {
        std::string list = taken[0];
        for (std::size_t i = 1; i < taken.size(); ++i) list += (i + 1 == taken.size() ? " and " : ", ") + taken[i];
        text += std::string(text.empty() ? "" : " ") + "Your " + list + (taken.size() == 1 ? " was" : " were") +
                " taken from the backup.";
    }
    return text;
}

//-----------------------------------------------------------------------------
// [SECTION] The app's stored values
//-----------------------------------------------------------------------------
namespace {

constexpr JsonLimits kStoredValueLimits{4096, 4};  // as the app reads them

}  // namespace

std::optional<SafetyFacts> safety_facts_from_stored(std::string_view text) {
    const JsonParseResult parsed = parse_json_limited(text, kStoredValueLimits);
    SafetyFacts facts;
    if (!parsed.ok || !read_safety(parsed.value, facts).empty()) return std::nullopt;
    return facts;
}

std::string safety_facts_to_stored(const SafetyFacts& facts) {
    return dump_json(nlohmann::json{{"level", std::string(to_string(facts.level))}, {"at", facts.checked_at}});
}

std::optional<BackupProgramme> programme_from_stored(std::string_view text) {
    const JsonParseResult parsed = parse_json_limited(text, kStoredValueLimits);
    BackupProgramme programme;
    if (!parsed.ok || !read_programme(parsed.value, programme).empty()) return std::nullopt;
    return programme;
}

std::string programme_to_stored(const BackupProgramme& programme) {
    return dump_json(nlohmann::json{{"v", 1}, {"code", programme.code}, {"kept_on", programme.kept_on}});
}

}  // namespace calfcoach
