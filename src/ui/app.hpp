// app.hpp — the Calf Coach user interface: screens, navigation and the exported state.
// Knows ImGui, never the browser: the platform layer feeds it time, size and input, and draws its output.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "ui/widgets.hpp"

struct ImFontAtlas;

namespace calfcoach::ui {

enum class Screen { Home, Session, Techniques, Learn, History, Settings };
std::string_view to_string(Screen screen);

// What the platform tells the UI each frame.
struct FrameContext {
    double now_ms = 0.0;          // monotonic clock, ms (default 0)
    std::uint64_t frame = 0;      // frames drawn so far, for the automation surface (default 0)
    float device_pixel_ratio = 1; // device pixels per CSS pixel (default 1)
};

// What the UI asks of the platform after a frame.
struct FrameResult {
    bool animating = false;       // draw again on the next animation frame (default false: render on demand)
};

class App {
public:
    App();

    // Scale changes (device pixel ratio, text size) need new fonts: the platform checks fonts_dirty()
    // before a frame, calls rebuild_fonts(), then recreates its font texture.
    void set_device_pixel_ratio(float dpr);
    [[nodiscard]] bool fonts_dirty() const { return fonts_dirty_; }
    void rebuild_fonts(ImFontAtlas& atlas);

    // Draws one frame between ImGui::NewFrame() and ImGui::Render().
    FrameResult frame(const FrameContext& context);

    // Escape / browser back: one screen up; false when already home.
    bool go_back();

    [[nodiscard]] Screen screen() const { return screen_; }
    [[nodiscard]] const Palette& palette() const { return *draw_.palette; }

    // The automation surface: {"screen", "frame", "dpr", "items": [{id,label,kind,x,y,w,h}]} in CSS px.
    [[nodiscard]] std::string state_json() const;

private:
    void draw_home();
    void draw_placeholder_screen(const char* title, const char* lead);
    bool draw_top_bar(const char* title);
    void navigate(Screen to);

    Screen screen_ = Screen::Home;
    std::vector<Screen> back_stack_;
    DrawContext draw_;
    float dpr_ = 1.0f;
    float text_scale_ = 1.0f;
    bool fonts_dirty_ = true;
    FrameContext last_context_;
};

}  // namespace calfcoach::ui
