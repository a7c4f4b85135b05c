#include "core/text_code_points.hpp"

#include "core/json_safe.hpp"

namespace calfcoach {

Utf8Step decode_utf8_at(std::string_view text, std::size_t at) {
    const auto lead = static_cast<unsigned char>(text[at]);
    const std::size_t length = lead < 0x80 ? 1 : (lead & 0xE0) == 0xC0 ? 2 : (lead & 0xF0) == 0xE0 ? 3 : (lead & 0xF8) == 0xF0 ? 4 : 0;
    if (length == 0 || at + length > text.size()) return {};
    char32_t cp = length == 1 ? lead : lead & (0x7F >> length);
    for (std::size_t k = 1; k < length; ++k) {
        const auto next = static_cast<unsigned char>(text[at + k]);
        if ((next & 0xC0) != 0x80) return {};
        cp = (cp << 6) | (next & 0x3F);
    }
    static constexpr char32_t kShortest[] = {0, 0, 0x80, 0x800, 0x10000};  // below it: overlong
    if (cp < kShortest[length] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return {};
    return {cp, length};
}

void add_code_points(std::string_view text, std::set<char32_t>& out) {
    for (std::size_t at = 0; at < text.size();) {
        const Utf8Step step = decode_utf8_at(text, at);
        if (step.length == 0) {
            ++at;
            continue;
        }
        out.insert(step.code_point);
        at += step.length;
    }
}

namespace {

void add_string_values(const nlohmann::json& value, std::set<char32_t>& out) {
    if (value.is_string()) {
        add_code_points(value.get_ref<const std::string&>(), out);
    } else if (value.is_structured()) {
        for (const nlohmann::json& child : value) add_string_values(child, out);
    }
}

}  // namespace

std::set<char32_t> code_points_in_json_strings(std::string_view json_text) {
    std::set<char32_t> out;
    const JsonParseResult parsed = parse_json_limited(json_text);
    if (parsed.ok) add_string_values(parsed.value, out);
    return out;
}

void append_utf8(std::string& out, char32_t cp) {
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

}  // namespace calfcoach
