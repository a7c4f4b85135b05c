// calf_svg.hpp — a step's calf diagram as a black-on-white SVG line drawing, for print. The same
// leg-space shapes as the screen (core/calf_shape.hpp); the worked zone is shaded grey and the hands'
// pattern is drawn as the still arrows and markers that reduced motion shows on screen.
#pragma once

#include <string>
#include <string_view>

#include "core/routine.hpp"

namespace calfcoach {

struct CalfSvgParams {
    FocusZone zone = FocusZone::WholeCalf;           // shaded area (default WholeCalf: both muscles)
    StrokePattern pattern = StrokePattern::Circles;  // the hands' pattern, as still arrows (default Circles)
    Side side = Side::Left;  // which leg, seen from behind (default Left); Right is the mirror image
    bool show_pattern = true;  // false: the leg and its shading only (default true)
    std::string title;       // the drawing's accessible name, <title> (default empty: none)
};

// A standalone <svg> element (no XML prolog), scalable: viewBox in leg-space hundredths, 100 wide
// per half-leg, about 1:1.1. Only presentation attributes, no style attribute or <style>: it needs no
// CSS and passes a strict Content-Security-Policy inline.
std::string calf_line_drawing_svg(const CalfSvgParams& params);

}  // namespace calfcoach
