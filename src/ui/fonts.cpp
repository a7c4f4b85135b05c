#include "ui/fonts.hpp"

#include "imgui.h"
#include "imgui_internal.h"  // ImFontAtlasGetBuilderForStbTruetype
#include "ui/font_data.hpp"
#include "ui/theme.hpp"

namespace calfcoach::ui {
namespace {

// Glyph ranges for exactly the characters the subset font has. The atlas keeps a pointer to them
// until it is built, so they live for the whole program.
const ImWchar* subset_glyph_ranges() {
    static ImVector<ImWchar> ranges;
    if (ranges.empty()) {
        ImFontGlyphRangesBuilder builder;
        for (const unsigned int* c = kUiFontCodepoints; *c != 0; ++c) builder.AddChar(static_cast<ImWchar>(*c));
        builder.BuildRanges(&ranges);
    }
    return ranges.Data;
}

ImFont* add_font(ImFontAtlas& atlas, float size_px) {
    ImFontConfig config;
    config.FontDataOwnedByAtlas = false;  // the data is a static array, not heap memory
    config.OversampleH = size_px >= 40.0f ? 1 : 2;  // large glyphs gain nothing from it; saves atlas memory
    config.OversampleV = 1;
    config.PixelSnapH = false;
    // ImGui's API takes a non-const pointer but only reads the data when not owning it.
    return atlas.AddFontFromMemoryTTF(const_cast<unsigned char*>(kUiFontData), static_cast<int>(kUiFontSize),
                                      size_px, &config, subset_glyph_ranges());
}

}  // namespace

Fonts build_fonts(ImFontAtlas& atlas, float scale) {
    atlas.Clear();
    const Metrics& m = metrics();
    Fonts fonts;
    fonts.body = add_font(atlas, m.body_font_px * scale);  // the first font is ImGui's default
    fonts.heading = add_font(atlas, m.heading_font_px * scale);
    fonts.display = add_font(atlas, m.display_font_px * scale);
    // The stb_truetype builder directly, not ImFontAtlas::Build(): Build() would add ImGui's own
    // ProggyClean font when none is given, and merely calling it links that font (about 10 KB gzip)
    // into the download. The atlas always has our fonts here.
    ImFontAtlasGetBuilderForStbTruetype()->FontBuilder_Build(&atlas);
    return fonts;
}

}  // namespace calfcoach::ui
