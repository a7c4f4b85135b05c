// Backups and merging histories: the merge's algebra against a simple model, the file's round trip,
// every refusal by its name, the damage the history tests use, and restoring into a device.
#include <catch2/catch.hpp>

#include <algorithm>
#include <array>
#include <cstdio>
#include <functional>
#include <map>
#include <random>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "core/backup.hpp"
#include "core/fnv1a.hpp"
#include "core/json_safe.hpp"
#include "core/prescription.hpp"
#include "test_support.hpp"
#include "ui/app_storage_keys.hpp"

using namespace calfcoach;

namespace {

//-----------------------------------------------------------------------------
// Random histories
//-----------------------------------------------------------------------------

std::string timestamp(int day_of_2026, int second_of_day) {
    const CalendarDate date = add_days(CalendarDate{2026, 1, 1}, day_of_2026);
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02dT%02d:%02d:%02dZ", date.year, date.month, date.day,
                  second_of_day / 3600, (second_of_day / 60) % 60, second_of_day % 60);
    return buffer;
}

struct Random {
    std::mt19937 rng;
    explicit Random(unsigned seed) : rng(seed) {}
    int between(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); }
    bool chance(int percent) { return between(1, 100) <= percent; }

    // `n` names the session: "s<n>". Its start follows from its id, as in the app (a session's id and
    // start are made together and never change); s0 and s30 start together, so ties happen too.
    SessionRecord record(int n) {
        SessionRecord r;
        r.id = "s" + std::to_string(n);
        r.started_at = timestamp((n * 7) % 30, (n % 3) * 3600);
        r.routine_id = chance(80) ? "calf_basic" : "clinic_achilles";
        r.preset = static_cast<Preset>(between(0, 2));
        r.left_done = chance(70);
        r.right_done = chance(60);
        r.steps_total = between(0, 9);
        r.steps_done = between(0, r.steps_total);
        r.active_seconds = between(0, 2000);
        if (chance(70)) r.pain_before = between(0, 10);
        if (chance(50)) r.pain_after = between(0, 10);
        r.safety = chance(80) ? SafetyLevel::Ok : SafetyLevel::Caution;
        r.ended = static_cast<EndReason>(between(0, 2));
        if (chance(20)) r.programme = "rx-00000000000000" + std::to_string(between(10, 99));
        return r;
    }

    // A history as the store keeps it: records from a pool of ids (so two histories share some,
    // sometimes with different contents), the oldest folded beyond `keep`, sometimes months of its own.
    HistoryData history(int max_records, std::size_t keep, int id_pool = 40) {
        HistoryData d;
        const int n = between(0, max_records);
        for (int i = 0; i < n; ++i) (void)insert_record(d, record(between(0, id_pool - 1)));
        fold_oldest(d, keep);
        if (chance(30)) {
            MonthlySummary m{"2025-" + std::string(chance(50) ? "11" : "12")};
            m.sessions = between(1, 30);
            m.active_seconds = between(0, 30'000);
            m.pain_drop_count = between(0, m.sessions);
            m.pain_drop_total = between(-m.pain_drop_count, 10 * m.pain_drop_count);
            if (std::none_of(d.monthly.begin(), d.monthly.end(), [&](const MonthlySummary& x) { return x.month == m.month; })) {
                d.monthly.insert(d.monthly.begin(), m);  // 2025 months come before 2026's
                if (d.folded_through.empty()) d.folded_through = "2025-" + m.month.substr(5) + "-20T10:00:00Z";
            }
        }
        return d;
    }
};

//-----------------------------------------------------------------------------
// The merge rules of history.hpp, written again as simply as possible
//-----------------------------------------------------------------------------

auto model_record_key(const SessionRecord& r) {
    const int answers = (r.pain_before ? 1 : 0) + (r.pain_after ? 1 : 0);
    return std::make_tuple(r.steps_done, answers, r.active_seconds, record_to_json(r).dump());
}

HistoryData model_merge(const HistoryData& a, const HistoryData& b, std::size_t keep) {
    std::set<std::string> ids_a, ids_b;
    for (const auto& r : a.records) ids_a.insert(r.id);
    for (const auto& r : b.records) ids_b.insert(r.id);
    std::map<std::string, SessionRecord> by_id;
    auto offer = [&](const SessionRecord& r, const std::set<std::string>& other_ids, const std::string& other_horizon) {
        if (other_ids.count(r.id) == 0 && !other_horizon.empty() && r.started_at <= other_horizon) return;  // counted there
        auto it = by_id.find(r.id);
        if (it == by_id.end()) by_id[r.id] = r;
        else if (model_record_key(r) > model_record_key(it->second)) it->second = r;
    };
    for (const auto& r : a.records) offer(r, ids_b, b.folded_through);
    for (const auto& r : b.records) offer(r, ids_a, a.folded_through);

    std::map<std::string, MonthlySummary> months;
    auto month_key = [](const MonthlySummary& m) {
        return std::make_tuple(m.sessions, m.active_seconds, m.pain_drop_count, m.pain_drop_total);
    };
    for (const HistoryData* side : {&a, &b})
        for (const auto& m : side->monthly)
            if (!months.count(m.month) || month_key(m) > month_key(months[m.month])) months[m.month] = m;

    std::vector<SessionRecord> records;
    for (const auto& [id, r] : by_id) records.push_back(r);
    std::sort(records.begin(), records.end(),
              [](const SessionRecord& x, const SessionRecord& y) { return std::tie(x.started_at, x.id) < std::tie(y.started_at, y.id); });
    HistoryData out;
    out.folded_through = std::max(a.folded_through, b.folded_through);
    while (records.size() > keep) {  // fold the oldest, one by one
        const SessionRecord& r = records.front();
        MonthlySummary& m = months[r.started_at.substr(0, 7)];
        m.month = r.started_at.substr(0, 7);
        m.sessions += 1;
        m.active_seconds += r.active_seconds;
        if (r.pain_before && r.pain_after) {
            m.pain_drop_total += *r.pain_before - *r.pain_after;
            m.pain_drop_count += 1;
        }
        out.folded_through = std::max(out.folded_through, r.started_at);
        records.erase(records.begin());
    }
    out.records = records;
    for (const auto& [month, m] : months) out.monthly.push_back(m);
    return out;
}

std::set<std::string> ids(const HistoryData& d) {
    std::set<std::string> out;
    for (const auto& r : d.records) out.insert(r.id);
    return out;
}

// Every session of `input` is in `merged`: a record, or at or before its fold horizon (in a month).
bool keeps_every_session(const HistoryData& input, const HistoryData& merged) {
    const std::set<std::string> kept = ids(merged);
    return std::all_of(input.records.begin(), input.records.end(), [&](const SessionRecord& r) {
        return kept.count(r.id) > 0 || (!merged.folded_through.empty() && r.started_at <= merged.folded_through);
    });
}

//-----------------------------------------------------------------------------
// Backups
//-----------------------------------------------------------------------------

Backup random_backup(Random& random) {
    Backup b;
    b.history = random.history(30, 20);
    if (random.chance(70)) {
        Settings s;
        s.sound = random.chance(50);
        s.volume_percent = random.between(0, 100);
        s.voice = random.chance(50);
        s.vibration = random.chance(50);
        s.silent_switch_playback = random.chance(50);
        s.text_size_percent = std::array{100, 125, 150}[static_cast<std::size_t>(random.between(0, 2))];
        s.high_contrast = random.chance(50);
        if (random.chance(50)) s.reduced_motion = random.chance(50);
        s.default_preset = static_cast<Preset>(random.between(0, 2));
        s.first_leg = random.chance(50) ? Side::Left : Side::Right;
        b.settings = s;
    }
    if (random.chance(50)) {
        Prescription rx = test::example_prescription();
        rx.note = "Week " + std::to_string(random.between(1, 9));
        b.programme = BackupProgramme{encode_prescription(rx), random.chance(80) ? "2026-12-01" : ""};
    }
    if (random.chance(50))
        b.last_safety = SafetyFacts{static_cast<SafetyLevel>(random.between(0, 5)), timestamp(random.between(0, 300), 3600)};
    return b;
}

Backup small_backup() {
    Backup b;
    for (int i = 0; i < 3; ++i) {
        Random random(static_cast<unsigned>(i));
        SessionRecord r = random.record(i);
        r.started_at = timestamp(i, 3600);
        r.routine_id = "calf_basic";
        r.steps_total = 9;
        r.steps_done = 7;
        r.active_seconds = 400 + i;
        r.pain_before = 5;
        r.pain_after = 2;
        REQUIRE(insert_record(b.history, r));
    }
    b.settings = Settings{};
    b.programme = BackupProgramme{encode_prescription(test::example_prescription()), "2026-12-01"};
    b.last_safety = SafetyFacts{SafetyLevel::Caution, "2026-12-01T08:55:00Z"};
    return b;
}

// A backup's text with its payload changed and the checksum made right again: a file that is
// whole but says something invalid.
std::string with_payload_edit(const std::string& text, const std::function<void(nlohmann::json&)>& edit) {
    nlohmann::json j = nlohmann::json::parse(text);
    edit(j["payload"]);
    j["checksum"] = hex64(fnv1a64(dump_json(j["payload"])));
    return dump_json(j, 2);
}

std::string with_top_edit(const std::string& text, const std::function<void(nlohmann::json&)>& edit) {
    nlohmann::json j = nlohmann::json::parse(text);
    edit(j);
    return dump_json(j, 2);
}

}  // namespace

//-----------------------------------------------------------------------------
// Merge
//-----------------------------------------------------------------------------

TEST_CASE("merge: commutative, idempotent and as the model says, on 2,000 random pairs", "[backup][merge]") {
    constexpr std::size_t kKeep = 12;  // small, so folding during the merge is common
    Random random(16);
    int folded_during_merge = 0, conflicts = 0, counted_elsewhere = 0;
    for (int i = 0; i < 2'000; ++i) {
        const HistoryData a = random.history(24, kKeep);
        const HistoryData b = random.history(24, kKeep);
        const HistoryData ab = merge_histories(a, b, kKeep);
        INFO("pair " << i);
        REQUIRE(ab == model_merge(a, b, kKeep));
        CHECK(ab == merge_histories(b, a, kKeep));
        CHECK(merge_histories(a, a, kKeep) == a);
        CHECK(merge_histories(ab, a, kKeep) == ab);  // restoring the same backup twice adds nothing
        CHECK(merge_histories(ab, b, kKeep) == ab);
        CHECK(keeps_every_session(a, ab));
        CHECK(keeps_every_session(b, ab));
        CHECK(ab.records.size() <= kKeep);
        CHECK(std::is_sorted(ab.monthly.begin(), ab.monthly.end(),
                             [](const MonthlySummary& x, const MonthlySummary& y) { return x.month < y.month; }));
        for (const auto& r : ab.records) CHECK(validate_record(r).empty());
        // Count what the pairs exercised, so a generator change cannot quietly test nothing.
        if (ab.folded_through > std::max(a.folded_through, b.folded_through)) ++folded_during_merge;
        for (const auto& r : a.records)
            for (const auto& s : b.records) conflicts += r.id == s.id && !(r == s) ? 1 : 0;
        for (const auto& r : b.records)
            counted_elsewhere += !ids(a).count(r.id) && !a.folded_through.empty() && r.started_at <= a.folded_through;
    }
    CHECK(folded_during_merge > 100);
    CHECK(conflicts > 100);
    CHECK(counted_elsewhere > 100);
}

TEST_CASE("merge: associative on 1,000 random triples that need no folding on the way", "[backup][merge]") {
    Random random(1016);
    for (int i = 0; i < 1'000; ++i) {
        // Each folded at 6 (months and horizons of their own); at most 18 records together, under the cap.
        const HistoryData a = random.history(12, 6), b = random.history(12, 6), c = random.history(12, 6);
        INFO("triple " << i);
        const HistoryData left = merge_histories(merge_histories(a, b), c);
        const HistoryData right = merge_histories(a, merge_histories(b, c));
        CHECK(left == right);
        CHECK(left == merge_histories(merge_histories(c, a), b));
    }
}

TEST_CASE("merge: the pick of one id is the record with more done, then more answers", "[backup][merge]") {
    Random random(3);
    SessionRecord early = random.record(1);
    early.steps_total = 9;
    early.steps_done = 9;
    early.pain_before = 6;
    early.pain_after.reset();
    SessionRecord answered = early;
    answered.pain_after = 2;  // the Done screen's answer, saved after the session
    CHECK(better_record(answered, early));
    CHECK_FALSE(better_record(early, answered));
    SessionRecord more_done = early;
    more_done.steps_done = 8;
    CHECK(better_record(early, more_done));
    CHECK_FALSE(better_record(early, early));

    HistoryData a, b;
    REQUIRE(insert_record(a, early));
    REQUIRE(insert_record(b, answered));
    CHECK(merge_histories(a, b).records == std::vector<SessionRecord>{answered});
    CHECK(merge_histories(b, a).records == std::vector<SessionRecord>{answered});
}

TEST_CASE("merge: old months are never counted twice, new old sessions are not lost", "[backup][merge]") {
    // The device (a) has gone on past its backup (b): it folded b's two oldest sessions into January.
    Random random(7);
    HistoryData b;
    for (int i = 0; i < 5; ++i) {
        SessionRecord r = random.record(i);
        r.started_at = timestamp(i, 3600);
        REQUIRE(insert_record(b, r));
    }
    HistoryData a = b;
    for (int i = 5; i < 8; ++i) {
        SessionRecord r = random.record(i);
        r.started_at = timestamp(30 + i, 3600);
        REQUIRE(insert_record(a, r));
    }
    fold_oldest(a, 6);
    REQUIRE(a.monthly.size() == 1);
    REQUIRE(a.monthly[0].sessions == 2);
    const HistoryData merged = merge_histories(a, b, 6);
    CHECK(merged == a);  // s0 and s1 are in January's summary, not back as records
    CHECK(merge_histories(b, a, 6) == a);

    // A session the device never had, later than its horizon, is added.
    HistoryData c = b;
    SessionRecord other = random.record(1);
    other.id = "phone-1";
    other.started_at = timestamp(60, 7200);
    REQUIRE(insert_record(c, other));
    CHECK(ids(merge_histories(a, c, 6)).count("phone-1") == 1);
}

TEST_CASE("merge: at the real cap the result is what adding the sessions one by one gives", "[backup][merge]") {
    HistoryData a, b;
    Random random(11);
    for (int i = 0; i < 1'000; ++i) {
        SessionRecord r = random.record(i);
        r.id = "a" + std::to_string(i);
        r.started_at = timestamp(i / 24, (i % 24) * 3600);
        a.records.push_back(r);  // already in order, unique: no need for insert_record's scan
    }
    for (int i = 0; i < 10; ++i) {
        SessionRecord r = random.record(i);
        r.id = "b" + std::to_string(i);
        r.started_at = timestamp(200 + i, 60);
        REQUIRE(insert_record(b, r));
    }
    HistoryData expected = a;
    for (const auto& r : b.records) REQUIRE(insert_record(expected, r));
    const HistoryData merged = merge_histories(a, b);
    CHECK(merged.records.size() == kMaxHistoryRecords);
    CHECK(merged == expected);
    CHECK(merged.monthly.at(0).sessions == 10);
    CHECK(merge_histories(b, a) == merged);
    CHECK(merge_histories(merged, b) == merged);
}

//-----------------------------------------------------------------------------
// The file
//-----------------------------------------------------------------------------

TEST_CASE("backup: the round trip is lossless on 300 random backups", "[backup]") {
    Random random(2026);
    for (int i = 0; i < 300; ++i) {
        const Backup b = random_backup(random);
        const std::string text = write_backup(b, "2026-12-01T09:00:00Z");
        const BackupReadResult read = read_backup(text);
        INFO(read.message);
        REQUIRE(read.ok());
        CHECK(read.error == BackupError::None);
        CHECK(*read.backup == b);
        CHECK(read.created_at == "2026-12-01T09:00:00Z");
        CHECK(write_backup(*read.backup, read.created_at) == text);  // one text per backup
    }
}

TEST_CASE("backup: the file starts with its marker and version, and re-indenting keeps it valid", "[backup]") {
    const std::string text = write_backup(small_backup(), "2026-12-01T09:00:00Z");
    CHECK(text.rfind("{\n  \"format\": \"calfcoach-backup\",\n  \"version\": 1,\n  \"checksum\": \"", 0) == 0);
    CHECK(text.back() == '\n');
    const BackupReadResult compact = read_backup(nlohmann::json::parse(text).dump());
    REQUIRE(compact.ok());
    CHECK(*compact.backup == small_backup());
    CHECK(backup_file_name(CalendarDate{2026, 12, 1}) == "calfcoach-backup-2026-12-01.json");
    // A time that is not one is written as "".
    CHECK(read_backup(write_backup(small_backup(), "yesterday")).created_at.empty());
}

TEST_CASE("backup: every kind of bad file gives its named error", "[backup]") {
    const std::string good = write_backup(small_backup(), "2026-12-01T09:00:00Z");
    struct Case {
        std::string name;
        std::string text;
        BackupError error;
        std::string says;
    };
    const std::vector<Case> cases = {
        {"too large", std::string(kBackupMaxBytes + 1, ' '), BackupError::TooLarge, "at most 4 MB"},
        {"not JSON", "hello", BackupError::NotJson, "not a readable backup"},
        {"empty", "", BackupError::NotJson, "not a readable backup"},
        {"cut off", good.substr(0, good.size() / 2), BackupError::NotJson, "cut off"},
        {"an array", "[]", BackupError::NotABackup, "not a Calf Coach backup"},
        {"another format", R"({"format":"other","version":1})", BackupError::NotABackup, "calfcoach-backup"},
        {"a stored history generation", encode_generation(small_backup().history, 3), BackupError::NotABackup, ""},
        {"a history export", export_json(small_backup().history), BackupError::NotABackup, ""},
        {"version 2", with_top_edit(good, [](auto& j) { j["version"] = 2; }), BackupError::NewerVersion,
         "made by a newer Calf Coach (backup version 2): update the app to read it"},
        {"a huge version", with_top_edit(good, [](auto& j) { j["version"] = 18446744073709551615ULL; }),
         BackupError::NewerVersion, "update the app"},
        {"version 1.5", with_top_edit(good, [](auto& j) { j["version"] = 1.5; }), BackupError::NewerVersion, "1.5"},
        {"version 0", with_top_edit(good, [](auto& j) { j["version"] = 0; }), BackupError::UnknownVersion, "version 0"},
        {"version as text", with_top_edit(good, [](auto& j) { j["version"] = "1"; }), BackupError::UnknownVersion, ""},
        {"no version", with_top_edit(good, [](auto& j) { j.erase("version"); }), BackupError::UnknownVersion, ""},
        {"no checksum", with_top_edit(good, [](auto& j) { j.erase("checksum"); }), BackupError::ChecksumMismatch, "missing"},
        {"an edited value", with_top_edit(good, [](auto& j) { j["payload"]["history"]["records"][0]["active_s"] = 1; }),
         BackupError::ChecksumMismatch, "damaged or edited"},
        {"no payload", with_top_edit(good, [](auto& j) { j.erase("payload"); }), BackupError::InvalidPart, "payload"},
        {"an invalid session", with_payload_edit(good, [](auto& p) { p["history"]["records"][1]["steps_done"] = 99; }),
         BackupError::InvalidPart, "history.records[1]: not a valid session ('s1')"},
        {"two sessions, one id", with_payload_edit(good, [](auto& p) { p["history"]["records"][2]["id"] = "s0"; }),
         BackupError::InvalidPart, "a second session with the id 's0'"},
        {"too many sessions", with_payload_edit(good, [](auto& p) {
             auto& records = p["history"]["records"];
             const auto first = records[0];
             for (int i = 3; i <= 1'000; ++i) {
                 auto r = first;
                 r["id"] = "x" + std::to_string(i);
                 records.push_back(r);
             }
         }), BackupError::InvalidPart, "1001 sessions, at most 1000"},
        {"two summaries, one month", with_payload_edit(good, [](auto& p) {
             const nlohmann::json m{{"month", "2025-11"}, {"sessions", 2}, {"active_s", 60}, {"pain_drop_total", 0},
                                    {"pain_drop_count", 0}};
             p["history"]["monthly"] = {m, m};
         }), BackupError::InvalidPart, "history.monthly[1]: a second summary of 2025-11"},
        {"a bad month", with_payload_edit(good, [](auto& p) { p["history"]["monthly"] = {{{"month", "2025-13"}}}; }),
         BackupError::InvalidPart, "history.monthly[0]"},
        {"a bad horizon", with_payload_edit(good, [](auto& p) { p["history"]["folded_through"] = "last week"; }),
         BackupError::InvalidPart, "history.folded_through"},
        {"no history", with_payload_edit(good, [](auto& p) { p.erase("history"); }), BackupError::InvalidPart, "history"},
        {"settings not an object", with_payload_edit(good, [](auto& p) { p["settings"] = 3; }), BackupError::InvalidPart,
         "settings"},
        {"a programme that does not decode", with_payload_edit(good, [](auto& p) { p["programme"]["code"] = "AZYBdQ"; }),
         BackupError::InvalidPart, "programme.code"},
        {"a programme kept on no day", with_payload_edit(good, [](auto& p) { p["programme"]["kept_on"] = "2026-02-30"; }),
         BackupError::InvalidPart, "programme.kept_on"},
        {"an unknown safety level", with_payload_edit(good, [](auto& p) { p["last_safety"]["level"] = "fine"; }),
         BackupError::InvalidPart, "last_safety.level"},
        {"a safety check at no time", with_payload_edit(good, [](auto& p) { p["last_safety"]["at"] = ""; }),
         BackupError::InvalidPart, "last_safety.at"},
        {"a bad creation time", with_payload_edit(good, [](auto& p) { p["created_at"] = 5; }), BackupError::InvalidPart,
         "created_at"},
    };
    for (const Case& c : cases) {
        INFO(c.name);
        const BackupReadResult read = read_backup(c.text);
        CHECK_FALSE(read.ok());
        CHECK(to_string(read.error) == to_string(c.error));
        CHECK_THAT(read.message, Catch::Contains(c.says));
        CHECK(read.message.find('\n') == std::string::npos);
    }
    // The optional parts may be left out, or null.
    const BackupReadResult bare = read_backup(with_payload_edit(good, [](auto& p) {
        p.erase("settings");
        p.erase("programme");
        p["last_safety"] = nullptr;
    }));
    REQUIRE(bare.ok());
    CHECK_FALSE(bare.backup->settings);
    CHECK_FALSE(bare.backup->programme);
    CHECK_FALSE(bare.backup->last_safety);
}

TEST_CASE("backup: the damage the history tests use, and every cut and flipped byte, are refused safely", "[backup]") {
    const std::string good = write_backup(small_backup(), "2026-12-01T09:00:00Z");
    const std::string fixtures = std::string(CALFCOACH_TESTS_DIR) + "/core/fixtures/";
    const std::vector<std::string> damaged = {
        test::read_text_file(fixtures + "deep_nesting.json"),
        test::read_text_file(fixtures + "invalid_utf8.json"),
        std::string(10'000, '[') + std::string(10'000, ']'),
        good.substr(0, good.find("\"s2\"") + 10),                                          // a torn write
        [&] { std::string t = good; t.replace(t.find("\"steps_done\": 7"), 15, "\"steps_done\": \"7\""); return t; }(),
        [&] { std::string t = good; t.replace(t.find("\"id\": \"s2\""), 10, "\"id\": \"s2\xff\xfe\""); return t; }(),
        [&] { std::string t = good; t.replace(t.find("\"checksum\": \""), 13, "\"checksum\": \"0"); return t; }(),
        [&] {
            std::string t = good;
            t.replace(t.find("\"calf_basic\""), 12, "\"" + std::string(5 * 1024 * 1024, 'x') + "\"");
            return t;
        }(),
        R"({"format":"calfcoach-backup","version":99,"whatever":{"new":"format"}})",
    };
    for (std::size_t i = 0; i < damaged.size(); ++i) {
        INFO("damage " << i);
        const BackupReadResult read = read_backup(damaged[i]);
        CHECK_FALSE(read.ok());
        CHECK_FALSE(read.message.empty());
    }
    // Every cut: refused. Every single flipped byte: refused, or (in the layout between values) the same backup.
    for (std::size_t n = 0; n + 1 < good.size(); ++n) REQUIRE_FALSE(read_backup(good.substr(0, n)).ok());
    CHECK(read_backup(good.substr(0, good.size() - 1)).ok());  // only the last line break gone: whole
    int refused = 0;
    for (std::size_t at = 0; at < good.size(); ++at) {
        std::string flipped = good;
        flipped[at] = static_cast<char>(flipped[at] ^ 0x04);
        const BackupReadResult read = read_backup(flipped);
        if (read.ok()) CHECK(*read.backup == small_backup());
        else ++refused;
    }
    CHECK(refused > static_cast<int>(good.size()) / 2);
}

//-----------------------------------------------------------------------------
// Restoring
//-----------------------------------------------------------------------------

TEST_CASE("restore: history merged, the device's own settings, programme and safety check kept", "[backup][restore]") {
    const Backup backup = small_backup();
    Backup device;
    device.history = backup.history;
    device.history.records.erase(device.history.records.begin());  // s0 only in the backup
    device.history.records[0].pain_after.reset();                    // the backup's s1 has the answer
    Settings mine;
    mine.volume_percent = 15;
    device.settings = mine;

    const RestoreResult restored = merge_backup_into(device, backup);
    CHECK(ids(restored.state.history) == std::set<std::string>{"s0", "s1", "s2"});
    CHECK(restored.state.settings == mine);                  // kept
    CHECK(restored.state.programme == backup.programme);      // the device had none
    CHECK(restored.state.last_safety == backup.last_safety);
    const RestoreSummary& s = restored.summary;
    CHECK(s.sessions_added == 1);
    CHECK(s.sessions_already_here == 2);
    CHECK(s.sessions_updated == 1);
    CHECK_FALSE(s.settings_taken);
    CHECK(s.programme_taken);
    CHECK(s.last_safety_taken);
    CHECK(restore_summary_text(s) == "1 session added, 2 sessions already here (1 of them completed from the backup). "
                                     "Your programme and last safety check were taken from the backup.");

    // Restoring it again: nothing new, and nothing changes.
    const RestoreResult again = merge_backup_into(restored.state, backup);
    CHECK(again.state == restored.state);
    CHECK(restore_summary_text(again.summary) == "Nothing new: everything in the backup is here already.");
    // Into a fresh browser: the backup is taken whole.
    const RestoreResult fresh = merge_backup_into(Backup{}, backup);
    CHECK(fresh.state == backup);
    CHECK(fresh.summary.sessions_added == 3);
    CHECK(fresh.summary.settings_taken);
    CHECK_THAT(restore_summary_text(fresh.summary), Catch::Contains("Your settings, programme and last safety check were"));
}

TEST_CASE("restore: the backup's sessions the device counts in its old months already are said so", "[backup][restore]") {
    Backup backup = small_backup();
    Backup device = backup;
    SessionRecord later = backup.history.records.back();
    later.id = "s9";
    later.started_at = "2026-03-01T10:00:00Z";
    REQUIRE(insert_record(device.history, later));
    fold_oldest(device.history, 2);  // s0 and s1 folded on the device
    const RestoreResult restored = merge_backup_into(device, backup);
    CHECK(restored.summary.sessions_in_old_months == 2);
    CHECK(restored.summary.sessions_already_here == 1);
    CHECK(restored.state.history == device.history);
    CHECK(restore_summary_text(restored.summary) == "Nothing new: everything in the backup is here already.");
}

TEST_CASE("the app's stored values: read back, junk refused, and the same keys as the UI's", "[backup]") {
    CHECK(kLastSafetyStorageKey == ui::kLastSafetyKey);
    CHECK(kProgrammeStorageKey == ui::kProgrammeKey);
    const SafetyFacts facts{SafetyLevel::Wait, "2026-12-01T08:00:00Z"};
    CHECK(safety_facts_from_stored(safety_facts_to_stored(facts)) == facts);
    CHECK(safety_facts_to_stored(facts) == R"({"at":"2026-12-01T08:00:00Z","level":"wait"})");
    CHECK_FALSE(safety_facts_from_stored(R"({"level":"wait"})"));
    CHECK_FALSE(safety_facts_from_stored("nonsense"));
    const BackupProgramme kept{encode_prescription(test::example_prescription()), "2026-12-01"};
    CHECK(programme_from_stored(programme_to_stored(kept)) == kept);
    CHECK_FALSE(programme_from_stored(R"({"v":1,"code":"AAAA","kept_on":""})"));
}
