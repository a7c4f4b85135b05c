// session.cpp — the session engine (see session.hpp for the rules).
//
// [SECTION] Names
// [SECTION] Planning phases
// [SECTION] Clock and catching up
// [SECTION] Commands
// [SECTION] Queries
// [SECTION] Cue plan
// [SECTION] Save and restore
// [SECTION] Plan text
#include "session.hpp"

#include <algorithm>
#include <array>
#include <limits>

#include "json_safe.hpp"

namespace calfcoach {

//-----------------------------------------------------------------------------
// [SECTION] Names
//-----------------------------------------------------------------------------

std::string_view to_string(PhaseKind kind) {
    switch (kind) {
        case PhaseKind::GetReady: return "get_ready";
        case PhaseKind::Step: return "step";
        case PhaseKind::SwitchLegs: return "switch_legs";
        case PhaseKind::Done: return "done";
    }
    return "unknown";
}

std::string_view to_string(EndReason reason) {
    switch (reason) {
        case EndReason::None: return "none";
        case EndReason::UserStopped: return "user_stopped";
        case EndReason::PainStop: return "pain_stop";
    }
    return "unknown";
}

std::optional<EndReason> end_reason_from_string(std::string_view s) {
    for (EndReason r : {EndReason::None, EndReason::UserStopped, EndReason::PainStop})
        if (to_string(r) == s) return r;
    return std::nullopt;
}

std::string_view to_string(CueKind kind) {
    switch (kind) {
        case CueKind::StepStart: return "step_start";
        case CueKind::Halfway: return "halfway";
        case CueKind::Countdown: return "countdown";
        case CueKind::SwitchLegs: return "switch_legs";
        case CueKind::Done: return "done";
    }
    return "unknown";
}

//-----------------------------------------------------------------------------
// [SECTION] Planning phases
//-----------------------------------------------------------------------------
namespace {

constexpr std::int64_t kHalfwayCueAboveMs = 60'000;  // "halfway on steps over 60 s"
constexpr std::int64_t kCountdownFromMs = 3'000;     // 3-2-1 before the second leg

Phase make_get_ready(std::int64_t duration_ms) {
    Phase p;
    p.kind = PhaseKind::GetReady;
    p.duration_ms = duration_ms;
    p.title = "Get ready";
    return p;
}

Phase make_switch(std::int64_t duration_ms) {
    Phase p;
    p.kind = PhaseKind::SwitchLegs;
    p.duration_ms = duration_ms;
    p.title = "Switch legs";
    return p;
}

Phase make_done() {
    Phase p;
    p.kind = PhaseKind::Done;
    p.title = "Done";
    return p;
}

Phase make_step(const Routine& routine, std::size_t index, std::int64_t duration_ms, std::optional<Side> side) {
    const Step& step = routine.steps[index];
    Phase p;
    p.kind = PhaseKind::Step;
    p.duration_ms = duration_ms;
    p.side = side;
    p.step_index = index;
    p.step_id = step.id;
    p.title = step.title;
    p.pressure = step.pressure;
    p.deep = step.deep;
    return p;
}

Side other(Side s) { return s == Side::Left ? Side::Right : Side::Left; }

bool is_leg_step(const Phase& p) { return p.kind == PhaseKind::Step && p.side.has_value(); }

// A switch only makes sense between two legs that both have steps left in the plan.
void drop_pointless_switches(std::vector<Phase>& phases) {
    for (std::size_t i = 0; i < phases.size(); ++i) {
        if (phases[i].kind != PhaseKind::SwitchLegs) continue;
        const bool before = std::any_of(phases.begin(), phases.begin() + static_cast<std::ptrdiff_t>(i), is_leg_step);
        const bool after = std::any_of(phases.begin() + static_cast<std::ptrdiff_t>(i) + 1, phases.end(), is_leg_step);
        if (!before || !after) {
            phases.erase(phases.begin() + static_cast<std::ptrdiff_t>(i));
            --i;
        }
    }
}

}  // namespace

std::vector<Phase> plan_phases(const Routine& routine, const SessionOptions& options, bool eased) {
    const auto preset = static_cast<std::size_t>(options.preset);
    const bool skip_deep = options.gentle || eased;
    auto included = [&](const Step& s) {
        return s.duration_ms[preset] > 0 && !(skip_deep && s.deep);
    };

    std::vector<Phase> phases;
    if (options.get_ready_ms > 0) phases.push_back(make_get_ready(options.get_ready_ms));
    for (std::size_t i = 0; i < routine.steps.size(); ++i)
        if (!routine.steps[i].per_leg && included(routine.steps[i]))
            phases.push_back(make_step(routine, i, routine.steps[i].duration_ms[preset], std::nullopt));

    std::vector<Side> legs;
    if (options.only_leg) legs = {*options.only_leg};
    else legs = {options.first_leg, other(options.first_leg)};
    for (std::size_t leg = 0; leg < legs.size(); ++leg) {
        if (leg > 0 && options.switch_legs_ms > 0) phases.push_back(make_switch(options.switch_legs_ms));
        for (std::size_t i = 0; i < routine.steps.size(); ++i)
            if (routine.steps[i].per_leg && included(routine.steps[i]))
                phases.push_back(make_step(routine, i, routine.steps[i].duration_ms[preset], legs[leg]));
    }
    drop_pointless_switches(phases);
    phases.push_back(make_done());
    return phases;
}

std::int64_t planned_duration_ms(const Routine& routine, const SessionOptions& options) {
    std::int64_t total = 0;
    for (const Phase& phase : plan_phases(routine, options)) total += phase.duration_ms;
    return total;
}

//-----------------------------------------------------------------------------
// [SECTION] Clock and catching up
//-----------------------------------------------------------------------------

Session::Session(const Routine& routine, const SessionOptions& options)
    : routine_id_(routine.id), options_(options), phases_(plan_phases(routine, options)),
      completed_(phases_.size(), false) {}

std::int64_t Session::raw_elapsed(std::int64_t now) const {
    if (!started_ || finished()) return elapsed_before_run_;
    return elapsed_before_run_ + (paused_ ? 0 : now - run_started_at_);
}

void Session::enter_phase(std::size_t index, std::int64_t now) {
    current_ = index;
    run_started_at_ = now;
    elapsed_before_run_ = 0;
    ++entry_;
}

void Session::catch_up(std::int64_t now) {
    now = clamp_now(now);
    const bool long_gap = now - last_seen_ > options_.due_tolerance_ms;
    std::vector<Cue>& into = long_gap ? pending_.missed : pending_.due;
    while (started_ && !paused_ && !finished()) {
        const std::int64_t start = run_started_at_ - elapsed_before_run_;
        const std::int64_t deadline = start + phases_[current_].duration_ms;
        append_cues_of_phase(current_, entry_, start, last_seen_, now, into);
        if (now < deadline) break;
        // The phase ran out at its deadline: the next one starts exactly there, so nothing drifts.
        completed_[current_] = true;
        active_before_phase_ += phases_[current_].duration_ms;
        enter_phase(current_ + 1, deadline);
        pending_.phase_changed = true;
        if (finished()) append_cues_of_phase(current_, entry_, deadline, last_seen_, now, into);
    }
    last_seen_ = now;
}

void Session::finish(std::int64_t now, EndReason reason) {
    active_before_phase_ += std::clamp<std::int64_t>(raw_elapsed(now), 0, phases_[current_].duration_ms);
    end_reason_ = reason;
    enter_phase(phases_.size() - 1, now);
    paused_ = false;
    ++schedule_version_;
}

UpdateResult Session::update(std::int64_t now) {
    catch_up(now);
    UpdateResult result = std::move(pending_);
    pending_ = UpdateResult{};
    return result;
}

//-----------------------------------------------------------------------------
// [SECTION] Commands
//-----------------------------------------------------------------------------

void Session::start(std::int64_t now) {
    now = clamp_now(now);
    if (started_) return;
    started_ = true;
    paused_ = false;
    run_started_at_ = now;
    elapsed_before_run_ = 0;
    last_seen_ = now;
    ++schedule_version_;
}

void Session::pause(std::int64_t now) {
    catch_up(now);
    now = last_seen_;
    if (!started_ || paused_ || finished()) return;
    elapsed_before_run_ += now - run_started_at_;
    paused_ = true;
    ++schedule_version_;
}

void Session::resume(std::int64_t now) {
    catch_up(now);
    now = last_seen_;
    if (!started_ || !paused_ || finished()) return;
    run_started_at_ = now;
    paused_ = false;
    ++schedule_version_;
}

void Session::next(std::int64_t now) {
    catch_up(now);
    now = last_seen_;
    if (!started_ || finished()) return;
    active_before_phase_ += std::clamp<std::int64_t>(raw_elapsed(now), 0, phases_[current_].duration_ms);
    enter_phase(current_ + 1, now);
    if (finished()) paused_ = false;
    pending_.phase_changed = true;
    ++schedule_version_;
}

void Session::back(std::int64_t now) {
    catch_up(now);
    now = last_seen_;
    if (!started_ || finished()) return;
    active_before_phase_ += std::clamp<std::int64_t>(raw_elapsed(now), 0, phases_[current_].duration_ms);
    enter_phase(current_ == 0 ? 0 : current_ - 1, now);
    pending_.phase_changed = true;
    ++schedule_version_;
}

void Session::restart_step(std::int64_t now) {
    catch_up(now);
    now = last_seen_;
    if (!started_ || finished()) return;
    active_before_phase_ += std::clamp<std::int64_t>(raw_elapsed(now), 0, phases_[current_].duration_ms);
    enter_phase(current_, now);
    ++schedule_version_;
}

void Session::stop(std::int64_t now) {
    catch_up(now);
    if (finished()) return;
    finish(last_seen_, EndReason::UserStopped);
    pending_.phase_changed = true;
}

PainAction Session::report_pain(std::int64_t now, int score, bool sharp_or_numb) {
    catch_up(now);
    now = last_seen_;
    const PainAction action = classify_pain(score, sharp_or_numb);
    if (finished()) return action;
    if (action == PainAction::Stop) {
        finish(now, EndReason::PainStop);
        pending_.phase_changed = true;
        return action;
    }
    if (action != PainAction::Ease || eased_) return action;
    eased_ = true;
    ++schedule_version_;

    // Keep the phases already behind us as they were (they are history); leave out every deep step
    // ahead, and end the current one now if it is deep.
    const bool current_is_deep = phases_[current_].kind == PhaseKind::Step && phases_[current_].deep;
    if (current_is_deep)
        active_before_phase_ += std::clamp<std::int64_t>(raw_elapsed(now), 0, phases_[current_].duration_ms);
    std::vector<Phase> kept(phases_.begin(), phases_.begin() + static_cast<std::ptrdiff_t>(current_));
    std::vector<bool> kept_done(completed_.begin(), completed_.begin() + static_cast<std::ptrdiff_t>(current_));
    const std::size_t new_current = kept.size();
    for (std::size_t i = current_ + (current_is_deep ? 1 : 0); i < phases_.size(); ++i) {
        if (i > current_ && phases_[i].kind == PhaseKind::Step && phases_[i].deep) continue;
        kept.push_back(phases_[i]);
        kept_done.push_back(completed_[i]);
    }
    // A switch with no leg step after it any more goes too (never one under way).
    for (std::size_t i = current_is_deep ? new_current : new_current + 1; i < kept.size(); ++i) {
        if (kept[i].kind != PhaseKind::SwitchLegs) continue;
        const bool after = std::any_of(kept.begin() + static_cast<std::ptrdiff_t>(i) + 1, kept.end(), is_leg_step);
        if (!after) {
            kept.erase(kept.begin() + static_cast<std::ptrdiff_t>(i));
            kept_done.erase(kept_done.begin() + static_cast<std::ptrdiff_t>(i));
            --i;
        }
    }
    phases_ = std::move(kept);
    completed_ = std::move(kept_done);
    if (current_is_deep) {
        enter_phase(new_current, now);
        if (finished()) paused_ = false;
        pending_.phase_changed = true;
    } else {
        current_ = new_current;
    }
    return action;
}

//-----------------------------------------------------------------------------
// [SECTION] Queries
//-----------------------------------------------------------------------------

std::optional<Pressure> Session::effective_pressure() const {
    const Phase& p = phases_[current_];
    if (p.kind != PhaseKind::Step) return std::nullopt;
    if (options_.gentle || eased_) return Pressure::Light;
    return p.pressure;
}

std::int64_t Session::phase_elapsed_ms(std::int64_t now) const {
    return std::clamp<std::int64_t>(raw_elapsed(clamp_now(now)), 0, phases_[current_].duration_ms);
}

std::int64_t Session::remaining_ms(std::int64_t now) const {
    return phases_[current_].duration_ms - phase_elapsed_ms(now);
}

double Session::step_progress(std::int64_t now) const {
    const std::int64_t duration = phases_[current_].duration_ms;
    if (finished()) return 1.0;
    if (duration <= 0) return 0.0;
    return static_cast<double>(phase_elapsed_ms(now)) / static_cast<double>(duration);
}

double Session::session_progress(std::int64_t now) const {
    if (finished()) return 1.0;
    std::int64_t total = 0;
    std::int64_t before = 0;
    for (std::size_t i = 0; i < phases_.size(); ++i) {
        total += phases_[i].duration_ms;
        if (i < current_) before += phases_[i].duration_ms;
    }
    if (total <= 0) return 1.0;
    return static_cast<double>(before + phase_elapsed_ms(now)) / static_cast<double>(total);
}

std::int64_t Session::active_ms(std::int64_t now) const {
    if (finished()) return active_before_phase_;
    return active_before_phase_ + phase_elapsed_ms(now);
}

int Session::steps_done() const {
    int n = 0;
    for (std::size_t i = 0; i < phases_.size(); ++i)
        if (phases_[i].kind == PhaseKind::Step && completed_[i]) ++n;
    return n;
}

int Session::steps_total() const {
    return static_cast<int>(std::count_if(phases_.begin(), phases_.end(),
                                          [](const Phase& p) { return p.kind == PhaseKind::Step; }));
}

bool Session::leg_done(Side side) const {
    bool any = false;
    for (std::size_t i = 0; i < phases_.size(); ++i) {
        if (phases_[i].kind != PhaseKind::Step || phases_[i].side != side) continue;
        if (!completed_[i]) return false;
        any = true;
    }
    return any;
}

//-----------------------------------------------------------------------------
// [SECTION] Cue plan
//-----------------------------------------------------------------------------

void Session::append_cues_of_phase(std::size_t index, std::uint64_t entry, std::int64_t phase_start,
                                   std::int64_t from_exclusive, std::int64_t to_inclusive,
                                   std::vector<Cue>& out) const {
    const Phase& p = phases_[index];
    auto add = [&](CueKind kind, std::int64_t at, std::string text, std::string_view suffix) {
        if (at <= from_exclusive || at > to_inclusive) return;
        Cue cue;
        cue.kind = kind;
        cue.at_ms = at;
        cue.text = std::move(text);
        cue.id = std::to_string(entry) + ":" + std::string(to_string(kind)) + std::string(suffix);
        out.push_back(std::move(cue));
    };
    switch (p.kind) {
        case PhaseKind::GetReady: break;  // begins with the user's own tap on start: nothing to say
        case PhaseKind::Step:
            add(CueKind::StepStart, phase_start,
                p.side ? std::string(*p.side == Side::Left ? "Left leg: " : "Right leg: ") + p.title : p.title, "");
            if (p.duration_ms > kHalfwayCueAboveMs) add(CueKind::Halfway, phase_start + p.duration_ms / 2, "Halfway", "");
            break;
        case PhaseKind::SwitchLegs: {
            std::string text = "Switch legs";
            for (std::size_t i = index + 1; i < phases_.size(); ++i)
                if (phases_[i].side) {
                    text += *phases_[i].side == Side::Left ? ": left leg next" : ": right leg next";
                    break;
                }
            add(CueKind::SwitchLegs, phase_start, std::move(text), "");
            if (p.duration_ms > kCountdownFromMs)
                for (int n = 3; n >= 1; --n)
                    add(CueKind::Countdown, phase_start + p.duration_ms - n * 1000, std::to_string(n),
                        "." + std::to_string(n));
            break;
        }
        case PhaseKind::Done: add(CueKind::Done, phase_start, "Done. Well done!", ""); break;
    }
}

std::vector<Cue> Session::cues(std::int64_t now, std::int64_t horizon_ms) const {
    std::vector<Cue> out;
    if (!started_ || paused_ || finished() || horizon_ms < 0) return out;
    now = clamp_now(now);
    const std::int64_t from_exclusive = std::max(last_seen_, now - 1);
    const std::int64_t to_inclusive = now + horizon_ms;
    std::int64_t start = run_started_at_ - elapsed_before_run_;
    for (std::size_t i = current_; i < phases_.size() && start <= to_inclusive; ++i) {
        append_cues_of_phase(i, entry_ + (i - current_), start, from_exclusive, to_inclusive, out);
        start += phases_[i].duration_ms;
    }
    return out;
}

//-----------------------------------------------------------------------------
// [SECTION] Save and restore
//-----------------------------------------------------------------------------
namespace {

constexpr int kSessionJsonVersion = 1;
constexpr std::int64_t kMaxPhaseOptionMs = 10 * 60'000;  // generous caps for restored options
constexpr std::int64_t kMaxActiveMs = 24LL * 3600'000;

// A phase as a short code: "r" get ready, "x" switch legs, "d" done, "s<i>" a preparation step,
// "s<i>L" / "s<i>R" a step on the left / right leg (i: index into Routine::steps).
std::string phase_code(const Phase& p) {
    switch (p.kind) {
        case PhaseKind::GetReady: return "r";
        case PhaseKind::SwitchLegs: return "x";
        case PhaseKind::Done: return "d";
        case PhaseKind::Step: {
            std::string code = "s" + std::to_string(p.step_index);
            if (p.side) code += *p.side == Side::Left ? "L" : "R";
            return code;
        }
    }
    return "?";
}

// The inverse of phase_code against a routine; empty with an error on anything unexpected.
std::optional<Phase> phase_from_code(std::string_view code, const Routine& routine, const SessionOptions& options,
                                     std::string& error) {
    if (code == "r") return make_get_ready(options.get_ready_ms);
    if (code == "x") return make_switch(options.switch_legs_ms);
    if (code == "d") return make_done();
    if (code.size() < 2 || code.size() > 8 || code[0] != 's') {
        error = "unknown phase code '" + std::string(code.substr(0, 16)) + "'";
        return std::nullopt;
    }
    std::optional<Side> side;
    std::string_view digits = code.substr(1);
    if (digits.back() == 'L' || digits.back() == 'R') {
        side = digits.back() == 'L' ? Side::Left : Side::Right;
        digits.remove_suffix(1);
    }
    std::size_t index = 0;
    if (digits.empty()) {
        error = "unknown phase code '" + std::string(code) + "'";
        return std::nullopt;
    }
    for (char c : digits) {
        if (c < '0' || c > '9') {
            error = "unknown phase code '" + std::string(code) + "'";
            return std::nullopt;
        }
        index = index * 10 + static_cast<std::size_t>(c - '0');
    }
    if (index >= routine.steps.size()) {
        error = "step index " + std::to_string(index) + " out of range (the routine has " +
                std::to_string(routine.steps.size()) + " steps)";
        return std::nullopt;
    }
    const Step& step = routine.steps[index];
    if (step.per_leg != side.has_value()) {
        error = "step '" + step.id + "' saved with the wrong leg setting";
        return std::nullopt;
    }
    const std::int64_t duration = step.duration_ms[static_cast<std::size_t>(options.preset)];
    if (duration <= 0) {
        error = "step '" + step.id + "' has no time in this preset";
        return std::nullopt;
    }
    return make_step(routine, index, duration, side);
}

bool get_int(const nlohmann::json& obj, const char* key, std::int64_t lo, std::int64_t hi, std::int64_t& out,
             std::string& error) {
    const auto it = obj.find(key);
    if (it == obj.end() || !it->is_number_integer()) {
        error = std::string("'") + key + "' missing or not a whole number";
        return false;
    }
    // Unsigned values above int64 are rejected before the cast.
    if (it->is_number_unsigned() && it->get<std::uint64_t>() > static_cast<std::uint64_t>(hi)) {
        error = std::string("'") + key + "' out of range";
        return false;
    }
    const auto value = it->get<std::int64_t>();
    if (value < lo || value > hi) {
        error = std::string("'") + key + "' out of range (" + std::to_string(value) + ")";
        return false;
    }
    out = value;
    return true;
}

bool get_bool(const nlohmann::json& obj, const char* key, bool& out, std::string& error) {
    const auto it = obj.find(key);
    if (it == obj.end() || !it->is_boolean()) {
        error = std::string("'") + key + "' missing or not true/false";
        return false;
    }
    out = it->get<bool>();
    return true;
}

bool get_string(const nlohmann::json& obj, const char* key, std::string& out, std::string& error) {
    const auto it = obj.find(key);
    if (it == obj.end() || !it->is_string()) {
        error = std::string("'") + key + "' missing or not text";
        return false;
    }
    out = it->get<std::string>();
    return true;
}

}  // namespace

std::string Session::to_json(std::int64_t now) const {
    Session at_now = *this;  // catch up a copy, so saving never consumes cues
    at_now.catch_up(now);
    const std::int64_t t = at_now.last_seen_;

    nlohmann::json j;
    j["v"] = kSessionJsonVersion;
    j["routine"] = at_now.routine_id_;
    nlohmann::json o;
    o["preset"] = std::string(to_string(options_.preset));
    o["first_leg"] = std::string(to_string(options_.first_leg));
    o["only_leg"] = options_.only_leg ? nlohmann::json(std::string(to_string(*options_.only_leg))) : nlohmann::json();
    o["gentle"] = options_.gentle;
    o["get_ready_ms"] = options_.get_ready_ms;
    o["switch_legs_ms"] = options_.switch_legs_ms;
    o["due_tolerance_ms"] = options_.due_tolerance_ms;
    j["options"] = std::move(o);
    nlohmann::json codes = nlohmann::json::array();
    std::string done_flags;
    for (std::size_t i = 0; i < at_now.phases_.size(); ++i) {
        codes.push_back(phase_code(at_now.phases_[i]));
        done_flags += at_now.completed_[i] ? '1' : '0';
    }
    j["phases"] = std::move(codes);
    j["completed"] = done_flags;
    j["current"] = at_now.current_;
    j["elapsed_ms"] = at_now.phase_elapsed_ms(t);
    j["active_ms"] = at_now.active_before_phase_;
    j["started"] = at_now.started_;
    j["eased"] = at_now.eased_;
    j["ended"] = std::string(to_string(at_now.end_reason_));
    j["entry"] = at_now.entry_;
    return dump_json(j);
}

SessionRestore Session::from_json(std::string_view text, const Routine& routine, std::int64_t now) {
    SessionRestore result;
    std::string& error = result.error;
    const JsonParseResult parsed = parse_json_limited(text, JsonLimits{16 * 1024, 8});
    if (!parsed.ok) {
        error = "saved session: " + parsed.error;
        return result;
    }
    const nlohmann::json& j = parsed.value;
    if (!j.is_object()) {
        error = "saved session: not a JSON object";
        return result;
    }
    auto fail = [&](const std::string& why) {
        error = "saved session: " + why;
        return result;
    };
    std::int64_t version = 0;
    if (!get_int(j, "v", 0, std::numeric_limits<std::int64_t>::max(), version, error)) return fail(error);
    if (version != kSessionJsonVersion) return fail("unsupported version " + std::to_string(version));
    std::string routine_id;
    if (!get_string(j, "routine", routine_id, error)) return fail(error);
    if (routine_id != routine.id) return fail("for routine '" + routine_id.substr(0, 64) + "', not '" + routine.id + "'");

    const auto opts = j.find("options");
    if (opts == j.end() || !opts->is_object()) return fail("'options' missing");
    SessionOptions options;
    std::string name;
    if (!get_string(*opts, "preset", name, error)) return fail(error);
    const auto preset = preset_from_string(name);
    if (!preset) return fail("unknown preset");
    options.preset = *preset;
    if (!get_string(*opts, "first_leg", name, error)) return fail(error);
    const auto first = side_from_string(name);
    if (!first) return fail("unknown first_leg");
    options.first_leg = *first;
    const auto only = opts->find("only_leg");
    if (only == opts->end()) return fail("'only_leg' missing");
    if (!only->is_null()) {
        const auto side = only->is_string() ? side_from_string(only->get<std::string>()) : std::nullopt;
        if (!side) return fail("unknown only_leg");
        options.only_leg = *side;
    }
    if (!get_bool(*opts, "gentle", options.gentle, error)) return fail(error);
    if (!get_int(*opts, "get_ready_ms", 0, kMaxPhaseOptionMs, options.get_ready_ms, error)) return fail(error);
    if (!get_int(*opts, "switch_legs_ms", 0, kMaxPhaseOptionMs, options.switch_legs_ms, error)) return fail(error);
    if (!get_int(*opts, "due_tolerance_ms", 0, kMaxPhaseOptionMs, options.due_tolerance_ms, error)) return fail(error);

    Session s;
    s.routine_id_ = routine.id;
    s.options_ = options;
    const auto codes = j.find("phases");
    if (codes == j.end() || !codes->is_array() || codes->empty() || codes->size() > 4 * routine.steps.size() + 8)
        return fail("'phases' missing or of the wrong size");
    for (const auto& code : *codes) {
        if (!code.is_string()) return fail("a phase code is not text");
        auto phase = phase_from_code(code.get<std::string>(), routine, options, error);
        if (!phase) return fail(error);
        if (phase->kind != PhaseKind::Done && phase->duration_ms <= 0) return fail("a phase has no time");
        s.phases_.push_back(std::move(*phase));
    }
    for (std::size_t i = 0; i < s.phases_.size(); ++i)
        if ((s.phases_[i].kind == PhaseKind::Done) != (i + 1 == s.phases_.size()))
            return fail("the plan must end with exactly one 'done'");

    std::string flags;
    if (!get_string(j, "completed", flags, error)) return fail(error);
    if (flags.size() != s.phases_.size()) return fail("'completed' does not match the phases");
    for (char c : flags) {
        if (c != '0' && c != '1') return fail("'completed' holds something other than 0 and 1");
        s.completed_.push_back(c == '1');
    }
    std::int64_t current = 0;
    const auto last_index = static_cast<std::int64_t>(s.phases_.size()) - 1;
    if (!get_int(j, "current", 0, last_index, current, error)) return fail(error);
    s.current_ = static_cast<std::size_t>(current);
    if (!get_int(j, "elapsed_ms", 0, s.phases_[s.current_].duration_ms, s.elapsed_before_run_, error)) return fail(error);
    if (!get_int(j, "active_ms", 0, kMaxActiveMs, s.active_before_phase_, error)) return fail(error);
    std::int64_t entry = 0;
    if (!get_int(j, "entry", 0, std::numeric_limits<std::int64_t>::max() / 2, entry, error)) return fail(error);
    s.entry_ = static_cast<std::uint64_t>(entry);
    if (!get_bool(j, "started", s.started_, error)) return fail(error);
    if (!get_bool(j, "eased", s.eased_, error)) return fail(error);
    if (!get_string(j, "ended", name, error)) return fail(error);
    const auto ended = end_reason_from_string(name);
    if (!ended) return fail("unknown 'ended' reason");
    s.end_reason_ = *ended;
    if (s.end_reason_ != EndReason::None && !s.finished()) return fail("ended early but not at 'done'");
    if (!s.started_ && (s.current_ != 0 || s.elapsed_before_run_ != 0)) return fail("not started but under way");

    // Paused at the same point: the remaining time waits for resume().
    s.paused_ = true;
    s.run_started_at_ = now;
    s.last_seen_ = now;
    s.schedule_version_ = 1;
    result.session = std::move(s);
    return result;
}

//-----------------------------------------------------------------------------
// [SECTION] Plan text
//-----------------------------------------------------------------------------

std::string format_minutes_seconds(std::int64_t ms) {
    const std::int64_t seconds = ms < 0 ? 0 : ms / 1000;
    const std::int64_t s = seconds % 60;
    return std::to_string(seconds / 60) + ":" + (s < 10 ? "0" : "") + std::to_string(s);
}

std::string format_plan(const Routine& routine, Preset preset, const SessionOptions& options) {
    SessionOptions with_preset = options;
    with_preset.preset = preset;
    std::string out;
    std::int64_t start = 0;
    for (const Phase& p : plan_phases(routine, with_preset)) {
        if (p.kind == PhaseKind::Done) break;
        const std::string_view side = p.side ? to_string(*p.side) : std::string_view("-");
        out += format_minutes_seconds(start) + "  " + std::string(side) + "  " + p.title + "  " +
               format_minutes_seconds(p.duration_ms) + "\n";
        start += p.duration_ms;
    }
    out += "total " + format_minutes_seconds(start) + "\n";
    return out;
}

LegStepPosition leg_step_position(const Session& session) {
    LegStepPosition position;
    const Phase& current = session.current_phase();
    if (current.kind != PhaseKind::Step) return position;
    for (std::size_t i = 0; i < session.phases().size(); ++i) {
        const Phase& other = session.phases()[i];
        if (other.kind != PhaseKind::Step || other.side != current.side) continue;
        ++position.total;
        if (i <= session.phase_index()) position.index = position.total;
    }
    return position;
}

}  // namespace calfcoach
