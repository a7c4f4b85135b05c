// xml_escape.hpp — text and attribute escaping for the SVG and HTML the core writes (the QR code,
// the line drawings, the printed handout): &, <, > and " become entities; nothing else changes.
#pragma once

#include <string>
#include <string_view>

namespace calfcoach {

inline std::string xml_escaped(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (const char c : text) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            default: out += c;
        }
    }
    return out;
}

}  // namespace calfcoach
