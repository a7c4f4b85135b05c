// history.hpp — the record of past sessions, kept safe in a browser's key-value storage.
//
// [SECTION] Records and summaries of old months
// [SECTION] Key-value storage (interface, in-memory implementation)
// [SECTION] Stored format (versions, generations, checksum)
// [SECTION] HistoryStore
// [SECTION] Summaries
// [SECTION] Export for a physio
// [SECTION] Merging two histories (history_merge.cpp)
//
// Design: a HistoryStore works over an abstract KeyValueStore (get/set/remove, strings only), so the
// core does no I/O: tests and the CLI use MemoryKeyValueStore, the web layer wraps localStorage.
// The history is written as versioned JSON ("v": 1) into TWO keys, "history.a" and "history.b",
// alternately; each carries a sequence number and an FNV-1a 64 checksum of its canonical payload.
// A torn or corrupt write therefore leaves the previous generation intact to fall back on. A value
// that cannot be used is copied, untouched, to "history.quarantine.<n>" before anything may replace
// it; nothing is ever deleted without a copy. Valid records are salvaged one by one from a damaged
// value (truncated, a bad record, bad checksum), and merged with the good generation by id.
//
// Web layer: on start `HistoryStore store(local_storage_kv); auto report = store.load();`, show
// store.data(); after a session `store.add(record)`. If report.read_only (data written by a newer
// app version) show "update the app to save new sessions"; add() then refuses and nothing is lost.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/json_safe.hpp"
#include "core/routine.hpp"
#include "core/safety_level.hpp"
#include "core/session.hpp"

namespace calfcoach {

//-----------------------------------------------------------------------------
// [SECTION] Records
//-----------------------------------------------------------------------------

struct SessionRecord {
    std::string id;                  // unique, 1 to 64 bytes, no control characters (the caller's choice)
    std::string started_at;          // wall clock, ISO 8601 UTC: "2026-11-21T08:30:00Z"
    std::string routine_id;          // 1 to 64 bytes
    Preset preset = Preset::Standard;
    bool left_done = false;          // every step on that leg ran to its end
    bool right_done = false;
    int steps_done = 0;              // 0 to steps_total
    int steps_total = 0;             // 0 to 100
    std::int64_t active_seconds = 0; // 0 to 86,400
    std::optional<int> pain_before;  // 0 to 10, when asked
    std::optional<int> pain_after;
    SafetyLevel safety = SafetyLevel::Ok;
    EndReason ended = EndReason::None;  // None: ran to the end
    // The kept programme this session followed (a physio's, core/prescription.hpp): its id,
    // prescription_id(), 1 to 64 bytes. Default: empty (a session of the person's own)
    std::string programme;

    [[nodiscard]] int legs_done() const { return (left_done ? 1 : 0) + (right_done ? 1 : 0); }
    [[nodiscard]] bool ended_early() const { return ended != EndReason::None; }
    bool operator==(const SessionRecord&) const = default;
};

// Sessions older than the newest kMaxHistoryRecords, folded per calendar month (UTC).
struct MonthlySummary {
    std::string month;               // "2026-11"
    int sessions = 0;
    std::int64_t active_seconds = 0;
    int pain_drop_total = 0;         // sum of (before - after) over records that had both
    int pain_drop_count = 0;         // how many had both

    [[nodiscard]] double active_minutes() const { return static_cast<double>(active_seconds) / 60.0; }
    [[nodiscard]] std::optional<double> average_pain_drop() const;
    bool operator==(const MonthlySummary&) const = default;
};

inline constexpr std::size_t kMaxHistoryRecords = 1'000;

struct HistoryData {
    std::vector<SessionRecord> records;   // oldest first (by started_at, then id)
    std::vector<MonthlySummary> monthly;  // oldest first
    std::string folded_through;           // started_at of the newest folded record; "" if none
    bool operator==(const HistoryData&) const = default;
};

// The record of a session as it stands at `now` (call it once the session is finished, or when
// the user leaves it). The caller gives the id, the wall-clock start and the pain answers.
SessionRecord record_from_session(const Session& session, std::int64_t now, std::string id, std::string started_at,
                                  std::optional<int> pain_before, std::optional<int> pain_after, SafetyLevel safety);

// Checks one record's fields (see SessionRecord); empty string when valid, else the reason.
std::string validate_record(const SessionRecord& record);
// Strict "YYYY-MM-DDTHH:MM:SSZ" with a real calendar date.
bool is_iso_utc_timestamp(std::string_view text);
// "YYYY-MM" (a month label of the monthly summaries), years from 1900.
bool is_year_month(std::string_view text);
// Adds a record in order; beyond kMaxHistoryRecords the oldest are folded into `monthly`.
// False (and nothing changed) when a record with that id is already there.
bool insert_record(HistoryData& data, SessionRecord record);
void fold_oldest(HistoryData& data, std::size_t keep = kMaxHistoryRecords);

//-----------------------------------------------------------------------------
// [SECTION] Key-value storage
//-----------------------------------------------------------------------------

// What the history needs from storage; localStorage in the browser. Must not throw.
class KeyValueStore {
public:
    virtual ~KeyValueStore() = default;
    virtual std::optional<std::string> get(std::string_view key) = 0;     // empty: no such key
    virtual bool set(std::string_view key, std::string_view value) = 0;  // false: not stored (quota)
    virtual bool remove(std::string_view key) = 0;                       // false: could not remove
};

class MemoryKeyValueStore final : public KeyValueStore {
public:
    std::optional<std::string> get(std::string_view key) override;
    bool set(std::string_view key, std::string_view value) override;
    bool remove(std::string_view key) override;
    std::map<std::string, std::string, std::less<>> values;
    bool refuse_writes = false;  // tests: act as if the quota were full
};

inline constexpr std::string_view kHistoryKeyA = "history.a";
inline constexpr std::string_view kHistoryKeyB = "history.b";
inline constexpr std::string_view kHistoryLegacyKey = "history";              // where v0 lived
inline constexpr std::string_view kHistoryQuarantinePrefix = "history.quarantine.";  // + 0, 1, 2...

//-----------------------------------------------------------------------------
// [SECTION] Stored format
//-----------------------------------------------------------------------------
//
// v1 (one generation): {"v":1,"seq":7,"checksum":"<16 hex>","payload":{"records":[...],
//   "monthly":[...],"folded_through":"..."}} — checksum = FNV-1a 64 of dump_json(payload).
// v0 (the first release): a bare JSON array of records, same record fields, no seq or checksum,
//   under the key "history". It migrates to v1 on load.
// A record: {"id","started_at","routine","preset","legs":["left","right"],"steps_done",
//   "steps_total","active_s","pain_before":n|null,"pain_after":n|null,"safety","ended"}.

inline constexpr int kHistoryVersion = 1;
inline constexpr std::size_t kHistoryMaxBytes = 2 * 1024 * 1024;  // 1,000 records fit in ~300 KB

enum class DecodeStatus : std::uint8_t {
    Ok,       // v1, checksum right, every part valid
    Legacy,   // v0 array (records that were invalid are counted in dropped)
    Future,   // "v" newer than this build: not read, to be kept as it is
    Damaged,  // unusable as a whole; data holds what could be salvaged record by record
};
std::string_view to_string(DecodeStatus status);

struct DecodedGeneration {
    DecodeStatus status = DecodeStatus::Damaged;
    std::uint64_t seq = 0;  // v1 only
    int version = -1;       // as stored, when readable
    HistoryData data;       // Ok: all of it; Legacy/Damaged: what was salvaged
    int dropped = 0;        // records (or summaries) found but invalid
    std::string error;      // why not Ok, one line
};

std::string encode_generation(const HistoryData& data, std::uint64_t seq);
DecodedGeneration decode_generation(std::string_view text);  // never throws, any input

nlohmann::json record_to_json(const SessionRecord& record);
std::optional<SessionRecord> record_from_json(const nlohmann::json& value);  // empty unless valid
// {"month","sessions","active_s","pain_drop_total","pain_drop_count"}, as in a generation's payload.
nlohmann::json summary_to_json(const MonthlySummary& summary);
std::optional<MonthlySummary> summary_from_json(const nlohmann::json& value);  // empty unless valid
// {"records":[...],"monthly":[...],"folded_through":"..."}: a generation's payload (and a backup's history).
nlohmann::json history_payload_json(const HistoryData& data);

//-----------------------------------------------------------------------------
// [SECTION] HistoryStore
//-----------------------------------------------------------------------------

struct HistoryLoadReport {
    std::optional<std::uint64_t> seq_used;    // the good generation read, if any
    int salvaged = 0;                         // records recovered from damaged or v0 values
    int dropped = 0;                          // invalid records seen (kept in quarantine)
    bool migrated_from_v0 = false;
    bool read_only = false;                   // a newer version's value is present: never overwritten
    bool saved = false;                       // recovery or migration was written back
    std::vector<std::string> quarantined;     // keys written to
    std::vector<std::string> problems;        // one line each, for a log or the CLI
};

struct HistorySaveResult {
    bool ok = false;
    std::string error;  // why not
};

class HistoryStore {
public:
    explicit HistoryStore(KeyValueStore& storage) : storage_(storage) {}

    // Reads both generations (and v0), keeps the newest good one, merges records salvaged from
    // damaged values, quarantines what it could not use, and writes back a recovery.
    HistoryLoadReport load();

    [[nodiscard]] const HistoryData& data() const { return data_; }
    [[nodiscard]] bool read_only() const { return read_only_; }

    // Validates, inserts (folding beyond 1,000) and writes the next generation. Both refuse until
    // load() has run, so a store never writes over history it has not read.
    HistorySaveResult add(const SessionRecord& record);
    // Replaces the record with the same id (e.g. the pain-after answer given on the Done screen)
    // and saves. Refuses, changing nothing, when there is no such record.
    HistorySaveResult replace(const SessionRecord& record);
    // Removes every record and monthly summary, because the person asked to, and saves.
    // Quarantined values are left alone (they are not the person's current history).
    HistorySaveResult clear();
    // Replaces the whole history with `data` (a restored backup merged with what was here: backup.hpp),
    // checking every record first, and saves. Refuses, changing nothing, when a record is invalid.
    HistorySaveResult replace_all(const HistoryData& data);
    // Writes the current data as the next generation into the key not holding the newest good one,
    // then reads it back to check it.
    HistorySaveResult save();

private:
    // The one path every change takes: checks the record (when given), refuses before load() or
    // over a newer version's data, applies `change` (its non-empty return is the refusal), saves,
    // and puts the data back as stored if anything failed.
    HistorySaveResult commit(const SessionRecord* record, const std::function<std::string(HistoryData&)>& change);
    // Copies a value to a new quarantine key (or finds it already there). False if it could not.
    bool quarantine(const std::string& value, HistoryLoadReport& report);

    KeyValueStore& storage_;
    HistoryData data_;
    std::uint64_t seq_ = 0;                   // of the newest good generation
    std::optional<std::string> newest_key_;   // where it is
    bool protected_a_ = false;                // holds something we may not overwrite
    bool protected_b_ = false;
    bool read_only_ = false;
    bool loaded_ = false;
};

//-----------------------------------------------------------------------------
// [SECTION] Summaries
//-----------------------------------------------------------------------------
// Days are calendar days at the user's offset from UTC (minutes, e.g. 60 for CET); `today` is
// "YYYY-MM-DD" in that same local time. An invalid `today` gives 0.

// Sessions in the last 7 days: today and the 6 days before (a rolling week, not the ISO week).
int sessions_this_week(const std::vector<SessionRecord>& records, std::string_view today, int utc_offset_minutes = 0);
// Consecutive days with at least one session, ending today, or yesterday if none yet today.
int streak_days(const std::vector<SessionRecord>& records, std::string_view today, int utc_offset_minutes = 0);
// "YYYY-MM-DD" of an ISO UTC timestamp at the given offset from UTC; empty when it is invalid.
std::string local_date(std::string_view timestamp, int utc_offset_minutes);
// Seconds from `from` to `to` (to - from), both ISO UTC timestamps; empty when either is invalid.
std::optional<std::int64_t> seconds_between(std::string_view from, std::string_view to);
// Mean of (pain_before - pain_after) over the records that have both; empty if none.
std::optional<double> average_pain_drop(const std::vector<SessionRecord>& records);

//-----------------------------------------------------------------------------
// [SECTION] Export
//-----------------------------------------------------------------------------

// RFC 4180: a header row, CRLF line ends, fields with , " CR or LF quoted ("" inside). Records only
// (old months are in the JSON export). Columns: id, started_at, routine, preset, legs (left|right|
// left+right|empty), steps_done, steps_total, active_seconds, pain_before, pain_after, safety, ended.
std::string export_csv(const HistoryData& data);
// {"records":[...],"monthly":[{"month","sessions","active_minutes","average_pain_drop"}]}, indented.
std::string export_json(const HistoryData& data);

//-----------------------------------------------------------------------------
// [SECTION] Merging two histories
//-----------------------------------------------------------------------------
// Used when a backup is restored and by `calfcoach history merge`. The rules, in order:
//   1. Sessions are matched by id. An id on one side only is taken; an id on both sides is kept once.
//      When the two records of an id differ, the better one is kept (better_record below), so the
//      choice never depends on which side is which.
//   2. A session on one side only, started at or before the OTHER side's folded_through, is taken
//      as counted already in the other side's monthly summaries (that side folded past it, so it
//      saw it: the usual case is the same person's history at two times) and is not added again.
//   3. Monthly summaries: per month the larger of the two (more sessions, then more active
//      seconds, then more pain answers, then the larger pain-drop total), never their sum: a month
//      in both is in the usual case the same fold, seen at two times. folded_through: the later.
//   4. Then fold_oldest(keep) as for any new record: beyond `keep` sessions, the oldest are folded
//      into their month's summary (added to it) and folded_through moves on.
// So the merge is commutative (merge(a, b) == merge(b, a)) and idempotent (merge(a, a) == a for a
// history as the store keeps it); merging again with either input changes nothing; and it is
// associative as long as no folding (rule 4) happens on the way and an id's started_at is the same
// on every side (as the app writes them: a session's id and start are made together). Every session id of either input
// is in the result's records or at or before its folded_through (counted in a month).
// The limit of rule 2 and 3: two devices that EACH folded different sessions of the same month
// (each over 1,000 sessions) keep the larger month, not the sum. Summaries carry no ids, so no
// rule could tell that case from the same history seen twice, and doubling is the worse error.

// Rule 1: true when `a` is to be kept over `b` (two records with the same id): more steps done,
// then more pain answers (the pain-after answer is added after the session), then more active
// seconds, then the greater record JSON text (any difference decides, so the choice is total).
bool better_record(const SessionRecord& a, const SessionRecord& b);
// Rule 3: true when summary `a` (of the same month) is to be kept over `b`.
bool better_summary(const MonthlySummary& a, const MonthlySummary& b);
HistoryData merge_histories(const HistoryData& a, const HistoryData& b, std::size_t keep = kMaxHistoryRecords);

}  // namespace calfcoach
