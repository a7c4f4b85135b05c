// services.hpp — what the UI asks of the device, implemented once per platform (Tracy-style seam):
// src/platform/web_services_web.cpp in the browser, tests/ui/fake_services.hpp in the native tests.
// The UI never knows how a service is done; every service may be missing (no audio, no wake lock,
// no vibration, blocked storage) and then does nothing, safely, and says so through its status.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/calendar_date.hpp"
#include "core/history.hpp"  // KeyValueStore, local_date
#include "core/safety_level.hpp"  // HostEvent
#include "core/session.hpp"  // Cue

namespace calfcoach::ui {

// How cues reach the person. Set from the settings whenever they change.
struct CuePreferences {
    bool sound = true;       // Web Audio tones. Default: on
    float volume = 0.8f;     // 0 to 1. Default: 0.8
    bool voice = false;      // speechSynthesis reads the cue's words. Default: off
    bool vibration = true;   // navigator.vibrate patterns, where the device has it. Default: on
};

// What the device could do, for Settings and notices. Each field: true when available.
struct ServiceStatus {
    bool storage_persistent = true;  // false: blocked or full; history lives in memory only
    bool audio = true;
    bool speech = true;
    bool vibration = true;       // false also where navigator.vibrate exists but does nothing (Firefox for Android)
    bool wake_lock = true;
    bool audio_session = true;   // navigator.audioSession (Safari 16.4+): cues can play with the silent switch on
    bool media_session = true;   // navigator.mediaSession: lock screen, headset and notification controls
};

// How the page's sound mixes with the rest of the device (navigator.audioSession, iPhone and iPad).
//   Auto      the browser decides: on an iPhone the silent switch mutes the cues and other audio
//             (the person's music) goes on. Default.
//   Playback  like a music app: cues sound with the silent switch on and with the screen locked, and
//             other audio is paused, so the UI asks for it only while a session plays.
enum class AudioSessionType { Auto, Playback };

// What the lock screen, a headset's buttons or the system's media notification show and control
// while a session is on the player (navigator.mediaSession). Compared whole: the UI sends it again
// only when a field changed.
struct MediaSessionInfo {
    bool active = false;   // a session is on the player; false: metadata, state and handlers cleared (default)
    std::string title;     // the phase's title, as state().session.title: "Warm-up circles", "Get ready"
    std::string artist;    // the leg: "Left leg", "Right leg" (the leg next in get ready and switch legs)
    bool playing = false;  // true: "playing"; false: "paused" (default)
    bool operator==(const MediaSessionInfo&) const = default;
};

// The media controls' buttons, handed back by the platform (App::media_action).
enum class MediaAction { Play, Pause, NextTrack, PreviousTrack };

// Whether the browser has promised to keep this site's storage (navigator.storage.persisted()).
//   Unknown     the browser does not say (navigator.storage missing, e.g. an old Safari), or has not
//               answered yet. Default.
//   Persistent  it will not clear it under storage pressure (the person may still clear it).
//   BestEffort  it may clear it when the device runs short of space, or after a while unused.
enum class StoragePersistence { Unknown, Persistent, BestEffort };

// How the page is being used, for where the history lives (docs/platform.md, "Where your data lives").
struct PagePlacement {
    // An installed app: display-mode standalone (or fullscreen, minimal-ui), or navigator.standalone
    // on an iPhone's Home Screen. Default: false
    bool installed = false;
    // Inside another page's frame (a clinic's site): storage is kept per embedding site. Default: false
    bool framed = false;
    // Safari or another WebKit browser (every browser on iPhone and iPad): in a tab, it deletes a
    // site's storage after 7 days of browsing without a visit. Default: false
    bool webkit = false;
};

// The outcome of a file handed to the system's share sheet (navigator.share), reported later.
enum class ShareOutcome {
    Shared,     // the person chose where it went
    Cancelled,  // they closed the sheet (AbortError)
    Failed,     // the browser refused (no permission, a file type it will not share)
};

// A file the person chose in the picker or dropped on the page, as the platform read it.
struct ReceivedFile {
    std::string name;        // its name, as the browser gives it. Default: empty
    std::string text;        // its content, read as UTF-8. Default: empty (too_large or error)
    bool too_large = false;  // over kBackupMaxBytes (core/backup.hpp): not read at all. Default: false
    std::string error;       // the browser could not read it: why. Default: empty (read)
    bool dropped = false;    // dropped on the page rather than chosen in the picker. Default: false
};

// Who takes what the file picker, a drop on the page and the share sheet hand back, later: the patient
// app (backups) and the clinic kit (content files). The platform calls it, then draws a frame.
class FileReceiver {
public:
    virtual ~FileReceiver() = default;
    virtual void file_received(ReceivedFile file) = 0;
    // Default: the app shares no files.
    virtual void file_shared(ShareOutcome /*outcome*/) {}
};

// What the embedding page (a clinic's website) is told, docs/embedding.md. Only what the host needs to
// keep its own record or offer help: never the safety answers, never pain scores.
enum class HostEventKind {
    Ready,            // the app is showing its first screen with its final content
    SafetyResult,     // a safety check finished: the level only
    SessionComplete,  // a session reached its end screen: active time, legs, how it ended
    ContactClinic,    // the person pressed "Call <clinic>"
};
struct HostEvent {
    HostEventKind kind = HostEventKind::Ready;
    SafetyLevel level = SafetyLevel::Ok;  // SafetyResult (default Ok)
    std::int64_t duration_s = 0;          // SessionComplete: active massage time in seconds (default 0)
    // Fixed identifiers (string literals), never free text:
    const char* legs = "";                // SessionComplete: "both", "left", "right" or "none" (default "")
    const char* ended = "";               // SessionComplete: "completed", "early" or "pain_stop" (default "")
};

class Services {
public:
    virtual ~Services() = default;

    //-- Time and place -------------------------------------------------------------------------
    // Wall-clock time now as ISO 8601 UTC ("2026-11-21T08:30:00Z"), for history records.
    virtual std::string wall_clock_iso() = 0;
    // Minutes to add to UTC to get local time (e.g. +60 in Paris in winter), for "today" and streaks.
    virtual int utc_offset_minutes() = 0;

    //-- Storage --------------------------------------------------------------------------------
    // Key-value strings (localStorage in the browser). Falls back to memory when storage is blocked
    // or full: status().storage_persistent then turns false, and nothing the user did is lost.
    virtual KeyValueStore& storage() = 0;

    //-- Cues -----------------------------------------------------------------------------------
    virtual void set_cue_preferences(const CuePreferences& preferences) = 0;
    // Replaces every cue scheduled ahead with these (times on the same monotonic clock as
    // FrameContext::now_ms). Sounds are placed on the audio clock so they play while the page sleeps.
    virtual void schedule_cues(const std::vector<Cue>& upcoming, std::int64_t now_ms) = 0;
    virtual void cancel_cues() = 0;
    // A cue whose time has come (from Session::update): speech and vibration happen now; the tone
    // plays now unless it was already scheduled ahead under the same id.
    virtual void cue_due(const Cue& cue) = 0;
    // Auto or Playback (see AudioSessionType); sent when it changes. Does nothing without the API.
    virtual void set_audio_session(AudioSessionType type) = 0;
    // The media controls: metadata, playback state and the play/pause/next/previous handlers, which
    // come back as App::media_action. Sent when the info changes; inactive clears everything.
    // The platform also keeps the audio output alive (an inaudible tone) while a session plays and
    // the page is hidden, so a locked iPhone keeps playing the cues.
    virtual void set_media_session(const MediaSessionInfo& info) = 0;

    //-- Device ---------------------------------------------------------------------------------
    // Keep the screen on while a session plays (Screen Wake Lock); re-acquired when the page returns.
    virtual void set_keep_awake(bool keep_awake) = 0;
    // Offers a file to save (History export). Returns false when the browser refused.
    virtual bool download(std::string_view file_name, std::string_view mime_type, std::string_view content) = 0;
    // Prints a page made for paper (the handout) with the browser's own print. Where this page cannot
    // print (inside a clinic's sandboxed frame) it downloads the page as `file_name`, to open and print
    // from there. Failed: neither worked.
    enum class PrintOutcome { Printing, Downloaded, Failed };
    virtual PrintOutcome print_page(std::string_view html, std::string_view file_name) = 0;
    // Opens a link: tel: for the call buttons, https: for sources (new tab).
    virtual void open_link(std::string_view url) = 0;
    // The address the app runs at, without its query or fragment ("https://calfcoach.example/", the
    // one-file page's file: URL), for links back to it such as a calendar reminder's.
    virtual std::string app_address() = 0;
    // The system's reduced-motion preference, the default for the setting.
    virtual bool prefers_reduced_motion() = 0;

    virtual ServiceStatus status() = 0;

    //-- Offline copy (issue 6) -------------------------------------------------------------------
    // The one-file page calfcoach-offline.html, served beside index.html, runs with no network when
    // opened from the device's files. Offered: this page can download it; ThisIsIt: this page is that
    // copy (nothing to fetch); Unavailable: neither (e.g. a page opened from disk that is not the copy).
    enum class OfflineCopy { Offered, ThisIsIt, Unavailable };
    virtual OfflineCopy offline_copy() = 0;
    // Starts the download of the one-file page. Returns false when that is not possible (not
    // Offered, no connection, the browser refused).
    virtual bool save_offline_copy() = 0;

    //-- Backups and storage (issue 16) -----------------------------------------------------------
    // True where the browser can hand a file to the system's share sheet (navigator.canShare with a
    // file: phones, mostly); elsewhere the backup is a download.
    virtual bool can_share_files() = 0;
    // Offers the file to the share sheet. The outcome comes back later through App::file_shared.
    // False (and nothing comes back) when sharing could not start.
    virtual bool share_file(std::string_view file_name, std::string_view mime_type, std::string_view content) = 0;
    // Opens the browser's file picker for a backup (.json). The chosen file comes back later through
    // App::file_received (a closed picker sends nothing). False: no picker could be opened.
    virtual bool pick_backup_file() = 0;
    // What the browser said about keeping this site's storage (cached: the browser answers later).
    virtual StoragePersistence storage_persistence() = 0;
    // Asks the browser to keep the storage (navigator.storage.persist()). Only after the person has
    // used the app (a saved session): some browsers ask them, and asking at start-up is refused.
    virtual void request_persistent_storage() = 0;
    virtual PagePlacement page_placement() = 0;

    //-- Embedding ------------------------------------------------------------------------------
    // Tells the embedding page what happened (a no-op when the app is not embedded with a valid host).
    virtual void notify_host(const HostEvent& event) = 0;
};

// The person's local date now (the wall clock at the device's UTC offset); nullopt when the clock
// gives no readable time. What "today" means for a programme's dates, in the app and the kit alike.
inline std::optional<CalendarDate> local_today(Services& services) {
    return parse_calendar_date(local_date(services.wall_clock_iso(), services.utc_offset_minutes()));
}

}  // namespace calfcoach::ui
