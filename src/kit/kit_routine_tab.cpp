// kit_routine_tab.cpp — the clinic kit's "Your routine" tab (see clinic_kit.hpp).
#include <cstdint>
#include <utility>
#include <string>

#include <nlohmann/json.hpp>

#include "core/clinic_content.hpp"
#include "core/json_safe.hpp"
#include "core/launch_options.hpp"
#include "imgui.h"
#include "kit/clinic_kit.hpp"
#include "ui/theme.hpp"

namespace calfcoach::kit {

//-----------------------------------------------------------------------------
// [SECTION] Your routine
//-----------------------------------------------------------------------------
namespace {
const char* const kPresetKeys[] = {"quick", "standard", "thorough"};
const char* const kPresetLabels[] = {"Quick (seconds)", "Standard (seconds)", "Thorough (seconds)"};

std::string text_of(const nlohmann::json& value) {
    if (value.is_string()) return value.get<std::string>();
    if (value.is_number_integer()) return std::to_string(value.get<std::int64_t>());
    if (value.is_number()) return dump_json(value);
    return {};
}

// What a person typed into a number field: a whole number is written as one; anything else is kept as
// typed, so the loader names the problem in its own words.
nlohmann::json number_or_text(const std::string& typed) {
    if (!typed.empty() && typed.size() <= 9 && typed.find_first_not_of("0123456789") == std::string::npos)
        return std::stoll(typed);
    return typed;
}
}  // namespace

void ClinicKit::routines_changed() {
    routines_damaged_ = false;
    if (!services_.storage().set(kRoutinesDraftKey, dump_json(routines_))) storage_failed_ = true;
    content_changed();
}

void ClinicKit::draw_step(std::size_t index, std::size_t count) {
    nlohmann::json& steps = routines_["routines"][0]["steps"];
    nlohmann::json& step = steps[index];
    const std::string at = "/routines/0/steps/" + std::to_string(index);
    const std::string id = "kit.step." + std::to_string(index);
    auto field = [&](const char* key, const char* label, int lines, const char* hint) {
        std::string value = step.contains(key) ? text_of(step[key]) : std::string();
        const std::string pointer = at + "/" + key;
        shown_fields_.push_back(pointer);
        const std::string error = errors_at(check_.issues, pointer);
        ui::TextFieldOptions options;
        options.lines = lines;
        options.hint = hint;
        options.error = error.c_str();
        options.max_bytes = 1000;
        if (ui::text_field(draw_, (id + "." + key).c_str(), label, &value, options)) {
            step[key] = value;
            routines_changed();
        }
        ui::vertical_space(draw_, 10);
    };
    const std::string title = "Step " + std::to_string(index + 1) + ": " + text_of(step.value("title", nlohmann::json()));
    ui::subheading(draw_, title.c_str());
    field("title", "Name of the step", 1, "");
    field("instruction", "What to do", 3, "Two to four short sentences, said to the patient.");
    field("tip", "Tip", 2, "");
    // The durations, per preset, side by side.
    if (!step.contains("duration") || !step["duration"].is_object()) step["duration"] = nlohmann::json::object();
    if (ImGui::BeginTable((id + ".durations").c_str(), 3)) {
        for (std::size_t preset = 0; preset < 3; ++preset) {
            ImGui::TableNextColumn();
            nlohmann::json& duration = step["duration"];
            std::string value = duration.contains(kPresetKeys[preset]) ? text_of(duration[kPresetKeys[preset]]) : std::string();
            const std::string pointer = at + "/duration/" + kPresetKeys[preset];
            shown_fields_.push_back(pointer);
            const std::string error = errors_at(check_.issues, pointer);
            ui::TextFieldOptions options;
            options.error = error.c_str();
            options.max_bytes = 12;
            if (ui::text_field(draw_, (id + ".duration." + kPresetKeys[preset]).c_str(), kPresetLabels[preset], &value, options)) {
                duration[kPresetKeys[preset]] = number_or_text(value);
                routines_changed();
            }
        }
        ImGui::EndTable();
    }
    shown_fields_.push_back(at + "/duration");
    ui::paragraph(draw_, "Seconds for each leg; 0 leaves the step out of that length of session.", true);
    bool per_leg = step.value("per_leg", true);
    if (ui::toggle_row(draw_, (id + ".per_leg").c_str(), "Done on each leg (off: once, before the first leg)", &per_leg)) {
        step["per_leg"] = per_leg;
        routines_changed();
    }
    const float third = (ImGui::GetContentRegionAvail().x - draw_.px(16)) / 3.0f;
    const bool up = index > 0 && ui::button(draw_, (id + ".up").c_str(), "Move up", ui::ButtonStyle::Outline, third);
    if (index > 0) ImGui::SameLine(0, draw_.px(8));
    const bool down = index + 1 < count &&
                      ui::button(draw_, (id + ".down").c_str(), "Move down", ui::ButtonStyle::Outline, third);
    if (index + 1 < count) ImGui::SameLine(0, draw_.px(8));
    const bool remove = ui::button(draw_, (id + ".remove").c_str(), "Remove", ui::ButtonStyle::Outline, third);
    ui::vertical_space(draw_, 20);
    // Changes to the list wait until the step is drawn: the loop over the steps goes on safely.
    if (up) pending_move_ = {index, index - 1};
    if (down) pending_move_ = {index, index + 1};
    if (remove) pending_remove_ = index;
}

void ClinicKit::draw_routine_tab() {
    shown_fields_.clear();
    ui::subheading(draw_, "Your routine");
    ui::paragraph(draw_, "This is the routine patients are guided through, one leg then the other. Change the "
                         "words, the times, the order, or add a step. It is checked as you type, by the same "
                         "rules as the app's own routine.");
    draw_import();
    if (routines_damaged_)
        ui::paragraph(draw_, "Your saved routine could not be read, so this starts from the built-in one. The saved "
                             "one is kept until you change something.");
    if (!routines_.contains("routines") || !routines_["routines"].is_array() || routines_["routines"].empty() ||
        !routines_["routines"][0].is_object()) {
        ui::paragraph(draw_, "There is no routine to edit.");
    } else {
        nlohmann::json& routine = routines_["routines"][0];
        shown_fields_.push_back("/routines/0/title");
        std::string title = text_of(routine.value("title", nlohmann::json()));
        const std::string title_error = errors_at(check_.issues, "/routines/0/title");
        ui::TextFieldOptions title_options;
        title_options.error = title_error.c_str();
        title_options.hint = "Shown to patients before they start.";
        title_options.max_bytes = 200;
        if (ui::text_field(draw_, "kit.routine.title", "Name of the routine", &title, title_options)) {
            routine["title"] = title;
            routines_changed();
        }
        ui::vertical_space(draw_, 16);
        if (!routine.contains("steps") || !routine["steps"].is_array()) routine["steps"] = nlohmann::json::array();
        pending_move_.reset();
        pending_remove_.reset();
        const std::size_t count = routine["steps"].size();
        for (std::size_t i = 0; i < count; ++i) draw_step(i, count);
        nlohmann::json& steps = routine["steps"];
        if (pending_move_) {
            std::swap(steps[pending_move_->first], steps[pending_move_->second]);
            routines_changed();
        } else if (pending_remove_ && *pending_remove_ < steps.size()) {
            steps.erase(*pending_remove_);
            routines_changed();
        }
        shown_fields_.push_back("/routines/0/steps");
        const std::string steps_error = errors_at(check_.issues, "/routines/0/steps");
        ui::subheading(draw_, "Add a step");
        ui::paragraph(draw_, "A copy of one of the app's steps, at the end; change its words and times above.", true);
        for (std::size_t i = 0; i < step_library_.size(); ++i) {
            const std::string label = "Add: " + text_of(step_library_[i].value("title", nlohmann::json()));
            if (ui::button(draw_, ("kit.add_step." + std::to_string(i)).c_str(), label.c_str(), ui::ButtonStyle::Secondary)) {
                steps.push_back(step_copy_for(routine, step_library_[i]));
                routines_changed();
            }
            ui::vertical_space(draw_, 8);
        }
    }
    // Problems no field above shows (a whole-file problem, another routine): listed in the tool's words.
    const std::vector<std::string> elsewhere = errors_elsewhere(check_.issues, shown_fields_);
    if (!elsewhere.empty()) {
        ui::subheading(draw_, "Other problems");
        for (const std::string& line : elsewhere) ui::bullet(draw_, line.c_str());
    }
    ui::vertical_space(draw_, 8);
    if (ui::button(draw_, "kit.routine.reset", "Start again from the built-in routine", ui::ButtonStyle::Quiet)) {
        const JsonParseResult shipped = parse_json_limited(builtin_["routines.json"]);
        if (shipped.ok) routines_ = shipped.value;
        routines_changed();
    }
}

}  // namespace calfcoach::kit
