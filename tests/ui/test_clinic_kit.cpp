// The clinic kit driven headlessly: typing arrives as the page's text fields hand it over
// (set_text_item, what web/a11y.js calls), taps at item centres, a fake clock.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "core/clinic_content.hpp"
#include "core/default_content.hpp"
#include "kit_driver.hpp"

using namespace calfcoach;
using namespace calfcoach::kit;
using calfcoach::testing::KitDriver;

TEST_CASE("clinic kit: typed settings are kept as a draft and reach the preview once typing pauses", "[ui][kit]") {
    KitDriver kit;
    REQUIRE(kit.page.shown.shown);
    CHECK(kit.page.shown.src == "index.html?host=http%3A%2F%2F127.0.0.1%3A8080&content=inline");
    // The built-in routines until the clinic changes them (the app takes no empty bundle).
    CHECK(nlohmann::json::parse(kit.page.shown.content).contains("routines.json"));
    REQUIRE(kit.type("kit.name", "Riverside Physiotherapy"));
    CHECK(kit.item("kit.name")["text"] == "Riverside Physiotherapy");
    // Not yet: the preview would reload on every key.
    CHECK(kit.page.shown.src.find("Riverside") == std::string::npos);
    CHECK(kit.state()["preview"]["pending"] == true);
    CHECK(kit.last_result.wake_after_ms > 0);  // the shell is asked to come back when it is time
    kit.frame(kPreviewSettleMs);
    kit.frame();
    CHECK(kit.page.shown.src == "index.html?clinic=Riverside%20Physiotherapy&host=http%3A%2F%2F127.0.0.1%3A8080&content=inline");
    const auto draft = kit.services().storage_values.get(kDraftKey);
    REQUIRE(draft.has_value());
    ClinicSetup saved;
    REQUIRE(clinic_setup_from_json(*draft, saved));
    CHECK(saved.name == "Riverside Physiotherapy");
}

TEST_CASE("clinic kit: typing in two fields between two frames (Tab and type on, or autofill) keeps both", "[ui][kit]") {
    KitDriver kit;
    REQUIRE(kit.kit().set_text_item(kit.index_of("kit.name"), "Riverside"));
    REQUIRE(kit.kit().set_text_item(kit.index_of("kit.phone"), "0123 456 789"));
    REQUIRE(kit.kit().set_text_item(kit.index_of("kit.name"), "Riverside Physio"));  // the latest of one field wins
    kit.frame();
    kit.frame();
    CHECK(kit.item("kit.name")["text"] == "Riverside Physio");
    CHECK(kit.item("kit.phone")["text"] == "0123 456 789");
}

TEST_CASE("clinic kit: a field's problem shows beside it and the value is left out of the preview", "[ui][kit]") {
    KitDriver kit;
    REQUIRE(kit.kit().set_text_item(kit.index_of("kit.phone"), "call us"));
    kit.frame();
    // The field's problem was worked out before the new value arrived in that frame: another is asked for.
    CHECK(kit.last_result.animating);
    for (int i = 0; i < 5 && kit.last_result.animating; ++i) kit.frame();
    CHECK_FALSE(kit.last_result.animating);  // and then it settles: render on demand
    CHECK_FALSE(kit.item("kit.phone")["error"].get<std::string>().empty());
    CHECK(kit.item("kit.phone")["input"] == "tel");
    REQUIRE(kit.type("kit.phone", "+44 20 7946 0000"));
    CHECK(kit.item("kit.phone")["error"] == "");
    kit.frame(kPreviewSettleMs);
    kit.frame();
    CHECK(kit.page.shown.src.find("phone=%2B44%2020%207946%200000") != std::string::npos);
}

TEST_CASE("clinic kit: a colour too light to read on is shown as the darker shade the app uses", "[ui][kit]") {
    KitDriver kit;
    REQUIRE(kit.type("kit.colour", "#9fe"));
    const std::string used = kit.state()["colour_used"];
    CHECK(used != "#99ffee");
    CHECK(kit.says("Colour used: " + used + ", a darker shade of yours."));
    REQUIRE(kit.type("kit.colour", "#166b60"));
    CHECK(kit.state()["colour_used"] == "#166b60");
    CHECK(kit.says("as you typed it"));
}

TEST_CASE("clinic kit: the website tab gives the snippet with the settings and copies it", "[ui][kit]") {
    KitDriver kit;
    REQUIRE(kit.type("kit.name", "Riverside Physiotherapy"));
    REQUIRE(kit.tap("kit.tab.2"));
    CHECK(kit.state()["screen"] == "kit.website");
    const std::string snippet = kit.item("kit.snippet")["text"];
    CHECK(snippet.find("data-clinic=\"Riverside Physiotherapy\"") != std::string::npos);
    CHECK(snippet.find("<script src=\"http://127.0.0.1:8080/embed.js\" async></script>") != std::string::npos);
    CHECK(kit.item("kit.snippet")["read_only"] == true);
    CHECK_FALSE(kit.kit().set_text_item(kit.index_of("kit.snippet"), "changed"));  // read only
    REQUIRE(kit.tap("kit.copy_snippet"));
    REQUIRE(kit.page.copied.size() == 1);
    CHECK(kit.page.copied[0] == snippet);
    kit.kit().copy_finished(CopyOutcome::Copied);
    kit.frames(2);
    CHECK(kit.says("Copied. Paste it into your website."));
    REQUIRE(kit.tap("kit.copy_iframe"));
    kit.kit().copy_finished(CopyOutcome::Refused);
    kit.frames(2);
    CHECK(kit.says("did not let the page copy"));
    CHECK_FALSE(kit.says("Copied. Paste it"));  // each answer under its own button
}

TEST_CASE("clinic kit: advanced settings hold the jargon and change the snippets", "[ui][kit]") {
    KitDriver kit(1280, 2400);  // all of the website tab on screen
    REQUIRE(kit.tap("kit.tab.2"));
    CHECK(kit.item("kit.page_address").is_null());  // folded away by default
    REQUIRE(kit.tap("kit.advanced"));
    REQUIRE(kit.type("kit.page_address", "https://riverside.example/calf"));
    REQUIRE(kit.type("kit.app_address", "https://coach.riverside.example/"));
    CHECK(kit.item("kit.frame_ancestors")["text"] == "Content-Security-Policy: frame-ancestors 'self' https://riverside.example");
    CHECK(kit.item("kit.snippet")["text"].get<std::string>().find("https://coach.riverside.example/embed.js") != std::string::npos);
    CHECK(kit.item("kit.iframe")["text"].get<std::string>().find("host=https%3A%2F%2Friverside.example") != std::string::npos);
}

TEST_CASE("clinic kit: a damaged draft is said and not overwritten until the person changes something", "[ui][kit]") {
    KitDriver kit(1280, 800, std::string("{broken"));
    CHECK(kit.state()["draft_damaged"] == true);
    CHECK(kit.says("could not be read"));
    kit.frames(5);
    CHECK(kit.services().storage_values.get(kDraftKey) == std::optional<std::string>("{broken"));
    REQUIRE(kit.type("kit.name", "New"));
    CHECK(kit.state()["draft_damaged"] == false);
    CHECK(kit.services().storage_values.get(kDraftKey) != std::optional<std::string>("{broken"));
}

TEST_CASE("clinic kit: a stored draft opens the form where it was left", "[ui][kit]") {
    ClinicSetup setup;
    setup.name = "Harbour Clinic";
    setup.colour = "#2a7";
    KitDriver kit(1280, 800, clinic_setup_to_json(setup));
    CHECK(kit.item("kit.name")["text"] == "Harbour Clinic");
    CHECK(kit.page.shown.src.find("clinic=Harbour%20Clinic&accent=%232a7") != std::string::npos);
}

TEST_CASE("clinic kit: storage that refuses writes is said and the form goes on", "[ui][kit]") {
    KitDriver kit;
    kit.services().storage_values.refuse_writes = true;
    REQUIRE(kit.type("kit.name", "Riverside"));
    CHECK(kit.says("does not let the page keep your settings"));
    CHECK(kit.item("kit.name")["text"] == "Riverside");
}

TEST_CASE("clinic kit: the preview sits beside the form on a desktop and under it on a tablet", "[ui][kit]") {
    KitDriver desktop(1280, 800);
    const PreviewFrame wide = desktop.page.shown;
    CHECK(wide.x >= 560);
    CHECK(wide.width > 0);
    CHECK(wide.height <= 800);
    CHECK(wide.width / wide.height == Approx(390.0 / 844.0).epsilon(0.02));
    REQUIRE(desktop.tap("kit.device.2"));
    CHECK(desktop.page.shown.device_width == 1280);
    CHECK(desktop.page.shown.width <= 1280 - wide.x);
    KitDriver tablet(820, 1180);
    CHECK(tablet.page.shown.x < 100);
    CHECK(tablet.page.shown.y > tablet.item("kit.colour")["y"].get<float>());
}

TEST_CASE("clinic kit: the preview's screen switch tells the page which screen the app shows", "[ui][kit]") {
    KitDriver kit(1280, 800);
    CHECK(kit.page.shown.screen == "home");
    REQUIRE(kit.tap("kit.screen.3"));
    CHECK(kit.page.shown.screen == "player");
    CHECK(kit.item("kit.screen.3")["checked"] == true);
    CHECK(kit.state()["preview"]["screen"] == "player");
    REQUIRE(kit.tap("kit.screen.1"));
    CHECK(kit.page.shown.screen == "safety");
    // The content the page sends with it is the same: only the screen changed.
    const std::string content = kit.page.shown.content;
    REQUIRE(kit.tap("kit.screen.4"));
    CHECK(kit.page.shown.screen == "done");
    CHECK(kit.page.shown.content == content);
}

TEST_CASE("clinic kit: a step's duration changed is checked by the loader and reaches the preview and the snippet", "[ui][kit]") {
    KitDriver kit(1280, 4000);
    REQUIRE(kit.tap("kit.tab.1"));
    CHECK(kit.state()["screen"] == "kit.routine");
    CHECK(kit.item("kit.step.1.duration.standard")["text"] == "60");
    REQUIRE(kit.type("kit.step.1.duration.standard", "45"));
    CHECK(kit.item("kit.step.1.duration.standard")["error"] == "");
    kit.frame(kPreviewSettleMs);
    kit.frame();
    const nlohmann::json bundle = nlohmann::json::parse(kit.page.shown.content);
    CHECK(bundle["routines.json"]["routines"][0]["steps"][1]["duration"]["standard"] == 45);
    // The code for the website carries it, written so that nothing in it can end its script element.
    REQUIRE(kit.tap("kit.tab.2"));
    const std::string snippet = kit.item("kit.snippet")["text"];
    CHECK(snippet.find("<script type=\"application/json\" data-calfcoach-content>") != std::string::npos);
    CHECK(snippet.find("\"standard\":45") != std::string::npos);
    // Saved as a file, the same content.
    REQUIRE(kit.tap("kit.save_content"));
    REQUIRE(kit.services().downloads.size() == 1);
    CHECK(kit.services().downloads[0].file_name == "clinic-content.json");
    CHECK(nlohmann::json::parse(kit.services().downloads[0].content) == bundle);
}

TEST_CASE("clinic kit: a duration the loader refuses shows its words beside the field and keeps the snippet safe", "[ui][kit]") {
    KitDriver kit(1280, 4000);
    REQUIRE(kit.tap("kit.tab.1"));
    REQUIRE(kit.type("kit.step.1.duration.standard", "ten"));
    const std::string error = kit.item("kit.step.1.duration.standard")["error"];
    CHECK_FALSE(error.empty());
    // The same words `calfcoach validate` prints for that place.
    const ContentFiles builtin = default_content_map();
    nlohmann::json routines = nlohmann::json::parse(builtin.at("routines.json"));
    routines["routines"][0]["steps"][1]["duration"]["standard"] = "ten";
    const ClinicContentCheck check = check_clinic_routines(routines, builtin);
    CHECK(error == errors_at(check.issues, "/routines/0/steps/1/duration/standard"));
    REQUIRE(kit.tap("kit.tab.2"));
    CHECK(kit.item("kit.snippet")["text"].get<std::string>().find("data-calfcoach-content") == std::string::npos);
    CHECK(kit.item("kit.save_content").is_null());
}

TEST_CASE("clinic kit: a second routine is added from the app's, named, offered to patients, and removed", "[ui][kit]") {
    KitDriver kit(1280, 9000);
    REQUIRE(kit.tap("kit.tab.1"));
    CHECK(kit.item("kit.routine.pick.0").is_null());  // one routine: nothing to pick
    CHECK(kit.item("kit.routine.remove").is_null());  // the first stays
    REQUIRE(kit.tap("kit.routine.add"));
    CHECK(kit.item("kit.routine.pick.1")["checked"] == true);  // the new one is the one shown
    REQUIRE(kit.type("kit.routine.title", "After a run"));
    REQUIRE(kit.type("kit.routine.summary", "Four easy minutes after running."));
    REQUIRE(kit.type("kit.step.1.duration.quick", "20"));
    CHECK(kit.item("kit.routine.title")["error"] == "");
    CHECK(kit.item("kit.routine.pick.1")["label"] == "After a run");
    kit.frame(kPreviewSettleMs);
    kit.frame();
    // The preview (and so the code and the file) carries both, and the loader takes them.
    const nlohmann::json bundle = nlohmann::json::parse(kit.page.shown.content);
    const auto& routines = bundle["routines.json"]["routines"];
    REQUIRE(routines.size() == 2);
    CHECK(routines[0]["id"] == "standard");
    CHECK(routines[1]["id"] == "routine");
    CHECK(routines[1]["title"] == "After a run");
    CHECK(routines[1]["summary"] == "Four easy minutes after running.");
    CHECK(routines[1]["steps"][1]["duration"]["quick"] == 20);
    CHECK(routines[0]["steps"][1]["duration"]["quick"] != 20);  // the first routine is untouched
    const ContentFiles builtin = default_content_map();
    CHECK(load_clinic_content(kit.page.shown.content, builtin).ok());
    // The first routine is still there to edit.
    REQUIRE(kit.tap("kit.routine.pick.0"));
    CHECK(kit.item("kit.routine.title")["text"] == "Calf self-massage");
    CHECK(kit.item("kit.routine.remove").is_null());
    // At most three; then the last is removed again.
    REQUIRE(kit.tap("kit.routine.add"));
    CHECK(kit.item("kit.routine.pick.2")["label"] == "Routine 3");
    CHECK(kit.item("kit.routine.add").is_null());
    REQUIRE(kit.tap("kit.routine.remove"));
    CHECK(kit.item("kit.routine.pick.2").is_null());
    CHECK(kit.item("kit.routine.pick.1")["label"] == "After a run");
}

TEST_CASE("clinic kit: steps are added from the app's steps, moved and removed", "[ui][kit]") {
    KitDriver kit(1280, 9000);
    REQUIRE(kit.tap("kit.tab.1"));
    const std::string first = kit.item("kit.step.0.title")["text"];
    const std::string second = kit.item("kit.step.1.title")["text"];
    int steps = 0;
    while (!kit.item("kit.step." + std::to_string(steps) + ".title").is_null()) ++steps;
    REQUIRE(steps >= 3);
    REQUIRE(kit.tap("kit.add_step.1"));
    CHECK(kit.item("kit.step." + std::to_string(steps) + ".title")["text"] == second);  // a copy, at the end
    REQUIRE(kit.tap("kit.step.1.up"));
    CHECK(kit.item("kit.step.0.title")["text"] == second);
    CHECK(kit.item("kit.step.1.title")["text"] == first);
    REQUIRE(kit.tap("kit.step.0.remove"));
    CHECK(kit.item("kit.step.0.title")["text"] == first);
    CHECK(kit.item("kit.step." + std::to_string(steps) + ".title").is_null());  // one fewer again
    // The copy has its own id: the routine still loads.
    kit.frame(kPreviewSettleMs);
    kit.frame();
    CHECK(kit.item("kit.step.0.title")["error"] == "");
    const auto stored = kit.services().storage_values.get(kRoutinesDraftKey);
    REQUIRE(stored.has_value());
    CHECK(nlohmann::json::parse(*stored)["routines"][0]["steps"].size() == static_cast<std::size_t>(steps));
}

TEST_CASE("clinic kit: a content file opened puts its routine in the form", "[ui][kit][import]") {
    KitDriver kit;
    REQUIRE(kit.tap("kit.tab.1"));
    REQUIRE(kit.tap("kit.import"));
    CHECK(kit.services().pick_calls == 1);
    nlohmann::json routines;
    for (const DefaultContentFile& f : default_content_files())
        if (std::string(f.name) == "routines.json") routines = nlohmann::json::parse(std::string(f.text));
    routines["routines"][0]["title"] = "After a run";
    ui::ReceivedFile file;
    file.name = "clinic-content.json";
    file.text = nlohmann::json{{"routines.json", routines}}.dump();
    kit.kit().file_received(file);
    kit.frames(3);
    CHECK(kit.state()["screen"] == "kit.routine");
    CHECK(kit.item("kit.routine.title")["text"] == "After a run");
    CHECK(kit.says("Opened clinic-content.json"));
    // A routines.json on its own opens too.
    routines["routines"][0]["title"] = "Before work";
    file.name = "routines.json";
    file.text = routines.dump();
    kit.kit().file_received(file);
    kit.frames(3);
    CHECK(kit.item("kit.routine.title")["text"] == "Before work");
}

TEST_CASE("clinic kit: a broken content file lists every problem with its place and the draft is intact", "[ui][kit][import]") {
    KitDriver kit;
    REQUIRE(kit.tap("kit.tab.1"));
    REQUIRE(kit.type("kit.routine.title", "Our own routine"));
    const auto draft_before = kit.services().storage_values.get(kRoutinesDraftKey);
    REQUIRE(draft_before.has_value());
    nlohmann::json routines;
    for (const DefaultContentFile& f : default_content_files())
        if (std::string(f.name) == "routines.json") routines = nlohmann::json::parse(std::string(f.text));
    routines["routines"][0]["steps"][1]["duration"]["standard"] = -5;
    routines["routines"][0]["steps"][2].erase("title");
    ui::ReceivedFile file;
    file.name = "broken.json";
    file.text = nlohmann::json{{"routines.json", routines}}.dump();
    kit.kit().file_received(file);
    kit.frames(3);
    CHECK(kit.says("broken.json could not be opened, so nothing in your form has changed"));
    CHECK(kit.says("routines.json /routines/0/steps/1/duration/standard"));
    CHECK(kit.says("routines.json /routines/0/steps/2"));
    CHECK(kit.item("kit.routine.title")["text"] == "Our own routine");
    CHECK(kit.services().storage_values.get(kRoutinesDraftKey) == draft_before);
    // Not JSON at all, and too big: said, nothing changes.
    file.text = "{ not json";
    kit.kit().file_received(file);
    kit.frames(3);
    CHECK(kit.says("could not be opened"));
    file.text.clear();
    file.too_large = true;
    kit.kit().file_received(file);
    kit.frames(3);
    CHECK(kit.says("is too big to be a content file"));
    CHECK(kit.item("kit.routine.title")["text"] == "Our own routine");
}
