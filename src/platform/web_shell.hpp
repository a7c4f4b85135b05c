// web_shell.hpp — the browser shell (web_shell_web.cpp) an ImGui app runs in: it makes the WebGL2
// context, feeds ImGui the page's mouse, touch, wheel and keys, sizes the canvas to CSS x device pixel
// ratio, draws only when something changed (render on demand), survives a lost WebGL context, and
// installs the automation surface, the test hooks (?test=1) and the accessibility layer. Each app's
// main() makes its ShellApp and hands it over with what only that app needs.
#pragma once

#include "ui/shell_app.hpp"

namespace calfcoach::platform {

// Every field states its default.
struct ShellOptions {
    // GLFW's window title (not shown by a browser; the page has its own <title>). Default "Calf Coach"
    const char* window_title = "Calf Coach";
    // The app's own set-up, after the shell's and before the first frame (embedding, links...).
    // Ask for frames with shell_wake(). Default: none
    void (*install)() = nullptr;
    // After each drawn frame, with what the app asked for (e.g. the embed's height). Default: none
    void (*after_frame)(const ui::FrameResult& result) = nullptr;
    // True when a vertical touch drag should scroll the page around the canvas, not the app
    // (embedded and as tall as its content): only the end of a tap is then the app's. Default: none (never)
    bool (*page_pans)() = nullptr;
};

// Starts the shell; returns 0 once it runs (frames then come from events), 1 when the browser cannot
// draw (a notice in the page says so). Call once from main(); `app` must outlive the page.
int run_web_shell(ui::ShellApp& app, const ShellOptions& options);
// Asks for the next frames (render on demand), e.g. after a message or a timer changed the app.
void shell_wake();
// The page is hidden (no frames come; the app's hidden-page timer runs).
bool shell_page_hidden();

}  // namespace calfcoach::platform
