// text_code_points.hpp — which characters a text uses. A clinic's name and content may use letters
// the built-in text never does (é, ü, ñ...): the UI rasterises their glyphs, and says which ones its
// font does not have, so nothing shows as '?' unnoticed.
#pragma once

#include <cstddef>
#include <set>
#include <string>
#include <string_view>

namespace calfcoach {

struct Utf8Step {
    char32_t code_point = 0;
    std::size_t length = 0;  // bytes; 0: malformed, overlong, a surrogate or beyond U+10FFFF
};

// Decodes the UTF-8 sequence that starts at text[at] (at < text.size()).
Utf8Step decode_utf8_at(std::string_view text, std::size_t at);

// Adds every code point of `text` to `out`; malformed bytes are skipped.
void add_code_points(std::string_view text, std::set<char32_t>& out);

// Every code point used in the string values of a JSON document (a clinic's content bundle), escapes
// decoded; object keys are names, never shown, so they do not count. Empty when it does not parse.
std::set<char32_t> code_points_in_json_strings(std::string_view json_text);

// Appends `code_point` to `out` as UTF-8 (invalid ones as U+FFFD).
void append_utf8(std::string& out, char32_t code_point);

}  // namespace calfcoach
