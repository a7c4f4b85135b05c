// History: records, the two-generation store and its recovery, summaries, export, the CLI.
#include <catch2/catch.hpp>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <sys/wait.h>

#include "core/history.hpp"
#include "core/fnv1a.hpp"

using namespace calfcoach;

namespace {

SessionRecord make_record(int n, std::string started_at = "") {
    SessionRecord r;
    r.id = "s" + std::to_string(n);
    if (started_at.empty()) {
        // n minutes after 2026-01-01T00:00:00Z (enough for a few thousand)
        char buffer[32];
        std::snprintf(buffer, sizeof buffer, "2026-01-%02dT%02d:%02d:00Z", 1 + n / 1440, (n / 60) % 24, n % 60);
        started_at = buffer;
    }
    r.started_at = started_at;
    r.routine_id = "calf_basic";
    r.preset = Preset::Standard;
    r.left_done = true;
    r.right_done = n % 2 == 0;
    r.steps_done = 7;
    r.steps_total = 9;
    r.active_seconds = 400 + n;
    r.pain_before = 5;
    r.pain_after = 2;
    r.safety = SafetyLevel::Ok;
    return r;
}

HistoryData data_with(int count) {
    HistoryData d;
    for (int i = 0; i < count; ++i) REQUIRE(insert_record(d, make_record(i)));
    return d;
}

std::vector<std::string> ids_of(const HistoryData& d) {
    std::vector<std::string> ids;
    for (const auto& r : d.records) ids.push_back(r.id);
    return ids;
}

std::string quarantined(const MemoryKeyValueStore& kv, int n) {
    const auto it = kv.values.find(std::string(kHistoryQuarantinePrefix) + std::to_string(n));
    return it == kv.values.end() ? std::string() : it->second;
}

std::string replace_once(std::string text, const std::string& from, const std::string& to) {
    const auto at = text.find(from);
    REQUIRE(at != std::string::npos);
    text.replace(at, from.size(), to);
    return text;
}

}  // namespace

TEST_CASE("records: JSON round trip and validation", "[history]") {
    SessionRecord r = make_record(3);
    r.pain_after.reset();
    r.ended = EndReason::PainStop;
    r.safety = SafetyLevel::Caution;
    const auto back = record_from_json(record_to_json(r));
    REQUIRE(back);
    CHECK(*back == r);
    CHECK(back->legs_done() == 1);
    CHECK(back->ended_early());

    CHECK(is_iso_utc_timestamp("2028-02-29T23:59:59Z"));
    CHECK_FALSE(is_iso_utc_timestamp("2026-02-29T10:00:00Z"));  // not a leap year
    CHECK_FALSE(is_iso_utc_timestamp("2026-11-21T24:00:00Z"));
    CHECK_FALSE(is_iso_utc_timestamp("2026-11-21 08:30:00Z"));
    CHECK_FALSE(is_iso_utc_timestamp("2026-11-21T08:30:00+01:00"));

    SessionRecord bad = make_record(1);
    bad.steps_done = 10;
    CHECK(validate_record(bad) == "steps_done out of range");
    bad = make_record(1);
    bad.pain_before = 11;
    CHECK(validate_record(bad) == "pain out of 0 to 10");
    bad = make_record(1);
    bad.id = "a\nb";
    CHECK_FALSE(validate_record(bad).empty());
    auto j = record_to_json(make_record(1));
    j["legs"] = {"left", "left"};
    CHECK_FALSE(record_from_json(j));
    j = record_to_json(make_record(1));
    j["active_s"] = -1;
    CHECK_FALSE(record_from_json(j));
}

TEST_CASE("records: the programme a session followed round-trips, is optional, and is checked", "[history]") {
    SessionRecord r = make_record(4);
    r.programme = "rx-0123456789abcdef";
    const auto j = record_to_json(r);
    CHECK(j.at("programme") == "rx-0123456789abcdef");
    const auto back = record_from_json(j);
    REQUIRE(back);
    CHECK(*back == r);
    // One's own session: no key at all, so records look as they did before programmes.
    const auto own = record_to_json(make_record(5));
    CHECK_FALSE(own.contains("programme"));
    REQUIRE(record_from_json(own));
    CHECK(record_from_json(own)->programme.empty());
    auto bad = j;
    bad["programme"] = 7;
    CHECK_FALSE(record_from_json(bad));
    bad["programme"] = "a\nb";
    CHECK_FALSE(record_from_json(bad));
    bad["programme"] = std::string(65, 'x');
    CHECK_FALSE(record_from_json(bad));
    HistoryData d;
    REQUIRE(insert_record(d, r));
    const std::string csv = export_csv(d);
    CHECK(csv.substr(csv.size() - std::string(",rx-0123456789abcdef\r\n").size()) == ",rx-0123456789abcdef\r\n");
}

TEST_CASE("a generation round-trips, and any change to its payload breaks the checksum", "[history]") {
    const HistoryData d = data_with(5);
    const std::string text = encode_generation(d, 42);
    const DecodedGeneration ok = decode_generation(text);
    CHECK(ok.status == DecodeStatus::Ok);
    CHECK(ok.seq == 42);
    CHECK(ok.data == d);

    const DecodedGeneration tampered = decode_generation(replace_once(text, "\"active_s\":401", "\"active_s\":402"));
    CHECK(tampered.status == DecodeStatus::Damaged);
    CHECK(tampered.error == "checksum does not match");
    CHECK(tampered.data.records.size() == 5);  // still salvageable one by one
    CHECK(fnv1a64("") == 0xcbf29ce484222325ULL);
    CHECK(fnv1a64("a") == 0xaf63dc4c8601ec8cULL);  // published FNV-1a 64 test vector
}

TEST_CASE("the store writes the two keys alternately with rising sequence numbers", "[history]") {
    MemoryKeyValueStore kv;
    HistoryStore store(kv);
    const auto empty = store.load();
    CHECK_FALSE(empty.seq_used);
    CHECK(empty.problems.empty());
    REQUIRE(store.add(make_record(1)).ok);
    CHECK(decode_generation(kv.values.at("history.a")).seq == 1);
    CHECK(kv.values.count("history.b") == 0);
    REQUIRE(store.add(make_record(2)).ok);
    CHECK(decode_generation(kv.values.at("history.b")).seq == 2);
    CHECK(decode_generation(kv.values.at("history.a")).data.records.size() == 1);  // previous kept
    REQUIRE(store.add(make_record(3)).ok);
    CHECK(decode_generation(kv.values.at("history.a")).seq == 3);
    CHECK_FALSE(store.add(make_record(3)).ok);  // same id
    SessionRecord invalid = make_record(9);
    invalid.started_at = "yesterday";
    CHECK_THAT(store.add(invalid).error, Catch::Contains("started_at"));

    HistoryStore again(kv);
    const auto report = again.load();
    CHECK(report.seq_used == 3u);
    CHECK(ids_of(again.data()) == std::vector<std::string>{"s1", "s2", "s3"});
    CHECK(report.quarantined.empty());
}

TEST_CASE("recovery from damaged values", "[history]") {
    // history.b (seq 2) is the good older generation with s0..s3; history.a (seq 3) adds s4.
    MemoryKeyValueStore kv;
    const std::string older = encode_generation(data_with(4), 2);
    const std::string newer = encode_generation(data_with(5), 3);
    kv.values["history.b"] = older;

    SECTION("a truncated (torn) write: fall back, salvage the complete records, quarantine the rest") {
        const std::string torn = newer.substr(0, newer.find("\"s4\"") + 10);
        kv.values["history.a"] = torn;
        HistoryStore store(kv);
        const auto report = store.load();
        CHECK(report.seq_used == 2u);
        CHECK(ids_of(store.data()) == std::vector<std::string>{"s0", "s1", "s2", "s3"});
        CHECK(quarantined(kv, 0) == torn);
        CHECK(report.quarantined == std::vector<std::string>{"history.quarantine.0"});
        CHECK(kv.values.count("history.a") == 0);  // set aside, slot free; b untouched
        CHECK(kv.values.at("history.b") == older);
    }
    SECTION("wrong types in one record: that record is dropped, the others recovered") {
        kv.values["history.a"] = replace_once(newer, "\"steps_done\":7", "\"steps_done\":\"7\"");
        HistoryStore store(kv);
        const auto report = store.load();
        CHECK(report.dropped == 1);   // s0 in a; b still has a good s0
        CHECK(report.salvaged == 1);  // s4, which only a had
        CHECK(store.data().records.size() == 5);
        CHECK_FALSE(quarantined(kv, 0).empty());
    }
    SECTION("a bad checksum on the newer generation: its extra record is merged in and saved") {
        kv.values["history.a"] = replace_once(newer, "\"checksum\":\"", "\"checksum\":\"0");
        HistoryStore store(kv);
        const auto report = store.load();
        CHECK(report.seq_used == 2u);
        CHECK(report.salvaged == 1);
        CHECK(ids_of(store.data()) == std::vector<std::string>{"s0", "s1", "s2", "s3", "s4"});
        CHECK(report.saved);
        const auto written = decode_generation(kv.values.at("history.a"));
        CHECK(written.status == DecodeStatus::Ok);
        CHECK(written.seq == 4);
        CHECK(written.data.records.size() == 5);
        CHECK_THAT(quarantined(kv, 0), Catch::Contains("\"checksum\":\"0"));
    }
    SECTION("invalid UTF-8 inside one record") {
        std::string broken = replace_once(newer, "\"id\":\"s4\"", "\"id\":\"s4\xff\xfe\"");
        kv.values["history.a"] = broken;
        HistoryStore store(kv);
        const auto report = store.load();
        CHECK(store.data().records.size() == 4);
        CHECK(report.dropped == 1);
        CHECK(quarantined(kv, 0) == broken);
    }
    SECTION("a 5 MB value: too big to parse whole, its normal records still salvaged") {
        std::string huge = replace_once(newer, "\"routine\":\"calf_basic\"",
                                        "\"routine\":\"" + std::string(5 * 1024 * 1024, 'x') + "\"");
        kv.values["history.a"] = huge;
        HistoryStore store(kv);
        const auto report = store.load();
        CHECK(store.data().records.size() == 5);  // the oversized record was s0, and b has s0
        CHECK(report.salvaged == 1);
        CHECK(quarantined(kv, 0).size() == huge.size());
    }
    SECTION("nesting 10,000 deep: rejected without recursion, quarantined") {
        const std::string deep = std::string(10'000, '[') + std::string(10'000, ']');
        kv.values["history.a"] = deep;
        HistoryStore store(kv);
        const auto report = store.load();
        CHECK(store.data().records.size() == 4);
        CHECK(quarantined(kv, 0) == deep);
        CHECK_FALSE(report.problems.empty());
    }
    SECTION("a future version: kept where it is, copied to quarantine, never overwritten") {
        const std::string future = R"({"v":99,"seq":50,"whatever":{"new":"format"}})";
        kv.values["history.a"] = future;
        HistoryStore store(kv);
        const auto report = store.load();
        CHECK(report.read_only);
        CHECK(store.read_only());
        CHECK(store.data().records.size() == 4);  // from b
        CHECK(quarantined(kv, 0) == future);
        CHECK_FALSE(store.add(make_record(100)).ok);
        CHECK(kv.values.at("history.a") == future);
        CHECK(kv.values.at("history.b") == older);
        HistoryStore again(kv);
        again.load();
        CHECK(quarantined(kv, 1).empty());  // not copied a second time
    }
    SECTION("both generations bad: salvage from both, quarantine both, write the recovery") {
        const std::string bad_b = older.substr(0, older.size() - 40);
        const std::string bad_a = replace_once(newer, "\"checksum\":\"", "\"checksum\":\"1");
        kv.values["history.b"] = bad_b;
        kv.values["history.a"] = bad_a;
        HistoryStore store(kv);
        const auto report = store.load();
        CHECK_FALSE(report.seq_used);
        CHECK(ids_of(store.data()) == std::vector<std::string>{"s0", "s1", "s2", "s3", "s4"});
        CHECK(report.quarantined.size() == 2);
        CHECK(report.saved);
        CHECK(decode_generation(kv.values.at("history.a")).seq == 4);  // above everything seen
        HistoryStore again(kv);
        const auto second = again.load();
        CHECK(second.problems.empty());
        CHECK(again.data() == store.data());
    }
    SECTION("the storage is full: nothing is set aside, so nothing damaged is overwritten") {
        kv.values["history.a"] = replace_once(newer, "\"checksum\":\"", "\"checksum\":\"2");
        const std::string before_a = kv.values["history.a"];
        kv.refuse_writes = true;
        HistoryStore store(kv);
        const auto report = store.load();
        CHECK_FALSE(report.saved);
        CHECK(store.data().records.size() == 5);  // shown in memory anyway
        CHECK_FALSE(store.add(make_record(200)).ok);
        CHECK(kv.values.at("history.a") == before_a);
        CHECK(kv.values.at("history.b") == older);
    }
}

TEST_CASE("v0 (a bare array under \"history\") migrates to v1, invalid records are kept aside", "[history]") {
    MemoryKeyValueStore kv;
    nlohmann::json v0 = nlohmann::json::array();
    v0.push_back(record_to_json(make_record(1)));
    v0.push_back(nlohmann::json{{"id", "broken"}});
    v0.push_back(record_to_json(make_record(2)));
    const std::string legacy = dump_json(v0);
    kv.values["history"] = legacy;
    HistoryStore store(kv);
    const auto report = store.load();
    CHECK(report.migrated_from_v0);
    CHECK(report.saved);
    CHECK(report.dropped == 1);
    CHECK(ids_of(store.data()) == std::vector<std::string>{"s1", "s2"});
    CHECK(quarantined(kv, 0) == legacy);
    CHECK(kv.values.count("history") == 0);
    CHECK(decode_generation(kv.values.at("history.a")).status == DecodeStatus::Ok);
    HistoryStore again(kv);
    CHECK_FALSE(again.load().migrated_from_v0);
    CHECK(again.data() == store.data());
}

TEST_CASE("the 1,001st record folds the oldest into a monthly summary", "[history]") {
    MemoryKeyValueStore kv;
    HistoryStore store(kv);
    store.load();
    HistoryData d = data_with(1'000);
    SessionRecord oldest = make_record(5'000, "2025-12-31T23:00:00Z");
    oldest.pain_before = 8;
    oldest.pain_after = 3;
    REQUIRE(insert_record(d, oldest));  // 1,001: the new oldest is folded at once
    CHECK(d.records.size() == 1'000);
    REQUIRE(d.monthly.size() == 1);
    CHECK(d.monthly[0].month == "2025-12");
    CHECK(d.monthly[0].sessions == 1);
    CHECK(d.monthly[0].average_pain_drop() == Approx(5.0));
    CHECK(d.folded_through == "2025-12-31T23:00:00Z");

    // Through the store: 1,000 records, then one more folds s0 (January).
    kv.values["history.a"] = encode_generation(data_with(1'000), 1);
    REQUIRE(store.load().seq_used == 1u);
    REQUIRE(store.add(make_record(1'000)).ok);
    CHECK(store.data().records.size() == 1'000);
    CHECK(store.data().records.front().id == "s1");
    REQUIRE(store.data().monthly.size() == 1);
    CHECK(store.data().monthly[0].month == "2026-01");
    CHECK(store.data().monthly[0].active_minutes() == Approx(400.0 / 60.0));
    CHECK(store.data().monthly[0].average_pain_drop() == Approx(3.0));
    const std::size_t size = kv.values.at("history.b").size();
    CHECK(size < kHistoryMaxBytes);
    HistoryStore again(kv);
    again.load();
    CHECK(again.data() == store.data());
}

TEST_CASE("salvage never resurrects records folded already", "[history]") {
    MemoryKeyValueStore kv;
    HistoryData d = data_with(1'001);  // s0 folded
    REQUIRE(d.records.front().id == "s1");
    kv.values["history.a"] = encode_generation(d, 5);
    kv.values["history.b"] = encode_generation(data_with(3), 4).substr(0, 600);  // damaged, holds s0
    HistoryStore store(kv);
    store.load();
    CHECK(store.data().records.front().id == "s1");
    CHECK(store.data().monthly.at(0).sessions == 1);
}

TEST_CASE("CSV export: header, CRLF, RFC 4180 quoting", "[history]") {
    HistoryData d;
    SessionRecord r = make_record(1);
    r.id = "a,b";
    r.routine_id = "say \"hi\"\nthen";
    r.pain_after.reset();
    REQUIRE(insert_record(d, r));
    const std::string csv = export_csv(d);
    CHECK(csv ==
          "id,started_at,routine,preset,legs,steps_done,steps_total,active_seconds,pain_before,pain_after,safety,ended,"
          "programme\r\n"
          "\"a,b\",2026-01-01T00:01:00Z,\"say \"\"hi\"\"\nthen\",standard,left,7,9,401,5,,ok,none,\r\n");
}

TEST_CASE("CSV export: a text cell that a spreadsheet would run as a formula is kept as text", "[history]") {
    HistoryData d;
    for (const std::string& hostile : {std::string("=HYPERLINK(\"http://x\")"), std::string("+1+1"), std::string("-2"),
                                       std::string("@SUM(A1)"), std::string("\t=1")}) {
        SessionRecord r = make_record(static_cast<int>(d.records.size()) + 1);
        r.routine_id = hostile;
        REQUIRE(insert_record(d, r));
    }
    const std::string csv = export_csv(d);
    // Every cell of every line: none starts with a formula character, quoted or not.
    std::size_t line_start = csv.find("\r\n") + 2;
    int lines = 0;
    while (line_start < csv.size()) {
        const std::size_t line_end = csv.find("\r\n", line_start);
        const std::string line = csv.substr(line_start, line_end - line_start);
        ++lines;
        CHECK((line.find(",'") != std::string::npos || line.find(",\"'") != std::string::npos));  // kept as text
        for (const std::string bad : {",=", ",+", ",-", ",@", ",\"=", ",\"+", ",\"-", ",\"@", ",\t", ",\"\t"})
            CHECK(line.find(bad) == std::string::npos);
        line_start = line_end + 2;
    }
    CHECK(lines == 5);
    CHECK(csv.find(",\"'=HYPERLINK(\"\"http://x\"\")\",") != std::string::npos);  // quoted, quotes doubled
    CHECK(csv.find(",'-2,") != std::string::npos);
    // Numbers are untouched.
    CHECK(csv.find(",7,9,401,5,") != std::string::npos);
}

TEST_CASE("CSV export: ids and programme cells are guarded too, number cells stay numbers", "[history]") {
    HistoryData d;
    SessionRecord r = make_record(1);
    r.id = "=cmd|' /C calc'!A0";
    r.programme = "@rx";
    r.routine_id = "\r=1";
    r.pain_before = 0;
    r.pain_after = 10;
    REQUIRE(insert_record(d, r));
    const std::string csv = export_csv(d);
    const std::string row = csv.substr(csv.find("\r\n") + 2);
    CHECK(row.rfind("'=cmd|' /C calc'!A0,", 0) == 0);
    CHECK(row.find(",\"'\r=1\",") != std::string::npos);  // quoted for its CR, and guarded
    CHECK(row.size() >= 7);
    CHECK(row.substr(row.size() - 7) == ",'@rx\r\n");
    // steps_done, steps_total, active_seconds, pain_before, pain_after: plain digits, no apostrophe.
    CHECK(row.find(",7,9,401,0,10,ok,none,") != std::string::npos);
    // A text cell that merely contains a formula character later is left alone.
    HistoryData plain;
    SessionRecord inner = make_record(2);
    inner.routine_id = "calf-basic=2";
    REQUIRE(insert_record(plain, inner));
    CHECK(export_csv(plain).find(",calf-basic=2,") != std::string::npos);
}

TEST_CASE("JSON export for a physio parses back with records and monthly", "[history]") {
    HistoryData d = data_with(1'002);
    const auto parsed = parse_json_limited(export_json(d), JsonLimits{4 * 1024 * 1024, 8});
    REQUIRE(parsed.ok);
    CHECK(parsed.value["records"].size() == 1'000);
    CHECK(parsed.value["monthly"][0]["sessions"] == 2);
    CHECK(parsed.value["monthly"][0]["average_pain_drop"].get<double>() == Approx(3.0));
}

TEST_CASE("summaries: rolling week, streak across a month boundary, pain drop", "[history]") {
    std::vector<SessionRecord> rs;
    int n = 0;
    for (const char* at : {"2026-10-30T08:00:00Z", "2026-10-31T21:00:00Z", "2026-11-01T07:00:00Z",
                           "2026-11-01T19:00:00Z", "2026-11-02T23:30:00Z", "2026-10-20T08:00:00Z"})
        rs.push_back(make_record(n++, at));

    CHECK(streak_days(rs, "2026-11-02") == 4);  // Oct 30, 31, Nov 1, 2
    CHECK(streak_days(rs, "2026-11-03") == 4);  // nothing yet today: ends yesterday
    CHECK(streak_days(rs, "2026-11-04") == 0);
    CHECK(streak_days(rs, "2026-10-31") == 2);
    CHECK(streak_days(rs, "bad") == 0);
    // At UTC+1 the 23:30 UTC session falls on Nov 3 and Nov 2 is empty: the streak is 1 day.
    CHECK(streak_days(rs, "2026-11-03", 60) == 1);

    CHECK(sessions_this_week(rs, "2026-11-02") == 5);  // Oct 27..Nov 2
    CHECK(sessions_this_week(rs, "2026-11-05") == 5);  // Oct 30..Nov 5
    CHECK(sessions_this_week(rs, "2026-11-06") == 4);  // Oct 31..Nov 6
    CHECK(sessions_this_week(rs, "2026-11-07") == 3);  // Nov 1..7
    CHECK(sessions_this_week(rs, "2026-10-26") == 1);  // Oct 20..26
    CHECK(sessions_this_week(rs, "2026-02-30") == 0);

    CHECK_FALSE(average_pain_drop({}).has_value());
    rs[0].pain_before = 6;
    rs[0].pain_after = 6;
    rs[1].pain_after.reset();
    // s1 left out; drops: 0, 3, 3, 3, 3
    CHECK(average_pain_drop(rs) == Approx(12.0 / 5.0));
}

TEST_CASE("the CLI exports a localStorage dump and refuses bad input with exit 2", "[history][cli]") {
    namespace fs = std::filesystem;
    const fs::path dir = fs::temp_directory_path() / "calfcoach_history_cli";
    fs::create_directories(dir);
    const std::string tool = CALFCOACH_TOOL_PATH;
    auto run = [&](const std::string& input, const std::string& args, std::string& out) {
        { std::ofstream(dir / "in.json", std::ios::binary) << input; }
        fs::remove(dir / "out");
        const std::string command = tool + " history " + args + " < " + (dir / "in.json").string() + " 2> " +
                                    (dir / "err").string();
        const int status = std::system(command.c_str());
        std::ifstream result(dir / "out", std::ios::binary);
        std::stringstream text;
        text << result.rdbuf();
        out = text.str();
        return WEXITSTATUS(status);
    };
    const std::string out_arg = (dir / "out").string();
    nlohmann::json dump{{"history.a", encode_generation(data_with(2), 1)},
                        {"history.b", encode_generation(data_with(3), 2)},
                        {"unrelated", "x"}};
    std::string out;
    CHECK(run(dump_json(dump), "export --format csv " + out_arg, out) == 0);
    CHECK(std::count(out.begin(), out.end(), '\n') == 4);  // header + 3 from the newer generation
    CHECK(run(encode_generation(data_with(1), 1), "export --format json " + out_arg, out) == 0);
    CHECK_THAT(out, Catch::Contains("\"s0\""));
    CHECK(run("{\"x\":1}", "export --format csv " + out_arg, out) == 2);
    CHECK(run("garbage", "export --format csv " + out_arg, out) == 2);
    CHECK(run("", "export --format csv " + out_arg, out) == 2);
    CHECK(run("[]", "export --format pdf " + out_arg, out) == 2);
    CHECK(run("[]", "export " + out_arg, out) == 2);
    fs::remove_all(dir);
}

TEST_CASE("a store refuses to write before it has read what is there", "[history]") {
    MemoryKeyValueStore kv;
    const std::string existing = encode_generation(data_with(2), 1);
    kv.values["history.a"] = existing;
    HistoryStore store(kv);
    CHECK_THAT(store.add(make_record(9)).error, Catch::Contains("not loaded"));
    CHECK_FALSE(store.save().ok);
    CHECK(kv.values.at("history.a") == existing);
    CHECK(kv.values.count("history.b") == 0);
}

TEST_CASE("record_from_session takes what the session did", "[history]") {
    Routine routine;
    routine.id = "calf_basic";
    Step step;
    step.id = "circles";
    step.title = "Circles";
    step.duration_ms = {10'000, 20'000, 30'000};
    routine.steps = {step};
    SessionOptions options;
    options.first_leg = Side::Right;
    Session session(routine, options);
    session.start(0);
    session.update(5'000 + 20'000);  // get ready + right leg done
    session.report_pain(30'000, 8, false);
    const SessionRecord r = record_from_session(session, 40'000, "id1", "2026-11-21T08:30:00Z", 6, 8,
                                                SafetyLevel::Caution);
    CHECK(validate_record(r).empty());
    CHECK(r.right_done);
    CHECK_FALSE(r.left_done);
    CHECK(r.steps_done == 1);
    CHECK(r.steps_total == 2);
    CHECK(r.active_seconds == 30);
    CHECK(r.ended == EndReason::PainStop);
    CHECK(r.safety == SafetyLevel::Caution);
}

TEST_CASE("history replace updates a record by id and clear empties it, both saved", "[history]") {
    calfcoach::MemoryKeyValueStore kv;
    calfcoach::HistoryStore store(kv);
    store.load();
    calfcoach::SessionRecord r;
    r.id = "s1";
    r.started_at = "2026-11-20T08:00:00Z";
    r.routine_id = "standard";
    r.steps_total = 8;
    r.steps_done = 8;
    r.left_done = r.right_done = true;
    r.active_seconds = 600;
    r.pain_before = 6;
    REQUIRE(store.add(r).ok);
    r.pain_after = 3;
    REQUIRE(store.replace(r).ok);
    {
        calfcoach::HistoryStore reread(kv);
        reread.load();
        REQUIRE(reread.data().records.size() == 1);
        CHECK(reread.data().records[0].pain_after == std::optional<int>(3));
    }
    calfcoach::SessionRecord missing = r;
    missing.id = "nope";
    CHECK_FALSE(store.replace(missing).ok);
    REQUIRE(store.clear().ok);
    calfcoach::HistoryStore reread(kv);
    reread.load();
    CHECK(reread.data().records.empty());
}

TEST_CASE("history replace_all stores a whole history (a restore), and refuses one with an invalid record", "[history]") {
    calfcoach::MemoryKeyValueStore kv;
    calfcoach::HistoryStore store(kv);
    store.load();
    calfcoach::HistoryData data;
    for (int i = 0; i < 3; ++i) {
        calfcoach::SessionRecord r;
        r.id = "s" + std::to_string(i);
        r.started_at = "2026-11-2" + std::to_string(i) + "T08:00:00Z";
        r.routine_id = "standard";
        r.steps_total = 8;
        r.steps_done = 8;
        data.records.push_back(r);
    }
    REQUIRE(store.replace_all(data).ok);
    {
        calfcoach::HistoryStore reread(kv);
        reread.load();
        CHECK(reread.data() == data);
    }
    calfcoach::HistoryData bad = data;
    bad.records[1].id.clear();
    CHECK_FALSE(store.replace_all(bad).ok);
    CHECK(store.data() == data);
    calfcoach::HistoryStore reread(kv);
    reread.load();
    CHECK(reread.data() == data);
}

TEST_CASE("local_date and seconds_between follow the calendar and the offset", "[history]") {
    CHECK(calfcoach::local_date("2026-11-21T23:30:00Z", 60) == "2026-11-22");
    CHECK(calfcoach::local_date("2026-03-01T00:30:00Z", -60) == "2026-02-28");
    CHECK(calfcoach::local_date("2024-03-01T00:30:00Z", -60) == "2024-02-29");
    CHECK(calfcoach::local_date("not a time", 0).empty());
    CHECK(calfcoach::seconds_between("2026-11-20T08:00:00Z", "2026-11-21T08:00:01Z") == std::optional<std::int64_t>(86401));
    CHECK(calfcoach::seconds_between("2026-12-31T23:59:59Z", "2027-01-01T00:00:00Z") == std::optional<std::int64_t>(1));
    CHECK_FALSE(calfcoach::seconds_between("x", "2027-01-01T00:00:00Z").has_value());
}
