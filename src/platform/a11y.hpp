// a11y.hpp — the accessibility layer's C++ side (a11y_web.cpp): after each frame the UI's items,
// texts and announcement go to web/a11y.js (only when they changed), which keeps a real HTML control
// over every drawn widget, the screen's text as HTML, and the live regions.
#pragma once

namespace calfcoach::ui {
class ShellApp;
}

namespace calfcoach::platform {

// Loads web/a11y.js and makes its bridge; keyboard navigation then belongs to the page (Tab moves
// through the HTML controls), so ImGui's own keyboard navigation is turned off.
// `wake` asks the shell for frames (render on demand).
void a11y_install(calfcoach::ui::ShellApp& app, void (*wake)());
// After a frame: hands the layer what changed (nothing when nothing did).
void a11y_after_frame(const calfcoach::ui::ShellApp& app);
// True once installed: Tab then keeps its browser default.
bool a11y_active();
// For an app with text fields (the clinic kit), after a11y_install: the layer's inputs hand each
// change to app.set_text_item. Kept apart so an app without them carries none of it.
void a11y_enable_text_fields(calfcoach::ui::ShellApp& app, void (*wake)());

}  // namespace calfcoach::platform
