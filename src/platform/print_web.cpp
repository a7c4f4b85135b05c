// print_web.cpp — see print_web.hpp.
#include "platform/print_web.hpp"

#include <emscripten.h>

#include <string>

namespace {

EM_JS(int, cc_print_js_page, (const char* html_utf8, int html_bytes), {
    var state = Module['ccPrint'] || (Module['ccPrint'] = { 'log': [] });
    function note(entry) {
        entry['at_ms'] = performance.now();
        state['log'].push(entry);
        if (state['log'].length > 20) state['log'].shift();
    }
    /* A frame of a clinic's page: embed.js's sandbox has no allow-modals, so print() would be
       ignored without a word. The caller downloads the page instead. */
    var framed = false;
    try { framed = window.self !== window.top; } catch (e) { framed = true; }
    if (framed) { note({ 'how': 'cannot_print' }); return 1; }
    try {
        var old = document.getElementById('cc-print-frame');
        if (old) old.remove();
        var frame = document.createElement('iframe');
        frame.id = 'cc-print-frame';
        frame.title = 'Handout to print';
        frame.setAttribute('aria-hidden', 'true');
        frame.tabIndex = -1;
        /* Off screen, at a page-like size (some engines lay a 0-sized frame out as such). The CSSOM,
           not a style attribute: the CSP allows it. */
        var look = frame.style;
        look.position = 'fixed'; look.left = '-12000px'; look.top = '0';
        look.width = '800px'; look.height = '1100px'; look.border = '0';
        frame.addEventListener('load', function() {
            var entry = { 'how': 'print', 'styled': false, 'error': null };
            try {
                var doc = frame.contentDocument;
                var sheet = new frame.contentWindow.CSSStyleSheet();
                sheet.replaceSync(css);
                doc.adoptedStyleSheets = [sheet];
                entry['styled'] = sheet.cssRules.length > 0;
            } catch (e) {
                /* Without constructable sheets (older engines) the page prints unstyled but whole. */
                entry['error'] = String(e && e.message);
            }
            note(entry);
            try {
                frame.contentWindow.focus();
                /* A test sets window.calfcoach.printDialog = false: a real dialog would stop some engines. */
                if (window['calfcoach'] && window['calfcoach']['printDialog'] === false) entry['how'] = 'print_skipped';
                else frame.contentWindow.print();
            } catch (e) {
                entry['error'] = String(e && e.message);
            }
        }, { 'once': true });
        /* The page's <style> text is taken out before it loads (an inline <style> would be refused,
           and reported, under the CSP the frame inherits) and applied through the CSSOM on load. */
        var html = UTF8ToString(html_utf8, html_bytes);
        var css = '';
        var open = html.indexOf('<style>'), close = html.indexOf('</style>');
        if (open >= 0 && close > open) {
            css = html.substring(open + 7, close);
            html = html.substring(0, open) + html.substring(close + 8);
        }
        frame.srcdoc = html;
        document.body.appendChild(frame);
        return 0;
    } catch (e) {
        note({ 'how': 'failed', 'error': String(e && e.message) });
        return 2;
    }
});

}  // namespace

namespace calfcoach::platform {

PagePrint print_html_page(std::string_view html) {
    switch (cc_print_js_page(html.data(), static_cast<int>(html.size()))) {
        case 0: return PagePrint::Printing;
        case 1: return PagePrint::CannotPrint;
        default: return PagePrint::Failed;
    }
}

}  // namespace calfcoach::platform
