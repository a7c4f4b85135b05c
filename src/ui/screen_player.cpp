// screen_player.cpp — the session: get ready, every step with its countdown ring and calf diagram,
// switch legs with 3-2-1, pause/back/next/end, and "It hurts". Cues are planned ahead by the core and
// handed to the platform, which places them on the audio clock so they keep time on a locked phone.
//
// [SECTION] Session plumbing: start, tick, save, end
// [SECTION] Drawing: header, ring, step, switch legs, controls
// [SECTION] "It hurts"
#include <algorithm>
#include <cmath>
#include <string>

#include "imgui.h"
#include "core/plain_words.hpp"
#include "ui/app.hpp"
#include "ui/app_storage_keys.hpp"
#include "ui/calf_diagram.hpp"
#include "ui/fonts.hpp"
#include "ui/icons.hpp"

namespace calfcoach::ui {
namespace {

// Cues are scheduled this far ahead (the issue asks for at least 70 s) and topped up well before
// that runs out, so a phone that sleeps keeps hearing them. The horizon must outlast the longest wait
// between top-ups: a hidden page gets no frames, only timers (keep_cues_ahead), which browsers
// stretch to once a minute after five minutes hidden.
constexpr std::int64_t kCueHorizonMs = 75'000;
constexpr std::int64_t kCueTopUpEveryMs = 20'000;

std::string clock_text(std::int64_t ms) {
    const std::int64_t seconds = (std::max<std::int64_t>(ms, 0) + 999) / 1000;  // 0:01 until it is really over
    std::string text = std::to_string(seconds / 60) + ":";
    const std::int64_t rest = seconds % 60;
    if (rest < 10) text += "0";
    return text + std::to_string(rest);
}

// The time in the ring: the last 3 seconds of switch legs are counted ("3", "2", "1") as the voice does.
std::string countdown_text(const Phase& phase, std::int64_t remaining_ms) {
    if (phase.kind == PhaseKind::SwitchLegs && remaining_ms <= 3000) return std::to_string((std::max<std::int64_t>(remaining_ms, 0) + 999) / 1000);
    return clock_text(remaining_ms);
}

// What the platform needs to tick the ring's arc and time between frames; drawn with the display
// font, after PushFont. `ends_at_ms`: the app's clock at the phase's end.
CountdownFace countdown_face(const Phase& phase, std::int64_t ends_at_ms, ImVec2 centre, float radius, float line_width,
                             ImVec2 text_size, const DrawContext& d) {
    CountdownFace face;
    const ImDrawList& draw = *ImGui::GetWindowDrawList();
    face.centre_x = centre.x;
    face.centre_y = centre.y;
    face.clip_min_x = draw.GetClipRectMin().x;
    face.clip_min_y = draw.GetClipRectMin().y;
    face.clip_max_x = draw.GetClipRectMax().x;
    face.clip_max_y = draw.GetClipRectMax().y;
    face.radius = radius;
    face.line_width = line_width;
    face.arc = d.palette->primary;
    face.text = d.palette->heading;
    const ImFont& font = *ImGui::GetFont();
    face.em_px = font.FontSize * ui_font_em_per_size();
    // Where the canvas puts the text: its top-left corner half its size from the centre, which ImGui
    // cuts to whole pixels, and the baseline an ascent below that top.
    const float left = std::trunc(centre.x - text_size.x * 0.5f), top = std::trunc(centre.y - text_size.y * 0.5f);
    face.text_dx = left + text_size.x * 0.5f - centre.x;
    face.baseline_dy = top + font.Ascent - centre.y;
    face.ends_at_ms = static_cast<double>(ends_at_ms);
    face.duration_ms = static_cast<double>(phase.duration_ms);
    const std::int64_t seconds = (std::max<std::int64_t>(phase.duration_ms, 0) + 999) / 1000;
    face.labels.reserve(static_cast<std::size_t>(seconds) + 1);
    for (std::int64_t k = 0; k <= seconds; ++k) face.labels.push_back(countdown_text(phase, k * 1000));
    return face;
}

const char* side_words(std::optional<Side> side) {
    if (!side) return "Both legs";
    return *side == Side::Left ? "Left leg" : "Right leg";
}

}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] Session plumbing
//-----------------------------------------------------------------------------
void App::start_session() {
    if (routine_ == nullptr || !safety_result_ || !allows_session(safety_result_->level)) return;
    SessionOptions options;
    options.preset = static_cast<Preset>(std::clamp(preset_choice_, 0, 2));
    options.first_leg = leg_choice_ == 0 ? Side::Left : Side::Right;
    options.gentle = safety_result_->level == SafetyLevel::Caution;
    // A programme session plays the programme's copy of the routine with the options it narrowed;
    // "Before you start" shows why when it cannot start, so this is only a guard.
    const Routine* routine = routine_;
    const bool follows_programme = programme_session_ && programme_;
    if (follows_programme) {
        PrescribedSession prescribed = programme_session_for(options);
        if (!prescribed.ok()) return;
        programme_routine_ = std::move(*prescribed.routine);
        options = prescribed.options;
        routine = &*programme_routine_;
    } else {
        programme_session_ = false;
    }
    session_.emplace(*routine, options);
    session_routine_ = routine;
    session_->start(now());
    session_started_at_ = services_.wall_clock_iso();
    scheduled_version_ = UINT64_MAX;
    saved_phase_index_ = SIZE_MAX;
    pain_panel_open_ = false;
    player_message_.clear();
    last_spoken_.clear();
    record_id_.clear();
    pain_after_given_ = false;
    pain_after_saved_ = false;
    if (preview_screen_) {
        // The clinic kit's preview keeps nothing of this session.
    } else if (follows_programme) {
        services_.storage().set(kSessionProgrammeKey, programme_->code);
    } else {
        services_.storage().remove(kSessionProgrammeKey);
    }
    // Remember the choices for next time (the person's own, not the programme's length).
    if (!follows_programme && !preview_screen_ && (settings_.default_preset != options.preset || settings_.first_leg != options.first_leg)) {
        settings_.default_preset = options.preset;
        settings_.first_leg = options.first_leg;
        save_settings();
    }
    back_stack_ = {Screen::Home};
    navigate(Screen::Player, false);
    save_session_in_progress();
}

// The sounds ahead on the audio clock, again when the session's schedule changed (pause, next, pain...)
// or the last top-up is old. Session::cues is a query, not update(): passed cues stay for the next
// frame to report (due or missed).
void App::top_up_cues(std::int64_t t) {
    const Session& session = *session_;
    if (session.schedule_version() == scheduled_version_ && t - scheduled_at_ms_ < kCueTopUpEveryMs) return;
    services_.schedule_cues(session.cues(t, kCueHorizonMs), t);
    scheduled_version_ = session.schedule_version();
    scheduled_at_ms_ = t;
}

void App::keep_cues_ahead(double now_ms) {
    if (!session_ || screen_ != Screen::Player) return;
    // No frame sets the clock while hidden: commands from the media controls must act at this time.
    last_context_.now_ms = std::max(last_context_.now_ms, now_ms);
    apply_media_actions();
    top_up_cues(now());
    sync_session_services();
}

void App::media_action(MediaAction action) {
    if (media_actions_.size() < 16) media_actions_.push_back(action);  // a burst of presses stays bounded
}

void App::apply_media_actions() {
    if (media_actions_.empty()) return;
    std::vector<MediaAction> actions;
    actions.swap(media_actions_);
    if (!session_ || screen_ != Screen::Player || pain_panel_open_) return;
    for (const MediaAction action : actions) {
        if (session_->finished()) break;
        switch (action) {
            case MediaAction::Play:
                if (session_->paused()) player_resume();
                break;
            case MediaAction::Pause:
                if (!session_->paused()) player_pause();
                break;
            case MediaAction::NextTrack: player_next(); break;
            case MediaAction::PreviousTrack: player_back(); break;
        }
    }
}

void App::player_pause() {
    session_->pause(now());
    save_session_in_progress();
}

void App::player_resume() { session_->resume(now()); }

void App::player_next() {
    session_->next(now());
    player_message_.clear();
}

void App::player_back() {
    session_->back(now());
    player_message_.clear();
}

namespace {
// The leg the media controls name: the step's own; in get ready and switch legs the one next.
const char* media_leg_words(const Session& session) {
    const Phase& phase = session.current_phase();
    if (phase.kind == PhaseKind::Step) return side_words(phase.side);
    for (std::size_t i = session.phase_index() + 1; i < session.phases().size(); ++i)
        if (session.phases()[i].side) return side_words(session.phases()[i].side);
    return side_words(std::nullopt);
}
}  // namespace

void App::sync_session_services() {
    MediaSessionInfo info;
    if (session_ && screen_ == Screen::Player && !session_->finished()) {
        const Session& session = *session_;
        info.active = true;
        info.title = session.current_phase().title;
        info.artist = media_leg_words(session);
        info.playing = session.started() && !session.paused();
    }
    if (info != media_sent_) {
        media_sent_ = info;
        services_.set_media_session(info);
    }
    // "playback" pauses the person's music: only while cues play, only when there is something to hear,
    // and never when the setting is off.
    const bool audible = settings_.sound || settings_.voice;
    const AudioSessionType type = info.playing && audible && settings_.silent_switch_playback ? AudioSessionType::Playback
                                                                                             : AudioSessionType::Auto;
    if (type != audio_session_sent_) {
        audio_session_sent_ = type;
        services_.set_audio_session(type);
    }
}

void App::tick_session(FrameResult& result) {
    Session& session = *session_;
    const std::int64_t t = now();
    const UpdateResult update = session.update(t);
    for (const Cue& cue : update.due) {
        services_.cue_due(cue);
        last_spoken_ = cue.text;
    }
    // After a long sleep only the latest passed cue is worth saying: where we are now.
    if (!update.missed.empty()) {
        services_.cue_due(update.missed.back());
        last_spoken_ = update.missed.back().text;
    }
    top_up_cues(t);
    if (session.finished()) return end_session_to_done();
    if (update.phase_changed || session.phase_index() != saved_phase_index_) save_session_in_progress();

    const bool playing = session.started() && !session.paused();
    if (playing != keep_awake_) {
        keep_awake_ = playing;
        services_.set_keep_awake(playing);
    }
    if (playing) {
        // Draw again when the shown second changes (and at the phase's end).
        const std::int64_t remaining = session.remaining_ms(t);
        const std::int64_t to_next_second = remaining % 1000 == 0 ? 1000 : remaining % 1000;
        result.wake_after_ms = static_cast<double>(std::max<std::int64_t>(to_next_second, 16));
    }
}

void App::save_session_in_progress() {
    if (!session_ || preview_screen_) return;
    saved_phase_index_ = session_->phase_index();
    services_.storage().set(kSessionInProgressKey, session_->to_json(now()));
}

void App::end_session_to_done() {
    services_.cancel_cues();
    keep_awake_ = false;
    services_.set_keep_awake(false);
    record_session();
    if (session_ && !preview_screen_) {
        // The host may keep its own record (embedded, storage is often blocked or partitioned).
        const Session& session = *session_;
        const bool left = session.leg_done(Side::Left), right = session.leg_done(Side::Right);
        HostEvent event;
        event.kind = HostEventKind::SessionComplete;
        event.duration_s = (session.active_ms(now()) + 500) / 1000;
        event.legs = left && right ? "both" : left ? "left" : right ? "right" : "none";
        event.ended = session.end_reason() == EndReason::PainStop      ? "pain_stop"
                      : session.end_reason() == EndReason::UserStopped ? "early"
                                                                       : "completed";
        services_.notify_host(event);
    }
    if (!preview_screen_) {
        services_.storage().remove(kSessionInProgressKey);
        services_.storage().remove(kSessionProgrammeKey);
    }
    pain_panel_open_ = false;
    back_stack_ = {Screen::Home};
    navigate(Screen::Done, false);
}

void App::record_session() {
    if (!session_ || !record_id_.empty()) return;
    if (preview_screen_) {
        done_message_ = "This is a preview: nothing is saved.";
        return;
    }
    record_id_ = "s-" + session_started_at_ + "-" + std::to_string(++id_counter_);
    SessionRecord record =
        record_from_session(*session_, now(), record_id_, session_started_at_,
                            pain_before_given_ ? std::optional<int>(pain_before_) : std::nullopt, std::nullopt,
                            safety_result_ ? safety_result_->level : SafetyLevel::Ok);
    if (programme_session_ && programme_) record.programme = prescription_id(programme_->prescription);
    const HistorySaveResult saved = history_.add(record);
    done_message_ = saved.ok ? (services_.status().storage_persistent ? "Saved to your history on this device."
                                                                       : "Kept in your history until you close the page.")
                             : "Could not save this session: " + saved.error;
    if (saved.ok) ask_to_keep_storage();  // the person has used the app by now (never at start-up)
}

//-----------------------------------------------------------------------------
// [SECTION] Drawing
//-----------------------------------------------------------------------------
void App::draw_player(FrameResult& result) {
    if (!session_) return go_home();
    Session& session = *session_;
    const std::int64_t t = now();
    const Phase& phase = session.current_phase();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const Palette& p = *draw_.palette;

    // Where we are: leg, and step n of N on this leg.
    std::string where;
    if (phase.kind == PhaseKind::Step) {
        const auto [index, total] = leg_step_position(session);
        where = std::string(side_words(phase.side)) + " \xC2\xB7 step " + std::to_string(index) + " of " + std::to_string(total);
    } else if (phase.kind == PhaseKind::GetReady) {
        where = std::string("First: ") + side_words(session.options().only_leg ? session.options().only_leg : session.options().first_leg);
    } else {
        where = "Switch legs";
    }
    vertical_space(draw_, 8);
    paragraph(draw_, where.c_str(), true);
    const char* title = phase.kind == PhaseKind::GetReady ? "Get ready" : phase.title.c_str();
    heading(draw_, title);
    vertical_space(draw_, 6);

    // Ring and diagram side by side.
    const float width = ImGui::GetContentRegionAvail().x;
    const float ring_size = std::min(draw_.px(170), width * 0.46f);
    const ImVec2 row = ImGui::GetCursorScreenPos();
    const float diagram_width = std::min(width - ring_size - draw_.px(16), draw_.px(190));
    const float diagram_height = std::min(calf_diagram_height_for_width(diagram_width), draw_.px(300));
    const float row_height = std::max(ring_size, diagram_height);
    const ImVec2 ring_centre(row.x + ring_size * 0.5f, row.y + row_height * 0.5f);
    const float radius = ring_size * 0.5f - draw_.px(8);
    const double fraction = std::clamp(1.0 - session.step_progress(t), 0.0, 1.0);
    draw->AddCircle(ring_centre, radius, to_u32(p.surface_pressed), 96, draw_.px(12));
    const std::string time_text = countdown_text(phase, session.remaining_ms(t));
    ImGui::PushFont(draw_.fonts.display);
    const ImVec2 time_size = ImGui::CalcTextSize(time_text.c_str());
    const bool playing = session.started() && !session.paused() && !session.finished();
    if (playing) result.countdown = countdown_face(phase, t + session.remaining_ms(t), ring_centre, radius, draw_.px(12), time_size, draw_);
    // The platform ticks the arc and the time between frames: the canvas leaves them out.
    if (!playing || !last_context_.countdown_face) {
        if (fraction > 0.0) {
            const float start = -3.14159265f * 0.5f;
            draw->PathArcTo(ring_centre, radius, start, start + static_cast<float>(fraction) * 2.0f * 3.14159265f, 96);
            draw->PathStroke(to_u32(p.primary), 0, draw_.px(12));
        }
        draw->AddText(ImVec2(ring_centre.x - time_size.x * 0.5f, ring_centre.y - time_size.y * 0.5f), to_u32(p.heading),
                      time_text.c_str());
    }
    ImGui::PopFont();
    if (session.paused()) {
        ImGui::PushFont(draw_.fonts.body);
        const ImVec2 size = ImGui::CalcTextSize("Paused");
        draw->AddText(ImVec2(ring_centre.x - size.x * 0.5f, ring_centre.y + time_size.y * 0.5f + draw_.px(2)),
                      to_u32(p.text_muted), "Paused");
        ImGui::PopFont();
    }
    if (phase.kind == PhaseKind::Step && session_routine_ != nullptr && phase.step_index < session_routine_->steps.size()) {
        const Step& step = session_routine_->steps[phase.step_index];
        CalfDiagramParams params;
        params.zone = step.zone;
        params.pattern = step.pattern;
        params.side = phase.side.value_or(Side::Left);
        params.time_s = static_cast<double>(t) / 1000.0;
        params.reduced_motion = reduced_motion() || session.paused();
        params.strokes_per_minute = step.pressure == Pressure::Light ? 24.0f : 16.0f;
        // On the web the stroke moves on the compositor: the canvas draws once a second, not 30 times.
        if (last_context_.motion_layer) params.motion = &frame_motion_;
        const ImVec2 dmin(row.x + width - diagram_width, row.y + (row_height - diagram_height) * 0.5f);
        if (draw_calf_diagram(draw, dmin, ImVec2(dmin.x + diagram_width, dmin.y + diagram_height), draw_, params))
            result.animating = true;
    } else {
        // Get ready and switch legs: the leg that comes next, still, without a highlight.
        std::optional<Side> next_side;
        for (std::size_t i = session.phase_index() + 1; i < session.phases().size() && !next_side; ++i)
            next_side = session.phases()[i].side;
        CalfDiagramParams params;
        params.side = next_side.value_or(Side::Left);
        params.reduced_motion = true;
        params.highlight = false;
        params.show_pattern = false;
        const ImVec2 dmin(row.x + width - diagram_width, row.y + (row_height - diagram_height) * 0.5f);
        draw_calf_diagram(draw, dmin, ImVec2(dmin.x + diagram_width, dmin.y + diagram_height), draw_, params);
    }
    ImGui::Dummy(ImVec2(width, row_height));
    vertical_space(draw_, 8);

    if (!player_message_.empty()) {
        paragraph(draw_, player_message_.c_str());
        vertical_space(draw_, 4);
    }
    if (phase.kind == PhaseKind::Step && session_routine_ != nullptr && phase.step_index < session_routine_->steps.size()) {
        const Step& step = session_routine_->steps[phase.step_index];
        const Pressure pressure = session.effective_pressure().value_or(step.pressure);
        const std::string detail = std::string(pressure_words(pressure)) + " \xC2\xB7 " + step.hands;
        paragraph(draw_, detail.c_str(), true);
        paragraph(draw_, step.instruction.c_str());
        if (!step.tip.empty()) {
            const std::string tip = "Tip: " + step.tip;
            paragraph(draw_, tip.c_str(), true);
        }
    } else if (phase.kind == PhaseKind::GetReady) {
        paragraph(draw_, "Sit comfortably with your leg relaxed and your knee a little bent. Warm some oil or lotion "
                         "between your hands.");
    } else if (phase.kind == PhaseKind::SwitchLegs) {
        const std::optional<Side> next_side = session.phase_index() + 1 < session.phases().size()
                                                  ? session.phases()[session.phase_index() + 1].side
                                                  : std::nullopt;
        const std::string next = std::string(side_words(next_side)) + " next. Shake out the first leg and get the "
                                 "other one comfortable.";
        paragraph(draw_, next.c_str());
    }
    vertical_space(draw_, 10);

    if (pain_panel_open_) return draw_pain_panel();

    // Space pauses and resumes when keyboard focus is on no control (a control's own Space presses it).
    const ImGuiIO& io = ImGui::GetIO();
    const bool nav_focus = (io.ConfigFlags & ImGuiConfigFlags_NavEnableKeyboard) != 0 && io.NavVisible;
    if (ImGui::IsKeyPressed(ImGuiKey_Space, false) && draw_.focus_id.empty() && !nav_focus && !session.finished()) {
        if (session.paused()) player_resume();
        else player_pause();
    }

    // Controls: back, pause/resume (the big one), next.
    const float gap = draw_.px(10);
    const float small = (width - gap * 2) * 0.25f;
    const float big = width - small * 2 - gap * 2;
    if (button(draw_, "player.back", "Back", ButtonStyle::Outline, small)) player_back();
    ImGui::SameLine(0, gap);
    if (session.paused()) {
        if (button(draw_, "player.resume", "Resume", ButtonStyle::Primary, big)) player_resume();
    } else {
        if (button(draw_, "player.pause", "Pause", ButtonStyle::Primary, big)) player_pause();
    }
    ImGui::SameLine(0, gap);
    if (button(draw_, "player.next", "Next", ButtonStyle::Outline, small)) player_next();
    vertical_space(draw_, 4);
    if (button(draw_, "player.hurts", "It hurts", ButtonStyle::Outline)) {
        pain_panel_open_ = true;
        pain_sharp_ = false;
        session.pause(t);
        save_session_in_progress();
    }
    if (button(draw_, "player.end", "End session", ButtonStyle::Quiet)) {
        session.stop(t);
        end_session_to_done();
    }
    if (session.finished()) end_session_to_done();
}

//-----------------------------------------------------------------------------
// [SECTION] "It hurts"
//-----------------------------------------------------------------------------
void App::draw_pain_panel() {
    Session& session = *session_;
    const std::int64_t t = now();
    subheading(draw_, "How much does it hurt right now?");
    const std::string value = std::to_string(pain_score_) + " of 10" +
                              (pain_score_ >= 7 ? ": severe" : pain_score_ >= 4 ? ": moderate" : ": mild");
    paragraph(draw_, value.c_str());
    slider_int(draw_, "pain.score", "Pain, 0 to 10", &pain_score_, 0, 10);
    checkbox_row(draw_, "pain.sharp", "Sharp or shooting pain, numbness or tingling", &pain_sharp_);
    vertical_space(draw_, 6);
    if (button(draw_, "pain.report", "Tell the coach", ButtonStyle::Primary)) {
        const PainAction action = session.report_pain(t, pain_score_, pain_sharp_);
        pain_panel_open_ = false;
        const std::string advice(pain_advice(content_.content.triage, action));
        switch (action) {
            case PainAction::Stop:
                done_message_.clear();
                player_message_ = advice;
                end_session_to_done();
                return;
            case PainAction::Ease:
                player_message_ = advice.empty() ? "Lighter pressure from now on; the deep step is left out." : advice;
                session.resume(t);
                break;
            case PainAction::Continue:
                player_message_ = advice.empty() ? "Carry on gently, and stop if it gets worse." : advice;
                session.resume(t);
                break;
        }
    }
    if (button(draw_, "pain.cancel", "Cancel", ButtonStyle::Outline)) {
        pain_panel_open_ = false;
        session.resume(t);
    }
}

}  // namespace calfcoach::ui
