// web_bridge.hpp — the small set of page services main_web.cpp needs from JavaScript (web_bridge_web.cpp).
// Kept apart so the C++ main loop reads as C++, and every line of JS lives in one file.
#pragma once

namespace calfcoach::platform {

enum class NoticeKind { Info, Error };

// Installs window.calfcoach (the automation surface) once the runtime is ready.
void install_automation_surface();
// Marks the first frame (performance mark "calfcoach-first-frame") and reveals the canvas.
void mark_first_frame();
// Sets the class cc-in-session on the page while a session is under way (style.css hides the
// "Update available" strip then, and the canvas takes its room back).
void mark_in_session(bool in_session);
// Calls cc_device_pixel_ratio_changed() (main_web.cpp) whenever window.devicePixelRatio changes.
void watch_device_pixel_ratio();
// Shows or hides the in-page message (never alert()): e.g. the WebGL context was lost.
void show_notice(NoticeKind kind, const char* text);
void hide_notice();

// The page's safe-area insets in CSS px (env(safe-area-inset-*), read through a probe element).
struct SafeArea {
    float top = 0, right = 0, bottom = 0, left = 0;
};
SafeArea safe_area();

}  // namespace calfcoach::platform
