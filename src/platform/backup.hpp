// backup.hpp — the browser's half of backups (backup_web.cpp, issue 16): the hidden file picker and
// drops on the page, the share sheet, navigator.storage's persistence, and how the page is used
// (installed, in a frame, Safari). The WebServices methods that use them are defined there too.
#pragma once

namespace calfcoach::ui {
class FileReceiver;
}

namespace calfcoach::platform {

// Installs the JavaScript (Module['ccBackup']): the drop listeners, the persistence question
// (navigator.storage.persisted(), which asks nothing of the person). Chosen and dropped files and
// the share sheet's outcome reach `receiver` (the patient app's backups, the clinic kit's content
// files); `wake` then draws the frame that applies them. Call once, before the first frame.
void backup_install(ui::FileReceiver& receiver, void (*wake)());

}  // namespace calfcoach::platform
