// app_preview.cpp — the clinic kit's live preview of the patient app (see App::show_preview): the
// screen a physio picks beside the form, reached as a patient would reach it, with nothing kept.
#include <cstdint>
#include <string_view>

#include "core/launch_options.hpp"
#include "ui/app.hpp"

namespace calfcoach::ui {

namespace {
static_assert(kPreviewScreenNames.size() == 5, "one name per App::PreviewScreen");
// Far enough ahead that every phase of any routine has run to its end (routines are minutes long).
constexpr std::int64_t kWholeSessionLaterMs = 24LL * 60 * 60 * 1000;
}  // namespace

std::optional<App::PreviewScreen> App::preview_screen_from_name(std::string_view name) {
    for (std::size_t i = 0; i < kPreviewScreenNames.size(); ++i)
        if (kPreviewScreenNames[i] == name) return static_cast<PreviewScreen>(i);
    return std::nullopt;
}

void App::show_preview(PreviewScreen screen) {
    preview_screen_ = screen;
    apply_preview_screen();
}

// Every page of the check answered "None of these", as most patients do: finish_safety_check keeps
// nothing and tells the host nothing in a preview.
void App::preview_all_clear() {
    begin_pages(false);
    for (const TriagePage& page : pages_) page_answers_[page.group->id].none_of_the_rest = true;
    finish_safety_check();
}

void App::apply_preview_screen() {
    if (!preview_screen_) return;
    services_.cancel_cues();
    session_.reset();
    programme_session_ = false;
    go_home();
    if (routine_ == nullptr) return;  // the content's problem is what the preview shows
    switch (*preview_screen_) {
        case PreviewScreen::Home: return;
        case PreviewScreen::SafetyCheck:
            begin_pages(false);
            back_stack_ = {Screen::Home};
            screen_ = Screen::SafetyQuestion;
            return;
        case PreviewScreen::SafetyResult: return preview_all_clear();
        case PreviewScreen::Player:
            preview_all_clear();
            start_session();
            if (!session_) return;
            session_->next(now());   // past "get ready", to the first massage step
            session_->pause(now());  // still: the physio reads it, no cue sounds in the clinic
            return;
        case PreviewScreen::Done:
            preview_all_clear();
            start_session();
            if (!session_) return;
            session_->update(now() + kWholeSessionLaterMs);  // the whole routine, run to its end
            end_session_to_done();
            return;
    }
}

}  // namespace calfcoach::ui
