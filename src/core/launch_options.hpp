// launch_options.hpp — the page's launch parameters for embedding in a clinic's website
// (?embed=1&clinic=&accent=&phone=&host=&content=, docs/embedding.md), parsed and validated from the
// raw query string. Pure string logic: the platform hands over location.search and prints each
// warning with console.warn. An invalid value is ignored (its field keeps its default), never
// half-used. Unknown parameters (timescale, test...) are not ours and pass silently.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace calfcoach {

struct LaunchColour {
    std::uint8_t r = 0, g = 0, b = 0;
};

// Caps, in code points for text and bytes for URLs (the warnings quote these numbers).
inline constexpr std::size_t kClinicNameMaxChars = 60;
inline constexpr std::size_t kPhoneMaxChars = 24;
inline constexpr std::size_t kHostMaxChars = 200;
inline constexpr std::size_t kContentUrlMaxChars = 2000;
inline constexpr std::size_t kQueryMaxChars = 8192;  // longer query strings are ignored whole

struct LaunchOptions {
    // embed=1: the app runs inside a clinic's page (no service worker, events to the host). Default: false
    bool embed = false;
    // clinic=: the clinic's name, shown as "Offered by <clinic>"; trimmed, 1 to 60 characters, no
    // control or bidirectional-override characters. Default: empty (no clinic)
    std::string clinic;
    // accent=: the clinic's colour, #rgb or #rrggbb, for primary buttons and highlights (the UI keeps
    // WCAG contrast; danger colours never take it). Default: none (the app's own green)
    std::optional<LaunchColour> accent;
    // phone=: the clinic's phone number, digits, '+' and spaces, 3 to 20 digits, at most 24
    // characters; gives a "Call <clinic>" button where the app advises seeing a professional. It
    // never replaces the emergency number. Default: empty (no button)
    std::string phone;
    // host=: the embedding page's origin, exactly scheme://host[:port] with http or https, lower-case;
    // the only origin the app posts events to and accepts messages from. Default: empty (no events)
    std::string host;
    // content=: an absolute http(s) URL of a clinic's content file, fetched at start (CORS).
    // Default: empty (the built-in content)
    std::string content;
    // content=inline: the host page sends the clinic's content by message (embed.js, from the
    // snippet itself); the app waits for it. Needs host= (the only page heard). Default: false
    bool content_inline = false;

    // One line per ignored value, for console.warn: "calfcoach: ignoring accent: #rgb or #rrggbb expected"
    // (the value itself is never repeated).
    std::vector<std::string> warnings;

    // The phone number as a tel: URL ("tel:+441234567890"), empty without a phone.
    [[nodiscard]] std::string phone_link() const;
};

// The screens the clinic kit's preview may ask the embedded app for (message 'calfcoach:preview',
// detail.screen; ui::App::PreviewScreen in this order): Home, the first safety page, an all-clear
// result, the first step paused, a finished session.
inline constexpr std::array<std::string_view, 5> kPreviewScreenNames = {"home", "safety", "result", "player", "done"};

// query: location.search, with or without the leading '?'. Decodes like URLSearchParams
// ('+' is a space, %XX escapes); the first occurrence of a parameter wins.
LaunchOptions parse_launch_options(std::string_view query);

// "#rgb" or "#rrggbb" (hex digits, either case) -> the colour; anything else -> nullopt.
std::optional<LaunchColour> parse_hex_colour(std::string_view text);

// The rules of clinic= and phone=, shared with every value that carries a clinic's name or number
// (core/prescription). Each returns why `text` is refused, or nullptr when it is fine; neither trims.
// Clinic name: valid UTF-8, 1 to 60 code points, no control, invisible or bidirectional-override
// character, no '<' or '>'. Phone: digits, one leading '+', single spaces between groups, 3 to 20
// digits, at most 24 characters.
const char* clinic_name_problem(std::string_view text);
const char* phone_problem(std::string_view text);

// Characters no text shown to people may hold: C0/C1 controls (every one, '\n' too: callers that
// allow line breaks check them first), zero-width and direction-changing marks (they can make a text
// read differently from what it is), the byte-order mark and U+FFFD (a sign of broken text).
bool hidden_or_control_character(char32_t cp);

// "scheme://host[:port]" with scheme http/https, a host of letters, digits, '-' and '.' (or an
// IPv6 literal in brackets), an optional port 1..65535, nothing after it -> lower-cased origin.
std::optional<std::string> parse_bare_origin(std::string_view text);

}  // namespace calfcoach
