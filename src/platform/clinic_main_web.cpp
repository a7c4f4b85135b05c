// clinic_main_web.cpp — the clinic kit in the browser (dist/clinic.html): the shell running
// kit::ClinicKit on the page's services and its own page (clipboard, preview).
#include "platform/a11y.hpp"
#include "platform/backup.hpp"
#include "platform/clinic_page.hpp"
#include "platform/web_services.hpp"
#include "platform/web_shell.hpp"

int main() {
    calfcoach::platform::web_services();  // reads ?timescale= before the first frame
    static calfcoach::platform::WebKitPage page;
    static calfcoach::kit::ClinicKit kit(calfcoach::platform::web_services(), page);
    page.attach(kit);
    calfcoach::platform::ShellOptions options;
    options.window_title = "Calf Coach for clinics";
    options.install = [] {
        calfcoach::platform::a11y_enable_text_fields(kit, calfcoach::platform::shell_wake);
        calfcoach::platform::backup_install(kit, calfcoach::platform::shell_wake);  // content files chosen or dropped
    };
    return calfcoach::platform::run_web_shell(kit, options);
}
