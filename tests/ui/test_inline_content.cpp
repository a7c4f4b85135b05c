// A clinic's content carried by the snippet (content=inline, docs/embedding.md): the app waits for the
// host's message, or gives up after kInlineContentWaitMs; a bundle may come again (a live preview) and
// replaces the content in place where nothing depends on it, or ends a check and keeps a session.
#include <catch2/catch.hpp>

#include <string>

#include <nlohmann/json.hpp>

#include "core/clinic_content.hpp"
#include "core/prescription.hpp"
#include "core/default_content.hpp"
#include "core/json_safe.hpp"
#include "ui/app_storage_keys.hpp"
#include "ui_driver.hpp"

using namespace calfcoach;
using namespace calfcoach::ui;
using calfcoach::ui::testing::FakeServices;
using calfcoach::ui::testing::UiDriver;

namespace {

int ready_events(const FakeServices& services) {
    int n = 0;
    for (const HostEvent& event : services.host_events) n += event.kind == HostEventKind::Ready ? 1 : 0;
    return n;
}

bool has_text(const nlohmann::json& state, const std::string& needle) {
    for (const auto& text : state["texts"])
        if (text["text"].get<std::string>().find(needle) != std::string::npos) return true;
    return false;
}

nlohmann::json builtin_file(const char* name) { return nlohmann::json::parse(std::string(default_content_file(name))); }

// A bundle whose Learn screen opens with `title`.
std::string learn_bundle(const std::string& title) {
    nlohmann::json learn = builtin_file("learn.json");
    learn["sections"][0]["title"] = title;
    return dump_json({{"learn.json", learn}});
}

std::string builtin_learn_title() { return builtin_file("learn.json")["sections"][0]["title"].get<std::string>(); }

std::function<void(App&)> waiting() {
    return [](App& app) {
        app.set_launch_options(parse_launch_options("embed=1&host=http%3A%2F%2Flocalhost%3A8000&content=inline"));
        app.wait_for_inline_content();
    };
}

void into_first_step(UiDriver& ui) {
    REQUIRE(ui.tap("home.start"));
    ui.answer_safety();
    REQUIRE(ui.tap("safety.continue"));
    REQUIRE(ui.tap("prepare.start"));
    REQUIRE(ui.state()["screen"] == "player");
    ui.advance(40'000);  // past get ready, into the first step
    REQUIRE(ui.state()["session"]["phase"] == "step");
}

}  // namespace

TEST_CASE("inline content: nothing can start until the host's bundle comes and then ready is sent", "[ui][embed][content]") {
    UiDriver ui(390, 844, 3, {}, waiting());
    CHECK(ui.state()["content_pending"] == true);
    CHECK(ui.state()["items"].empty());
    // The browser must wake the app while it waits, to see the wait end: at most a second later.
    CHECK(ui.last_result.wake_after_ms > 0);
    CHECK(ui.last_result.wake_after_ms <= 1000);
    ui.advance(8'000);
    CHECK(ui.state()["content_pending"] == true);
    CHECK(ready_events(ui.services) == 0);

    CHECK(ui.app().use_clinic_content(learn_bundle("From Riverside Physio")).empty());
    ui.frame();
    const auto state = ui.state();
    CHECK(state["content_pending"] == false);
    CHECK(state["clinic_content"] == true);
    CHECK(ready_events(ui.services) == 1);
    CHECK(ui.last_result.wake_after_ms < 0);  // no more waiting
    CHECK_FALSE(has_text(state, "Notice for the clinic"));
    REQUIRE(ui.tap("home.learn"));
    CHECK(has_text(ui.state(), "From Riverside Physio"));
    // The wait is over for good: its end does not come later.
    ui.advance(5'000);
    CHECK_FALSE(has_text(ui.state(), "did not arrive"));
    CHECK(ui.state()["clinic_content"] == true);
}

TEST_CASE("inline content: no bundle within the wait gives the built-in content with a notice", "[ui][embed][content]") {
    UiDriver ui(390, 844, 3, {}, waiting());
    ui.advance(kInlineContentWaitMs - 500);
    CHECK(ui.state()["content_pending"] == true);
    CHECK(ready_events(ui.services) == 0);
    ui.advance(600);
    auto state = ui.state();
    CHECK(state["content_pending"] == false);
    CHECK(state["clinic_content"] == false);
    CHECK(has_text(state, "The clinic's content did not arrive"));
    CHECK_FALSE(ui.item("home.start").is_null());
    CHECK(ready_events(ui.services) == 1);
    // A bundle that comes late is still used, and the notice goes.
    CHECK(ui.app().use_clinic_content(learn_bundle("Late but here")).empty());
    ui.frame();
    state = ui.state();
    CHECK(state["clinic_content"] == true);
    CHECK_FALSE(has_text(state, "did not arrive"));
    REQUIRE(ui.tap("home.learn"));
    CHECK(has_text(ui.state(), "Late but here"));
    CHECK(ready_events(ui.services) == 1);
}

TEST_CASE("clinic content again: replaced in place on Learn and Done and a bad one returns to the built-in content", "[ui][embed][content]") {
    UiDriver ui(390, 844, 3, {}, waiting());
    REQUIRE(ui.app().use_clinic_content(learn_bundle("First version")).empty());
    ui.frame();
    REQUIRE(ui.tap("home.learn"));
    REQUIRE(has_text(ui.state(), "First version"));
    CHECK(ui.app().use_clinic_content(learn_bundle("Second version")).empty());
    ui.frame();
    auto state = ui.state();
    CHECK(state["screen"] == "learn");
    CHECK(has_text(state, "Second version"));
    CHECK_FALSE(has_text(state, "First version"));

    // A bad one: the clinic's earlier content is not kept half-used; the built-in content runs.
    nlohmann::json routines = builtin_file("routines.json");
    routines["routines"][0]["steps"][1]["duration"]["standard"] = 0;
    const auto errors = ui.app().use_clinic_content(dump_json({{"learn.json", builtin_file("learn.json")}, {"routines.json", routines}}));
    REQUIRE_FALSE(errors.empty());
    CHECK(errors[0].find("routines.json") != std::string::npos);
    ui.frame();
    state = ui.state();
    CHECK(state["screen"] == "learn");
    CHECK(state["clinic_content"] == false);
    CHECK(has_text(state, builtin_learn_title()));
    CHECK_FALSE(has_text(state, "Second version"));
    REQUIRE(ui.tap("nav.back"));
    REQUIRE(ui.state()["screen"] == "home");
    CHECK(has_text(ui.state(), "This clinic's content has errors"));
    CHECK(ui.state()["clinic_content_errors"].get<std::size_t>() == errors.size());

    // On Done, after a session: the record and the after-session questions stay where they are.
    REQUIRE(ui.app().use_clinic_content(learn_bundle("Third version")).empty());
    ui.frame();
    into_first_step(ui);
    REQUIRE(ui.tap("player.end"));
    REQUIRE(ui.state()["screen"] == "done");
    const auto history_before = ui.state()["history_count"];
    CHECK(ui.app().use_clinic_content(learn_bundle("Fourth version")).empty());
    ui.frame();
    state = ui.state();
    CHECK(state["screen"] == "done");
    CHECK(state["history_count"] == history_before);
    CHECK(state["clinic_content"] == true);
}

TEST_CASE("clinic content again: a safety check under way ends and starts again on the new content", "[ui][embed][content]") {
    UiDriver ui(390, 844, 3, {}, waiting());
    REQUIRE(ui.app().use_clinic_content(learn_bundle("First version")).empty());
    ui.frame();
    REQUIRE(ui.tap("home.start"));
    REQUIRE(ui.state()["screen"] == "safety");
    REQUIRE(ui.tap("safety.none"));  // one page answered
    REQUIRE(ui.state()["page_index"] == 1);

    // The clinic adds a question to a page: the check must ask it, so it starts again.
    nlohmann::json triage = builtin_file("triage.json");
    nlohmann::json question = {{"id", "clinic_extra_question"}, {"group", "skin_injuries"},
                               {"label", "your clinic's advice not to massage"},
                               {"item", "Your clinic has asked you not to massage for now"},
                               {"text", "Has your clinic asked you not to massage for now?"}};
    triage["questions"].push_back(question);
    triage["rules"].push_back({{"id", "clinic_says_no"}, {"level", "see_professional"}, {"when", {{"clinic_extra_question"}}},
                               {"advice", "Ask your clinic first."}, {"source", "Riverside Physio"}});
    const auto errors = ui.app().use_clinic_content(dump_json({{"triage.json", triage}}));
    INFO(dump_json(errors));
    REQUIRE(errors.empty());
    ui.frame();
    auto state = ui.state();
    CHECK(state["screen"] == "home");
    CHECK(has_text(state, "The clinic's content changed"));
    // The new check asks the clinic's question, and a yes counts.
    REQUIRE(ui.tap("home.start"));
    CHECK_FALSE(has_text(ui.state(), "The clinic's content changed"));
    ui.answer_safety({{"clinic_extra_question", "yes"}});
    state = ui.state();
    CHECK(state["screen"] == "safety_result");
    CHECK(state["level"] == "see_professional");

    // On the result and on "Before you start" too: both were given for the old content.
    REQUIRE(ui.app().use_clinic_content(learn_bundle("Second version")).empty());
    ui.frame();
    CHECK(ui.state()["screen"] == "home");
}

TEST_CASE("clinic content again: a session under way is paused and kept and offered on the new content", "[ui][embed][content]") {
    UiDriver ui(390, 844, 3, {}, waiting());
    REQUIRE(ui.app().use_clinic_content(learn_bundle("First version")).empty());
    ui.frame();
    into_first_step(ui);
    const auto before = ui.state()["session"];
    REQUIRE(ui.services.keep_awake);
    const int cancels = ui.services.cancel_calls;

    REQUIRE(ui.app().use_clinic_content(learn_bundle("Second version")).empty());
    ui.frame();
    ui.frame();
    auto state = ui.state();
    // Stopped as if the page had closed: the sounds ahead cancelled, the screen free to sleep.
    CHECK(ui.services.cancel_calls > cancels);
    CHECK_FALSE(ui.services.keep_awake);
    CHECK(ui.services.storage_values.get(kSessionInProgressKey).has_value());
    // The same routine: its progress is offered, paused where it was.
    REQUIRE(state["screen"] == "resume");
    CHECK(state["session"]["paused"] == true);
    CHECK(state["session"]["phase_index"] == before["phase_index"]);
    const auto remaining = state["session"]["remaining_ms"].get<std::int64_t>();
    CHECK(remaining <= before["remaining_ms"].get<std::int64_t>());
    CHECK(remaining >= before["remaining_ms"].get<std::int64_t>() - 1000);
    ui.advance(5'000);
    CHECK(ui.state()["session"]["remaining_ms"] == remaining);  // it does not run on its own
    REQUIRE(ui.tap("resume.continue"));
    state = ui.state();
    CHECK(state["screen"] == "player");
    CHECK(state["session"]["phase_index"] == before["phase_index"]);
    CHECK(state["session"]["playing"] == true);
}

TEST_CASE("clinic content again: a saved session that does not fit the new routine is kept but not offered", "[ui][embed][content]") {
    UiDriver ui(390, 844, 3, {}, waiting());
    REQUIRE(ui.app().use_clinic_content(learn_bundle("First version")).empty());
    ui.frame();
    into_first_step(ui);
    // The clinic's new routine has a step less: the session cannot carry on in it.
    nlohmann::json routines = builtin_file("routines.json");
    routines["routines"][0]["steps"].erase(2);
    REQUIRE(ui.app().use_clinic_content(dump_json({{"routines.json", routines}})).empty());
    ui.frame();
    ui.frame();
    const auto state = ui.state();
    CHECK(state["screen"] == "home");
    CHECK(state["session"].is_null());
    CHECK(has_text(state, "The clinic's content changed"));
    const auto saved = ui.services.storage_values.get(kSessionInProgressKey);
    REQUIRE(saved.has_value());

    // A later visit with the content it was made on offers it again, where it stopped.
    UiDriver later(390, 844, 3, ui.services.storage_values.values, waiting());
    REQUIRE(later.app().use_clinic_content(learn_bundle("First version")).empty());
    later.frame();
    later.frame();
    CHECK(later.state()["screen"] == "resume");
}

TEST_CASE("inline content: a bundle that lowers a red flag or is too large is refused and the safety floor holds", "[ui][embed][content][safety]") {
    UiDriver ui(390, 844, 3, {}, waiting());
    nlohmann::json triage = builtin_file("triage.json");
    REQUIRE(triage["rules"][0]["id"] == "possible_lung_clot");
    triage["rules"][0]["level"] = "see_professional";  // chest symptoms no longer an emergency
    const auto errors = ui.app().use_clinic_content(dump_json({{"triage.json", triage}}));
    REQUIRE_FALSE(errors.empty());
    ui.frame();
    auto state = ui.state();
    CHECK(state["content_pending"] == false);
    CHECK(state["clinic_content"] == false);
    CHECK(has_text(state, "This clinic's content has errors"));
    CHECK(ready_events(ui.services) == 1);
    // The built-in check runs: chest symptoms are still an emergency.
    REQUIRE(ui.tap("home.start"));
    ui.answer_safety({{"chest_symptoms", "yes"}});
    CHECK(ui.state()["level"] == "emergency");

    // Over the size cap: refused unread, in the loader's words; a clinic's earlier content gives way.
    UiDriver big(390, 844, 3, {}, waiting());
    REQUIRE(big.app().use_clinic_content(learn_bundle("Small enough")).empty());
    const auto too_large = big.app().clinic_content_too_large(kClinicContentMaxBytes + 10);
    REQUIRE(too_large.size() == 1);
    CHECK(too_large[0] == "clinic content (whole file): too large: " + std::to_string(kClinicContentMaxBytes + 10) +
                              " bytes, the limit is " + std::to_string(kClinicContentMaxBytes));
    big.frame();
    state = big.state();
    CHECK(state["clinic_content"] == false);
    CHECK(has_text(state, too_large[0]));
}

TEST_CASE("clinic content again: a programme on offer is offered again against the new routine", "[ui][embed][content][programme]") {
    Prescription rx;
    rx.step_seconds = {20, 40, 50, 30, 25};  // the five standard steps, each timed by the physio
    rx.days_mask = 0b0010101;
    rx.start = CalendarDate{2026, 11, 16};
    rx.clinic = "Riverside Physio";
    UiDriver ui(390, 844, 3, {}, [&rx](App& app) {
        waiting()(app);
        CHECK(app.receive_programme_link("#rx=" + encode_prescription(rx)));
    });
    REQUIRE(ui.app().use_clinic_content(learn_bundle("First version")).empty());
    ui.frame();
    ui.frame();
    REQUIRE(ui.state()["screen"] == "programme");
    REQUIRE(ui.state()["programme_offer"]["ok"] == true);
    CHECK(ui.state()["programme_offer"]["error"] == "none");
    // The clinic's routine loses a step: the programme's times no longer fit, and the offer says so.
    nlohmann::json routines = builtin_file("routines.json");
    routines["routines"][0]["steps"].erase(2);
    REQUIRE(ui.app().use_clinic_content(dump_json({{"routines.json", routines}})).empty());
    ui.frame();
    ui.frame();
    auto state = ui.state();
    CHECK(state["screen"] == "programme");
    CHECK(state["programme_offer"]["error"] == "unusable");
    // Back to a routine it fits: usable again, still on offer (nothing was kept meanwhile).
    REQUIRE(ui.app().use_clinic_content(learn_bundle("Second version")).empty());
    ui.frame();
    ui.frame();
    state = ui.state();
    CHECK(state["screen"] == "programme");
    CHECK(state["programme_offer"]["error"] == "none");
    CHECK(state["programme"].is_null());
}
