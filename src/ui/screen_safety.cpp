// screen_safety.cpp — the safety check: a few pages of related signs (core/triage_pages.hpp), the
// result with why in the person's own words, the one-tap "nothing has changed" within 24 hours of an
// ok or caution result, and the re-check's "Still true" line for the page that rarely changes.
//
// Safety first: "Not sure" counts as yes; a sign counts as "no" only when the page's explicit "None
// of these" (or "None of the others") covers it; the most severe page comes first; a sign that
// makes it an emergency ends the check at once. The pages are only a view: evaluate_triage decides.
#include <algorithm>
#include <string>

#include <nlohmann/json.hpp>

#include "core/backup.hpp"
#include "core/calendar_date.hpp"
#include "core/json_safe.hpp"
#include "core/plain_words.hpp"
#include "imgui.h"
#include "ui/app.hpp"
#include "ui/app_storage_keys.hpp"
#include "ui/level_look.hpp"

namespace calfcoach::ui {
namespace {

constexpr std::int64_t kRecheckAfterSeconds = 24 * 60 * 60;
constexpr const char* kEmergencyNumber = "112";  // works from mobile phones across Europe and beyond

const char* sign_words(const TriageQuestion& question) {
    return question.item.empty() ? question.text.c_str() : question.item.c_str();
}

}  // namespace

void App::start_safety_check() {
    if (routine_ == nullptr) return navigate(Screen::ContentError);
    if (safety_result_ && allows_session(safety_result_->level) && !safety_checked_at_.empty()) {
        const auto age = seconds_between(safety_checked_at_, services_.wall_clock_iso());
        if (age && *age >= 0 && *age < kRecheckAfterSeconds) return navigate(Screen::SafetyConfirm);
    }
    begin_pages(true);
    navigate(Screen::SafetyQuestion);
}

// The pages to ask. With `offer_remembered`, a valid remembered "none" (core plan_recheck: this very
// content, within its days, not from the future) leaves its page out and offers the "Still true"
// line on the last page instead; without (after "Something changed"), every page is asked.
void App::begin_pages(bool offer_remembered) {
    const TriageContent& triage = content_.content.triage;
    page_answers_.clear();
    page_index_ = 0;
    still_true_used_ = false;
    recheck_ = RecheckPlan{};
    if (offer_remembered)
        recheck_ = plan_recheck(triage, services_.storage().get(kRememberedNoneKey).value_or(""), services_.wall_clock_iso());
    pages_.clear();
    for (TriagePage& page : triage_pages(triage))
        if (page.group->id != recheck_.still_true_group) pages_.push_back(std::move(page));
}

void App::finish_safety_check() {
    const TriageContent& triage = content_.content.triage;
    // The level counts every sign not ruled out as yes (safety first). After an early stop on an
    // emergency, the reasons shown are only those the person's own marks give: listing signs of
    // pages never reached as reasons would be wrong and confusing. The level is never lowered.
    const TriageResult strict = evaluate_triage(triage, triage_answers_from_pages(triage, page_answers_));
    PageAnswers asked = page_answers_;
    for (const TriagePage& page : triage_pages(triage)) asked[page.group->id].none_of_the_rest = true;
    safety_result_ = evaluate_triage(triage, triage_answers_from_pages(triage, asked));
    if (strict.level > safety_result_->level) safety_result_->level = strict.level;
    safety_why_ = explain_triage(triage, asked, *safety_result_);
    safety_checked_at_ = services_.wall_clock_iso();
    back_stack_ = {Screen::Home};
    screen_ = Screen::SafetyResult;
    scroll_to_top_ = true;
    if (preview_screen_) return;  // the clinic kit's preview: no patient answered, nothing is kept
    HostEvent event;  // the level only: the answers never leave the app
    event.kind = HostEventKind::SafetyResult;
    event.level = safety_result_->level;
    services_.notify_host(event);
    // Only the level and the time are kept: the answers are health data the app does not need later.
    services_.storage().set(kLastSafetyKey, safety_facts_to_stored(SafetyFacts{safety_result_->level, safety_checked_at_}));
    // And the one fact a re-check may reuse: "None of these" on the page that rarely changes. A
    // "Still true" keeps the stored fact with its first date, so it never outlives its days; any
    // other answer there (or none) erases it, so an old "none" never comes back after a "yes".
    if (!still_true_used_) {
        if (const auto fact = remember_none_from_pages(triage, page_answers_, safety_checked_at_))
            services_.storage().set(kRememberedNoneKey, remembered_none_to_json(*fact));
        else
            services_.storage().remove(kRememberedNoneKey);
    }
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
        // Something changed may be anything, the person's health too: every page, nothing remembered.
        safety_checked_at_.clear();
        begin_pages(false);
        back_stack_ = {Screen::Home};
        navigate(Screen::SafetyQuestion, false);
    }
}

std::string App::safety_page_counter() const {
    return "Part " + std::to_string(page_index_ + 1) + " of " + std::to_string(pages_.size());
}

// The re-check's line for the page left out: what it held, when it was answered "None of these",
// and "Something changed", which brings the page back (after this one). "Still true" is said by
// the page's own button, whose words say so: the re-check costs no extra tap.
void App::draw_still_true_line() {
    const TriageContent& triage = content_.content.triage;
    const TriageGroup* group = nullptr;
    for (const TriageGroup& g : triage.groups)
        if (g.id == recheck_.still_true_group) group = &g;
    if (group == nullptr || !recheck_.fact) return;
    std::string when;
    const std::string day = local_date(recheck_.fact->none_at, services_.utc_offset_minutes());
    const std::string today = local_date(services_.wall_clock_iso(), services_.utc_offset_minutes());
    const auto day_date = parse_calendar_date(day);
    const auto today_date = parse_calendar_date(today);
    if (day_date && today_date && days_between(*day_date, *today_date) == 1) when = "yesterday";
    else if (day_date) when = "on " + date_words(*day_date);
    std::string signs;
    for (const TriageQuestion& question : triage.questions) {
        if (question.group != group->id) continue;
        if (!signs.empty()) signs += "; ";
        signs += question.label.empty() ? sign_words(question) : question.label;
    }
    vertical_space(draw_, 8);
    subheading(draw_, "Your health: still true?");
    const std::string line = "You answered \"None of these\" " + (when.empty() ? std::string("before") : when) + " for: " + signs + ".";
    paragraph(draw_, line.c_str());
    if (button(draw_, "safety.changed", "Something changed: ask me again", ButtonStyle::Outline)) {
        // Its page comes back after this one; the stored fact is replaced or erased at the end.
        for (TriagePage& page : triage_pages(triage))
            if (page.group->id == group->id) pages_.insert(pages_.begin() + static_cast<std::ptrdiff_t>(page_index_) + 1, page);
        recheck_.still_true_group.clear();
        recheck_.prefill.clear();
    }
}

void App::draw_safety_question() {
    if (draw_top_bar("Safety check")) {
        if (page_index_ > 0) --page_index_;
        else go_back();
        return;
    }
    if (pages_.empty() || page_index_ >= pages_.size()) return finish_safety_check();
    const TriageContent& triage = content_.content.triage;
    const TriagePage page = pages_[page_index_];  // a copy: "Something changed" may insert a page
    const std::string& group_id = page.group->id;

    // Progress: words and a bar.
    const std::string progress = safety_page_counter();
    paragraph(draw_, progress.c_str(), true);
    const ImVec2 bar = ImGui::GetCursorScreenPos();
    const float width = ImGui::GetContentRegionAvail().x;
    const float fraction = static_cast<float>(page_index_) / static_cast<float>(pages_.size());
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddRectFilled(bar, ImVec2(bar.x + width, bar.y + draw_.px(6)), to_u32(draw_.palette->surface_pressed), draw_.px(3));
    draw->AddRectFilled(bar, ImVec2(bar.x + width * fraction, bar.y + draw_.px(6)), to_u32(draw_.palette->primary), draw_.px(3));
    vertical_space(draw_, 14);

    heading(draw_, page.group->title.c_str());
    if (!page.group->help.empty()) paragraph(draw_, page.group->help.c_str(), true);
    paragraph(draw_, "Mark any that apply. \"Not sure\" counts as yes, to be safe.", true);
    vertical_space(draw_, 6);

    PageAnswer& answer = page_answers_[group_id];
    for (const TriageQuestion* question : page.items) {
        const auto found = answer.marked.find(question->id);
        SignMark mark = found == answer.marked.end() ? SignMark::Unmarked
                        : found->second == ItemMark::Yes ? SignMark::Yes
                                                         : SignMark::NotSure;
        const std::string yes_id = "safety.sign." + question->id;
        const std::string unsure_id = "safety.unsure." + question->id;
        if (sign_row(draw_, yes_id.c_str(), unsure_id.c_str(), sign_words(*question), page.group->title.c_str(), &mark)) {
            if (mark == SignMark::Unmarked) answer.marked.erase(question->id);
            else answer.marked[question->id] = mark == SignMark::Yes ? ItemMark::Yes : ItemMark::NotSure;
            answer.none_of_the_rest = false;  // a mark clears "None of these": it is tapped again, knowingly
            // A sign that makes it an emergency ends the check now, whatever the rest of the page holds.
            PageAnswers so_far = page_answers_;
            so_far[group_id].none_of_the_rest = true;
            if (pages_decide_emergency(triage, so_far)) return finish_safety_check();
        }
        vertical_space(draw_, 2);
    }

    const bool last = page_index_ + 1 == pages_.size();
    const bool offer_still_true = last && !recheck_.still_true_group.empty();
    if (offer_still_true) draw_still_true_line();
    const bool still_true = offer_still_true && !recheck_.still_true_group.empty();  // not changed just now
    vertical_space(draw_, 8);
    if (answer.none_of_these()) paragraph(draw_, "You answered: none of these.", true);
    const bool all_marked = answer.marked.size() >= page.items.size();
    std::string label = answer.marked.empty() ? "None of these" : all_marked ? "Next" : "None of the others";
    if (still_true) label += ", and the above is still true";
    if (!button(draw_, "safety.none", label.c_str(), ButtonStyle::Primary)) return;

    answer.none_of_the_rest = true;
    if (still_true) {
        for (const auto& [id, prefilled] : recheck_.prefill) page_answers_[id] = prefilled;
        still_true_used_ = true;
    }
    if (pages_decide_emergency(triage, page_answers_) || page_index_ + 1 >= pages_.size()) finish_safety_check();
    else {
        ++page_index_;
        scroll_to_top_ = true;
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
    // Each triggered rule's advice, once (several answers may lead to one rule). From "see a
    // professional" up, the rules' own advice says what the level's general words say, and more
    // precisely: it replaces them, so nothing is said twice.
    const std::vector<std::string>& advice = safety_why_.advice;
    if (advice.empty() || level < SafetyLevel::SeeProfessional) paragraph(draw_, look.todo);
    if (advice.size() == 1 && level >= SafetyLevel::SeeProfessional) paragraph(draw_, advice.front().c_str());
    else for (const std::string& text : advice) bullet(draw_, text.c_str());
    // The clinic can help with these; urgent and emergency results point to doctors and the emergency
    // number only, never to a clinic's line.
    if (level >= SafetyLevel::Caution && level <= SafetyLevel::SeeProfessional) draw_call_clinic();
    // Why, in the person's own terms: what they said (or were not sure about) that led here, each
    // with the guidance it follows.
    if (!safety_why_.lines.empty()) {
        vertical_space(draw_, 8);
        subheading(draw_, level == SafetyLevel::Ok ? "Because you said" : "Why");
        for (const WhyLine& line : safety_why_.lines) {
            bullet(draw_, line.text.c_str());
            if (line.sources.empty()) continue;
            std::string source = "Based on: ";
            for (std::size_t i = 0; i < line.sources.size(); ++i) source += (i ? "; " : "") + line.sources[i];
            ImGui::Indent(draw_.px(22));
            paragraph(draw_, source.c_str(), true);
            ImGui::Unindent(draw_.px(22));
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
