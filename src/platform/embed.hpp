// embed.hpp — running inside a clinic's page (embed_web.cpp, docs/embedding.md): the launch
// parameters, messages to and from the embedding page, the content height, a clinic's content file.
#pragma once

#include "core/launch_options.hpp"
#include "ui/services.hpp"

namespace calfcoach::ui {
class App;
}

namespace calfcoach::platform {

// Reads location.search, validates it (core), prints each warning with console.warn, and hands the
// result to the app. Starts the clinic content's fetch when there is one (the app waits for it), or
// with content=inline asks the host for it ('calfcoach:want-content'; the app waits for its
// 'calfcoach:content'), and listens for the host's messages (from window.parent at the `host` origin
// only; a content message is heard at any time). `wake` asks the shell for a frame. Call once,
// before the first frame.
void embed_install(ui::App& app, void (*wake)());

// Posts {source:'calfcoach', type:'calfcoach:…', detail:{…}} to the host origin; nothing without one.
void post_host_event(const ui::HostEvent& event);

// After a frame: the height the screen needs in CSS px, posted to the host only when it changed.
void embed_after_frame(int content_height_css);

// True when embedded (embed=1 with a host) and the screen fits in the iframe: vertical touch drags
// then scroll the clinic's page (the canvas gets touch-action: pan-y) instead of the app.
bool embed_page_pans();

}  // namespace calfcoach::platform
