// app.hpp — the Calf Coach user interface: screens, navigation, the session player, and the
// exported state. Knows ImGui, never the browser: the platform feeds it time, size and input,
// draws its output, and provides device services through ui::Services.
//
// The screens live in their own files (screen_*.cpp), all members of App, sharing its state.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "core/backup.hpp"
#include "core/content.hpp"
#include "core/history.hpp"
#include "core/launch_options.hpp"
#include "core/prescription.hpp"
#include "core/session.hpp"
#include "core/settings.hpp"
#include "core/triage.hpp"
#include "core/triage_pages.hpp"
#include "core/triage_recheck.hpp"
#include "ui/services.hpp"
#include "ui/shell_app.hpp"
#include "ui/widgets.hpp"

struct ImFontAtlas;

namespace calfcoach::ui {

enum class Screen {
    Home,
    SafetyConfirm,   // "nothing has changed" within 24 h of an ok/caution result
    SafetyQuestion,  // a page of related signs (core/triage_pages.hpp): mark any, or "None of these"
    SafetyResult,
    Prepare,         // checklist, preset, leg order, pain now
    Player,          // get ready, steps, switch legs
    Done,
    Resume,          // a session interrupted by a reload or a closed tab
    Techniques,
    Learn,
    History,
    Settings,
    ContentError,    // the content failed its checks: no session can start
    Programme,       // a programme link was opened: what it holds, keep it or not (or why it is damaged)
};
std::string_view to_string(Screen screen);

// The iframe never gets shorter than a phone's usable height or taller than a long page.
inline constexpr int kEmbedMinHeightCss = 480;
inline constexpr int kEmbedMaxHeightCss = 2000;
// content=inline: how long the app waits for the host page's content message (on its own clock).
inline constexpr double kInlineContentWaitMs = 10'000;

class App : public ShellApp, public FileReceiver {
public:
    explicit App(Services& services);

    // Scale changes (device pixel ratio, text size) need new fonts: the platform checks fonts_dirty()
    // before a frame, calls rebuild_fonts(), then recreates its font texture.
    void set_device_pixel_ratio(float dpr) override;
    [[nodiscard]] bool fonts_dirty() const override { return fonts_dirty_; }
    void rebuild_fonts(ImFontAtlas& atlas) override;

    // Draws one frame between ImGui::NewFrame() and ImGui::Render().
    FrameResult frame(const FrameContext& context) override;

    //-- Embedding in a clinic's page (docs/embedding.md); called by the platform before the first frame.
    // Clinic name, accent and phone. Returns warnings for the console (e.g. the accent was darkened).
    std::vector<std::string> set_launch_options(const LaunchOptions& options);
    // The clinic's content file is being fetched: a loading line instead of any screen until one of
    // the two below, so no check or session ever starts on content about to be replaced.
    void set_clinic_content_pending();
    // content=inline: the clinic's content comes by message from the host page (embed.js). Pending
    // as above until the first bundle arrives, or kInlineContentWaitMs of the frames' clock pass: then
    // the built-in content runs with the notice "The clinic's content did not arrive".
    void wait_for_inline_content();
    // The fetched file or a host's message, checked like any content. Invalid: the built-in content
    // runs and the errors are shown under a notice on Home (for the clinic); so is a file with letters
    // the app's font cannot show, since every word of a safety question must be readable. Returns the
    // errors (empty when used). It may come again (a live preview sends each change): the content is
    // replaced in place on Home, Techniques, Learn, History, Settings, Done and the programme screen.
    // A safety check or "Before you start" was built on the old content: it ends, back to Home. A
    // session on the player is paused and saved as if the page had closed, then Home, which offers
    // to resume it if it fits the new routine (a saved session that does not fit is kept, not offered).
    std::vector<std::string> use_clinic_content(std::string_view bundle_text);
    // A bundle of `bytes` bytes, over kClinicContentMaxBytes, refused unread: as an invalid one.
    std::vector<std::string> clinic_content_too_large(std::size_t bytes);
    // The file could not be fetched (network, CORS, HTTP status): the built-in content, with a notice.
    void clinic_content_failed(const std::string& why);

    // The page's address fragment (location.hash), at start or when it changes: a "#rx=" programme
    // code is offered on the programme screen by the next frame that has the final content (a damaged
    // one is explained there). Returns whether it held one: the platform then removes it from the
    // address bar, so the programme is not left in the browser's history.
    bool receive_programme_link(std::string_view fragment);

    //-- A clinic's live preview (app_preview.cpp): the clinic kit's preview jumps to a screen.
    enum class PreviewScreen { Home, SafetyCheck, SafetyResult, Player, Done };
    // "home", "safety", "result", "player", "done" -> the screen; anything else -> nullopt.
    static std::optional<PreviewScreen> preview_screen_from_name(std::string_view name);
    // From the kit's page only (the platform takes it from a host on this app's own origin, which
    // could script the app anyway: no clinic's page elsewhere can skip the check with it). Shows the
    // screen as a patient reaches it (an all-clear check; the first step, paused; a finished session),
    // and shows it again after each new content. From the first call on, the app keeps nothing (no
    // history, safety answers, session or settings): it is a preview.
    void show_preview(PreviewScreen screen);

    // The page is being hidden or closed: save what is in progress.
    void on_page_hide(double now_ms) override;

    // While the page is hidden no frames come, so the platform calls this from a timer (browsers
    // still run those, throttled to once a minute at worst), and after a media control's action. It
    // applies the media actions waiting (media_action), keeps the session's sounds scheduled ahead on
    // the audio clock and tells the device what the session now does (media and audio session); cues
    // that passed are reported by the next frame, as after any gap. Does nothing without a session
    // on the player.
    void keep_cues_ahead(double now_ms) override;

    // A button of the media controls (lock screen, headset, notification), from the platform: queued
    // and applied by the next frame() (or keep_cues_ahead() while the page is hidden), through the
    // same commands as the player's own buttons: Play = Resume, Pause = Pause, NextTrack = Next,
    // PreviousTrack = Back. Ignored without a session on the player, and while "It hurts" is open
    // (that question is answered on the screen).
    void media_action(MediaAction action);

    //-- Backups (issue 16, screen_backup.cpp): what the platform hands back, later.
    // A file chosen in the picker or dropped on the page: queued, and restored by the next frame (a
    // dropped one waits while a check or session is under way, then opens Settings to say how it went).
    void file_received(ReceivedFile file) override;
    // The share sheet closed: queued; the next frame says how it went under the button.
    void file_shared(ShareOutcome outcome) override;

    // Escape / browser back: one screen up; false when there is nowhere to go.
    bool go_back();

    [[nodiscard]] Screen screen() const { return screen_; }
    [[nodiscard]] const Palette& palette() const override { return *draw_.palette; }

    // The automation surface: {"screen", "frame", "dpr", "items": [...], "session": {...}|null,
    // "level": "..."|null, "storage": "persistent"|"memory", "notice": "..."}.
    [[nodiscard]] std::string state_json() const override;

    // The accessibility layer (src/platform/a11y_web.cpp): {"screen", "items", "texts", "announce"}
    // of the last frame, and actions on an item by its index in the last frame's items (what the
    // HTML control over it does): press it, set a slider, tell which one has keyboard focus (-1: none).
    [[nodiscard]] std::string a11y_json() const override;
    bool activate_item(int index) override;
    bool set_slider_item(int index, int value) override;
    void set_focus_item(int index) override;

private:
    //-- Frame and navigation (app.cpp) -----------------------------------------------------------
    void navigate(Screen to, bool remember = true);
    void go_home();
    bool draw_top_bar(const char* title, bool show_back = true);
    void scroll_by_touch_drag();
    void apply_settings();
    void save_settings();
    [[nodiscard]] bool reduced_motion() const;
    [[nodiscard]] std::int64_t now() const { return static_cast<std::int64_t>(last_context_.now_ms); }
    void draw_notice_line();
    // A bar fixed to the bottom of the screen for a screen's main action (Before you start), so it
    // is on screen without scrolling; the page reserves its height. Embedded, the iframe grows to its
    // content, so there the actions stay inline: begin returns false and nothing is to be ended.
    bool begin_sticky_footer(int buttons);
    void end_sticky_footer();
    void announce(const std::string& text, bool assertive = false);
    void update_announcements(Screen drawn);
    [[nodiscard]] std::string phase_announcement() const;

    //-- Screens (screen_*.cpp) -------------------------------------------------------------------
    void draw_home();                // screen_home.cpp
    void draw_safety_confirm();      // screen_safety.cpp
    void draw_safety_question();
    void draw_safety_result();
    void start_safety_check();
    void begin_pages(bool offer_remembered);
    void finish_safety_check();
    void draw_still_true_line();
    [[nodiscard]] std::string safety_page_counter() const;
    void draw_prepare();             // screen_prepare.cpp
    void draw_player(FrameResult& result);  // screen_player.cpp
    void draw_pain_panel();
    void draw_done();                // screen_done.cpp
    void draw_resume();
    void draw_techniques();          // screen_library.cpp
    void draw_learn();
    void draw_history();             // screen_history.cpp
    void draw_settings();            // screen_settings.cpp
    void draw_offline_copy();        // screen_settings.cpp: Settings -> About, the one-file page
    void draw_content_error();
    // Adds the glyphs a clinic's name or content uses to the atlas (those the font has).
    void add_clinic_glyphs(const std::set<char32_t>& used);
    void draw_call_clinic();         // "Call <clinic>" where the app advises seeing someone (embed)
    void draw_clinic_content_notice();
    std::vector<std::string> take_clinic_content(ContentLoad&& clinic, const std::set<char32_t>& used);
    void replace_content(ContentLoad&& next);
    void draw_programme_offer();     // screen_programme.cpp
    void draw_programme_card();      // on Home, when a programme is kept
    void draw_programme_settings();  // in Settings: what it holds, remove it
    void draw_programme_reminders(); // in Settings: the calendar file
    // "Print a handout" (core/handout.hpp): the programme's (offered or kept), else the routine of
    // the person's own at the default length. `id` names the button for the accessibility layer.
    void draw_handout_button(const char* id, const Prescription* programme, std::string_view code);
    [[nodiscard]] std::string handout_page(const Prescription* programme, std::string_view code) const;

    //-- A physio's programme (screen_programme.cpp) ------------------------------------------------
    struct KeptProgramme {
        std::string code;            // as in the link, stored under kProgrammeKey
        Prescription prescription;
        std::string kept_on;         // the person's local date, "2026-12-01"
    };
    void load_programme();
    void open_programme_offer();
    void keep_offered_programme();
    void close_programme_offer();
    void remove_programme();
    [[nodiscard]] std::optional<CalendarDate> today() const;
    [[nodiscard]] std::vector<std::string> programme_lines(const Prescription& prescription) const;
    // The kept programme applied to options from the safety check and the settings (it only narrows).
    [[nodiscard]] PrescribedSession programme_session_for(const SessionOptions& options) const;
    [[nodiscard]] nlohmann::json programme_state() const;
    [[nodiscard]] nlohmann::json programme_offer_state() const;

    //-- Backups (screen_backup.cpp) ----------------------------------------------------------------
    // What is remembered about backups, under kBackupMarksKey (never in a backup itself).
    struct BackupMarks {
        std::string last_at;             // when the last backup was saved or shared, ISO UTC ("": never)
        int reminder_dismissed_at = 0;   // sessions not in a backup when the reminder was last dismissed
        bool place_notice_dismissed = false;  // "Your history lives only in this browser" was dismissed
    };
    void load_backup_marks();
    void save_backup_marks();
    // The device's state as a backup: `for_merge` leaves out the settings when none were ever stored
    // (so a restore into a fresh browser takes the backup's).
    [[nodiscard]] Backup current_backup(bool for_merge) const;
    [[nodiscard]] int sessions_not_in_backup() const;
    void save_backup();              // the download
    void share_backup();             // the share sheet, where the browser has it
    void backup_made(const std::string& created_at);
    void apply_received_files();
    void restore_from(const ReceivedFile& file);
    void draw_backup_settings();     // Settings: "Your data"
    void draw_backup_notices();      // Home: where the history lives (once), the reminder
    void ask_to_keep_storage();      // after a saved session: navigator.storage.persist(), once a visit

    //-- Session plumbing (screen_player.cpp) ----------------------------------------------------
    void start_session();
    void tick_session(FrameResult& result);
    void top_up_cues(std::int64_t now);
    void apply_media_actions();
    // What the device is told about the session: the media controls and the audio session, when they change.
    void sync_session_services();
    // The player's commands, shared by its buttons, the Space key and the media controls.
    void player_pause();
    void player_resume();
    void player_next();
    void player_back();
    void save_session_in_progress();
    void end_session_to_done();
    void record_session();

    Services& services_;

    // Content (compiled in; a clinic's content later). Invalid content never allows a session.
    ContentLoad content_;
    // The routine the person picked on "Before you start" (a clinic may give more than one), else the first.
    const Routine* routine_ = nullptr;
    std::size_t routine_choice_ = 0;
    // The routine the session in progress plays (its step words and diagrams): the one picked, or the
    // programme's copy. Null without a session.
    const Routine* session_routine_ = nullptr;
    void use_routine_choice();

    Settings settings_;
    HistoryStore history_;
    HistoryLoadReport history_report_;

    // Safety check: the pages this check asks, the one shown, what was answered on each, and the
    // re-check's remembered "none" (recheck_.still_true_group empty: none offered).
    std::vector<TriagePage> pages_;
    std::size_t page_index_ = 0;
    PageAnswers page_answers_;
    RecheckPlan recheck_;
    bool still_true_used_ = false;    // this check took the remembered "none" (its date is kept)
    std::optional<TriageResult> safety_result_;
    TriageWhy safety_why_;            // what the person said that led to the result (empty when loaded)
    std::string safety_checked_at_;   // ISO time of the last result

    // Before you start.
    std::array<bool, 5> checklist_{};
    int preset_choice_ = 1;
    int leg_choice_ = 0;
    bool pain_before_given_ = false;
    int pain_before_ = 3;

    // The session.
    std::optional<Session> session_;
    std::string session_started_at_;
    std::uint64_t scheduled_version_ = 0;
    std::int64_t scheduled_at_ms_ = -1;
    std::size_t saved_phase_index_ = SIZE_MAX;
    bool keep_awake_ = false;          // what we last asked of the platform
    MediaSessionInfo media_sent_;      // the media controls as last sent (inactive at start)
    AudioSessionType audio_session_sent_ = AudioSessionType::Auto;  // as last sent (never sent: Auto)
    std::vector<MediaAction> media_actions_;  // from the media controls, applied by the next frame
    bool pain_panel_open_ = false;
    int pain_score_ = 5;
    bool pain_sharp_ = false;
    std::string player_message_;      // e.g. the "ease" advice after a pain report
    std::string last_spoken_;         // latest cue text, shown under the timer (and for missed cues)

    // Done.
    std::string record_id_;
    bool pain_after_given_ = false;
    int pain_after_ = 2;
    bool pain_after_saved_ = false;
    std::string done_message_;

    // The clinic kit's preview: the screen it asked for (none: not a preview), shown again after new content.
    std::optional<PreviewScreen> preview_screen_;
    void apply_preview_screen();
    void preview_all_clear();

    // Embedding: the launch options, the clinic's palette, the clinic content's state.
    LaunchOptions launch_;
    Palette accent_palette_{};
    bool has_accent_ = false;
    bool content_pending_ = false;
    bool clinic_content_in_use_ = false;  // content_ is a clinic's (else the built-in)
    bool inline_wait_ = false;         // content=inline: waiting for the host's message
    double inline_deadline_ms_ = -1;   // when the wait ends (set by the first frame)
    bool keep_unfit_session_ = false;  // the next resume check keeps a saved session it cannot restore
    bool ready_sent_ = false;          // HostEventKind::Ready, once the final content is showing
    bool resume_checked_ = false;      // the interrupted session is offered once content is final
    std::string content_notice_;       // why the clinic's content is not used
    std::vector<std::string> content_errors_;
    std::set<char32_t> clinic_glyphs_;  // letters the clinic's name or content adds to the atlas (accented ones)

    // A physio's programme: the one kept, a link's code waiting for the final content, the offer
    // on the programme screen, and whether the next session follows the programme.
    std::optional<KeptProgramme> programme_;
    std::optional<std::string> offered_code_;
    std::optional<PrescriptionDecode> offer_;
    std::string offer_code_;
    std::string offer_problem_;        // the offer decodes but this app cannot play it (apply's message)
    bool programme_session_ = false;   // "Start my programme": the safety check, then its session
    std::optional<Routine> programme_routine_;  // the routine copy a programme session plays
    bool confirm_remove_programme_ = false;
    int reminder_time_choice_ = 2;     // 18:00
    int handout_outcome_ = 0;          // the last "Print a handout": 1 printing, 2 saved as a file, -1 neither, 0 none
    int reminders_saved_ = 0;          // the last "Add to my calendar": 1 offered, -1 refused, 0 none

    // Backups: the marks, what the platform handed back, the outcomes shown in Settings.
    BackupMarks backup_marks_;
    std::vector<ReceivedFile> received_files_;   // applied by the next frame
    std::vector<ShareOutcome> share_outcomes_;   // applied by the next frame
    int backup_outcome_ = 0;          // the last save: 1 saved as a file, 2 sharing, 3 shared, 4 not sent, -1 refused, 0 none
    std::string pending_share_at_;    // the created_at of the backup on the share sheet
    std::string restore_message_;     // the last restore's result (empty: none yet)
    bool restore_ok_ = false;
    bool persist_asked_ = false;      // navigator.storage.persist() asked this visit
    bool install_help_open_ = false;  // Home's notice: how to install, opened by "Install"

    // Techniques: the one opened (-1: none); the diagram animates while one is open.
    int expanded_technique_ = -1;
    bool library_animating_ = false;

    // History screen.
    bool confirm_clear_ = false;

    // Settings: the last "Save for offline use" was refused (shown under the button).
    bool offline_save_failed_ = false;

    Screen screen_ = Screen::Home;
    std::vector<Screen> back_stack_;
    DrawContext draw_;
    float dpr_ = 1.0f;
    bool fonts_dirty_ = true;
    FrameContext last_context_;
    std::string notice_;              // one line shown on the current screen (storage, errors)
    std::string content_change_line_; // the clinic's content changed mid-check: on Home until the next screen
    bool touch_scrolling_ = false;
    bool scroll_to_top_ = false;
    bool last_animating_ = false;     // the last frame asked for the next one (state().animating)
    std::size_t last_motion_sprites_ = 0;  // the last frame's motion layer (state().motion_sprites)
    bool last_countdown_face_ = false;     // the platform showed the last frame's countdown (state())
    // What moves on a loop in this frame (the player's or an open technique's picture), handed to the
    // platform in FrameResult::motion when FrameContext::motion_layer says it can animate it.
    MotionLayer frame_motion_;
    float last_content_css_ = 0;      // the page's height and scroll in the last frame: a change
    float last_scroll_y_ = 0;         // draws one more frame, for the layout to settle
    float column_x_ = 0;              // the page column's left edge, device px (the footer lines up with it)
    float footer_top_ = -1;           // the sticky footer's top this frame, device px (-1: none)
    std::uint64_t id_counter_ = 0;

    // Announcements for screen readers (state().announce): the latest text and its sequence number.
    std::string announce_text_;
    std::uint64_t announce_seq_ = 0;
    bool announce_assertive_ = false;
    std::uint64_t announce_frame_ = 0;
    std::optional<Screen> announced_screen_;
    Screen drawn_screen_ = Screen::Home;
    std::size_t drawn_page_ = 0;      // the safety page the last frame drew (its items and texts)
    std::size_t announced_phase_ = SIZE_MAX;
    std::int64_t announced_count_ = 0;  // 3, 2, 1 at the end of switch legs
    std::size_t announced_page_ = SIZE_MAX;
};

}  // namespace calfcoach::ui
