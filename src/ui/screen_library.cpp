// screen_library.cpp — what the app teaches: the six techniques (each with its diagram and how-to)
// and the Learn articles (the anatomy one labels the two muscles on the diagram).
#include <string>

#include "imgui.h"
#include "ui/app.hpp"
#include "ui/calf_diagram.hpp"

namespace calfcoach::ui {
namespace {

// How each technique looks on the diagram. Content may add techniques: they show circles.
CalfDiagramParams technique_picture(std::string_view id) {
    CalfDiagramParams params;
    if (id == "effleurage") params.pattern = StrokePattern::SweepAnkleToKnee;
    else if (id == "kneading" || id == "skin_rolling") params.pattern = StrokePattern::Kneading, params.zone = FocusZone::Gastrocnemius;
    else if (id == "hacking") params.pattern = StrokePattern::HoldPoints, params.zone = FocusZone::Gastrocnemius;
    else if (id == "lymphatic_drainage") params.pattern = StrokePattern::LightStrokes;
    else if (id == "trigger_point_pressure") params.pattern = StrokePattern::HoldPoints, params.zone = FocusZone::Soleus;
    return params;
}

const char* pressure_name(Pressure pressure) {
    switch (pressure) {
        case Pressure::Light: return "Pressure: light";
        case Pressure::Moderate: return "Pressure: moderate";
        case Pressure::Firm: return "Pressure: firm";
    }
    return "Pressure: light";
}

}  // namespace

void App::draw_techniques() {
    if (draw_top_bar("Techniques")) go_back();
    paragraph(draw_, "Six ways to work a calf. Tap one to see how.", true);
    vertical_space(draw_, 6);
    const auto& techniques = content_.content.techniques;
    for (std::size_t i = 0; i < techniques.size(); ++i) {
        const Technique& technique = techniques[i];
        const std::string id = "techniques." + technique.id;
        const bool open = expanded_technique_ == static_cast<int>(i);
        if (button(draw_, id.c_str(), technique.name.c_str(), ButtonStyle::Secondary))
            expanded_technique_ = open ? -1 : static_cast<int>(i);
        if (expanded_technique_ != static_cast<int>(i)) continue;

        vertical_space(draw_, 4);
        const float width = ImGui::GetContentRegionAvail().x;
        const float picture_width = std::min(width * 0.42f, draw_.px(170));
        const float picture_height = calf_diagram_height_for_width(picture_width);
        const ImVec2 at = ImGui::GetCursorScreenPos();
        CalfDiagramParams params = technique_picture(technique.id);
        params.time_s = last_context_.now_ms / 1000.0;
        params.reduced_motion = reduced_motion();
        if (last_context_.motion_layer) params.motion = &frame_motion_;  // moved by the platform, as in the player
        if (draw_calf_diagram(ImGui::GetWindowDrawList(), at, ImVec2(at.x + picture_width, at.y + picture_height), draw_, params))
            library_animating_ = true;
        // The description sits beside the picture on wide screens, below it on narrow ones.
        const bool beside = width - picture_width > draw_.px(220);
        if (beside) {
            ImGui::SetCursorScreenPos(ImVec2(at.x + picture_width + draw_.px(16), at.y));
            ImGui::BeginGroup();
            ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width - picture_width - draw_.px(16));
        } else {
            ImGui::Dummy(ImVec2(picture_width, picture_height));
        }
        paragraph(draw_, technique.what.c_str());
        paragraph(draw_, pressure_name(technique.pressure), true);
        if (beside) {
            ImGui::PopTextWrapPos();
            ImGui::EndGroup();
            const float used = ImGui::GetItemRectMax().y - at.y;
            if (used < picture_height) ImGui::Dummy(ImVec2(0, picture_height - used));
        }
        subheading(draw_, "How");
        for (std::size_t s = 0; s < technique.how.size(); ++s) {
            const std::string line = std::to_string(s + 1) + ". " + technique.how[s];
            paragraph(draw_, line.c_str());
        }
        if (!technique.use_when.empty()) {
            subheading(draw_, "Good for");
            for (const std::string& use : technique.use_when) bullet(draw_, use.c_str());
        }
        if (!technique.avoid_when.empty()) {
            subheading(draw_, "Avoid it when");
            for (const std::string& avoid : technique.avoid_when) bullet(draw_, avoid.c_str());
        }
        vertical_space(draw_, 10);
    }
}

void App::draw_learn() {
    if (draw_top_bar("Learn")) go_back();
    for (const LearnSection& section : content_.content.learn) {
        vertical_space(draw_, 6);
        subheading(draw_, section.title.c_str());
        const bool anatomy = section.id.find("muscle") != std::string::npos || section.id.find("anatomy") != std::string::npos;
        for (std::size_t i = 0; i < section.paragraphs.size(); ++i) {
            paragraph(draw_, section.paragraphs[i].c_str());
            if (anatomy && i == 0) {
                // The two muscles, labelled on the diagram.
                const float width = ImGui::GetContentRegionAvail().x;
                const float picture_width = std::min(width, draw_.px(320));
                const float picture_height = std::min(calf_diagram_height_for_width(picture_width * 0.55f), draw_.px(360));
                const ImVec2 at = ImGui::GetCursorScreenPos();
                CalfDiagramParams params;
                params.show_labels = true;
                params.reduced_motion = true;
                params.highlight = false;
                params.show_pattern = false;
                draw_calf_diagram(ImGui::GetWindowDrawList(), ImVec2(at.x, at.y + draw_.px(6)),
                                  ImVec2(at.x + picture_width, at.y + picture_height), draw_, params);
                ImGui::Dummy(ImVec2(picture_width, picture_height + draw_.px(8)));
            }
        }
    }
}

}  // namespace calfcoach::ui
