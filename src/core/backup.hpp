// backup.hpp — a backup file the person keeps outside the browser (issue 16): the history, the
// settings, the kept programme and the last safety check, as one checked JSON text, and what
// restoring one into the app's current state does.
//
// [SECTION] What a backup holds
// [SECTION] The file (write, read, name)
// [SECTION] Restoring (merge into the current state)
// [SECTION] The app's stored values (to gather the current state, and to store a restored one)
//
// Pure C++ and strings only: the web layer offers the text as a download and reads a chosen file;
// `calfcoach backup check` and `calfcoach history merge` read the same files.
//
// The file, "calfcoach-backup-YYYY-MM-DD.json", indented for people:
//   {"format": "calfcoach-backup", "version": 1, "checksum": "<16 hex digits>",
//    "payload": {"created_at": "2026-12-01T09:00:00Z",
//                "history": {"records": [...], "monthly": [...], "folded_through": "..."},
//                "settings": {...},                              (optional: settings_to_json's object)
//                "programme": {"code": "...", "kept_on": "YYYY-MM-DD"},   (optional)
//                "last_safety": {"level": "ok", "at": "2026-12-01T08:55:00Z"}}}   (optional)
// checksum = FNV-1a 64 (core/fnv1a.hpp) of the payload as compact JSON with sorted keys
// (dump_json), so re-indenting the file keeps it valid but changing any value does not.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/calendar_date.hpp"
#include "core/history.hpp"
#include "core/safety_level.hpp"
#include "core/settings.hpp"

namespace calfcoach {

//-----------------------------------------------------------------------------
// [SECTION] What a backup holds
//-----------------------------------------------------------------------------

inline constexpr std::string_view kBackupFormat = "calfcoach-backup";  // the "format" marker
inline constexpr int kBackupVersion = 1;                               // the "version" this build writes
// A backup of a full history (1,000 sessions, a few hundred months) is under 1 MB indented; the
// stored history itself is capped at 2 MB (kHistoryMaxBytes). 4 MB leaves room for both and for
// re-indenting, and keeps a wrong file (a video, a photo) from being parsed at all.
inline constexpr std::size_t kBackupMaxBytes = 4 * 1024 * 1024;

// The programme kept on the device (src/ui: storage key "programme", {"v":1,"code","kept_on"}).
struct BackupProgramme {
    // The prescription's code, as in #rx=CODE (core/prescription.hpp); a backup holds only codes
    // that decode. Default: empty (read_backup refuses an empty one)
    std::string code;
    // The day the person kept it, "YYYY-MM-DD" in their local time, or empty. Default: empty
    std::string kept_on;
    bool operator==(const BackupProgramme&) const = default;
};

// The last safety check (src/ui: storage key "safety.last", {"level","at"}), which lets the person
// say "nothing has changed" within 24 hours of it.
struct SafetyFacts {
    SafetyLevel level = SafetyLevel::Ok;  // its outcome. Default: Ok
    std::string checked_at;               // when, ISO 8601 UTC ("2026-12-01T08:55:00Z"). Default: empty (read_backup refuses it)
    bool operator==(const SafetyFacts&) const = default;
};

// Everything a backup holds; also the app's current state when a backup is restored into it.
struct Backup {
    // The sessions and old months. Default: empty
    HistoryData history;
    // The person's preferences. Default: none (a backup made from a history alone)
    std::optional<Settings> settings;
    // The physio's programme kept on the device. Default: none
    std::optional<BackupProgramme> programme;
    // The last safety check. Default: none
    std::optional<SafetyFacts> last_safety;
    bool operator==(const Backup&) const = default;
};

//-----------------------------------------------------------------------------
// [SECTION] The file
//-----------------------------------------------------------------------------

// The whole file as text, indented, ending with a newline. created_at_iso is written as given when
// it is an ISO UTC timestamp ("2026-12-01T09:00:00Z"), else as "" (read_backup accepts both).
std::string write_backup(const Backup& backup, std::string_view created_at_iso);

enum class BackupError : std::uint8_t {
    None,
    TooLarge,          // over kBackupMaxBytes: not read at all
    NotJson,           // not JSON: not a backup, or one cut off part-way or damaged
    NotABackup,        // JSON, but no "format": "calfcoach-backup" (another file)
    NewerVersion,      // made by a newer Calf Coach: it cannot be read by this one
    UnknownVersion,    // a version no Calf Coach writes (missing, 0, negative, not a whole number)
    ChecksumMismatch,  // the payload differs from what was written: damaged or edited
    InvalidPart,       // intact, but a part breaks its rule (the message names the part)
};
std::string_view to_string(BackupError error);  // "none", "too_large", "not_json", "not_a_backup", ...

struct BackupReadResult {
    std::optional<Backup> backup;  // set exactly when error is None
    BackupError error = BackupError::None;
    std::string message;           // one plain line when error is set, naming what is wrong
    std::string created_at;        // as written ("" when not given), when the backup was read
    [[nodiscard]] bool ok() const { return backup.has_value(); }
};

// Any text in, a valid Backup or one error out; never throws, never aborts. All or nothing: a backup
// with one invalid session is refused as a whole (InvalidPart, naming it), since the checksum says
// it was written that way and a restore must not silently drop part of it. Refused as invalid: more
// than kMaxHistoryRecords sessions, two sessions with one id, two summaries of one month, a
// programme code that does not decode, a safety level or time that is not one. Settings follow
// settings_from_json: an unknown or bad field takes its default.
BackupReadResult read_backup(std::string_view text);

// "calfcoach-backup-2026-12-01.json".
std::string backup_file_name(const CalendarDate& date);

//-----------------------------------------------------------------------------
// [SECTION] Restoring
//-----------------------------------------------------------------------------
// Nothing the person did is lost:
//   * the history is merge_histories(current, backup) (history.hpp: by id, the better record of
//     an id, old months not counted twice);
//   * settings, the programme and the last safety check: the current ones are kept when there are
//     any; the backup's are taken only where the device has none (a fresh browser).

struct RestoreSummary {
    int sessions_added = 0;           // the backup's sessions the device did not have
    int sessions_already_here = 0;    // the backup's sessions the device had (by id)
    int sessions_updated = 0;         // of those, how many the backup's copy replaced (more done, a pain answer)
    int sessions_in_old_months = 0;   // the backup's sessions the device counts in its old months already
    int months_added = 0;             // old-month summaries the device did not have
    bool settings_taken = false;      // the backup's settings were taken (the device had none)
    bool programme_taken = false;
    bool last_safety_taken = false;
    bool operator==(const RestoreSummary&) const = default;
};

struct RestoreResult {
    Backup state;            // the device's new state: store its history, settings, programme, safety facts
    RestoreSummary summary;
};

RestoreResult merge_backup_into(const Backup& current, const Backup& backup);

// The summary in plain words for the person, e.g. "12 sessions added, 40 already here. Your
// settings were taken from the backup."; "Nothing new: everything in the backup is here already."
std::string restore_summary_text(const RestoreSummary& summary);

//-----------------------------------------------------------------------------
// [SECTION] The app's stored values
//-----------------------------------------------------------------------------
// The keys and forms src/ui stores them under (src/ui/app_storage_keys.hpp names the same keys; a
// test holds the two together). The readers are as forgiving as the app's own loading: empty for
// anything they cannot use (the app then has none), never a throw.

inline constexpr std::string_view kLastSafetyStorageKey = "safety.last";  // {"level","at"}
inline constexpr std::string_view kProgrammeStorageKey = "programme";     // {"v":1,"code","kept_on"}

std::optional<SafetyFacts> safety_facts_from_stored(std::string_view text);
std::string safety_facts_to_stored(const SafetyFacts& facts);
std::optional<BackupProgramme> programme_from_stored(std::string_view text);  // only a code that decodes
std::string programme_to_stored(const BackupProgramme& programme);

}  // namespace calfcoach
