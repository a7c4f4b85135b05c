// fonts.hpp — the UI font (Roboto, subset, compiled in) loaded into the ImGui atlas at the current scale,
// so text is rasterised at device resolution and stays crisp at any device pixel ratio.
#pragma once

#include <set>

struct ImFont;
struct ImFontAtlas;

namespace calfcoach::ui {

struct Fonts {
    ImFont* body = nullptr;     // paragraphs, buttons
    ImFont* heading = nullptr;  // screen titles
    ImFont* display = nullptr;  // the app name, large numbers
};

// Clears the atlas and adds our three sizes at `scale` (device pixels per CSS pixel x text size), with
// the glyphs the built-in text uses plus `extra` (see glyphs_beyond_builtin). The renderer's font
// texture must be recreated afterwards.
Fonts build_fonts(ImFontAtlas& atlas, float scale, const std::set<char32_t>& extra = {});

// Of `wanted`, the characters the font has but the built-in text does not use: the glyphs to add to
// the atlas for a clinic's name or content (the font carries Latin-1 for them, cmake/make_font.py).
std::set<char32_t> glyphs_beyond_builtin(const std::set<char32_t>& wanted);

// The em size, as a multiple of ImGui's font size, that gives a browser the same glyphs: ImGui sizes
// a font by its line (ascender to descender, from the font's `hhea` table), CSS and SVG by its em.
// 1 when the font's tables cannot be read.
float ui_font_em_per_size();

// Of `wanted`, the characters the font has no glyph for: they would show as '?'.
std::set<char32_t> glyphs_missing(const std::set<char32_t>& wanted);

}  // namespace calfcoach::ui
