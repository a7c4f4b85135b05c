// app.cpp — screens and navigation.
//
// [SECTION] Names
// [SECTION] Scale and fonts
// [SECTION] Frame: the page column and the current screen
// [SECTION] Screens
// [SECTION] Automation surface

#include "ui/app.hpp"

#include <algorithm>
#include <cmath>

#include <nlohmann/json.hpp>

#include "core/json_safe.hpp"
#include "imgui.h"

namespace calfcoach::ui {

//-----------------------------------------------------------------------------
// [SECTION] Names
//-----------------------------------------------------------------------------
std::string_view to_string(Screen screen) {
    switch (screen) {
        case Screen::Home: return "home";
        case Screen::Session: return "session";
        case Screen::Techniques: return "techniques";
        case Screen::Learn: return "learn";
        case Screen::History: return "history";
        case Screen::Settings: return "settings";
    }
    return "home";
}

App::App() = default;

//-----------------------------------------------------------------------------
// [SECTION] Scale and fonts
//-----------------------------------------------------------------------------
void App::set_device_pixel_ratio(float dpr) {
    dpr = std::clamp(dpr, 0.5f, 4.0f);
    if (std::fabs(dpr - dpr_) < 0.001f) return;
    dpr_ = dpr;
    fonts_dirty_ = true;
}

void App::rebuild_fonts(ImFontAtlas& atlas) {
    draw_.scale = dpr_ * text_scale_;
    draw_.fonts = build_fonts(atlas, draw_.scale);
    apply_style(ImGui::GetStyle(), *draw_.palette, draw_.scale);
    fonts_dirty_ = false;
}

//-----------------------------------------------------------------------------
// [SECTION] Frame
//-----------------------------------------------------------------------------
FrameResult App::frame(const FrameContext& context) {
    last_context_ = context;
    draw_.items.clear();
    if (ImGui::IsKeyPressed(ImGuiKey_Escape, false)) go_back();

    // One column: the full width on phones, centred and capped on wide screens.
    const ImGuiIO& io = ImGui::GetIO();
    const Metrics& m = metrics();
    const float padding = draw_.px(m.page_padding_px);
    const float column_width = std::min(io.DisplaySize.x - 2.0f * padding, draw_.px(m.column_max_width_px));
    const float column_x = std::floor((io.DisplaySize.x - column_width) * 0.5f);

    // The page window covers the whole display (its scrollbar at the screen's edge); its padding
    // makes the column, and controls may reach a little into the margin without being clipped.
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(io.DisplaySize);
    ImGui::PushStyleColor(ImGuiCol_WindowBg, ImVec4(0, 0, 0, 0));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(column_x, 0));
    ImGui::Begin("##page", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_NoBringToFrontOnFocus);
    ImGui::PopStyleVar();
    ImGui::Dummy(ImVec2(0, draw_.px(screen_ == Screen::Home ? 16 : 4)));
    switch (screen_) {
        case Screen::Home: draw_home(); break;
        case Screen::Session:
            draw_placeholder_screen("Start a session",
                                    "First a short safety check, then a timed routine: one leg, then the other.");
            break;
        case Screen::Techniques:
            draw_placeholder_screen("Techniques", "Six massage techniques, each with a picture and simple steps.");
            break;
        case Screen::Learn:
            draw_placeholder_screen("Learn", "Why calves get tight, the two calf muscles, and how to prevent it.");
            break;
        case Screen::History:
            draw_placeholder_screen("History", "Your past sessions stay on this device only.");
            break;
        case Screen::Settings:
            draw_placeholder_screen("Settings", "Sound, voice, vibration, text size and contrast.");
            break;
    }
    ImGui::Dummy(ImVec2(0, draw_.px(16)));
    ImGui::End();
    ImGui::PopStyleColor();
    return FrameResult{};
}

bool App::go_back() {
    if (back_stack_.empty()) return false;
    screen_ = back_stack_.back();
    back_stack_.pop_back();
    return true;
}

void App::navigate(Screen to) {
    if (to == screen_) return;
    back_stack_.push_back(screen_);
    screen_ = to;
}

//-----------------------------------------------------------------------------
// [SECTION] Screens
//-----------------------------------------------------------------------------
void App::draw_home() {
    display_title(draw_, "Calf Coach");
    paragraph(draw_, "Guided self-massage for tight, sore calves. A short safety check comes first.", true);
    ImGui::Dummy(ImVec2(0, draw_.px(12)));
    if (button(draw_, "home.start", "Start a session", ButtonStyle::Primary)) navigate(Screen::Session);
    ImGui::Dummy(ImVec2(0, draw_.px(8)));
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
    ImGui::Dummy(ImVec2(0, draw_.px(12)));
    paragraph(draw_,
              "Not for a calf that is swollen, hot, red or very painful: get medical advice first.",
              true);
}

// The top of every screen but home: Back, then the screen's title.
bool App::draw_top_bar(const char* title) {
    // Back's text lines up with the column; its touch area reaches into the margin.
    ImGui::SetCursorPosX(ImGui::GetCursorPosX() - draw_.px(14));
    const bool back = button(draw_, "nav.back", "\xE2\x80\xB9 Back", ButtonStyle::Quiet);
    heading(draw_, title);
    return back;
}

void App::draw_placeholder_screen(const char* title, const char* lead) {
    if (draw_top_bar(title)) go_back();
    paragraph(draw_, lead);
}

//-----------------------------------------------------------------------------
// [SECTION] Automation surface
//-----------------------------------------------------------------------------
std::string App::state_json() const {
    const float to_css = 1.0f / std::max(dpr_, 0.01f);
    nlohmann::json items = nlohmann::json::array();
    for (const ExportedItem& item : draw_.items) {
        items.push_back({{"id", item.id},
                         {"label", item.label},
                         {"kind", to_string(item.kind)},
                         {"x", item.min.x * to_css},
                         {"y", item.min.y * to_css},
                         {"w", (item.max.x - item.min.x) * to_css},
                         {"h", (item.max.y - item.min.y) * to_css},
                         {"disabled", item.disabled}});
    }
    const nlohmann::json state = {{"screen", to_string(screen_)},
                                  {"frame", last_context_.frame},
                                  {"dpr", dpr_},
                                  {"items", std::move(items)}};
    return dump_json(state);
}

}  // namespace calfcoach::ui
