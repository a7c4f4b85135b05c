// screen_home.cpp — the name, the main action and the menu; the last session and streak in one line.
#include <string>

#include "imgui.h"
#include "ui/app.hpp"

namespace calfcoach::ui {

void App::draw_home() {
    display_title(draw_, "Calf Coach");
    if (!launch_.clinic.empty()) {
        const std::string offered = "Offered by " + launch_.clinic;
        paragraph(draw_, offered.c_str());
    }
    paragraph(draw_, "Guided self-massage for tight, sore calves. A short safety check comes first.", true);

    const auto& records = history_.data().records;
    if (!records.empty()) {
        const SessionRecord& last = records.back();
        const std::string today = local_date(services_.wall_clock_iso(), services_.utc_offset_minutes());
        const std::string last_day = local_date(last.started_at, services_.utc_offset_minutes());
        const int streak = streak_days(records, today, services_.utc_offset_minutes());
        std::string line = "Last session: " + std::string(last_day == today ? "today" : last_day) + ", " +
                           std::to_string((last.active_seconds + 30) / 60) + " min";
        if (streak > 1) line += " \xC2\xB7 " + std::to_string(streak) + "-day streak";
        paragraph(draw_, line.c_str(), true);
    }
    vertical_space(draw_, 12);
    draw_programme_card();  // a kept programme comes first, with its own start
    if (button(draw_, "home.start", programme_ ? "A session of my own" : "Start a session",
               programme_ ? ButtonStyle::Outline : ButtonStyle::Primary)) {
        programme_session_ = false;
        start_safety_check();
    }
    vertical_space(draw_, 8);
    struct MenuEntry {
        const char* id;
        const char* label;
        Screen target;
    };
    static constexpr MenuEntry kMenu[] = {
        {"home.techniques", "Techniques", Screen::Techniques},
        {"home.learn", "Learn", Screen::Learn},
        {"home.history", "History", Screen::History},
        {"home.settings", "Settings", Screen::Settings},
    };
    for (const MenuEntry& entry : kMenu)
        if (button(draw_, entry.id, entry.label, ButtonStyle::Secondary)) navigate(entry.target);
    vertical_space(draw_, 12);
    draw_backup_notices();  // after the person's own actions, before the clinic's notice
    draw_clinic_content_notice();  // after the person's own actions: it is for the clinic
    draw_notice_line();
    vertical_space(draw_, 4);
    paragraph(draw_, "Not for a calf that is swollen, hot, red or very painful: get medical advice first.", true);
}

}  // namespace calfcoach::ui
