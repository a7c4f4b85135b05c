// screen_backup.cpp — a history that outlives the browser (issue 16): saving a backup file (a download,
// or the share sheet on phones), restoring one (the picker, or a file dropped on the page), asking the
// browser to keep the storage, and Home's two notes: where the history lives (once) and the reminder
// after every 10 sessions not in a backup yet. The file itself is core/backup.hpp's.
//
// [SECTION] Marks: the last backup, what was dismissed
// [SECTION] Saving
// [SECTION] Restoring
// [SECTION] Settings: "Your data"
// [SECTION] Home: the notes
#include <algorithm>
#include <set>
#include <string>

#include <nlohmann/json.hpp>

#include "core/json_safe.hpp"
#include "core/plain_words.hpp"
#include "imgui.h"
#include "ui/app.hpp"
#include "ui/app_storage_keys.hpp"

namespace calfcoach::ui {
namespace {

constexpr int kReminderEvery = 10;  // sessions not in a backup before Home reminds the person
constexpr const char* kBackupMime = "application/json";

}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] Marks
//-----------------------------------------------------------------------------
void App::load_backup_marks() {
    backup_marks_ = BackupMarks{};
    const auto stored = services_.storage().get(kBackupMarksKey);
    if (!stored) return;
    // Forgiving, field by field (and no .value(): the wasm has no exceptions): a bad field is a default.
    const JsonParseResult parsed = parse_json_limited(*stored, JsonLimits{4 * 1024, 2});
    if (!parsed.ok || !parsed.value.is_object()) return;
    const nlohmann::json& j = parsed.value;
    if (const auto it = j.find("last_at"); it != j.end() && it->is_string() && is_iso_utc_timestamp(it->get<std::string>()))
        backup_marks_.last_at = it->get<std::string>();
    if (const auto it = j.find("reminder_dismissed_at"); it != j.end() && it->is_number_integer()) {
        const auto value = it->get<long long>();
        if (value >= 0 && value <= 1'000'000) backup_marks_.reminder_dismissed_at = static_cast<int>(value);
    }
    if (const auto it = j.find("place_notice_dismissed"); it != j.end() && it->is_boolean())
        backup_marks_.place_notice_dismissed = it->get<bool>();
}

void App::save_backup_marks() {
    const nlohmann::json j = {{"v", 1},
                              {"last_at", backup_marks_.last_at},
                              {"reminder_dismissed_at", backup_marks_.reminder_dismissed_at},
                              {"place_notice_dismissed", backup_marks_.place_notice_dismissed}};
    services_.storage().set(kBackupMarksKey, dump_json(j));  // memory at worst: the notes come back next visit
}

// Sessions started after the last backup (all of them before any). Timestamps are fixed-width ISO
// UTC, so text order is time order.
int App::sessions_not_in_backup() const {
    const auto& records = history_.data().records;
    if (backup_marks_.last_at.empty()) return static_cast<int>(records.size());
    return static_cast<int>(std::count_if(records.begin(), records.end(), [this](const SessionRecord& record) {
        return record.started_at > backup_marks_.last_at;
    }));
}

//-----------------------------------------------------------------------------
// [SECTION] Saving
//-----------------------------------------------------------------------------
Backup App::current_backup(bool for_merge) const {
    Backup backup;
    backup.history = history_.data();
    // Settings never stored are the defaults, not a choice: a restore into this browser takes the backup's.
    if (!for_merge || services_.storage().get(kSettingsKey)) backup.settings = settings_;
    if (programme_) backup.programme = BackupProgramme{programme_->code, programme_->kept_on};
    if (safety_result_ && is_iso_utc_timestamp(safety_checked_at_))
        backup.last_safety = SafetyFacts{safety_result_->level, safety_checked_at_};
    return backup;
}

void App::backup_made(const std::string& created_at) {
    backup_marks_.last_at = created_at;
    backup_marks_.reminder_dismissed_at = 0;
    save_backup_marks();
}

void App::save_backup() {
    const std::string now_iso = services_.wall_clock_iso();
    const std::string text = write_backup(current_backup(false), now_iso);
    const std::string name = backup_file_name(today().value_or(CalendarDate{}));
    if (services_.download(name, kBackupMime, text)) {
        backup_outcome_ = 1;
        backup_made(now_iso);
    } else {
        backup_outcome_ = -1;
    }
}

void App::share_backup() {
    const std::string now_iso = services_.wall_clock_iso();
    const std::string text = write_backup(current_backup(false), now_iso);
    const std::string name = backup_file_name(today().value_or(CalendarDate{}));
    if (services_.share_file(name, kBackupMime, text)) {
        backup_outcome_ = 2;  // the sheet is open; file_shared says how it ended
        pending_share_at_ = now_iso;
    } else {
        backup_outcome_ = -1;
    }
}

void App::file_shared(ShareOutcome outcome) { share_outcomes_.push_back(outcome); }

void App::ask_to_keep_storage() {
    // Once a visit, only where it can help (real storage that is not kept yet).
    if (persist_asked_ || !services_.status().storage_persistent ||
        services_.storage_persistence() == StoragePersistence::Persistent)
        return;
    persist_asked_ = true;
    services_.request_persistent_storage();
}

//-----------------------------------------------------------------------------
// [SECTION] Restoring
//-----------------------------------------------------------------------------
void App::file_received(ReceivedFile file) { received_files_.push_back(std::move(file)); }

void App::apply_received_files() {
    for (const ShareOutcome outcome : share_outcomes_) {
        if (outcome == ShareOutcome::Shared) {
            backup_outcome_ = 3;
            backup_made(pending_share_at_);
        } else {
            backup_outcome_ = outcome == ShareOutcome::Cancelled ? 4 : -1;
        }
    }
    share_outcomes_.clear();
    if (received_files_.empty()) return;
    // Never in the middle of a check or a session: a dropped file waits for the person to be done.
    const bool busy = screen_ == Screen::SafetyConfirm || screen_ == Screen::SafetyQuestion || screen_ == Screen::Prepare ||
                      screen_ == Screen::Player || screen_ == Screen::Resume || content_pending_ || routine_ == nullptr;
    if (busy) return;
    std::vector<ReceivedFile> files = std::move(received_files_);
    received_files_.clear();
    if (screen_ != Screen::Settings) {  // where the result is said (a file dropped on another screen)
        back_stack_ = {Screen::Home};
        navigate(Screen::Settings, false);
    }
    for (const ReceivedFile& file : files) restore_from(file);
    announce(restore_message_);
}

void App::restore_from(const ReceivedFile& file) {
    restore_ok_ = false;
    const std::string nothing = " Nothing was changed.";
    if (file.too_large) {
        restore_message_ = "This file is too large to be a Calf Coach backup (over 4 MB)." + nothing;
        return;
    }
    if (!file.error.empty()) {
        restore_message_ = "The file could not be read: " + file.error + "." + nothing;
        return;
    }
    const BackupReadResult read = read_backup(file.text);
    if (!read.ok()) {
        restore_message_ = "This file cannot be restored: " + read.message + "." + nothing;
        return;
    }
    if (history_.read_only()) {
        restore_message_ = "The history here was saved by a newer version of Calf Coach: update the app first." + nothing;
        return;
    }
    const RestoreResult merged = merge_backup_into(current_backup(true), *read.backup);
    // The history first: if it cannot be stored, nothing else is taken either.
    const HistorySaveResult saved = history_.replace_all(merged.state.history);
    if (!saved.ok) {
        restore_message_ = "The backup could not be stored here (" + saved.error + ")." + nothing;
        return;
    }
    if (merged.summary.settings_taken && merged.state.settings) {
        settings_ = *merged.state.settings;
        preset_choice_ = static_cast<int>(settings_.default_preset);
        leg_choice_ = settings_.first_leg == Side::Left ? 0 : 1;
        save_settings();
    }
    if (merged.summary.programme_taken && merged.state.programme) {
        services_.storage().set(kProgrammeKey, programme_to_stored(*merged.state.programme));
        load_programme();
    }
    if (merged.summary.last_safety_taken && merged.state.last_safety) {
        services_.storage().set(kLastSafetyKey, safety_facts_to_stored(*merged.state.last_safety));
        safety_result_ = TriageResult{merged.state.last_safety->level, {}};
        safety_checked_at_ = merged.state.last_safety->checked_at;
    }
    // The sessions up to the backup's time are in that file now, unless this browser had some it lacked.
    if (is_iso_utc_timestamp(read.created_at) && read.created_at > backup_marks_.last_at) {
        std::set<std::string> in_file;
        for (const SessionRecord& record : read.backup->history.records) in_file.insert(record.id);
        bool all_in_file = true;
        for (const SessionRecord& record : history_.data().records)
            if (record.started_at <= read.created_at && !in_file.contains(record.id)) all_in_file = false;
        if (all_in_file) {
            backup_marks_.last_at = read.created_at;
            save_backup_marks();
        }
    }
    restore_ok_ = true;
    restore_message_ = restore_summary_text(merged.summary);
}

//-----------------------------------------------------------------------------
// [SECTION] Settings: "Your data"
//-----------------------------------------------------------------------------
void App::draw_backup_settings() {
    subheading(draw_, "Your data");
    paragraph(draw_, "Your history, settings and programme are kept in this browser only. A backup is one file you "
                     "keep: restore it here after clearing the browser, or open it on a new phone.",
              true);
    std::string last = "No backup saved yet.";
    if (const auto day = parse_calendar_date(local_date(backup_marks_.last_at, services_.utc_offset_minutes())))
        last = "Last backup: " + date_words(*day) + ".";
    const int waiting = sessions_not_in_backup();
    if (waiting > 0) last += " " + std::to_string(waiting) + (waiting == 1 ? " session is" : " sessions are") + " not in a backup yet.";
    paragraph(draw_, last.c_str(), true);
    if (button(draw_, "settings.backup.save", "Save a backup", ButtonStyle::Outline)) save_backup();
    if (services_.can_share_files() &&
        button(draw_, "settings.backup.share", "Send to another device", ButtonStyle::Outline))
        share_backup();
    switch (backup_outcome_) {
        case 1: paragraph(draw_, "Saved as a file in your downloads. Keep it somewhere safe.", true); break;
        case 2: paragraph(draw_, "Choose where to send the backup\xE2\x80\xA6", true); break;
        case 3: paragraph(draw_, "Backup sent.", true); break;
        case 4: paragraph(draw_, "Not sent: the backup was not shared.", true); break;
        case -1: paragraph(draw_, "This browser refused to save the backup."); break;
        default: break;
    }
    vertical_space(draw_, 4);
    if (button(draw_, "settings.backup.restore", "Restore from a backup", ButtonStyle::Outline) &&
        !services_.pick_backup_file()) {
        restore_ok_ = false;
        restore_message_ = "This browser cannot open files here.";
    }
    paragraph(draw_, "Restoring adds the backup's sessions to those here: nothing here is removed. On a computer you "
                     "can also drop the file on this page.",
              true);
    if (!restore_message_.empty()) paragraph(draw_, restore_message_.c_str(), restore_ok_);
    if (toggle_row(draw_, "settings.backup_reminder", "Remind me to save a backup", &settings_.backup_reminder)) save_settings();
    if (services_.status().storage_persistent) {
        switch (services_.storage_persistence()) {
            case StoragePersistence::Persistent:
                paragraph(draw_, "Kept: this browser will not clear your data under storage pressure.", true);
                break;
            case StoragePersistence::BestEffort:
                paragraph(draw_, "Not protected: the browser may clear your data when the device runs short of space. "
                                 "A backup keeps it safe.",
                          true);
                break;
            case StoragePersistence::Unknown:
                paragraph(draw_, "Whether this browser keeps your data is unknown: a backup keeps it safe.", true);
                break;
        }
    }
    vertical_space(draw_, 8);
}

//-----------------------------------------------------------------------------
// [SECTION] Home: the notes
//-----------------------------------------------------------------------------
void App::draw_backup_notices() {
    const PagePlacement place = services_.page_placement();
    // Where storage is most fragile (a Safari tab's 7-day rule, a clinic's frame), said once.
    if (!place.installed && (place.framed || place.webkit) && !backup_marks_.place_notice_dismissed) {
        subheading(draw_, "Your history lives only in this browser");
        paragraph(draw_, "Install the app or save a backup.", true);
        const float gap = draw_.px(10);
        const float half = (ImGui::GetContentRegionAvail().x - gap) * 0.5f;
        if (button(draw_, "home.place.backup", "Save a backup", ButtonStyle::Outline, half)) save_backup();
        ImGui::SameLine(0, gap);
        if (button(draw_, "home.place.install", "Install", ButtonStyle::Outline, half)) install_help_open_ = !install_help_open_;
        if (backup_outcome_ == 1) paragraph(draw_, "Saved as a file in your downloads.", true);
        else if (backup_outcome_ == -1) paragraph(draw_, "This browser refused to save the backup.");
        if (install_help_open_) {
            if (place.framed)
                paragraph(draw_, "This page shows Calf Coach inside another site. Open Calf Coach in its own tab, then "
                                 "install it from there, and restore your backup in it.",
                          true);
            paragraph(draw_, place.webkit ? "On iPhone or iPad: tap Share, then \"Add to Home Screen\". Open Calf Coach "
                                            "from its icon: the browser then keeps its data."
                                          : "In the browser's menu, choose \"Install\" (or \"Add to Home screen\"), then "
                                            "open Calf Coach from its icon.",
                      true);
        }
        if (button(draw_, "home.place.dismiss", "Not now", ButtonStyle::Quiet)) {
            backup_marks_.place_notice_dismissed = true;
            install_help_open_ = false;
            save_backup_marks();
        }
        vertical_space(draw_, 8);
    }
    const int waiting = sessions_not_in_backup();
    if (settings_.backup_reminder && waiting >= kReminderEvery &&
        waiting / kReminderEvery > backup_marks_.reminder_dismissed_at / kReminderEvery) {
        const std::string line = std::to_string(waiting) + " sessions are not in a backup yet. Save one to keep them "
                                                           "safe if this browser is cleared.";
        paragraph(draw_, line.c_str());
        if (button(draw_, "home.reminder.backup", "Save a backup", ButtonStyle::Outline)) save_backup();
        if (button(draw_, "home.reminder.dismiss", "Not now", ButtonStyle::Quiet)) {
            backup_marks_.reminder_dismissed_at = waiting;
            save_backup_marks();
        }
        vertical_space(draw_, 8);
    }
}

}  // namespace calfcoach::ui
