// Backups in the app (screen_backup.cpp, issue 16): Settings saves a file read_backup reads back with
// the history; restoring merges into an empty or a non-empty history; a damaged, a future-version or
// an oversized file is explained and changes nothing; persist() is asked only after a saved session;
// Home's note about where the history lives shows in a frame or a Safari tab (not installed) until
// dismissed; the reminder comes after 10 sessions not in a backup, goes with a backup, and the
// setting turns it off.
#include <catch2/catch.hpp>

#include <map>
#include <memory>
#include <string>

#include "core/backup.hpp"
#include "ui/app_storage_keys.hpp"
#include "ui_driver.hpp"

using namespace calfcoach;
using calfcoach::ui::testing::UiDriver;

namespace {

using Stored = std::map<std::string, std::string, std::less<>>;

SessionRecord record(int n, const std::string& day = "2026-11") {
    SessionRecord r;
    r.id = "s-" + day + "-" + std::to_string(n);
    char when[32];
    std::snprintf(when, sizeof when, "%s-%02dT08:%02d:00Z", day.c_str(), 1 + n % 28, n % 60);
    r.started_at = when;
    r.routine_id = "standard";
    r.steps_total = 8;
    r.steps_done = 8;
    r.left_done = r.right_done = true;
    r.active_seconds = 600;
    return r;
}

HistoryData history_of(int count, const std::string& day = "2026-11") {
    HistoryData data;
    for (int i = 0; i < count; ++i) insert_record(data, record(i, day));
    return data;
}

// What the app's storage holds for a history (as the store writes it).
Stored stored_history(const HistoryData& data) { return {{std::string(kHistoryKeyA), encode_generation(data, 1)}}; }

bool has_text(const nlohmann::json& state, const std::string& needle) {
    for (const auto& text : state["texts"])
        if (text["text"].get<std::string>().find(needle) != std::string::npos) return true;
    return false;
}

// Settings -> "Restore from a backup" -> the picker -> the file handed back as the platform does.
void restore(UiDriver& ui, const std::string& text, bool too_large = false) {
    if (ui.state()["screen"] != "settings") REQUIRE(ui.tap("home.settings"));
    const int picks = ui.services.pick_calls;
    REQUIRE(ui.tap("settings.backup.restore"));
    CHECK(ui.services.pick_calls == picks + 1);
    ui::ReceivedFile file;
    file.name = "calfcoach-backup-2026-11-20.json";
    file.text = text;
    file.too_large = too_large;
    ui.app().file_received(std::move(file));
    ui.frame();
    ui.frame();
}

std::string backup_text(const HistoryData& history, std::optional<Settings> settings = std::nullopt) {
    Backup backup;
    backup.history = history;
    backup.settings = settings;
    return write_backup(backup, "2026-11-20T10:00:00Z");
}

// The safety check with nothing marked, the quick preset, played to its end.
void run_session(UiDriver& ui) {
    REQUIRE(ui.tap("home.start"));
    if (ui.state()["screen"] == "safety_confirm") {  // a check within 24 hours: "nothing has changed"
        REQUIRE(ui.tap("safety.unchanged"));
    } else {
        ui.answer_safety();
        REQUIRE(ui.tap("safety.continue"));
    }
    REQUIRE(ui.tap("prepare.preset.0"));
    REQUIRE(ui.tap("prepare.start"));
    for (int i = 0; i < 600 && ui.state()["screen"] == "player"; ++i) ui.advance(1000);
    REQUIRE(ui.state()["screen"] == "done");
}

}  // namespace

TEST_CASE("Save a backup: a file named for the day that read_backup reads back with the history and settings", "[ui][backup]") {
    const HistoryData data = history_of(12);
    UiDriver ui(390, 844, 3, stored_history(data));
    REQUIRE(ui.state()["history_count"] == 12);
    REQUIRE(ui.tap("home.settings"));
    CHECK(has_text(ui.state(), "No backup saved yet. 12 sessions are not in a backup yet."));
    CHECK(ui.item("settings.backup.share").is_null());  // no share sheet here: a download
    REQUIRE(ui.tap("settings.backup.save"));
    REQUIRE(ui.services.downloads.size() == 1);
    const auto& file = ui.services.downloads.back();
    CHECK(file.file_name == "calfcoach-backup-2026-11-21.json");
    CHECK(file.mime_type == "application/json");
    const BackupReadResult read = read_backup(file.content);
    REQUIRE(read.ok());
    CHECK(read.backup->history == data);
    REQUIRE(read.backup->settings.has_value());
    CHECK(*read.backup->settings == Settings{});
    CHECK(read.created_at == "2026-11-21T09:00:00Z");
    auto state = ui.state();
    CHECK(has_text(state, "Saved as a file"));
    CHECK(state["backup"]["not_in_backup"] == 0);
    CHECK(has_text(state, "Last backup:"));

    SECTION("the local date names the file") {
        ui.services.wall_clock = "2026-11-21T23:30:00Z";
        ui.services.utc_offset = 60;
        REQUIRE(ui.tap("settings.backup.save"));
        CHECK(ui.services.downloads.back().file_name == "calfcoach-backup-2026-11-22.json");
    }
    SECTION("a refused download says so and is not counted as a backup") {
        UiDriver fresh(390, 844, 3, stored_history(data));
        fresh.services.download_succeeds = false;
        REQUIRE(fresh.tap("home.settings"));
        REQUIRE(fresh.tap("settings.backup.save"));
        CHECK(has_text(fresh.state(), "refused to save the backup"));
        CHECK(fresh.state()["backup"]["not_in_backup"] == 12);
    }
}

TEST_CASE("Send to another device: the share sheet where the browser has one, its outcome said", "[ui][backup]") {
    UiDriver ui(390, 844, 3, stored_history(history_of(3)));
    ui.services.can_share = true;
    REQUIRE(ui.tap("home.settings"));
    REQUIRE(ui.tap("settings.backup.share"));
    REQUIRE(ui.services.shared.size() == 1);
    CHECK(read_backup(ui.services.shared.back().content).ok());
    CHECK(has_text(ui.state(), "Choose where to send"));
    CHECK(ui.state()["backup"]["not_in_backup"] == 3);  // not yet: the person may close the sheet
    ui.app().file_shared(ui::ShareOutcome::Cancelled);
    ui.frame();
    CHECK(has_text(ui.state(), "Not sent"));
    CHECK(ui.state()["backup"]["not_in_backup"] == 3);
    REQUIRE(ui.tap("settings.backup.share"));
    ui.app().file_shared(ui::ShareOutcome::Shared);
    ui.frame();
    CHECK(has_text(ui.state(), "Backup sent."));
    CHECK(ui.state()["backup"]["not_in_backup"] == 0);
}

TEST_CASE("Restore into an empty browser: the backup's history, settings, programme and safety check", "[ui][backup]") {
    Settings big;
    big.text_size_percent = 125;
    big.voice = true;
    Backup backup;
    backup.history = history_of(5);
    backup.settings = big;
    backup.last_safety = SafetyFacts{SafetyLevel::Caution, "2026-11-20T09:55:00Z"};
    UiDriver ui;
    restore(ui, write_backup(backup, "2026-11-20T10:00:00Z"));
    auto state = ui.state();
    CHECK(state["screen"] == "settings");
    CHECK(state["history_count"] == 5);
    CHECK(state["backup"]["restore_ok"] == true);
    CHECK(has_text(state, "5 sessions added"));
    CHECK(state["text_size"] == 125);
    CHECK(state["level"] == "caution");
    // The sessions came from a backup: no reminder for them.
    CHECK(state["backup"]["not_in_backup"] == 0);
    // Stored: a reload has them.
    UiDriver reloaded(390, 844, 3, ui.services.storage_values.values);
    CHECK(reloaded.state()["history_count"] == 5);
    CHECK(reloaded.state()["text_size"] == 125);
}

TEST_CASE("Restore into a non-empty history merges: nothing here is dropped, nothing doubled", "[ui][backup]") {
    HistoryData here = history_of(4);              // s-2026-11-0..3
    HistoryData there = history_of(6);             // s-2026-11-0..5: 4 in common, 2 new
    for (const SessionRecord& r : history_of(3, "2026-10").records) insert_record(there, r);  // 3 more
    Settings mine;
    mine.voice = true;
    Stored stored = stored_history(here);
    stored.emplace(std::string(kSettingsKey), settings_to_json(mine));
    UiDriver ui(390, 844, 3, stored);
    Settings theirs;
    theirs.text_size_percent = 150;
    restore(ui, backup_text(there, theirs));
    auto state = ui.state();
    CHECK(state["history_count"] == 9);
    CHECK(has_text(state, "5 sessions added, 4 sessions already here"));
    CHECK(state["text_size"] == 100);  // the settings here are kept
    // Restoring the same file again changes nothing.
    restore(ui, backup_text(there, theirs));
    CHECK(ui.state()["history_count"] == 9);
    CHECK(has_text(ui.state(), "Nothing new"));
}

TEST_CASE("A damaged, a future-version, an oversized or a wrong file is explained and changes nothing", "[ui][backup]") {
    Stored stored = stored_history(history_of(3));
    UiDriver ui(390, 844, 3, stored);
    const auto before = ui.services.storage_values.values;
    std::string damaged = backup_text(history_of(6));
    damaged.replace(damaged.find("\"active_s\": 600"), 15, "\"active_s\": 601");
    std::string future = backup_text(history_of(6));
    future.replace(future.find("\"version\": 1"), 12, "\"version\": 2");
    struct Case {
        std::string text;
        bool too_large;
        std::string says;
    };
    for (const Case& c : {Case{damaged, false, "damaged or edited"}, Case{future, false, "made by a newer Calf Coach"},
                          Case{backup_text(history_of(6)).substr(0, 200), false, "not a readable backup"},
                          Case{"{\"hello\": 1}", false, "not a Calf Coach backup"}, Case{"", true, "too large"}}) {
        INFO(c.says);
        restore(ui, c.text, c.too_large);
        const auto state = ui.state();
        CHECK(state["backup"]["restore_ok"] == false);
        CHECK(state["backup"]["restore_message"].get<std::string>().find(c.says) != std::string::npos);
        CHECK(has_text(state, "Nothing was changed."));
        CHECK(state["history_count"] == 3);
        CHECK(ui.services.storage_values.values == before);
    }
}

TEST_CASE("A file dropped on another screen is restored there and Settings says how it went", "[ui][backup]") {
    UiDriver ui;
    ui::ReceivedFile file;
    file.text = backup_text(history_of(2));
    file.dropped = true;
    ui.app().file_received(std::move(file));
    ui.frame();
    ui.frame();
    CHECK(ui.state()["screen"] == "settings");
    CHECK(ui.state()["history_count"] == 2);
    REQUIRE(ui.tap("nav.back"));
    CHECK(ui.state()["screen"] == "home");
}

TEST_CASE("persist() is asked only after a session is saved, never at start-up", "[ui][backup]") {
    UiDriver ui;
    ui.advance(5000);
    REQUIRE(ui.tap("home.settings"));
    CHECK(has_text(ui.state(), "Not protected"));
    REQUIRE(ui.tap("nav.back"));
    CHECK(ui.services.persist_requests == 0);
    run_session(ui);
    CHECK(ui.services.persist_requests == 1);
    REQUIRE(ui.tap("nav.home"));
    run_session(ui);
    CHECK(ui.services.persist_requests == 1);  // once a visit

    SECTION("Settings says what the browser answered") {
        ui.services.persistence = ui::StoragePersistence::Persistent;
        REQUIRE(ui.tap("nav.home"));
        REQUIRE(ui.tap("home.settings"));
        CHECK(has_text(ui.state(), "Kept: this browser will not clear your data"));
        ui.services.persistence = ui::StoragePersistence::Unknown;
        ui.frame();
        CHECK(has_text(ui.state(), "unknown"));
    }
    SECTION("storage already kept: not asked") {
        UiDriver kept;
        kept.services.persistence = ui::StoragePersistence::Persistent;
        run_session(kept);
        CHECK(kept.services.persist_requests == 0);
    }
}

TEST_CASE("Home says where the history lives, once: in a frame or a Safari tab, never when installed", "[ui][backup]") {
    const std::string title = "Your history lives only in this browser";
    UiDriver ui;
    CHECK_FALSE(has_text(ui.state(), title));  // an ordinary tab in another browser
    ui.services.placement.webkit = true;
    ui.frame();
    CHECK(has_text(ui.state(), title));
    ui.services.placement.installed = true;
    ui.frame();
    CHECK_FALSE(has_text(ui.state(), title));
    ui.services.placement = {};
    ui.services.placement.framed = true;
    ui.frame();
    auto state = ui.state();
    REQUIRE(has_text(state, title));
    CHECK(has_text(state, "Install the app or save a backup."));
    REQUIRE(ui.tap("home.place.install"));
    CHECK(has_text(ui.state(), "Open Calf Coach in its own tab"));
    REQUIRE(ui.tap("home.place.backup"));
    REQUIRE(ui.services.downloads.size() == 1);
    CHECK(read_backup(ui.services.downloads.back().content).ok());
    REQUIRE(ui.tap("home.place.dismiss"));
    CHECK_FALSE(has_text(ui.state(), title));
    // Remembered: a reload in the same frame does not say it again.
    UiDriver reloaded(390, 844, 3, ui.services.storage_values.values);
    reloaded.services.placement.framed = true;
    reloaded.frame();
    CHECK_FALSE(has_text(reloaded.state(), title));
}

TEST_CASE("The reminder: after 10 sessions not in a backup, gone after one, again 10 later, off in Settings", "[ui][backup]") {
    const std::string reminder = "sessions are not in a backup yet. Save one";
    {
        UiDriver nine(390, 844, 3, stored_history(history_of(9)));
        CHECK_FALSE(has_text(nine.state(), reminder));
    }
    UiDriver ui(390, 844, 3, stored_history(history_of(10)));
    CHECK(has_text(ui.state(), "10 " + reminder));
    REQUIRE(ui.tap("home.reminder.backup"));
    CHECK(ui.services.downloads.size() == 1);
    CHECK_FALSE(has_text(ui.state(), reminder));
    CHECK(ui.item("home.reminder.backup").is_null());

    SECTION("dismissed: back after 10 more") {
        UiDriver other(390, 844, 3, stored_history(history_of(12)));
        REQUIRE(other.tap("home.reminder.dismiss"));
        CHECK_FALSE(has_text(other.state(), reminder));
        UiDriver reloaded(390, 844, 3, other.services.storage_values.values);
        CHECK_FALSE(has_text(reloaded.state(), reminder));
        HistoryData more = history_of(12);
        for (const SessionRecord& r : history_of(8, "2026-12").records) insert_record(more, r);
        Stored stored = other.services.storage_values.values;
        stored[std::string(kHistoryKeyA)] = encode_generation(more, 99);
        stored.erase(std::string(kHistoryKeyB));
        UiDriver later(390, 844, 3, stored);
        CHECK(has_text(later.state(), "20 " + reminder));
    }
    SECTION("off in Settings") {
        UiDriver other(390, 844, 3, stored_history(history_of(15)));
        CHECK(has_text(other.state(), reminder));
        REQUIRE(other.tap("home.settings"));
        REQUIRE(other.item("settings.backup_reminder")["checked"] == true);
        REQUIRE(other.tap("settings.backup_reminder"));
        CHECK(other.item("settings.backup_reminder")["checked"] == false);
        REQUIRE(other.tap("nav.back"));
        CHECK_FALSE(has_text(other.state(), reminder));
        CHECK(settings_from_json(*other.services.storage_values.get(kSettingsKey)).backup_reminder == false);
    }
}
