// session.hpp — the session engine: plays a routine on one leg then the other, on an injected clock.
//
// [SECTION] Options
// [SECTION] Phases and cues
// [SECTION] Session (commands, update, queries, cue plan, save/restore)
// [SECTION] Plan text for the CLI
//
// Time: every call takes the monotonic time `now` in ms (performance.now() in the browser). The engine
// never counts frames or ticks; the current phase has a deadline and "remaining" is deadline - now,
// so a tab that sleeps for ten minutes lands on exactly the right step when it wakes.
//
// How the web layer uses it:
//   * every frame, timer or visibilitychange: `auto r = s.update(now)`. Play `r.due` (unless that cue
//     id was scheduled on the audio clock already). `r.missed` are cues that passed while the page was
//     asleep: never play them all; at most show/say the latest one.
//   * whenever `s.schedule_version()` changed (pause, resume, next, back, pain...), cancel what was
//     scheduled and schedule `s.cues(now, horizon)` again; in between, keep a set of scheduled ids and
//     top up with cues(now, horizon) from time to time. Ids are stable while times are unchanged.
//   * save `s.to_json(now)` (small) after every command and phase change, and on pagehide; after a
//     reload, `Session::from_json(text, routine, now)` gives the session back, paused at the same point.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/pain.hpp"
#include "core/routine.hpp"

namespace calfcoach {

//-----------------------------------------------------------------------------
// [SECTION] Options
//-----------------------------------------------------------------------------

// How a session is played. Every field has a default that gives the standard two-leg session.
struct SessionOptions {
    // Which length of the routine. Default: Standard.
    Preset preset = Preset::Standard;
    // Which leg is done first. Default: Left.
    Side first_leg = Side::Left;
    // Set to do one leg only (e.g. a wound on the other leg: then only_leg = the healthy one).
    // Default: empty (both legs, first_leg first).
    std::optional<Side> only_leg;
    // Caution result of the safety check: light pressure throughout, deep steps skipped. Default: false.
    bool gentle = false;
    // Length of the "get ready" phase before the first step. Default: 5,000 ms.
    std::int64_t get_ready_ms = 5'000;
    // Length of the "switch legs" phase; its last 3 s are counted down 3-2-1. Default: 10,000 ms.
    std::int64_t switch_legs_ms = 10'000;
    // update(): cues passed in a gap no longer than this are "due" (play now), else "missed".
    // Default: 1,000 ms.
    std::int64_t due_tolerance_ms = 1'000;
};

//-----------------------------------------------------------------------------
// [SECTION] Phases and cues
//-----------------------------------------------------------------------------

enum class PhaseKind : std::uint8_t { GetReady, Step, SwitchLegs, Done };

// Why a session ended before its last step ran out.
enum class EndReason : std::uint8_t { None, UserStopped, PainStop };

std::string_view to_string(PhaseKind kind);   // "get_ready", "step", "switch_legs", "done"
std::string_view to_string(EndReason reason);  // "none", "user_stopped", "pain_stop"
std::optional<EndReason> end_reason_from_string(std::string_view s);

// One phase of the planned session, in order. Copies what it needs from the routine, so a Session
// never points into a Routine.
struct Phase {
    PhaseKind kind = PhaseKind::Done;
    std::int64_t duration_ms = 0;   // 0 for Done
    std::optional<Side> side;       // set for per-leg steps only
    std::size_t step_index = 0;     // index into Routine::steps (Step phases only)
    std::string step_id;            // Step phases only
    std::string title;              // "Warm-up circles", "Get ready", "Switch legs", "Done"
    Pressure pressure = Pressure::Light;  // as written in the routine (see Session::effective_pressure)
    bool deep = false;
};

// The phases a routine gives under these options, ending with one Done phase.
// `eased`: a pain "ease" happened, so deep steps are left out (as under options.gentle).
std::vector<Phase> plan_phases(const Routine& routine, const SessionOptions& options, bool eased = false);
// The planned session's length: every phase of plan_phases, in ms (what "Before you start" and a
// programme's reminders quote).
std::int64_t planned_duration_ms(const Routine& routine, const SessionOptions& options);

enum class CueKind : std::uint8_t { StepStart, Halfway, Countdown, SwitchLegs, Done };
std::string_view to_string(CueKind kind);  // "step_start", "halfway", "countdown", "switch_legs", "done"

// Something to say or sound at an exact monotonic time.
//   step_start   at the start of every step: "Left leg: Warm-up circles" (a preparation step: its title)
//   halfway      at the middle of a step longer than 60 s: "Halfway"
//   countdown    3 s, 2 s and 1 s before the end of "switch legs": "3", "2", "1"
//   switch_legs  at the start of "switch legs": "Switch legs: right leg next"
//   done         when the last phase runs out: "Done. Well done!"
struct Cue {
    CueKind kind = CueKind::StepStart;
    std::int64_t at_ms = 0;  // monotonic time
    std::string text;
    // Stable and unique within the session: "<entry>:<kind>[.<n>]" where <entry> numbers every
    // entry into a phase (a step done again after `back` gets a new number). Unchanged across
    // pause/resume; the time may change then, so the web layer reschedules on schedule_version().
    std::string id;
};

struct UpdateResult {
    std::vector<Cue> due;     // play now
    std::vector<Cue> missed;  // passed during a long gap (page asleep): never replay them all
    bool phase_changed = false;
};

//-----------------------------------------------------------------------------
// [SECTION] Session
//-----------------------------------------------------------------------------

struct SessionRestore;

// The engine. A fresh Session is waiting in "get ready", paused, until start().
//
// Cue rule: the cues whose time lies in (last_seen, now], where last_seen is the latest `now` any
// call has seen, are reported once, by the next update(). If the gap now - last_seen is at most
// due_tolerance_ms they are "due", otherwise all of them are "missed" (one list, no burst). Commands
// also take `now`: they first catch up to it the same way (the cues wait for update()); a command's
// own jump (next, back, restart_step, resume) is no cue: cues only come from the clock passing them.
// Times earlier than last_seen are treated as last_seen (the clock never runs backwards).
class Session {
public:
    Session(const Routine& routine, const SessionOptions& options = {});

    // Commands. Each is a no-op where it does not apply (e.g. pause when paused, anything after done).
    void start(std::int64_t now);         // begin "get ready" (only once)
    void pause(std::int64_t now);
    void resume(std::int64_t now);
    void next(std::int64_t now);          // skip to the next phase (the last step -> done)
    void back(std::int64_t now);          // go to the previous phase (the first one restarts)
    void restart_step(std::int64_t now);  // the current phase again from its beginning
    void stop(std::int64_t now);          // end now: ended early, reason UserStopped
    // score 0 to 10; see classify_pain. Ease: light pressure from now on, deep steps left out (a deep
    // step under way ends now). Stop: the session ends (ended early, reason PainStop).
    PainAction report_pain(std::int64_t now, int score, bool sharp_or_numb);

    UpdateResult update(std::int64_t now);

    // Queries (as of the last call; call update(now) first for the present).
    [[nodiscard]] PhaseKind phase() const { return phases_[current_].kind; }
    [[nodiscard]] const Phase& current_phase() const { return phases_[current_]; }
    [[nodiscard]] std::size_t phase_index() const { return current_; }
    [[nodiscard]] const std::vector<Phase>& phases() const { return phases_; }
    [[nodiscard]] std::optional<Side> side() const { return phases_[current_].side; }
    [[nodiscard]] bool started() const { return started_; }
    [[nodiscard]] bool paused() const { return paused_; }
    [[nodiscard]] bool finished() const { return phase() == PhaseKind::Done; }
    [[nodiscard]] bool ended_early() const { return end_reason_ != EndReason::None; }
    [[nodiscard]] EndReason end_reason() const { return end_reason_; }
    [[nodiscard]] bool pain_eased() const { return eased_; }
    [[nodiscard]] const SessionOptions& options() const { return options_; }
    [[nodiscard]] const std::string& routine_id() const { return routine_id_; }
    // Pressure to use now: the step's, but Light when gentle or eased; empty outside a step.
    [[nodiscard]] std::optional<Pressure> effective_pressure() const;

    // Time queries take now, so they are exact between updates (clamped to the current phase).
    [[nodiscard]] std::int64_t remaining_ms(std::int64_t now) const;
    [[nodiscard]] std::int64_t phase_elapsed_ms(std::int64_t now) const;
    [[nodiscard]] double step_progress(std::int64_t now) const;     // 0 to 1 in the current phase
    [[nodiscard]] double session_progress(std::int64_t now) const;  // 0 to 1 over all phases
    // Time actually spent in phases while running (not paused), including a phase skipped halfway.
    [[nodiscard]] std::int64_t active_ms(std::int64_t now) const;

    // Step phases completed (ran to their end; a step skipped with next is not done) and planned.
    [[nodiscard]] int steps_done() const;
    [[nodiscard]] int steps_total() const;
    // Legs whose every step is done.
    [[nodiscard]] bool leg_done(Side side) const;

    // Cues due in [now, now + horizon_ms] not yet reported by update; empty while paused or done.
    [[nodiscard]] std::vector<Cue> cues(std::int64_t now, std::int64_t horizon_ms) const;
    // Changes whenever planned cue times may have changed (any command, pain ease, restore).
    [[nodiscard]] std::uint64_t schedule_version() const { return schedule_version_; }

    // Small JSON with everything needed to carry on; taken as of `now`.
    [[nodiscard]] std::string to_json(std::int64_t now) const;
    // Restore against the same routine; the result is paused at the same point (same remaining ms).
    // Never throws; every field is checked (routine id, indices, times, the plan's shape).
    static SessionRestore from_json(std::string_view text, const Routine& routine, std::int64_t now);

private:
    Session() = default;
    void catch_up(std::int64_t now);  // move through phases whose deadline passed; queue their cues
    [[nodiscard]] std::int64_t clamp_now(std::int64_t now) const { return now < last_seen_ ? last_seen_ : now; }
    [[nodiscard]] std::int64_t raw_elapsed(std::int64_t now) const;
    void enter_phase(std::size_t index, std::int64_t now);
    void finish(std::int64_t now, EndReason reason);
    void append_cues_of_phase(std::size_t index, std::uint64_t entry, std::int64_t phase_start,
                              std::int64_t from_exclusive, std::int64_t to_inclusive,
                              std::vector<Cue>& out) const;

    std::string routine_id_;
    SessionOptions options_;
    std::vector<Phase> phases_;
    std::vector<bool> completed_;          // per phase: ran to its end at least once
    std::size_t current_ = 0;
    bool started_ = false;
    bool paused_ = true;
    bool eased_ = false;
    EndReason end_reason_ = EndReason::None;
    std::int64_t run_started_at_ = 0;      // when the current phase last (re)started running
    std::int64_t elapsed_before_run_ = 0;  // time in the current phase before that (pauses)
    std::int64_t active_before_phase_ = 0; // active time of the phases already left
    std::int64_t last_seen_ = 0;           // latest now seen by any call
    std::uint64_t entry_ = 0;              // number of the current phase entry (cue ids)
    std::uint64_t schedule_version_ = 0;
    UpdateResult pending_;                 // passed since the last update (commands catch up too)
};

struct SessionRestore {
    std::optional<Session> session;  // set on success (paused)
    std::string error;               // one line, for people, when session is empty
};

// Where the current step stands among the steps on its own leg ("step 2 of 4"): 1-based index and
// count. Both 0 outside a step; for a step done once before the legs, among those steps.
struct LegStepPosition {
    int index = 0;
    int total = 0;
};
LegStepPosition leg_step_position(const Session& session);

//-----------------------------------------------------------------------------
// [SECTION] Plan text
//-----------------------------------------------------------------------------

// The timeline for `calfcoach plan`: one line per phase (not Done):
//   "<start M:SS>  <side: left|right|->  <title>  <duration M:SS>"
// and a last line exactly "total M:SS". Seconds are rounded down. `preset` overrides options.preset.
std::string format_plan(const Routine& routine, Preset preset, const SessionOptions& options = {});

// "M:SS" (minutes not capped at 59), from ms rounded down to whole seconds; negative as 0:00.
std::string format_minutes_seconds(std::int64_t ms);

}  // namespace calfcoach
