// The clinic kit's "Safety check" tab driven headlessly (taps by id, typing as the page hands it
// over): what a physio adds or makes stricter reaches the preview and the content file, the loader
// takes it, and the tab offers no way to take out or soften one of the app's own signs.
#include <catch2/catch.hpp>

#include <string>

#include <nlohmann/json.hpp>

#include "core/clinic_content.hpp"
#include "core/clinic_safety.hpp"
#include "core/default_content.hpp"
#include "core/json_safe.hpp"
#include "kit_driver.hpp"

using namespace calfcoach;
using namespace calfcoach::kit;
using calfcoach::testing::KitDriver;

namespace {

ContentFiles builtin_files() { return default_content_map(); }

const nlohmann::json* question_in(const nlohmann::json& triage, const std::string& id) {
    for (const auto& q : triage["questions"])
        if (q["id"] == id) return &q;
    return nullptr;
}

// Opens the tab and adds one question: its words, its page and level by their options' ids.
void add_question(KitDriver& kit, const std::string& words, int page, int level) {
    REQUIRE(kit.tap("kit.tab.3"));
    REQUIRE(kit.state()["screen"] == "kit.safety");
    REQUIRE(kit.type("kit.safety.new.item", words));
    REQUIRE(kit.tap("kit.safety.new.page." + std::to_string(page)));
    REQUIRE(kit.tap("kit.safety.new.level." + std::to_string(level)));
    REQUIRE(kit.tap("kit.safety.add"));
}

}  // namespace

TEST_CASE("kit safety: the tab sits between Website and Prescribe and starts as the app's own check", "[ui][kit][safety]") {
    KitDriver kit(1280, 8000);
    CHECK(kit.item("kit.tab.3")["label"] == "Safety check");
    CHECK(kit.item("kit.tab.4")["label"] == "Prescribe");
    REQUIRE(kit.tap("kit.tab.3"));
    CHECK(kit.state()["screen"] == "kit.safety");
    CHECK(kit.says("Same as the built-in check."));
    CHECK(kit.says("Based on: NHS: pulmonary embolism symptoms."));
    CHECK(kit.says("Page 1: Right now"));
    CHECK(kit.state()["safety"]["same_as_builtin"] == true);
    // Nothing changed: the preview gets no safety check of the clinic's.
    CHECK_FALSE(nlohmann::json::parse(kit.page.shown.content).contains("triage.json"));
}

TEST_CASE("kit safety: a question added is in the preview and in the content file and the loader takes both", "[ui][kit][safety]") {
    KitDriver kit(1280, 8000);
    add_question(kit, "A knee or hip operation in the last 6 months", 2, 2);  // "Your health", "See a professional"
    CHECK(kit.item("kit.safety.new.item")["text"] == "");  // ready for the next one
    CHECK(kit.item("kit.safety.new.item")["error"] == "");
    CHECK(kit.says("Adds 1 question: 'A knee or hip operation in the last 6 months' (page 'Your health'), which stops "
                   "the session until a health professional says it is fine."));
    CHECK_FALSE(kit.item("kit.safety.own.clinic_1.remove").is_null());

    // The preview, once typing pauses.
    kit.frame(kPreviewSettleMs);
    kit.frame();
    const nlohmann::json preview = nlohmann::json::parse(kit.page.shown.content);
    REQUIRE(preview.contains("triage.json"));
    const nlohmann::json* q = question_in(preview["triage.json"], "clinic_1");
    REQUIRE(q);
    CHECK((*q)["group"] == "your_health");
    CHECK(load_clinic_content(kit.page.shown.content, builtin_files()).ok());

    // The code for the website and the saved file carry it.
    REQUIRE(kit.tap("kit.tab.2"));
    CHECK(kit.says("The code carries your safety check"));
    CHECK(kit.item("kit.snippet")["text"].get<std::string>().find("clinic_1") != std::string::npos);
    REQUIRE(kit.tap("kit.save_content"));
    REQUIRE(kit.services().downloads.size() == 1);
    const std::string saved = kit.services().downloads[0].content;
    const ContentLoad load = load_clinic_content(saved, builtin_files());
    CHECK(load.ok());
    CHECK(load.content.triage.find_question("clinic_1"));
    CHECK(nlohmann::json::parse(saved) == preview);

    // Taken out again: the app's own check, and nothing of it in the preview.
    REQUIRE(kit.tap("kit.tab.3"));
    REQUIRE(kit.tap("kit.safety.own.clinic_1.remove"));
    CHECK(kit.says("Same as the built-in check."));
    kit.frame(kPreviewSettleMs);
    kit.frame();
    CHECK_FALSE(nlohmann::json::parse(kit.page.shown.content).contains("triage.json"));
}

TEST_CASE("kit safety: a question the check cannot take is refused beside the field", "[ui][kit][safety]") {
    KitDriver kit(1280, 8000);
    REQUIRE(kit.tap("kit.tab.3"));
    REQUIRE(kit.tap("kit.safety.add"));
    CHECK(kit.item("kit.safety.new.item")["error"] == "Type the sign as your patients will read it.");
    // An emergency off the first page.
    add_question(kit, "Fainting today", 3, 4);
    CHECK(kit.item("kit.safety.new.item")["error"].get<std::string>().find("'Right now'") != std::string::npos);
    CHECK(kit.item("kit.safety.new.item")["text"] == "Fainting today");  // kept, to fix
    CHECK(kit.state()["safety"]["same_as_builtin"] == true);
    // Typing clears it; on the first page it is taken.
    REQUIRE(kit.tap("kit.safety.new.page.0"));
    REQUIRE(kit.tap("kit.safety.add"));
    CHECK(kit.item("kit.safety.new.item")["error"] == "");
    CHECK(kit.says("which ends the check and tells the patient to call the emergency number now"));
}

TEST_CASE("kit safety: an answer is made stricter and back and never below the app's own", "[ui][kit][safety]") {
    KitDriver kit(1280, 8000);
    REQUIRE(kit.tap("kit.tab.3"));
    // A sign at "advice today": two answers offered, the app's first; none below it exists.
    CHECK(kit.item("kit.safety.rule.possible_leg_clot.0")["checked"] == true);
    CHECK(kit.item("kit.safety.rule.possible_leg_clot.0")["label"] == "Advice today");
    CHECK_FALSE(kit.item("kit.safety.rule.possible_leg_clot.1").is_null());
    CHECK(kit.item("kit.safety.rule.possible_leg_clot.2").is_null());
    // An emergency already: no choice at all.
    CHECK(kit.item("kit.safety.rule.possible_lung_clot.0").is_null());
    // "Go gently": every stricter answer, none milder.
    CHECK(kit.item("kit.safety.rule.sore_muscles.0")["label"] == "Go gently");
    CHECK_FALSE(kit.item("kit.safety.rule.sore_muscles.4").is_null());
    CHECK(kit.item("kit.safety.rule.sore_muscles.5").is_null());
    const auto state = kit.state();  // kept alive: the loop borrows from it
    for (const auto& item : state["items"]) {
        const std::string id = item["id"];
        CHECK(id.rfind("kit.safety.own.", 0) != 0);  // no remove button for any of the app's signs
    }

    REQUIRE(kit.tap("kit.safety.rule.possible_leg_clot.1"));
    CHECK(kit.item("kit.safety.rule.possible_leg_clot.1")["checked"] == true);
    CHECK(kit.says("from 'Get medical advice today' to 'Call the emergency number now'"));
    CHECK(kit.says("Your clinic's answer: 'Call the emergency number now'."));
    const auto stored = kit.services().storage_values.get(kTriageDraftKey);
    REQUIRE(stored.has_value());
    const ContentLoad load = load_clinic_content(dump_json(nlohmann::json{{"triage.json", nlohmann::json::parse(*stored)}}), builtin_files());
    REQUIRE(load.ok());
    CHECK(level_alone(load.content.triage, "one_leg_swollen") == SafetyLevel::Emergency);

    // The page's controls cannot push it lower: the choice is not a slider, and the lowest option is the app's own.
    const std::string before = *kit.services().storage_values.get(kTriageDraftKey);
    CHECK_FALSE(kit.kit().set_slider_item(kit.index_of("kit.safety.rule.possible_leg_clot.0"), 0));
    CHECK_FALSE(kit.kit().set_slider_item(kit.index_of("kit.safety.rule.possible_leg_clot.1"), -3));
    CHECK_FALSE(kit.kit().activate_item(kit.index_of("kit.safety.rule.possible_lung_clot.0")));
    kit.frames(3);
    CHECK(*kit.services().storage_values.get(kTriageDraftKey) == before);
    REQUIRE(kit.kit().activate_item(kit.index_of("kit.safety.rule.possible_leg_clot.0")));
    kit.frames(3);
    CHECK(kit.item("kit.safety.rule.possible_leg_clot.0")["checked"] == true);
    CHECK(kit.says("Same as the built-in check."));
    CHECK(nlohmann::json::parse(*kit.services().storage_values.get(kTriageDraftKey)) == builtin_triage(builtin_files()));
}

TEST_CASE("kit safety: the draft is there after a reload and a damaged one gives the app's check and a note", "[ui][kit][safety]") {
    std::string stored;
    {
        KitDriver kit(1280, 8000);
        add_question(kit, "A knee or hip operation in the last 6 months", 2, 2);
        stored = *kit.services().storage_values.get(kTriageDraftKey);
    }
    {
        KitDriver kit(1280, 8000, KitDriver::Stored{{kTriageDraftKey, stored}});
        REQUIRE(kit.tap("kit.tab.3"));
        CHECK_FALSE(kit.item("kit.safety.own.clinic_1.remove").is_null());
        CHECK(kit.says("Adds 1 question"));
        CHECK(kit.state()["safety"]["damaged"] == false);
        CHECK(nlohmann::json::parse(kit.page.shown.content).contains("triage.json"));
    }
    {
        KitDriver kit(1280, 8000, KitDriver::Stored{{kTriageDraftKey, stored.substr(0, stored.size() / 2)}});
        REQUIRE(kit.tap("kit.tab.3"));
        CHECK(kit.state()["safety"]["damaged"] == true);
        CHECK(kit.says("Your saved safety check could not be read, so this starts again from the app's own check."));
        CHECK(kit.says("Same as the built-in check."));
        CHECK_FALSE(nlohmann::json::parse(kit.page.shown.content).contains("triage.json"));
        // Kept unread until the physio changes something.
        CHECK(*kit.services().storage_values.get(kTriageDraftKey) == stored.substr(0, stored.size() / 2));
        REQUIRE(kit.tap("kit.safety.rule.sore_muscles.1"));
        CHECK(kit.state()["safety"]["damaged"] == false);
        CHECK_FALSE(kit.says("could not be read"));
    }
    {
        // A draft that reads but would weaken the check: not used either.
        nlohmann::json weakened = builtin_triage(builtin_files());
        for (auto& rule : weakened["rules"])
            if (rule["id"] == "possible_lung_clot") rule["level"] = "ok";
        KitDriver kit(1280, 8000, KitDriver::Stored{{kTriageDraftKey, weakened.dump()}});
        REQUIRE(kit.tap("kit.tab.3"));
        CHECK(kit.says("no longer passes the app's safety rules"));
        CHECK(kit.state()["safety"]["same_as_builtin"] == true);
    }
}

TEST_CASE("kit safety: a content file carrying a safety check opens it in the tab", "[ui][kit][safety][import]") {
    KitDriver kit(1280, 8000);
    nlohmann::json triage = builtin_triage(builtin_files());
    REQUIRE(add_clinic_question(triage, builtin_files(), "A new rash", kSkinInjuriesGroupId, SafetyLevel::Wait).ok());
    ui::ReceivedFile file;
    file.name = "clinic-content.json";
    file.text = nlohmann::json{{"triage.json", triage}}.dump();
    kit.kit().file_received(file);
    kit.frames(3);
    CHECK(kit.says("its safety check is in \"Safety check\""));
    REQUIRE(kit.tap("kit.tab.3"));
    CHECK_FALSE(kit.item("kit.safety.own.clinic_1.remove").is_null());
    CHECK(kit.says("'A new rash' (page 'Skin and injuries')"));
    // A safety check the loader refuses opens nothing.
    for (auto& rule : triage["rules"])
        if (rule["id"] == "possible_lung_clot") rule["level"] = "caution";
    file.name = "weak.json";
    file.text = nlohmann::json{{"triage.json", triage}}.dump();
    kit.kit().file_received(file);
    kit.frames(3);
    CHECK(kit.says("weak.json could not be opened"));
    CHECK(kit.state()["screen"] == "kit.safety");
    CHECK_FALSE(kit.item("kit.safety.own.clinic_1.remove").is_null());
    CHECK(kit.state()["safety"]["same_as_builtin"] == false);
}
