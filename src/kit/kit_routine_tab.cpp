// kit_routine_tab.cpp — the clinic kit's "Your routine" tab (see clinic_kit.hpp).
#include <cstdint>
#include <utility>
#include <string>
#include <vector>

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
    nlohmann::json& steps = routines_["routines"][routine_index_]["steps"];
    nlohmann::json& step = steps[index];
    const std::string at = "/routines/" + std::to_string(routine_index_) + "/steps/" + std::to_string(index);
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
    ui::paragraph(draw_, "Seconds for each leg, from 1 to 1800 (30 minutes), for each length of session.", true);
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

// Which routine the tab edits, and adding or removing one (the first stays: it is what patients get
// unless they pick another).
void ClinicKit::draw_routine_picker() {
    nlohmann::json& list = routines_["routines"];
    if (routine_index_ >= list.size()) routine_index_ = 0;
    if (list.size() > 1) {
        std::vector<std::string> titles;
        for (const auto& routine : list) titles.push_back(routine.is_object() ? text_of(routine.value("title", nlohmann::json())) : "");
        std::vector<const char*> labels;
        for (const std::string& title : titles) labels.push_back(title.c_str());
        int picked = static_cast<int>(routine_index_);
        if (ui::choice(draw_, "kit.routine.pick", labels, &picked)) {
            routine_index_ = static_cast<std::size_t>(picked);
            redraw_ = true;
        }
        ui::paragraph(draw_, "Patients choose one of these before they start; the first is chosen for them at first.", true);
        ui::vertical_space(draw_, 8);
    }
    const float half = (ImGui::GetContentRegionAvail().x - draw_.px(8)) / 2.0f;
    if (list.size() < kMaxKitRoutines) {
        if (ui::button(draw_, "kit.routine.add", "Add a routine", ui::ButtonStyle::Outline, half)) {
            const JsonParseResult shipped = parse_json_limited(builtin_["routines.json"]);
            if (shipped.ok && shipped.value.contains("routines") && !shipped.value["routines"].empty()) {
                list.push_back(routine_copy_for(routines_, shipped.value["routines"][0],
                                                "Routine " + std::to_string(list.size() + 1)));
                routine_index_ = list.size() - 1;
                routines_changed();
            }
        }
        if (routine_index_ > 0) ImGui::SameLine(0, draw_.px(8));
    }
    if (routine_index_ > 0 && ui::button(draw_, "kit.routine.remove", "Remove this routine", ui::ButtonStyle::Outline, half)) {
        list.erase(routine_index_);
        routine_index_ = 0;
        routines_changed();
    }
    ui::vertical_space(draw_, 16);
}

void ClinicKit::draw_routine_tab() {
    shown_fields_.clear();
    ui::subheading(draw_, "Your routine");
    ui::paragraph(draw_, "This is the routine patients are guided through, one leg then the other. Change the "
                         "words, the times, the order, or add a step. It is checked as you type, by the same "
                         "rules as the app's own routine. You can offer a second one, for example a short "
                         "routine for after a run.");
    draw_import();
    if (routines_damaged_)
        ui::paragraph(draw_, "Your saved routine could not be read, so this starts from the built-in one. The saved "
                             "one is kept until you change something.");
    bool editable = routines_.contains("routines") && routines_["routines"].is_array() && !routines_["routines"].empty();
    if (editable) {
        for (const auto& routine : routines_["routines"]) editable = editable && routine.is_object();
    }
    if (!editable) {
        ui::paragraph(draw_, "There is no routine to edit.");
    } else {
        draw_routine_picker();
        nlohmann::json& routine = routines_["routines"][routine_index_];
        const std::string at = "/routines/" + std::to_string(routine_index_);
        auto routine_field = [&](const char* key, const char* id, const char* label, const char* hint, int lines) {
            const std::string pointer = at + "/" + key;
            shown_fields_.push_back(pointer);
            std::string value = text_of(routine.value(key, nlohmann::json()));
            const std::string error = errors_at(check_.issues, pointer);
            ui::TextFieldOptions options;
            options.error = error.c_str();
            options.hint = hint;
            options.lines = lines;
            options.max_bytes = 400;
            if (ui::text_field(draw_, id, label, &value, options)) {
                routine[key] = value;
                routines_changed();
            }
            ui::vertical_space(draw_, 10);
        };
        routine_field("title", "kit.routine.title", "Name of the routine", "Shown to patients before they start.", 1);
        routine_field("summary", "kit.routine.summary", "What it is for",
                      "One line under the name, e.g. \"Four easy minutes after a run.\"", 2);
        ui::vertical_space(draw_, 6);
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
        // No field covers the list itself (nor a step's id or techniques): its problems are listed
        // under "Other problems" below.
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
        routine_index_ = 0;
        routines_changed();
    }
}

}  // namespace calfcoach::kit
