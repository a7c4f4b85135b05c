// screen_prepare.cpp — "Before you start": what to have ready, how long, which leg first, pain now.
#include <array>
#include <optional>
#include <string>
#include <vector>

#include "imgui.h"
#include "core/plain_words.hpp"
#include "ui/app.hpp"

namespace calfcoach::ui {

void App::draw_prepare() {
    if (draw_top_bar("Before you start")) go_back();
    if (routine_ == nullptr) return;
    const bool gentle = safety_result_ && safety_result_->level == SafetyLevel::Caution;
    if (gentle) {
        paragraph(draw_, "Gentle session: light pressure only, and the deep-pressure step is left out.");
        vertical_space(draw_, 8);
    }

    subheading(draw_, "Have these ready");
    static constexpr std::array<const char*, 5> kChecklist = {
        "Massage oil or lotion, so your hands glide",
        "A towel or blanket under your leg",
        "Shorts or loose clothing: bare calves",
        "Sit on the floor or a bed, knee slightly bent",
        "A glass of water for afterwards",
    };
    for (std::size_t i = 0; i < kChecklist.size(); ++i) {
        const std::string id = "prepare.check." + std::to_string(i);
        checkbox_row(draw_, id.c_str(), kChecklist[i], &checklist_[i]);
    }
    vertical_space(draw_, 8);

    // A programme sets the length and the legs; the safety check still decides how gently.
    std::optional<PrescribedSession> prescribed;
    bool choose_first_leg = true;
    if (programme_session_ && programme_) {
        SessionOptions options;
        options.first_leg = leg_choice_ == 0 ? Side::Left : Side::Right;
        options.gentle = gentle;
        prescribed = programme_session_for(options);
        subheading(draw_, "Your programme");
        if (prescribed->ok()) {
            const std::optional<Side> only = prescribed->options.only_leg;
            const std::string length = "About " +
                                       std::to_string((planned_duration_ms(*prescribed->routine, prescribed->options) + 30'000) / 60'000) +
                                       " min, as your clinic set it" +
                                       (only ? (*only == Side::Left ? ", left leg only." : ", right leg only.") : ".");
            paragraph(draw_, length.c_str());
            choose_first_leg = !only;
        } else {
            const std::string why = "Your programme cannot start today: " + prescribed->message;
            paragraph(draw_, why.c_str());
            if (button(draw_, "prepare.own_session", "A session of my own instead", ButtonStyle::Outline))
                programme_session_ = false;
            choose_first_leg = false;
        }
        vertical_space(draw_, 8);
    } else {
        // A clinic may offer more than one routine (e.g. a short one after a run): the person picks.
        const std::vector<Routine>& routines = content_.content.routines;
        if (routines.size() > 1) {
            subheading(draw_, "Which routine");
            std::vector<const char*> titles;
            for (const Routine& routine : routines) titles.push_back(routine.title.c_str());
            int picked = static_cast<int>(routine_choice_);
            if (choice(draw_, "prepare.routine", titles, &picked)) {
                routine_choice_ = static_cast<std::size_t>(picked);
                use_routine_choice();
            }
            if (!routine_->summary.empty()) paragraph(draw_, routine_->summary.c_str(), true);
            vertical_space(draw_, 8);
        }
        subheading(draw_, "How long");
        std::array<std::string, 3> preset_labels;
        std::array<const char*, 3> preset_texts{};
        for (std::size_t i = 0; i < 3; ++i) {
            SessionOptions options;
            options.preset = static_cast<Preset>(i);
            options.gentle = gentle;
            const std::int64_t minutes = (planned_duration_ms(*routine_, options) + 30'000) / 60'000;
            preset_labels[i] = std::string(preset_words(static_cast<Preset>(i))) + "\n" + std::to_string(minutes) + " min";
            preset_texts[i] = preset_labels[i].c_str();
        }
        choice(draw_, "prepare.preset", preset_texts, &preset_choice_);
        vertical_space(draw_, 8);
    }

    if (choose_first_leg) {
        subheading(draw_, "Which leg first");
        static constexpr std::array<const char*, 2> kLegs = {"Left first", "Right first"};
        choice(draw_, "prepare.leg", kLegs, &leg_choice_);
        vertical_space(draw_, 8);
    }

    subheading(draw_, "How sore is your calf now? (optional)");
    toggle_row(draw_, "prepare.pain_toggle", "Rate it from 0 (none) to 10 (worst)", &pain_before_given_);
    if (pain_before_given_) {
        const std::string label = "Pain now: " + std::to_string(pain_before_) + " of 10";
        paragraph(draw_, label.c_str());
        slider_int(draw_, "prepare.pain", "Pain now, 0 to 10", &pain_before_, 0, 10);
        if (pain_before_ >= 7)
            paragraph(draw_, "That is a lot of pain. Severe pain is a reason not to massage: please get it checked first.");
    }
    vertical_space(draw_, 12);
    // The one action, in a bar at the bottom of the screen: on a phone it is there without scrolling.
    const bool too_painful = pain_before_given_ && pain_before_ >= 7;
    const bool cannot_start = prescribed && !prescribed->ok();
    if (cannot_start) return;
    const bool sticky = begin_sticky_footer(1);
    bool start = false, learn = false;
    if (!too_painful) start = button(draw_, "prepare.start", "Start the session", ButtonStyle::Primary);
    else learn = button(draw_, "prepare.learn", "When to get medical advice", ButtonStyle::Secondary);
    if (sticky) end_sticky_footer();
    if (start) start_session();
    if (learn) navigate(Screen::Learn);
}

}  // namespace calfcoach::ui
