// fake_services.hpp — ui::Services in memory for the native UI tests: every call is recorded, so a
// test can assert what the UI asked of the device (cues scheduled and played, keep-awake changes,
// downloads, links), and each service can be made unavailable to test the fallbacks.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/history.hpp"
#include "core/session.hpp"
#include "ui/services.hpp"

namespace calfcoach::ui::testing {

class FakeServices final : public Services {
public:
    struct ScheduleCall {
        std::vector<Cue> cues;
        std::int64_t now_ms = 0;
    };
    struct Download {
        std::string file_name, mime_type, content;
    };

    //-- What the fake answers (set these in a test) ---------------------------------------------
    std::string wall_clock = "2026-11-21T08:30:00Z";
    int utc_offset = 0;
    bool reduced_motion = false;
    bool download_succeeds = true;
    // What print_page answers: Printing (a page that can print), Downloaded (a clinic's frame: then
    // it goes through download() as the web services do), Failed. Default: Printing
    PrintOutcome print_outcome = PrintOutcome::Printing;
    ServiceStatus device_status;  // storage_persistent is also turned false by storage.refuse_writes
    MemoryKeyValueStore storage_values;

    //-- What the UI did (read these in a test) ---------------------------------------------------
    CuePreferences preferences;
    std::vector<ScheduleCall> schedule_calls;
    std::vector<Cue> scheduled;  // the cues currently scheduled ahead (after the last schedule/cancel)
    int cancel_calls = 0;
    std::vector<Cue> due;                 // every cue_due, in order
    std::vector<bool> keep_awake_changes; // every set_keep_awake argument, in order
    bool keep_awake = false;
    std::vector<Download> downloads;
    std::vector<std::string> printed;     // every page print_page printed, in order
    std::vector<std::string> links;
    std::vector<HostEvent> host_events;   // every notify_host, in order
    std::vector<AudioSessionType> audio_session_changes;  // every set_audio_session, in order
    AudioSessionType audio_session = AudioSessionType::Auto;
    std::vector<MediaSessionInfo> media_session_changes;  // every set_media_session, in order
    MediaSessionInfo media_session;                       // the last one (inactive before any)

    std::string wall_clock_iso() override { return wall_clock; }
    int utc_offset_minutes() override { return utc_offset; }
    KeyValueStore& storage() override { return storage_values; }

    void set_cue_preferences(const CuePreferences& p) override { preferences = p; }
    void schedule_cues(const std::vector<Cue>& upcoming, std::int64_t now_ms) override {
        schedule_calls.push_back({upcoming, now_ms});
        scheduled = upcoming;
    }
    void cancel_cues() override {
        ++cancel_calls;
        scheduled.clear();
    }
    void cue_due(const Cue& cue) override { due.push_back(cue); }
    void set_audio_session(AudioSessionType type) override {
        audio_session_changes.push_back(type);
        audio_session = type;
    }
    void set_media_session(const MediaSessionInfo& info) override {
        media_session_changes.push_back(info);
        media_session = info;
    }

    void set_keep_awake(bool on) override {
        keep_awake_changes.push_back(on);
        keep_awake = on;
    }
    bool download(std::string_view file_name, std::string_view mime_type, std::string_view content) override {
        if (!download_succeeds) return false;
        downloads.push_back({std::string(file_name), std::string(mime_type), std::string(content)});
        return true;
    }
    PrintOutcome print_page(std::string_view html, std::string_view file_name) override {
        if (print_outcome == PrintOutcome::Printing) {
            printed.emplace_back(html);
            return PrintOutcome::Printing;
        }
        if (print_outcome == PrintOutcome::Downloaded)
            return download(file_name, "text/html", html) ? PrintOutcome::Downloaded : PrintOutcome::Failed;
        return PrintOutcome::Failed;
    }
    void open_link(std::string_view url) override { links.emplace_back(url); }
    std::string app_address() override { return "https://calfcoach.example/"; }
    bool prefers_reduced_motion() override { return reduced_motion; }

    ServiceStatus status() override {
        ServiceStatus current = device_status;
        if (storage_values.refuse_writes) current.storage_persistent = false;
        return current;
    }

    // Offline copy: what offline_copy() answers, whether saving works, and how often it was asked.
    OfflineCopy offline_copy_answer = OfflineCopy::Offered;
    bool save_offline_copy_succeeds = true;
    int save_offline_copy_calls = 0;
    OfflineCopy offline_copy() override { return offline_copy_answer; }
    bool save_offline_copy() override {
        ++save_offline_copy_calls;
        return offline_copy_answer == OfflineCopy::Offered && save_offline_copy_succeeds;
    }

    void notify_host(const HostEvent& event) override { host_events.push_back(event); }

    // Backups and storage: what the fake answers, and what the UI asked. A shared file or a chosen
    // file comes back only when the test hands it to the App (App::file_shared, App::file_received).
    bool can_share = false;
    bool share_starts = true;
    bool picker_opens = true;
    StoragePersistence persistence = StoragePersistence::BestEffort;
    PagePlacement placement;
    std::vector<Download> shared;   // every file share_file was given (when it started)
    int pick_calls = 0;
    int persist_requests = 0;
    bool can_share_files() override { return can_share; }
    bool share_file(std::string_view file_name, std::string_view mime_type, std::string_view content) override {
        if (!can_share || !share_starts) return false;
        shared.push_back({std::string(file_name), std::string(mime_type), std::string(content)});
        return true;
    }
    bool pick_backup_file() override {
        ++pick_calls;
        return picker_opens;
    }
    StoragePersistence storage_persistence() override { return persistence; }
    void request_persistent_storage() override { ++persist_requests; }
    PagePlacement page_placement() override { return placement; }

    // True when a cue with this id was due (played) at least once.
    [[nodiscard]] bool was_due(std::string_view id) const {
        for (const Cue& cue : due)
            if (cue.id == id) return true;
        return false;
    }
};

}  // namespace calfcoach::ui::testing
