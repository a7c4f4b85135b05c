// main_web.cpp — the patient app in the browser: the shell (web_shell.hpp) running ui::App, with what
// only this app has: embedding in a clinic's page, programme links, backups and the media controls.
#include <emscripten.h>

#include "platform/backup.hpp"
#include "platform/embed.hpp"
#include "platform/programme_link.hpp"
#include "platform/web_media.hpp"
#include "platform/web_services.hpp"
#include "platform/web_shell.hpp"
#include "ui/app.hpp"

namespace {
calfcoach::ui::App* g_app = nullptr;

void wake() { calfcoach::platform::shell_wake(); }

void install() {
    using namespace calfcoach::platform;
    embed_install(*g_app, wake);             // before the first frame
    programme_link_install(*g_app, wake);    // #rx=: offered once content is final
    backup_install(*g_app, wake);            // chosen or dropped backups, the share sheet
    // The lock screen's buttons: a frame applies them, but a hidden page gets no frames, so then the
    // app applies them at once (the tones ahead must stop when the person presses pause).
    media_install(*g_app, [] {
        wake();
        if (shell_page_hidden()) g_app->keep_cues_ahead(web_services().monotonic_now_ms());
    });
}
}  // namespace

int main() {
    calfcoach::platform::web_services();  // reads ?timescale= before the first frame
    static calfcoach::ui::App app(calfcoach::platform::web_services());
    g_app = &app;
    calfcoach::platform::ShellOptions options;
    options.install = install;
    options.after_frame = [](const calfcoach::ui::FrameResult& result) {
        calfcoach::platform::embed_after_frame(result.content_height_css);  // the host's iframe follows
    };
    options.page_pans = calfcoach::platform::embed_page_pans;
    return calfcoach::platform::run_web_shell(app, options);
}
