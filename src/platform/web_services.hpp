// web_services.hpp — the browser's implementation of ui::Services (web_services_web.cpp).
//
// Every browser API may be missing, denied or throw; each service then falls back to doing nothing
// (or to memory, for storage) and says so through status(). Nothing here throws or aborts.
//
// Page parameters read once at start:
//   ?timescale=N  1 to 600 (default 1): the app's monotonic clock, and the audio delays with it, run
//                 N times faster, for tests and demos. Anything else is ignored with a console.warn.
//   ?test=1       installs window.calfcoach.test (see docs/platform.md); the C hooks refuse otherwise.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/history.hpp"
#include "core/session.hpp"
#include "ui/services.hpp"

namespace calfcoach::platform {

// localStorage, with a memory fallback: when the start-up probe fails (denied, cross-site iframe)
// everything lives in memory; when a later write fails (quota) that key lives in a memory overlay
// that reads prefer, and persistent() turns false; a read that fails switches the rest of the visit
// to memory (so nothing read as "absent" is then written over). Writes that reach memory count as
// stored, so the history keeps what the person did for the rest of the visit.
class WebKeyValueStore final : public KeyValueStore {
public:
    WebKeyValueStore();
    std::optional<std::string> get(std::string_view key) override;
    bool set(std::string_view key, std::string_view value) override;
    bool remove(std::string_view key) override;
    [[nodiscard]] bool persistent() const { return local_storage_usable_ && overlay_.empty(); }
    [[nodiscard]] bool local_storage_usable() const { return local_storage_usable_; }

private:
    bool local_storage_usable_ = false;
    // Keys whose latest value could not reach localStorage; empty optional: removed.
    std::map<std::string, std::optional<std::string>, std::less<>> overlay_;
};

class WebServices final : public ui::Services {
public:
    // Reads the page parameters, probes storage and the device APIs, and registers the one-time
    // gesture listeners that unlock audio and vibration. Construct once, after the runtime is up.
    WebServices();
    WebServices(const WebServices&) = delete;
    WebServices& operator=(const WebServices&) = delete;

    // The app's monotonic clock in ms: performance.now(), run `timescale()` times faster since start
    // (equal to performance.now() at timescale 1). Use it for FrameContext::now_ms and the session.
    double monotonic_now_ms();
    [[nodiscard]] double timescale() const { return timescale_; }
    // True when the page was opened with ?test=1 (the test hooks work only then).
    [[nodiscard]] bool test_mode() const { return test_mode_; }

    // Time and place
    std::string wall_clock_iso() override;
    int utc_offset_minutes() override;

    // Storage
    KeyValueStore& storage() override { return storage_; }

    // Cues
    void set_cue_preferences(const ui::CuePreferences& preferences) override;
    void schedule_cues(const std::vector<Cue>& upcoming, std::int64_t now_ms) override;
    void cancel_cues() override;
    void cue_due(const Cue& cue) override;
    // The iPhone's audio session and the media controls (web_media_web.cpp).
    void set_audio_session(ui::AudioSessionType type) override;
    void set_media_session(const ui::MediaSessionInfo& info) override;

    // Device
    void set_keep_awake(bool keep_awake) override;
    bool download(std::string_view file_name, std::string_view mime_type, std::string_view content) override;
    PrintOutcome print_page(std::string_view html, std::string_view file_name) override;
    void open_link(std::string_view url) override;
    std::string app_address() override;
    bool prefers_reduced_motion() override;

    ui::ServiceStatus status() override;

    // Offline copy (issue 6): offered over http(s); the one-file page is the copy itself.
    OfflineCopy offline_copy() override;
    bool save_offline_copy() override;

    // Backups (backup_web.cpp): the share sheet, the file picker, storage persistence, placement.
    bool can_share_files() override;
    bool share_file(std::string_view file_name, std::string_view mime_type, std::string_view content) override;
    bool pick_backup_file() override;
    ui::StoragePersistence storage_persistence() override;
    void request_persistent_storage() override;
    ui::PagePlacement page_placement() override;

    // Embedding: to the host origin only (platform/embed.hpp); nothing without a valid host.
    void notify_host(const ui::HostEvent& event) override;

private:
    WebKeyValueStore storage_;
    double timescale_ = 1.0;
    bool test_mode_ = false;
};

// The one instance of the page, made on first use (defined in main_web.cpp, which owns the shell).
WebServices& web_services();

// ?test=1 only: adds window.calfcoach.test (test_hooks_web.cpp, docs/platform.md) to the automation
// surface, which must be installed first. Does nothing otherwise.
void install_test_hooks();

}  // namespace calfcoach::platform
