// WCAG AA contrast for the theme colours, in both themes: 4.5:1 for text, 3:1 for controls' edges.
#include <catch2/catch.hpp>

#include "ui/theme.hpp"

using namespace calfcoach::ui;

TEST_CASE("contrast_ratio matches the WCAG definition", "[theme]") {
    CHECK(contrast_ratio({0, 0, 0}, {255, 255, 255}) == Approx(21.0));
    CHECK(contrast_ratio({255, 255, 255}, {255, 255, 255}) == Approx(1.0));
    CHECK(contrast_ratio({0x76, 0x76, 0x76}, {255, 255, 255}) == Approx(4.54).margin(0.01));
}

TEST_CASE("both themes meet WCAG AA contrast", "[theme]") {
    for (const Palette* palette : {&normal_palette(), &high_contrast_palette()}) {
        const Palette& p = *palette;
        for (Rgb page : {p.background, p.surface, p.surface_pressed}) {
            CHECK(contrast_ratio(p.text, page) >= 4.5);
            CHECK(contrast_ratio(p.text_muted, page) >= 4.5);
            CHECK(contrast_ratio(p.heading, page) >= 4.5);
            CHECK(contrast_ratio(p.primary, page) >= 4.5);  // quiet buttons and links are text in primary
            CHECK(contrast_ratio(p.border, page) >= 3.0);   // a control's outline
        }
        for (Rgb fill : {p.primary, p.primary_hover, p.primary_pressed, p.danger}) CHECK(contrast_ratio(p.on_primary, fill) >= 4.5);
        CHECK(contrast_ratio(p.danger, p.background) >= 3.0);  // the call button stands out from the page
    }
    CHECK(contrast_ratio(high_contrast_palette().text, high_contrast_palette().background) >= 7.0);
}

// The calf diagram's graphical objects: 3:1 against what each sits on (WCAG 1.4.11).
TEST_CASE("calf diagram colours meet 3:1 for graphical objects", "[theme]") {
    for (const Palette* palette : {&normal_palette(), &high_contrast_palette()}) {
        const Palette& p = *palette;
        for (Rgb page : {p.background, p.surface, p.skin}) CHECK(contrast_ratio(p.skin_outline, page) >= 3.0);
        for (Rgb under : {p.muscle, p.skin, p.tendon}) {
            CHECK(contrast_ratio(p.muscle_outline, under) >= 3.0);
            CHECK(contrast_ratio(p.highlight, under) >= 3.0);
            CHECK(contrast_ratio(p.guide, under) >= 3.0);
        }
        // Labels: text on the page, leader lines end on the skin.
        for (Rgb under : {p.background, p.surface}) CHECK(contrast_ratio(p.text, under) >= 4.5);
        CHECK(contrast_ratio(p.text, p.skin) >= 3.0);
        // The markers are told apart from the highlight by more than hue.
        CHECK(contrast_ratio(p.guide, p.highlight) >= 1.3);
    }
}
