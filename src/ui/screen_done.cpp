// screen_done.cpp — the end of a session (time, legs, pain after, saved, prevention tips and what to
// do if chest symptoms come later) and the offer to resume an interrupted session.
#include <string>

#include "imgui.h"
#include "ui/app.hpp"
#include "ui/app_storage_keys.hpp"
#include "ui/level_look.hpp"

namespace calfcoach::ui {
namespace {

std::string minutes_text(std::int64_t ms) {
    const std::int64_t minutes = (ms + 30'000) / 60'000;
    if (minutes < 1) return "under a minute";
    return std::to_string(minutes) + (minutes == 1 ? " minute" : " minutes");
}

}  // namespace

void App::draw_done() {
    if (!session_) return go_home();
    const Session& session = *session_;
    const std::int64_t t = now();
    const bool pain_stop = session.end_reason() == EndReason::PainStop;
    draw_top_bar(pain_stop ? "Session stopped" : session.ended_early() ? "Session ended" : "Well done", false);

    const bool left = session.leg_done(Side::Left), right = session.leg_done(Side::Right);
    const std::string legs = left && right ? "both legs" : left ? "the left leg" : right ? "the right leg" : "no leg finished";
    const std::string summary = minutes_text(session.active_ms(t)) + " of massage, " + legs + ".";
    paragraph(draw_, summary.c_str());
    if (pain_stop) {
        vertical_space(draw_, 6);
        const LevelLook& look = level_look(SafetyLevel::SeeProfessional);
        subheading(draw_, look.title);
        paragraph(draw_, player_message_.empty() ? look.todo : player_message_.c_str());
    }
    if (!done_message_.empty()) paragraph(draw_, done_message_.c_str(), true);
    vertical_space(draw_, 8);

    subheading(draw_, "How does your calf feel now? (optional)");
    if (!pain_after_saved_) {
        toggle_row(draw_, "done.pain_toggle", "Rate it from 0 (none) to 10 (worst)", &pain_after_given_);
        if (pain_after_given_) {
            const std::string label = "Pain now: " + std::to_string(pain_after_) + " of 10";
            paragraph(draw_, label.c_str());
            slider_int(draw_, "done.pain", "Pain after, 0 to 10", &pain_after_, 0, 10);
            if (button(draw_, "done.save_pain", "Save", ButtonStyle::Outline)) {
                for (const SessionRecord& existing : history_.data().records) {
                    if (existing.id != record_id_) continue;
                    SessionRecord updated = existing;
                    updated.pain_after = pain_after_;
                    const HistorySaveResult saved = history_.replace(updated);
                    pain_after_saved_ = saved.ok;
                    if (!saved.ok) done_message_ = "Could not save the pain score: " + saved.error;
                    break;
                }
            }
        }
    } else {
        const std::string saved = "Saved: " + std::to_string(pain_after_) + " of 10.";
        paragraph(draw_, saved.c_str(), true);
    }
    vertical_space(draw_, 8);

    // Two prevention tips from the Learn content (its prevention section).
    const LearnSection* prevention = nullptr;
    for (const LearnSection& section : content_.content.learn)
        if (section.id.find("prevent") != std::string::npos) prevention = &section;
    if (prevention != nullptr && !prevention->paragraphs.empty()) {
        subheading(draw_, "To keep your calves loose");
        for (std::size_t i = 0; i < prevention->paragraphs.size() && i < 2; ++i) bullet(draw_, prevention->paragraphs[i].c_str());
        vertical_space(draw_, 8);
    }
    subheading(draw_, "In the next few days");
    paragraph(draw_, "If chest pain, sudden breathlessness or coughing up blood comes on, call 112 (999 in the UK, 911 "
                     "in the US) at once. If one calf becomes swollen, warm, red or painful, get medical advice the "
                     "same day.");
    if (button(draw_, "done.chest", "I have chest pain or breathlessness now", ButtonStyle::Outline)) {
        safety_result_ = evaluate_after_session(content_.content.triage, Answer::Yes);
        safety_why_ = TriageWhy{};
        WhyLine said;
        said.text = "You said: chest pain or breathlessness now, after a massage";
        said.level = safety_result_->level;
        for (const TriggeredRule& rule : safety_result_->rules) {
            safety_why_.advice.push_back(rule.advice);
            if (!rule.source.empty()) said.sources.push_back(rule.source);
        }
        safety_why_.lines.push_back(std::move(said));
        HostEvent event;
        event.kind = HostEventKind::SafetyResult;
        event.level = safety_result_->level;
        services_.notify_host(event);
        back_stack_ = {Screen::Home};
        navigate(Screen::SafetyResult, false);
        return;
    }
    draw_call_clinic();
    vertical_space(draw_, 8);
    if (button(draw_, "nav.home", "Home", ButtonStyle::Primary)) {
        session_.reset();
        go_home();
    }
}

void App::draw_resume() {
    if (!session_) return go_home();
    const Session& session = *session_;
    draw_top_bar("Carry on where you left off?", false);
    const Phase& phase = session.current_phase();
    std::string where = phase.kind == PhaseKind::GetReady ? std::string("Just before the start")
                                                          : phase.kind == PhaseKind::SwitchLegs ? std::string("Switching legs")
                                                                                                : phase.title;
    if (phase.side) where += std::string(", ") + (*phase.side == Side::Left ? "left leg" : "right leg");
    const std::int64_t remaining = session.remaining_ms(now());
    where += ": " + std::to_string(remaining / 60000) + ":" + (remaining / 1000 % 60 < 10 ? "0" : "") +
             std::to_string(remaining / 1000 % 60) + " left in this part.";
    paragraph(draw_, "Your last session was interrupted.");
    paragraph(draw_, where.c_str());
    paragraph(draw_, "If anything has changed since you started (new swelling, redness, warmth or pain), stop and "
                     "do the safety check again.", true);
    vertical_space(draw_, 12);
    if (button(draw_, "resume.continue", "Resume", ButtonStyle::Primary)) {
        if (!safety_result_ || !allows_session(safety_result_->level))
            safety_result_ = TriageResult{session.options().gentle ? SafetyLevel::Caution : SafetyLevel::Ok, {}};
        session_started_at_ = services_.wall_clock_iso();
        scheduled_version_ = UINT64_MAX;
        session_->resume(now());
        back_stack_ = {Screen::Home};
        navigate(Screen::Player, false);
        return;
    }
    if (button(draw_, "resume.discard", "Discard it", ButtonStyle::Outline)) {
        services_.storage().remove(kSessionInProgressKey);
        services_.storage().remove(kSessionProgrammeKey);
        session_.reset();
        go_home();
    }
}

}  // namespace calfcoach::ui
