// backup_web.cpp — backups in the browser (issue 16, docs/platform.md): a hidden
// <input type=file accept=".json,application/json"> clicked from the app's button (the canvas tap's
// transient activation is still there in the frame that follows it), files dropped on the page,
// navigator.share with a file where navigator.canShare says it can, navigator.storage.persisted() /
// persist(), and where the page runs (installed, in a frame, a WebKit browser).
//
// [SECTION] JS (Module['ccBackup'])
// [SECTION] C++: exports, WebServices' backup methods
//
// Same rules as web_services_web.cpp: EM_JS bodies are one line (every statement ends with a
// semicolon), browser names closure may not know are quoted, every call sits in try/catch.
#include "platform/backup.hpp"

#include <emscripten.h>

#include <string>

#include "core/backup.hpp"
#include "platform/web_services.hpp"
#include "ui/services.hpp"

extern "C" {

//-----------------------------------------------------------------------------
// [SECTION] JS
//-----------------------------------------------------------------------------
EM_JS(void, cc_backup_js_init, (double max_bytes), {
    var B = {};
    B.max = max_bytes;
    B.persistence = 0;  /* 0 unknown, 1 persistent, 2 best effort (ui::StoragePersistence) */
    B.input = null;
    B.canShare = -1;    /* asked once: -1 not yet */
    B.warn = function(what, e) {
        try { console.warn('calfcoach: ' + what + (e ? ': ' + (e && e.message ? e.message : String(e)) : "")); } catch (x) {}
    };
    function alloc(text) {
        var size = lengthBytesUTF8(text) + 1;
        var out = _malloc(size);
        if (out) stringToUTF8(text, out, size);
        return out;
    }
    /* Hands a file's text (or why not) to C++ (ui::FileReceiver::file_received). */
    B.deliver = function(name, text, tooLarge, error, dropped) {
        var n = alloc(name), t = alloc(text), e = alloc(error);
        try {
            if (n && t && e) _cc_backup_file_received(n, t, tooLarge ? 1 : 0, e, dropped ? 1 : 0);
            else B.warn('no memory for the chosen file');
        } finally { if (n) _free(n); if (t) _free(t); if (e) _free(e); }
    };
    /* A file over the limit is refused by its size, before a byte of it is read. */
    B.read = function(file, dropped) {
        var name = "";
        try { name = String(file.name || ""); } catch (e) {}
        try {
            if (!(file.size <= B.max)) { B.deliver(name, "", true, "", dropped); return; }
            var done = function(text) { B.deliver(name, String(text), false, "", dropped); };
            var failed = function(e) { B.deliver(name, "", false, (e && e.name) || 'the browser refused', dropped); };
            if (typeof file.text === 'function') { file.text().then(done, failed); return; }
            var reader = new FileReader();
            reader.onload = function() { done(reader.result); };
            reader.onerror = function() { failed(reader.error); };
            reader.readAsText(file);
        } catch (e) { B.warn('reading the file failed', e); B.deliver(name, "", false, 'the browser refused', dropped); }
    };
    /* Drops: only of files, anywhere on the page (the canvas has no drop target of its own). */
    function hasFiles(event) {
        try {
            var types = event.dataTransfer && event.dataTransfer.types;
            return !!types && Array.prototype.indexOf.call(types, 'Files') >= 0;
        } catch (e) { return false; }
    }
    try {
        window.addEventListener('dragover', function(event) {
            if (!hasFiles(event)) return;
            event.preventDefault();
            try { event.dataTransfer.dropEffect = 'copy'; } catch (e) {}
        });
        window.addEventListener('drop', function(event) {
            if (!hasFiles(event)) return;
            event.preventDefault();
            var files = event.dataTransfer.files;
            if (files && files.length > 0) B.read(files[0], true);
        });
    } catch (e) { B.warn('drop listeners', e); }
    /* Asking whether storage is kept prompts nobody, so it is asked at start (persist() is not). */
    try {
        var storage = navigator['storage'];
        if (storage && typeof storage['persisted'] === 'function') {
            storage['persisted']().then(function(kept) {
                B.persistence = kept ? 1 : 2;
                _cc_backup_changed();
            }, function(e) { B.warn('storage.persisted() failed', e); });
        }
    } catch (e) { B.warn('storage.persisted() failed', e); }
    Module['ccBackup'] = B;
});

EM_JS(int, cc_backup_js_pick, (), {
    var B = Module['ccBackup'];
    if (!B) return 0;
    try {
        if (!B.input) {
            var input = document.createElement('input');
            input.type = 'file';
            input.accept = '.json,application/json';
            input.id = 'cc-backup-input';
            input.tabIndex = -1;
            input.setAttribute('aria-hidden', 'true');
            /* Off screen, not display:none (older iOS Safari would not open a picker for that). */
            input.style.position = 'fixed';
            input.style.left = '-1000px';
            input.style.top = '0';
            input.style.width = '1px';
            input.style.height = '1px';
            input.style.opacity = '0';
            input.addEventListener('change', function() {
                var file = input.files && input.files[0];
                if (file) B.read(file, false);
                try { input.value = ""; } catch (e) {}  /* the same file chosen again fires change again */
            });
            document.body.appendChild(input);
            B.input = input;
        }
        B.input.click();
        return 1;
    } catch (e) {
        B.warn('the file picker could not open', e);
        return 0;
    }
});

EM_JS(int, cc_backup_js_can_share, (), {
    var B = Module['ccBackup'];
    if (!B) return 0;
    if (B.canShare < 0) {
        B.canShare = 0;
        try {
            if (typeof navigator['share'] === 'function' && typeof navigator['canShare'] === 'function') {
                var probe = new File(['{}'], 'calfcoach-backup.json', { 'type': 'application/json' });
                B.canShare = navigator['canShare']({ 'files': [probe] }) ? 1 : 0;
            }
        } catch (e) { B.canShare = 0; }
    }
    return B.canShare;
});

EM_JS(int, cc_backup_js_share, (const char* name, const char* mime, const char* content, int content_bytes), {
    try {
        var file = new File([UTF8ToString(content, content_bytes)], UTF8ToString(name), { 'type': UTF8ToString(mime) });
        navigator['share']({ 'files': [file], 'title': 'Calf Coach backup' }).then(function() {
            _cc_backup_shared(0);
        }, function(e) {
            if (!(e && e.name === 'AbortError')) console.warn('calfcoach: sharing the backup failed: ' + (e && (e.name || e.message)));
            _cc_backup_shared(e && e.name === 'AbortError' ? 1 : 2);
        });
        return 1;
    } catch (e) {
        console.warn('calfcoach: sharing the backup failed: ' + (e && e.message));
        return 0;
    }
});

EM_JS(int, cc_backup_js_persistence, (), {
    var B = Module['ccBackup'];
    return B ? B.persistence : 0;
});

EM_JS(void, cc_backup_js_request_persist, (), {
    var B = Module['ccBackup'];
    try {
        var storage = navigator['storage'];
        if (!storage || typeof storage['persist'] !== 'function') return;
        storage['persist']().then(function(kept) {
            if (B) B.persistence = kept ? 1 : 2;
            _cc_backup_changed();
        }, function(e) { console.warn('calfcoach: storage.persist() failed: ' + (e && e.message)); });
    } catch (e) { console.warn('calfcoach: storage.persist() failed: ' + (e && e.message)); }
});

// Bit 0 installed, 1 in a frame, 2 a WebKit browser (Safari, or any browser on iPhone and iPad).
EM_JS(int, cc_backup_js_placement, (), {
    var bits = 0;
    try {
        var media = function(query) { try { return !!window.matchMedia && window.matchMedia(query).matches; } catch (e) { return false; } };
        if (media('(display-mode: standalone)') || media('(display-mode: minimal-ui)') || navigator['standalone'] === true) bits |= 1;
    } catch (e) {}
    try { if (window.self !== window.top) bits |= 2; } catch (e) { bits |= 2; }  /* a cross-origin top throws */
    try {
        /* indexOf, not a regular expression: a backslash would not survive the C string EM_JS makes. */
        var ua = String(navigator.userAgent);
        var has = function(part) { return ua.indexOf(part) >= 0; };
        var ios = has('iPhone') || has('iPad') || has('iPod') || (navigator.platform === 'MacIntel' && navigator.maxTouchPoints > 1);
        if (ios || (has('AppleWebKit') && !has('Chrome/') && !has('Chromium/') && !has('Edg/') && !has('Android'))) bits |= 4;
    } catch (e) {}
    return bits;
});

}  // extern "C"

//-----------------------------------------------------------------------------
// [SECTION] C++
//-----------------------------------------------------------------------------
namespace {
calfcoach::ui::FileReceiver* g_receiver = nullptr;
void (*g_wake)() = nullptr;
}  // namespace

extern "C" EMSCRIPTEN_KEEPALIVE void cc_backup_file_received(const char* name, const char* text, int too_large,
                                                             const char* error, int dropped) {
    if (g_receiver == nullptr) return;
    calfcoach::ui::ReceivedFile file;
    file.name = name != nullptr ? name : "";
    file.text = text != nullptr ? text : "";
    file.too_large = too_large == 1;
    file.error = error != nullptr ? error : "";
    file.dropped = dropped == 1;
    g_receiver->file_received(std::move(file));
    if (g_wake) g_wake();
}

// 0 shared, 1 cancelled, 2 failed.
extern "C" EMSCRIPTEN_KEEPALIVE void cc_backup_shared(int outcome) {
    if (g_receiver == nullptr) return;
    g_receiver->file_shared(outcome == 0   ? calfcoach::ui::ShareOutcome::Shared
                       : outcome == 1 ? calfcoach::ui::ShareOutcome::Cancelled
                                      : calfcoach::ui::ShareOutcome::Failed);
    if (g_wake) g_wake();
}

// The persistence answer came: Settings shows it.
extern "C" EMSCRIPTEN_KEEPALIVE void cc_backup_changed() {
    if (g_wake) g_wake();
}

namespace calfcoach::platform {

void backup_install(ui::FileReceiver& receiver, void (*wake)()) {
    g_receiver = &receiver;
    g_wake = wake;
    cc_backup_js_init(static_cast<double>(kBackupMaxBytes));
}

bool WebServices::can_share_files() { return cc_backup_js_can_share() == 1; }

bool WebServices::share_file(std::string_view file_name, std::string_view mime_type, std::string_view content) {
    if (!can_share_files()) return false;
    const std::string name(file_name), mime(mime_type);
    return cc_backup_js_share(name.c_str(), mime.c_str(), content.data(), static_cast<int>(content.size())) == 1;
}

bool WebServices::pick_backup_file() { return cc_backup_js_pick() == 1; }

ui::StoragePersistence WebServices::storage_persistence() {
    switch (cc_backup_js_persistence()) {
        case 1: return ui::StoragePersistence::Persistent;
        case 2: return ui::StoragePersistence::BestEffort;
        default: return ui::StoragePersistence::Unknown;
    }
}

void WebServices::request_persistent_storage() { cc_backup_js_request_persist(); }

ui::PagePlacement WebServices::page_placement() {
    const int bits = cc_backup_js_placement();
    ui::PagePlacement place;
    place.installed = (bits & 1) != 0;
    place.framed = (bits & 2) != 0;
    place.webkit = (bits & 4) != 0;
    return place;
}

}  // namespace calfcoach::platform
