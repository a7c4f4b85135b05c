// programme_link.hpp — a physio's programme link (#rx=..., docs/prescriptions.md) reaching the app:
// the address's fragment at start and on every hashchange (a second link tapped while the app is
// open), handed to App::receive_programme_link, then removed from the address bar with
// history.replaceState so the programme is not left in the browser's history.
#pragma once

namespace calfcoach::ui {
class App;
}

namespace calfcoach::platform {

// Call once, before the first frame; `wake` draws the frame that offers the programme.
void programme_link_install(ui::App& app, void (*wake)());

}  // namespace calfcoach::platform
