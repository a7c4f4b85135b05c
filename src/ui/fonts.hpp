// fonts.hpp — the UI font (Roboto, subset, compiled in) loaded into the ImGui atlas at the current scale,
// so text is rasterised at device resolution and stays crisp at any device pixel ratio.
#pragma once

struct ImFont;
struct ImFontAtlas;

namespace calfcoach::ui {

struct Fonts {
    ImFont* body = nullptr;     // paragraphs, buttons
    ImFont* heading = nullptr;  // screen titles
    ImFont* display = nullptr;  // the app name, large numbers
};

// Clears the atlas and adds our three sizes at `scale` (device pixels per CSS pixel x text size).
// The renderer's font texture must be recreated afterwards.
Fonts build_fonts(ImFontAtlas& atlas, float scale);

}  // namespace calfcoach::ui
