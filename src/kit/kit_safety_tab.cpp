// kit_safety_tab.cpp — the clinic kit's "Safety check" tab (see clinic_kit.hpp): what the app's check
// asks and why, the clinic's own questions, and a stricter answer for any of the app's signs. Every
// change goes through core/clinic_safety, which keeps a check the loader accepts or refuses it in
// words said beside what asked; nothing here can take a sign out or make one milder.
#include <array>
#include <string>

#include <nlohmann/json.hpp>

#include "core/clinic_safety.hpp"
#include "core/json_safe.hpp"
#include "core/triage.hpp"
#include "imgui.h"
#include "kit/clinic_kit.hpp"
#include "ui/level_look.hpp"
#include "ui/theme.hpp"

namespace calfcoach::kit {

//-----------------------------------------------------------------------------
// [SECTION] Safety check
//-----------------------------------------------------------------------------
namespace {
// A level on a button in a row of up to five, in a card at 1024 px: so short that no word is cut
// ("professional" is not); the banner's full words are said beside every row.
constexpr std::array<const char*, 6> kLevelButtons = {"Go ahead", "Go gently", "Wait to heal", "Ask first",
                                                      "Advice today", "Emergency"};
// What a clinic's own sign may lead to: from "go ahead gently" up ("go ahead" would do nothing).
constexpr SafetyLevel kLowestOwnLevel = SafetyLevel::Caution;
constexpr int kLevelCount = 6;

std::string in_quotes(std::string_view text) { return "'" + std::string(text) + "'"; }

std::string page_title(const nlohmann::json& triage, std::string_view group_id) {
    if (triage.contains("groups") && triage["groups"].is_array())
        for (const auto& group : triage["groups"])
            if (group.is_object() && group.value("id", std::string()) == group_id) return group.value("title", std::string());
    return {};
}

// A card around what `draw` draws (a one-cell table, so its text wraps inside the card's padding).
template <typename Draw>
void panel(ui::DrawContext& ctx, const char* id, Draw draw) {
    ImGui::PushStyleVar(ImGuiStyleVar_CellPadding, ImVec2(ctx.px(16), ctx.px(12)));
    ImGui::PushStyleColor(ImGuiCol_TableBorderStrong, ui::to_u32(ctx.palette->border));
    const bool open = ImGui::BeginTable(id, 1, ImGuiTableFlags_BordersOuter);
    if (open) {
        ImGui::TableNextRow();
        ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg0, ui::to_u32(ctx.palette->surface));
        ImGui::TableNextColumn();
    }
    draw();
    if (open) ImGui::EndTable();
    ImGui::PopStyleColor();
    ImGui::PopStyleVar();
    ui::vertical_space(ctx, 16);
}
}  // namespace

void ClinicKit::refresh_safety_view() {
    safety_view_.summary = clinic_safety_summary(triage_, builtin_);
    safety_view_.rules = builtin_safety_rules(triage_, builtin_);
    safety_view_.own = clinic_questions(triage_, builtin_);
    safety_view_.same_as_builtin = same_as_builtin(triage_, builtin_);
}

void ClinicKit::safety_changed() {
    triage_note_.clear();  // a new draft now: it may be saved over a damaged one
    if (!services_.storage().set(kTriageDraftKey, dump_json(triage_))) storage_failed_ = true;
    refresh_safety_view();
    content_changed();
}

void ClinicKit::draw_safety_tab() {
    ui::subheading(draw_, "Safety check");
    ui::paragraph(draw_, "Before every session, patients answer a short safety check. It tells them plainly when not "
                         "to massage, and when to get help.");
    ui::paragraph(draw_, "You can add signs of your own and make any answer stricter. The app's own signs follow public "
                         "health guidance: none of them can be taken out or made milder.",
                  true);
    if (!triage_note_.empty()) ui::paragraph(draw_, (triage_note_ + " The saved one is kept until you change something.").c_str());
    ui::vertical_space(draw_, 8);

    panel(draw_, "kit.safety.summary", [&] {
        ui::subheading(draw_, "What your changes do");
        for (const std::string& line : safety_view_.summary) ui::bullet(draw_, line.c_str());
        ui::paragraph(draw_, "The preview asks your check: start a session there to try it as a patient.", true);
    });

    // The clinic's own questions, each with a way to take it out again.
    ui::subheading(draw_, "Your own questions");
    const std::vector<ClinicQuestion> own = safety_view_.own;  // a copy: Remove changes the view
    if (own.empty()) ui::paragraph(draw_, "None yet. Add one below.", true);
    for (const ClinicQuestion& q : own) {
        ui::paragraph(draw_, q.item.c_str());
        const std::string where = "Page " + in_quotes(page_short_name(q.page)) + ". If ticked: " +
                                  in_quotes(ui::level_look(q.level).title) + ".";
        ui::paragraph(draw_, where.c_str(), true);
        const std::string id = "kit.safety.own." + q.id + ".remove";
        if (ui::button(draw_, id.c_str(), "Remove this question", ui::ButtonStyle::Outline, draw_.px(220))) {
            const SafetyEdit removed = remove_clinic_question(triage_, builtin_, q.id);
            safety_refused_id_ = removed.ok() ? std::string() : q.id;
            safety_refused_ = removed.problem;
            if (removed.ok()) {
                announce_text_ = "Removed: " + q.item;
                ++announce_seq_;
                safety_changed();
            }
        }
        if (safety_refused_id_ == q.id) ui::paragraph(draw_, safety_refused_.c_str());
        ui::vertical_space(draw_, 12);
    }
    ui::vertical_space(draw_, 8);

    // A new question: its words, its page, what ticking it leads to.
    ui::subheading(draw_, "Add a question");
    if (form_field("kit.safety.new.item", "The sign, as patients will read it", safety_item_, safety_problem_,
                   "One short line they can tick, for example \"A knee or hip operation in the last 6 months\".", "text", 2,
                   kClinicQuestionMaxBytes * 2))
        safety_problem_.clear();
    ui::paragraph(draw_, "On the page");
    std::array<std::string, kFixedGroupIds.size()> page_names;
    std::array<const char*, kFixedGroupIds.size()> page_items{};
    for (std::size_t i = 0; i < kFixedGroupIds.size(); ++i) {
        page_names[i] = page_short_name(kFixedGroupIds[i]);
        page_items[i] = page_names[i].c_str();
    }
    ui::choice(draw_, "kit.safety.new.page", page_items, &safety_page_);
    const std::string_view page = kFixedGroupIds[static_cast<std::size_t>(safety_page_) % kFixedGroupIds.size()];
    ui::paragraph(draw_, ("Patients see it under " + in_quotes(page_title(triage_, page)) + ".").c_str(), true);
    ui::vertical_space(draw_, 8);
    ui::paragraph(draw_, "If a patient ticks it");
    std::array<const char*, kLevelCount - 1> level_items{};
    for (int i = 0; i < kLevelCount - 1; ++i) level_items[static_cast<std::size_t>(i)] = kLevelButtons[static_cast<std::size_t>(i + 1)];
    ui::choice(draw_, "kit.safety.new.level", level_items, &safety_level_);
    const auto level = static_cast<SafetyLevel>(static_cast<int>(kLowestOwnLevel) + safety_level_);
    const std::string effect = "They see " + in_quotes(ui::level_look(level).title) + ": it " +
                               std::string(safety_level_effect(level)) + ".";
    ui::paragraph(draw_, effect.c_str(), true);
    ui::vertical_space(draw_, 8);
    if (ui::button(draw_, "kit.safety.add", "Add this question", ui::ButtonStyle::Primary)) {
        const SafetyEdit added = add_clinic_question(triage_, builtin_, safety_item_, page, level);
        safety_problem_ = added.problem;
        safety_added_.clear();
        if (added.ok()) {
            safety_added_ = "Added to the page " + in_quotes(page_short_name(page)) + ".";
            announce_text_ = safety_added_;
            safety_item_.clear();
            safety_changed();
        } else {
            announce_text_ = added.problem;
            redraw_ = true;
        }
        ++announce_seq_;
    }
    if (!safety_added_.empty()) ui::paragraph(draw_, safety_added_.c_str(), true);
    ui::vertical_space(draw_, 20);

    draw_safety_rules();

    ui::vertical_space(draw_, 8);
    ui::subheading(draw_, "From a file");
    draw_import();
    if (ui::button(draw_, "kit.safety.reset", "Start again from the app's own check", ui::ButtonStyle::Quiet)) {
        triage_ = builtin_triage(builtin_);
        safety_problem_.clear();
        safety_refused_.clear();
        safety_refused_id_.clear();
        safety_added_.clear();
        safety_changed();
    }
}

// The app's own signs, page by page, each in a card.
void ClinicKit::draw_safety_rules() {
    ui::subheading(draw_, "The app's own signs");
    ui::paragraph(draw_, "For each sign: the answer patients get and the guidance it follows. Choose a stricter answer "
                         "if your clinic wants one.",
                  true);
    ui::vertical_space(draw_, 8);
    const std::vector<BuiltinSafetyRule> rules = safety_view_.rules;  // a copy: a choice changes the view
    for (std::size_t p = 0; p < kFixedGroupIds.size(); ++p) {
        const std::string_view page = kFixedGroupIds[p];
        const std::string heading = "Page " + std::to_string(p + 1) + ": " + page_short_name(page);
        ui::subheading(draw_, heading.c_str());
        ui::paragraph(draw_, ("Patients read: " + in_quotes(page_title(triage_, page))).c_str(), true);
        ui::vertical_space(draw_, 6);
        for (const BuiltinSafetyRule& rule : rules) {
            if (rule.page != page) continue;
            panel(draw_, ("kit.safety.card." + rule.rule_id).c_str(), [&] { draw_safety_rule(rule); });
        }
    }
}

// One of the app's signs, in its card: what it is, the app's answer and its guidance, and the choice
// of answers, which starts at the app's own (none below it exists to choose).
void ClinicKit::draw_safety_rule(const BuiltinSafetyRule& rule) {
    ui::paragraph(draw_, rule.signs.c_str());
    const std::string facts = "The app's answer: " + in_quotes(ui::level_look(rule.builtin_level).title) +
                              ". Based on: " + rule.source + ".";
    ui::paragraph(draw_, facts.c_str(), true);
    if (rule.level != rule.builtin_level)
        ui::paragraph(draw_, ("Your clinic's answer: " + in_quotes(ui::level_look(rule.level).title) + ".").c_str());
    const int lowest = static_cast<int>(rule.builtin_level);
    std::array<const char*, kLevelCount> options{};
    std::size_t count = 0;
    for (int l = lowest; l < kLevelCount; ++l) options[count++] = kLevelButtons[static_cast<std::size_t>(l)];
    if (count > 1) {
        int selected = static_cast<int>(rule.level) - lowest;
        const std::string id = "kit.safety.rule." + rule.rule_id;
        if (ui::choice(draw_, id.c_str(), std::span<const char* const>(options.data(), count), &selected)) {
            const auto level = static_cast<SafetyLevel>(lowest + selected);
            const SafetyEdit set = set_rule_level(triage_, builtin_, rule.rule_id, level);
            safety_refused_id_ = set.ok() ? std::string() : rule.rule_id;
            safety_refused_ = set.problem;
            announce_text_ = set.ok() ? "Patients who tick it now get: " + std::string(ui::level_look(level).title) : set.problem;
            ++announce_seq_;
            if (set.ok()) safety_changed();
            else redraw_ = true;
        }
    } else {
        ui::paragraph(draw_, "Already the strictest answer.", true);
    }
    if (safety_refused_id_ == rule.rule_id) ui::paragraph(draw_, safety_refused_.c_str());
}

}  // namespace calfcoach::kit
