#include "ui/icons.hpp"

#include <cmath>
#include <initializer_list>

namespace calfcoach::ui {
namespace {

ImVec2 at(ImVec2 c, float size, float x, float y) { return ImVec2(c.x + x * size, c.y + y * size); }

}  // namespace

void draw_icon(ImDrawList* draw, Icon icon, ImVec2 c, float size, ImU32 color) {
    const float stroke = size * 0.09f;
    switch (icon) {
        case Icon::Check: {
            draw->AddCircle(c, size * 0.46f, color, 0, stroke);
            const ImVec2 tick[3] = {at(c, size, -0.22f, 0.0f), at(c, size, -0.06f, 0.17f), at(c, size, 0.24f, -0.16f)};
            draw->AddPolyline(tick, 3, color, 0, stroke * 1.2f);
            break;
        }
        case Icon::Caution:
        case Icon::Urgent: {
            // A warning triangle with an exclamation mark; "urgent" is filled.
            const ImVec2 a = at(c, size, 0.0f, -0.44f), b = at(c, size, 0.48f, 0.40f), d = at(c, size, -0.48f, 0.40f);
            if (icon == Icon::Urgent) draw->AddTriangleFilled(a, b, d, color);
            else draw->AddTriangle(a, b, d, color, stroke);
            const ImU32 mark = icon == Icon::Urgent ? IM_COL32_WHITE : color;
            draw->AddLine(at(c, size, 0, -0.14f), at(c, size, 0, 0.12f), mark, stroke * 1.1f);
            draw->AddCircleFilled(at(c, size, 0, 0.26f), stroke * 0.75f, mark);
            break;
        }
        case Icon::Wait: {
            // A clock: wait until healed.
            draw->AddCircle(c, size * 0.46f, color, 0, stroke);
            draw->AddLine(c, at(c, size, 0, -0.28f), color, stroke);
            draw->AddLine(c, at(c, size, 0.2f, 0.08f), color, stroke);
            break;
        }
        case Icon::Stethoscope: {
            // A hand raised: stop and ask a professional (a simple, recognisable "stop" palm).
            draw->AddRectFilled(at(c, size, -0.26f, -0.05f), at(c, size, 0.26f, 0.44f), color, size * 0.12f);
            for (int finger = 0; finger < 4; ++finger) {
                const float x = -0.24f + static_cast<float>(finger) * 0.16f;
                const float top = finger == 1 || finger == 2 ? -0.46f : -0.38f;
                draw->AddRectFilled(at(c, size, x, top), at(c, size, x + 0.12f, 0.0f), color, size * 0.06f);
            }
            draw->AddRectFilled(at(c, size, 0.2f, 0.0f), at(c, size, 0.44f, 0.12f), color, size * 0.06f);
            break;
        }
        case Icon::Phone: {
            // A handset: a thick curve along the lower left with the ear and mouth pieces at its ends.
            const ImVec2 centre = at(c, size, 0.10f, -0.10f);
            const float radius = size * 0.34f;
            const float from = 0.55f * 3.14159265f, to = 1.05f * 3.14159265f;
            draw->PathClear();
            draw->PathArcTo(centre, radius, from, to, 16);
            draw->PathStroke(color, 0, size * 0.17f);
            for (const float angle : {from, to})
                draw->AddCircleFilled(ImVec2(centre.x + std::cos(angle) * radius, centre.y + std::sin(angle) * radius),
                                      size * 0.15f, color);
            break;
        }
        case Icon::Play:
            draw->AddTriangleFilled(at(c, size, -0.26f, -0.36f), at(c, size, 0.36f, 0.0f), at(c, size, -0.26f, 0.36f), color);
            break;
        case Icon::Pause:
            draw->AddRectFilled(at(c, size, -0.28f, -0.34f), at(c, size, -0.08f, 0.34f), color, size * 0.04f);
            draw->AddRectFilled(at(c, size, 0.08f, -0.34f), at(c, size, 0.28f, 0.34f), color, size * 0.04f);
            break;
        case Icon::Next:
            draw->AddTriangleFilled(at(c, size, -0.32f, -0.3f), at(c, size, 0.12f, 0.0f), at(c, size, -0.32f, 0.3f), color);
            draw->AddRectFilled(at(c, size, 0.16f, -0.3f), at(c, size, 0.3f, 0.3f), color);
            break;
        case Icon::Previous:
            draw->AddTriangleFilled(at(c, size, 0.32f, -0.3f), at(c, size, -0.12f, 0.0f), at(c, size, 0.32f, 0.3f), color);
            draw->AddRectFilled(at(c, size, -0.3f, -0.3f), at(c, size, -0.16f, 0.3f), color);
            break;
        case Icon::Stop:
            draw->AddRectFilled(at(c, size, -0.28f, -0.28f), at(c, size, 0.28f, 0.28f), color, size * 0.05f);
            break;
        case Icon::Info:
            draw->AddCircle(c, size * 0.46f, color, 0, stroke);
            draw->AddLine(at(c, size, 0, -0.06f), at(c, size, 0, 0.26f), color, stroke * 1.1f);
            draw->AddCircleFilled(at(c, size, 0, -0.22f), stroke * 0.8f, color);
            break;
    }
}

}  // namespace calfcoach::ui
