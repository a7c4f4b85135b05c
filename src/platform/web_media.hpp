// web_media.hpp — the session's place among the device's audio (web_media_web.cpp): the audio session
// (iPhone silent switch), the inaudible keep-alive of a hidden page, the media controls (lock screen,
// headset, notification) and speech primed from a tap. WebServices forwards to these; main_web.cpp
// connects the media controls' actions to the app. See docs/platform.md.
#pragma once

#include "ui/services.hpp"

namespace calfcoach::ui {
class App;
}

namespace calfcoach::platform {

// Installs the JavaScript on Module['ccServices'] (after the services' own start-up): feature
// detection, the visibility listener of the keep-alive, the gesture listeners that prime speech.
void media_js_init();

// What the browser has: navigator.audioSession, navigator.mediaSession.
struct MediaCapabilities {
    bool audio_session = false;
    bool media_session = false;
};
MediaCapabilities media_capabilities();

// navigator.audioSession.type = 'playback' or 'auto' (nothing where the API is missing).
void media_set_audio_session(ui::AudioSessionType type);

// Metadata, playbackState and the action handlers; inactive clears them all. Also starts or stops the
// keep-alive (a session playing while the page is hidden).
void media_set_session(const ui::MediaSessionInfo& info);

// The media controls' actions reach `app` (App::media_action); `wake` then draws the frame that applies
// them (or, while the page is hidden, calls App::keep_cues_ahead). Call once, before the first frame.
void media_install(ui::App& app, void (*wake)());

}  // namespace calfcoach::platform
