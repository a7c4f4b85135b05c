// print_web.hpp — the browser's own print for a page made for paper (the handout), from a hidden
// frame, so the app's page itself is never what prints.
#pragma once

#include <string_view>

namespace calfcoach::platform {

enum class PagePrint {
    Printing,     // the print dialog was asked for
    CannotPrint,  // this page cannot print: it runs in a frame (the clinic's sandbox has no allow-modals)
    Failed,       // the frame could not be made
};

// Writes `html` into a hidden same-origin frame (#cc-print-frame, replaced by the next print) and
// prints it once loaded. Its <style> elements are taken out and their text applied through the CSSOM:
// the app's strict Content-Security-Policy, which the frame inherits, refuses (and reports) an inline
// <style> but not the CSSOM.
// Each attempt is logged for the tests: window.calfcoach.printLog().
PagePrint print_html_page(std::string_view html);

}  // namespace calfcoach::platform
