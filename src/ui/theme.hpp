// theme.hpp — Calf Coach's look: a calm health-app palette, rounded controls, generous spacing.
// Colours are plain data (no ImGui types) so a native test can check their contrast.
#pragma once

#include <cstdint>

struct ImGuiStyle;

namespace calfcoach::ui {

struct Rgb {
    std::uint8_t r = 0, g = 0, b = 0;
};

// Every colour the screens use, by role. Pairs meant to be read together are named together
// (text on background, on_primary on primary...), and tests/ui checks their WCAG contrast.
struct Palette {
    Rgb background;        // page
    Rgb surface;           // cards, secondary buttons
    Rgb surface_pressed;   // secondary button while held
    Rgb border;            // card and button outlines
    Rgb text;              // body text on background or surface
    Rgb text_muted;        // secondary text on background or surface
    Rgb primary;           // primary button fill, links, focus ring
    Rgb primary_hover;
    Rgb primary_pressed;
    Rgb on_primary;        // text on primary
    Rgb heading;           // headings on background
    Rgb danger;            // the emergency call button; on_primary text on it

    // The calf diagram (ui/calf_diagram): an anatomy drawing on background or surface.
    Rgb skin;              // the leg's fill
    Rgb skin_outline;      // the leg's outline, 3:1 on background, surface and skin
    Rgb muscle;            // the gastrocnemius and soleus fill, on skin
    Rgb muscle_outline;    // muscle and tendon outlines, 3:1 on muscle, skin and tendon
    Rgb tendon;            // the Achilles tendon fill, on skin
    Rgb highlight;         // the worked zone: translucent tint and an opaque outline, 3:1 on muscle, skin, tendon
    Rgb guide;             // the hands' stroke markers and arrows, 3:1 on skin, muscle, tendon and the tint
};

const Palette& normal_palette();
const Palette& high_contrast_palette();

// WCAG 2.x contrast ratio of two colours, 1 to 21.
double contrast_ratio(Rgb a, Rgb b);

// A clinic's colour (embed mode) as the palette's primary, with hover and pressed shades derived
// from it. The colour is darkened (or, on a dark page, lightened) by the smallest step that keeps
// WCAG AA: 4.5:1 for on_primary on every primary shade and for primary on background, surface and
// surface_pressed. `adjusted` turns true when the colour had to change. Danger is never touched.
Palette palette_with_accent(const Palette& base, Rgb accent, bool& adjusted);

// Sizes in CSS pixels before scaling; the style is built at scale = device pixel ratio x text size.
struct Metrics {
    float body_font_px = 18.0f;       // body text
    float heading_font_px = 26.0f;    // screen titles
    float display_font_px = 34.0f;    // the app name on home, the timer later
    float column_max_width_px = 560;  // centred column on wide screens
    float page_padding_px = 20;       // left/right margin on phones
    float button_height_px = 56;      // comfortably over the 44 px touch minimum
    float corner_radius_px = 14;
    float spacing_px = 12;
};

const Metrics& metrics();

// Fills an ImGui style with the palette and metrics at the given scale.
void apply_style(ImGuiStyle& style, const Palette& palette, float scale);

}  // namespace calfcoach::ui
