#include "ui/fonts.hpp"

#include <cstdint>
#include <string_view>

#include "imgui.h"
#include "imgui_internal.h"  // ImFontAtlasGetBuilderForStbTruetype
#include "ui/font_data.hpp"
#include "ui/theme.hpp"

namespace calfcoach::ui {
namespace {

bool listed(const unsigned int* list, char32_t c) {
    for (; *list != 0; ++list)
        if (*list == c) return true;
    return false;
}

// The glyph ranges of the atlas being built: the built-in text's characters plus `extra`. The atlas
// keeps a pointer to them until it is built again, so they live for the whole program.
const ImWchar* glyph_ranges(const std::set<char32_t>& extra) {
    static ImVector<ImWchar> ranges;
    ImFontGlyphRangesBuilder builder;
    for (const unsigned int* c = kUiFontBuiltinCodepoints; *c != 0; ++c) builder.AddChar(static_cast<ImWchar>(*c));
    for (const char32_t c : extra)
        if (c <= IM_UNICODE_CODEPOINT_MAX && listed(kUiFontCodepoints, c)) builder.AddChar(static_cast<ImWchar>(c));
    ranges.clear();
    builder.BuildRanges(&ranges);
    return ranges.Data;
}

ImFont* add_font(ImFontAtlas& atlas, float size_px, const ImWchar* ranges) {
    ImFontConfig config;
    config.FontDataOwnedByAtlas = false;  // the data is a static array, not heap memory
    config.OversampleH = size_px >= 40.0f ? 1 : 2;  // large glyphs gain nothing from it; saves atlas memory
    config.OversampleV = 1;
    config.PixelSnapH = false;
    // ImGui's API takes a non-const pointer but only reads the data when not owning it.
    return atlas.AddFontFromMemoryTTF(const_cast<unsigned char*>(kUiFontData), static_cast<int>(kUiFontSize),
                                      size_px, &config, ranges);
}

}  // namespace

Fonts build_fonts(ImFontAtlas& atlas, float scale, const std::set<char32_t>& extra) {
    atlas.Clear();
    const Metrics& m = metrics();
    const ImWchar* ranges = glyph_ranges(extra);
    Fonts fonts;
    fonts.body = add_font(atlas, m.body_font_px * scale, ranges);  // the first font is ImGui's default
    fonts.heading = add_font(atlas, m.heading_font_px * scale, ranges);
    fonts.display = add_font(atlas, m.display_font_px * scale, ranges);
    // The stb_truetype builder directly, not ImFontAtlas::Build(): Build() would add ImGui's own
    // ProggyClean font when none is given, and merely calling it links that font (about 10 KB gzip)
    // into the download. The atlas always has our fonts here.
    ImFontAtlasGetBuilderForStbTruetype()->FontBuilder_Build(&atlas);
    return fonts;
}

std::set<char32_t> glyphs_beyond_builtin(const std::set<char32_t>& wanted) {
    std::set<char32_t> beyond;
    for (const char32_t c : wanted)
        if (listed(kUiFontCodepoints, c) && !listed(kUiFontBuiltinCodepoints, c)) beyond.insert(c);
    return beyond;
}

namespace {
float read_em_per_size() {
    const unsigned char* font = kUiFontData;
    const unsigned int size = kUiFontSize;
    const auto u16 = [&](unsigned int at) { return at + 2 <= size ? static_cast<unsigned int>(font[at] << 8 | font[at + 1]) : 0u; };
    const auto u32 = [&](unsigned int at) { return at + 4 <= size ? (u16(at) << 16 | u16(at + 2)) : 0u; };
    unsigned int head = 0, hhea = 0;
    const unsigned int tables = u16(4);
    for (unsigned int i = 0; i < tables; ++i) {
        const unsigned int record = 12 + 16 * i;
        if (record + 16 > size) break;
        const std::string_view tag(reinterpret_cast<const char*>(font) + record, 4);
        if (tag == "head") head = u32(record + 8);
        if (tag == "hhea") hhea = u32(record + 8);
    }
    if (head == 0 || hhea == 0) return 1.0f;
    const int units_per_em = static_cast<int>(u16(head + 18));
    const int ascender = static_cast<std::int16_t>(u16(hhea + 4));
    const int descender = static_cast<std::int16_t>(u16(hhea + 6));
    if (units_per_em <= 0 || ascender - descender <= 0) return 1.0f;
    return static_cast<float>(units_per_em) / static_cast<float>(ascender - descender);
}
}  // namespace

float ui_font_em_per_size() {
    static const float ratio = read_em_per_size();  // the font is compiled in: read its tables once
    return ratio;
}

std::set<char32_t> glyphs_missing(const std::set<char32_t>& wanted) {
    std::set<char32_t> missing;
    for (const char32_t c : wanted)
        // Line breaks and tabs are layout, not glyphs.
        if (c != '\n' && c != '\r' && c != '\t' && !listed(kUiFontCodepoints, c)) missing.insert(c);
    return missing;
}

}  // namespace calfcoach::ui
