// screen_history.cpp — past sessions (private, on this device): a summary, a chart of pain before and
// after, the list, export for a physio (JSON, CSV), and clearing with confirmation.
#include <algorithm>
#include <string>

#include "imgui.h"
#include "ui/app.hpp"
#include "ui/level_look.hpp"

namespace calfcoach::ui {
namespace {

const char* preset_name(Preset preset) {
    switch (preset) {
        case Preset::Quick: return "Quick";
        case Preset::Standard: return "Standard";
        case Preset::Thorough: return "Thorough";
    }
    return "Standard";
}

}  // namespace

void App::draw_history() {
    if (draw_top_bar("History")) go_back();
    const HistoryData& data = history_.data();
    const auto& records = data.records;
    const int offset = services_.utc_offset_minutes();
    const std::string today = local_date(services_.wall_clock_iso(), offset);
    draw_notice_line();
    if (records.empty() && data.monthly.empty()) {
        paragraph(draw_, "No sessions yet. They are kept on this device only, never sent anywhere.", true);
        return;
    }

    // Summary.
    std::string summary = std::to_string(sessions_this_week(records, today, offset)) + " this week \xC2\xB7 " +
                          std::to_string(streak_days(records, today, offset)) + "-day streak";
    if (const auto drop = average_pain_drop(records)) {
        char text[64];
        std::snprintf(text, sizeof text, " \xC2\xB7 pain %.1f points lower on average", *drop);
        summary += text;
    }
    paragraph(draw_, summary.c_str());
    vertical_space(draw_, 6);

    // Chart: pain before (hollow, muted) and after (filled, primary) for the last sessions that have either.
    std::vector<const SessionRecord*> rated;
    for (const SessionRecord& r : records)
        if (r.pain_before || r.pain_after) rated.push_back(&r);
    if (rated.size() > 14) rated.erase(rated.begin(), rated.end() - 14);
    if (!rated.empty()) {
        subheading(draw_, "Pain before and after (0 to 10)");
        const Palette& p = *draw_.palette;
        const float width = ImGui::GetContentRegionAvail().x;
        const float height = draw_.px(150);
        const ImVec2 at = ImGui::GetCursorScreenPos();
        const float left = at.x + draw_.px(26), right = at.x + width - draw_.px(8);
        const float top = at.y + draw_.px(8), bottom = at.y + height - draw_.px(8);
        ImDrawList* draw = ImGui::GetWindowDrawList();
        for (int level = 0; level <= 10; level += 5) {
            const float y = bottom - (bottom - top) * static_cast<float>(level) / 10.0f;
            draw->AddLine(ImVec2(left, y), ImVec2(right, y), to_u32(p.border, 0.5f), draw_.px(1));
            draw->AddText(draw_.fonts.body, draw_.fonts.body->FontSize * 0.75f, ImVec2(at.x, y - draw_.px(8)),
                          to_u32(p.text_muted), std::to_string(level).c_str());
        }
        const auto x_of = [&](std::size_t i) {
            return rated.size() == 1 ? (left + right) * 0.5f
                                     : left + draw_.px(8) + (right - left - draw_.px(16)) * static_cast<float>(i) / static_cast<float>(rated.size() - 1);
        };
        const auto y_of = [&](int pain) { return bottom - (bottom - top) * static_cast<float>(pain) / 10.0f; };
        for (int series = 0; series < 2; ++series) {
            ImVec2 previous(-1, -1);
            for (std::size_t i = 0; i < rated.size(); ++i) {
                const std::optional<int> pain = series == 0 ? rated[i]->pain_before : rated[i]->pain_after;
                if (!pain) { previous = ImVec2(-1, -1); continue; }
                const ImVec2 point(x_of(i), y_of(*pain));
                if (previous.x >= 0) draw->AddLine(previous, point, to_u32(series == 0 ? p.text_muted : p.primary), draw_.px(2));
                if (series == 0) draw->AddCircle(point, draw_.px(5), to_u32(p.text_muted), 0, draw_.px(2));
                else draw->AddCircleFilled(point, draw_.px(5), to_u32(p.primary));
                previous = point;
            }
        }
        ImGui::Dummy(ImVec2(width, height));
        paragraph(draw_, "Hollow: before the session. Filled: after it.", true);
        vertical_space(draw_, 6);
    }

    // Export and clear.
    const float gap = draw_.px(10);
    const float half = (ImGui::GetContentRegionAvail().x - gap) * 0.5f;
    if (button(draw_, "history.export_json", "Export JSON", ButtonStyle::Outline, half))
        if (!services_.download("calfcoach-history.json", "application/json", export_json(data)))
            notice_ = "This browser did not allow the download.";
    ImGui::SameLine(0, gap);
    if (button(draw_, "history.export_csv", "Export CSV", ButtonStyle::Outline, half))
        if (!services_.download("calfcoach-history.csv", "text/csv", export_csv(data)))
            notice_ = "This browser did not allow the download.";
    vertical_space(draw_, 8);

    // Newest first.
    subheading(draw_, "Sessions");
    for (auto it = records.rbegin(); it != records.rend(); ++it) {
        const SessionRecord& r = *it;
        std::string line = local_date(r.started_at, offset) + " \xC2\xB7 " + preset_name(r.preset) + " \xC2\xB7 " +
                           std::to_string((r.active_seconds + 30) / 60) + " min \xC2\xB7 " +
                           (r.legs_done() == 2 ? "both legs" : r.left_done ? "left leg" : r.right_done ? "right leg" : "no leg finished");
        paragraph(draw_, line.c_str());
        std::string detail;
        if (r.pain_before || r.pain_after)
            detail = "Pain " + (r.pain_before ? std::to_string(*r.pain_before) : std::string("?")) + " \xE2\x86\x92 " +
                     (r.pain_after ? std::to_string(*r.pain_after) : std::string("?"));
        if (r.safety != SafetyLevel::Ok) detail += (detail.empty() ? "" : " \xC2\xB7 ") + std::string(level_look(r.safety).title);
        if (r.ended == EndReason::PainStop) detail += (detail.empty() ? "" : " \xC2\xB7 ") + std::string("stopped for pain");
        else if (r.ended == EndReason::UserStopped) detail += (detail.empty() ? "" : " \xC2\xB7 ") + std::string("ended early");
        if (!detail.empty()) paragraph(draw_, detail.c_str(), true);
        ImGui::Separator();
    }
    for (auto it = data.monthly.rbegin(); it != data.monthly.rend(); ++it) {
        const std::string line = it->month + ": " + std::to_string(it->sessions) + " sessions, " +
                                 std::to_string(static_cast<long>(it->active_minutes())) + " min in all";
        paragraph(draw_, line.c_str(), true);
    }
    vertical_space(draw_, 12);
    if (!confirm_clear_) {
        if (button(draw_, "history.clear", "Clear history", ButtonStyle::Quiet)) confirm_clear_ = true;
    } else {
        paragraph(draw_, "Delete every session from this device? This cannot be undone. Export first if your physio needs it.");
        if (button(draw_, "history.clear_confirm", "Yes, delete my history", ButtonStyle::Primary)) {
            const HistorySaveResult cleared = history_.clear();
            if (!cleared.ok) notice_ = "Could not clear the history: " + cleared.error;
            confirm_clear_ = false;
        }
        if (button(draw_, "history.clear_cancel", "Keep it", ButtonStyle::Outline)) confirm_clear_ = false;
    }
}

}  // namespace calfcoach::ui
