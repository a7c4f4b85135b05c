// screen_safety.cpp — the safety check: one question per page, the result, and the one-tap
// "nothing has changed" within 24 hours of an ok or caution result.
//
// Safety first: "Not sure" counts as yes, unanswered counts as yes (core/triage.hpp), the most
// severe questions come first, and an emergency answer ends the check at once.
#include <string>

#include <nlohmann/json.hpp>

#include "core/json_safe.hpp"
#include "imgui.h"
#include "core/backup.hpp"
#include "ui/app.hpp"
#include "ui/app_storage_keys.hpp"
#include "ui/level_look.hpp"

namespace calfcoach::ui {
namespace {

constexpr std::int64_t kRecheckAfterSeconds = 24 * 60 * 60;
constexpr const char* kEmergencyNumber = "112";  // works from mobile phones across Europe and beyond

}  // namespace

void App::start_safety_check() {
    if (routine_ == nullptr) return navigate(Screen::ContentError);
    if (safety_result_ && allows_session(safety_result_->level) && !safety_checked_at_.empty()) {
        const auto age = seconds_between(safety_checked_at_, services_.wall_clock_iso());
        if (age && *age >= 0 && *age < kRecheckAfterSeconds) return navigate(Screen::SafetyConfirm);
    }
    answers_.clear();
    questions_ = questions_most_severe_first(content_.content.triage);
    question_index_ = 0;
    navigate(Screen::SafetyQuestion);
}

void App::finish_safety_check() {
    const TriageContent& triage = content_.content.triage;
    // The level counts every unanswered question as yes (safety first). After an early stop on an
    // emergency, the reasons shown are only those the person's own answers give: listing questions
    // never asked as reasons would be wrong and confusing. The level is never lowered by this.
    const TriageResult strict = evaluate_triage(triage, answers_);
    TriageAnswers asked = answers_;
    for (const TriageQuestion* question : questions_)
        if (!asked.count(question->id)) asked[question->id] = Answer::No;
    safety_result_ = evaluate_triage(triage, asked);
    if (strict.level > safety_result_->level) safety_result_->level = strict.level;
    safety_checked_at_ = services_.wall_clock_iso();
    HostEvent event;  // the level only: the answers never leave the app
    event.kind = HostEventKind::SafetyResult;
    event.level = safety_result_->level;
    services_.notify_host(event);
    // Only the level and the time are kept: the answers are health data the app does not need later.
    services_.storage().set(kLastSafetyKey, safety_facts_to_stored(SafetyFacts{safety_result_->level, safety_checked_at_}));
    back_stack_ = {Screen::Home};
    screen_ = Screen::SafetyResult;
    scroll_to_top_ = true;
}

void App::draw_safety_confirm() {
    if (draw_top_bar("Safety check")) go_back();
    const auto age = seconds_between(safety_checked_at_, services_.wall_clock_iso()).value_or(0);
    const long hours = static_cast<long>(age / 3600);
    const std::string when = hours < 1 ? "less than an hour ago" : hours == 1 ? "1 hour ago" : std::to_string(hours) + " hours ago";
    const std::string lead = "You did the safety check " + when + ". Has anything changed since then: new swelling, "
                             "redness, warmth, pain, an injury, or feeling unwell?";
    paragraph(draw_, lead.c_str());
    vertical_space(draw_, 12);
    if (button(draw_, "safety.unchanged", "Nothing has changed", ButtonStyle::Primary)) {
        back_stack_ = {Screen::Home};
        navigate(Screen::Prepare, false);
    }
    if (button(draw_, "safety.recheck", "Something changed: check again", ButtonStyle::Outline)) {
        safety_checked_at_.clear();
        answers_.clear();
        questions_ = questions_most_severe_first(content_.content.triage);
        question_index_ = 0;
        back_stack_ = {Screen::Home};
        navigate(Screen::SafetyQuestion, false);
    }
}

void App::draw_safety_question() {
    if (draw_top_bar("Safety check")) {
        if (question_index_ > 0) --question_index_;
        else go_back();
        return;
    }
    if (questions_.empty() || question_index_ >= questions_.size()) return finish_safety_check();
    const TriageQuestion& question = *questions_[question_index_];

    // Progress: words and a bar.
    const std::string progress = "Question " + std::to_string(question_index_ + 1) + " of " + std::to_string(questions_.size());
    paragraph(draw_, progress.c_str(), true);
    const ImVec2 bar = ImGui::GetCursorScreenPos();
    const float width = ImGui::GetContentRegionAvail().x;
    const float fraction = static_cast<float>(question_index_) / static_cast<float>(questions_.size());
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddRectFilled(bar, ImVec2(bar.x + width, bar.y + draw_.px(6)), to_u32(draw_.palette->surface_pressed), draw_.px(3));
    draw->AddRectFilled(bar, ImVec2(bar.x + width * fraction, bar.y + draw_.px(6)), to_u32(draw_.palette->primary), draw_.px(3));
    vertical_space(draw_, 18);

    heading(draw_, question.text.c_str());
    if (!question.help.empty()) paragraph(draw_, question.help.c_str(), true);
    vertical_space(draw_, 16);

    std::optional<Answer> answer;
    if (button(draw_, "safety.yes", "Yes", ButtonStyle::Outline)) answer = Answer::Yes;
    if (button(draw_, "safety.no", "No", ButtonStyle::Outline)) answer = Answer::No;
    if (button(draw_, "safety.unsure", "Not sure", ButtonStyle::Outline)) answer = Answer::Unsure;
    vertical_space(draw_, 8);
    paragraph(draw_, "\"Not sure\" is treated like yes, to be safe.", true);
    if (!answer) return;

    answers_[question.id] = *answer;
    // Later answers belong to questions not reached yet after going back: keep them, they are still true.
    if (answers_decide_emergency(content_.content.triage, answers_) || question_index_ + 1 >= questions_.size()) {
        finish_safety_check();
    } else {
        ++question_index_;
    }
}

void App::draw_safety_result() {
    if (!safety_result_) return go_home();
    const SafetyLevel level = safety_result_->level;
    const LevelLook& look = level_look(level);
    if (draw_top_bar("Your safety check", false)) go_back();

    // The banner: colour, icon and words together.
    const ImVec2 start = ImGui::GetCursorScreenPos();
    const float width = ImGui::GetContentRegionAvail().x;
    const float icon = draw_.px(40);
    const float pad = draw_.px(16);
    ImGui::PushFont(draw_.fonts.heading);
    const ImVec2 title_size = ImGui::CalcTextSize(look.title, nullptr, false, width - icon - pad * 3);
    ImGui::PopFont();
    const float height = std::max(icon, title_size.y) + pad * 2;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddRectFilled(start, ImVec2(start.x + width, start.y + height), to_u32(look.colour), draw_.px(14));
    draw_icon(draw, look.icon, ImVec2(start.x + pad + icon * 0.5f, start.y + height * 0.5f), icon, IM_COL32_WHITE);
    draw->AddText(draw_.fonts.heading, draw_.fonts.heading->FontSize,
                  ImVec2(start.x + pad * 2 + icon, start.y + (height - title_size.y) * 0.5f), IM_COL32_WHITE, look.title,
                  nullptr, width - icon - pad * 3);
    ImGui::Dummy(ImVec2(width, height));
    record_text(draw_, "h2", look.title);  // the banner's words, for the accessibility layer
    vertical_space(draw_, 8);

    if (level == SafetyLevel::Emergency) {
        const std::string call = std::string("Call ") + kEmergencyNumber + " now";
        if (button(draw_, "safety.call", call.c_str(), ButtonStyle::Danger))
            services_.open_link(std::string("tel:") + kEmergencyNumber);
        paragraph(draw_, "If that number does not work where you are, call your local emergency number "
                         "(999 in the UK, 911 in the US and Canada, 000 in Australia).", true);
        vertical_space(draw_, 8);
    }
    subheading(draw_, "What to do now");
    paragraph(draw_, look.todo);
    // The clinic can help with these; urgent and emergency results point to doctors and the emergency
    // number only, never to a clinic's line.
    if (level >= SafetyLevel::Caution && level <= SafetyLevel::SeeProfessional) draw_call_clinic();
    if (!safety_result_->rules.empty()) {
        vertical_space(draw_, 8);
        subheading(draw_, level == SafetyLevel::Ok ? "Good to know" : "Why");
        for (const TriggeredRule& rule : safety_result_->rules) {
            bullet(draw_, rule.advice.c_str());
            if (!rule.source.empty()) {
                const std::string source = "Based on: " + rule.source;
                ImGui::Indent(draw_.px(22));
                paragraph(draw_, source.c_str(), true);
                ImGui::Unindent(draw_.px(22));
            }
        }
    }
    vertical_space(draw_, 12);
    if (allows_session(level)) {
        if (button(draw_, "safety.continue", "Continue", ButtonStyle::Primary)) {
            back_stack_ = {Screen::Home};
            navigate(Screen::Prepare, false);
        }
        if (button(draw_, "nav.home", "Home", ButtonStyle::Secondary)) go_home();
    } else {
        if (button(draw_, "safety.learn", "Learn more", ButtonStyle::Secondary)) {
            back_stack_ = {Screen::Home};
            navigate(Screen::Learn, false);
        }
        if (button(draw_, "nav.home", "Home", ButtonStyle::Secondary)) go_home();
    }
}

}  // namespace calfcoach::ui
