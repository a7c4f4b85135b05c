// Embedded in a clinic's page: what the host is told (and never told), the clinic's name, colour and
// phone, its content file, and the height the iframe is asked to be.
#include <catch2/catch.hpp>

#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/default_content.hpp"
#include "core/json_safe.hpp"
#include "ui/theme.hpp"
#include "ui_driver.hpp"

using namespace calfcoach;
using namespace calfcoach::ui;
using calfcoach::ui::testing::FakeServices;
using calfcoach::ui::testing::UiDriver;

namespace {

LaunchOptions clinic_options(const std::string& query =
                                 "embed=1&clinic=Riverside+Physio&accent=%232a7&phone=%2B44+20+7946+0000"
                                 "&host=http%3A%2F%2Flocalhost%3A8000") {
    return parse_launch_options(query);
}

std::function<void(App&)> launch(const LaunchOptions& options) {
    return [options](App& app) { app.set_launch_options(options); };
}

int count(const FakeServices& services, HostEventKind kind) {
    int n = 0;
    for (const HostEvent& event : services.host_events) n += event.kind == kind ? 1 : 0;
    return n;
}

bool has_text(const nlohmann::json& state, const std::string& needle) {
    for (const auto& text : state["texts"])
        if (text["text"].get<std::string>().find(needle) != std::string::npos) return true;
    return false;
}

void answer_all(UiDriver& ui, const std::string& yes_to = "") {
    if (yes_to.empty()) ui.answer_safety();
    else ui.answer_safety({{yes_to, "yes"}});
}

}  // namespace

TEST_CASE("embed: ready, safety result (level only), session complete and contact clinic reach the host", "[ui][embed]") {
    UiDriver ui(390, 844, 3, {}, launch(clinic_options()));
    REQUIRE(count(ui.services, HostEventKind::Ready) == 1);
    CHECK(ui.services.host_events.front().kind == HostEventKind::Ready);

    REQUIRE(ui.tap("home.start"));
    answer_all(ui);
    REQUIRE(ui.state()["level"] == "ok");
    REQUIRE(count(ui.services, HostEventKind::SafetyResult) == 1);
    const HostEvent& result = ui.services.host_events.back();
    CHECK(result.kind == HostEventKind::SafetyResult);
    CHECK(result.level == SafetyLevel::Ok);
    // Nothing but the level: no answers, no question ids, no session data.
    CHECK(std::string(result.legs).empty());
    CHECK(std::string(result.ended).empty());
    CHECK(result.duration_s == 0);

    REQUIRE(ui.tap("safety.continue"));
    REQUIRE(ui.tap("prepare.preset.0"));
    REQUIRE(ui.tap("prepare.start"));
    for (int i = 0; i < 2000 && ui.state()["screen"] == "player"; ++i) ui.advance(1000);
    REQUIRE(ui.state()["screen"] == "done");
    REQUIRE(count(ui.services, HostEventKind::SessionComplete) == 1);
    const HostEvent& done = ui.services.host_events.back();
    CHECK(done.kind == HostEventKind::SessionComplete);
    CHECK(std::string(done.legs) == "both");
    CHECK(std::string(done.ended) == "completed");
    CHECK(done.duration_s > 60);
    CHECK(done.duration_s < 30 * 60);

    // Done offers the clinic's number: tel: link and one contact-clinic event.
    REQUIRE(ui.item("clinic.call")["label"] == "Call Riverside Physio");
    REQUIRE(ui.tap("clinic.call"));
    REQUIRE(ui.services.links.size() == 1);
    CHECK(ui.services.links.back() == "tel:+442079460000");
    CHECK(count(ui.services, HostEventKind::ContactClinic) == 1);
    CHECK(count(ui.services, HostEventKind::Ready) == 1);  // once per visit
}

TEST_CASE("embed: the clinic's phone never stands in for the emergency number", "[ui][embed]") {
    UiDriver ui(390, 844, 3, {}, launch(clinic_options()));
    REQUIRE(ui.tap("home.start"));
    answer_all(ui, "chest_symptoms");
    const auto state = ui.state();
    REQUIRE(state["level"] == "emergency");
    CHECK_FALSE(ui.item("safety.call").is_null());
    CHECK(ui.item("clinic.call").is_null());
    REQUIRE(ui.tap("safety.call"));
    CHECK(ui.services.links.back().rfind("tel:", 0) == 0);
    CHECK(ui.services.links.back() != "tel:+442079460000");
    CHECK(ui.services.host_events.back().level == SafetyLevel::Emergency);
    CHECK(count(ui.services, HostEventKind::ContactClinic) == 0);
}

TEST_CASE("embed: a caution result offers the clinic's number, urgent does not", "[ui][embed]") {
    {
        UiDriver ui(390, 844, 3, {}, launch(clinic_options()));
        REQUIRE(ui.tap("home.start"));
        answer_all(ui, "one_leg_swollen");
        REQUIRE(ui.state()["level"] == "urgent");
        CHECK(ui.item("clinic.call").is_null());
    }
    // Caution, wait and see-a-professional: the clinic can help, so its number is offered.
    const std::pair<const char*, const char*> kOffered[] = {
        {"sore_after_exercise", "caution"}, {"recent_injury", "wait"}, {"clot_history", "see_professional"}};
    for (const auto& [question, level] : kOffered) {
        UiDriver ui(390, 844, 3, {}, launch(clinic_options()));
        REQUIRE(ui.tap("home.start"));
        answer_all(ui, question);
        REQUIRE(ui.state()["level"] == level);
        REQUIRE(ui.tap("clinic.call"));
        CHECK(ui.services.links.back() == "tel:+442079460000");
        CHECK(count(ui.services, HostEventKind::ContactClinic) == 1);
    }
    // Without a phone there is no button at all.
    UiDriver ui(390, 844, 3, {}, launch(clinic_options("embed=1&clinic=Riverside+Physio")));
    REQUIRE(ui.tap("home.start"));
    answer_all(ui, "clot_history");
    CHECK(ui.item("clinic.call").is_null());
}

TEST_CASE("embed: clinic name on Home and About, no clinic, no button and no events", "[ui][embed]") {
    UiDriver ui(390, 844, 3, {}, launch(clinic_options()));
    CHECK(has_text(ui.state(), "Offered by Riverside Physio"));
    REQUIRE(ui.tap("home.settings"));
    CHECK(has_text(ui.state(), "Offered by Riverside Physio"));

    UiDriver plain;
    CHECK_FALSE(has_text(plain.state(), "Offered by"));
    CHECK(plain.state()["embed"] == false);
    CHECK(plain.state()["accent"].is_null());
}

// The glyph a font of the atlas has for `c`, without falling back to '?'.
bool has_glyph(char32_t c) {
    return ImGui::GetIO().Fonts->Fonts[0]->FindGlyphNoFallback(static_cast<ImWchar>(c)) != nullptr;
}

TEST_CASE("embed: a clinic name's accented letters are drawn, letters the font lacks are named", "[ui][embed][font]") {
    // "Physiothérapie Genève": é and è are not in the built-in text, so the atlas gains them.
    UiDriver plain;
    CHECK_FALSE(has_glyph(0xE9));  // not rasterised when no clinic needs it
    std::vector<std::string> warnings;
    UiDriver ui(390, 844, 3, {}, [&warnings](App& app) {
        warnings = app.set_launch_options(parse_launch_options("embed=1&clinic=Physioth%C3%A9rapie+Gen%C3%A8ve"));
    });
    CHECK(has_glyph(0xE9));
    CHECK(has_glyph(0xE8));
    CHECK(has_text(ui.state(), "Offered by Physioth\xC3\xA9rapie Gen\xC3\xA8ve"));
    CHECK(warnings.empty());

    // "Fizjoterapia Łódź": ó is Latin-1 (drawn); Ł and ź are not in the font, and the console says so.
    UiDriver polish(390, 844, 3, {}, [&warnings](App& app) {
        warnings = app.set_launch_options(parse_launch_options("embed=1&clinic=Fizjoterapia+%C5%81%C3%B3d%C5%BA"));
    });
    CHECK(has_glyph(0xF3));
    CHECK_FALSE(has_glyph(0x141));
    REQUIRE(warnings.size() == 1);
    CHECK(warnings[0].find("clinic name") != std::string::npos);
    CHECK(warnings[0].find("\xC5\x81") != std::string::npos);  // Ł
    CHECK(warnings[0].find("\xC5\xBA") != std::string::npos);  // ź
    CHECK(warnings[0].find("\xC3\xB3") == std::string::npos);  // ó is fine
}

TEST_CASE("embed: the clinic content's letters join the atlas, a file with letters the font lacks is refused", "[ui][embed][font][content]") {
    UiDriver ui(390, 844, 3, {}, [](App& app) { app.set_clinic_content_pending(); });
    CHECK_FALSE(has_glyph(0xFC));
    nlohmann::json learn = nlohmann::json::parse(std::string(default_content_file("learn.json")));
    learn["sections"][0]["title"] = "Waden \xC3\xBC" "ben";  // "Waden üben"
    CHECK(ui.app().use_clinic_content(dump_json({{"learn.json", learn}})).empty());
    CHECK(ui.app().fonts_dirty());
    ui.frame();
    CHECK(has_glyph(0xFC));

    // Letters outside the font: a safety question with '?' in it could be misread, so the file is
    // refused whole, the built-in content runs, and the clinic is told which letters.
    UiDriver greek(390, 844, 3, {}, [](App& app) { app.set_clinic_content_pending(); });
    nlohmann::json triage = nlohmann::json::parse(std::string(default_content_file("triage.json")));
    triage["questions"][0]["text"] = triage["questions"][0]["text"].get<std::string>() + " \xCE\xB3\xCE\xAC";  // Greek
    const auto errors = greek.app().use_clinic_content(dump_json({{"triage.json", triage}}));
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].find("letters the app's font does not have") != std::string::npos);
    CHECK(errors[0].find("\xCE\xB3") != std::string::npos);
    greek.frame();
    const auto state = greek.state();
    CHECK(state["clinic_content_errors"] == 1);
    CHECK(has_text(state, "Notice for the clinic"));
    CHECK(state["content_ok"] == true);  // the built-in content runs
    CHECK_FALSE(has_glyph(0x3B3));
    REQUIRE(greek.tap("home.start"));
    const auto on_question = greek.state();  // kept alive: the loop borrows from it
    for (const auto& text : on_question["texts"]) CHECK(text["text"].get<std::string>().find("\xCE\xB3") == std::string::npos);
}

TEST_CASE("embed: a light accent is darkened to 4.5:1, danger keeps its colour", "[ui][embed][theme]") {
    // Yellow: unreadable under white text; darkened until it passes everywhere it is used.
    bool adjusted = false;
    const Palette p = palette_with_accent(normal_palette(), Rgb{0xFF, 0xDD, 0x00}, adjusted);
    CHECK(adjusted);
    for (Rgb fill : {p.primary, p.primary_hover, p.primary_pressed}) CHECK(contrast_ratio(p.on_primary, fill) >= 4.5);
    for (Rgb page : {p.background, p.surface, p.surface_pressed}) CHECK(contrast_ratio(p.primary, page) >= 4.5);
    CHECK(p.danger.r == normal_palette().danger.r);
    CHECK(p.danger.g == normal_palette().danger.g);
    CHECK(p.primary.r > p.primary.b);  // still a yellow-brown, not the app's green
    // A dark accent that already passes is used as given.
    const Palette navy = palette_with_accent(normal_palette(), Rgb{0x1A, 0x3A, 0x6B}, adjusted);
    CHECK_FALSE(adjusted);
    CHECK(navy.primary.b == 0x6B);
    // White turns dark, never invisible.
    const Palette white = palette_with_accent(normal_palette(), Rgb{0xFF, 0xFF, 0xFF}, adjusted);
    CHECK(adjusted);
    CHECK(contrast_ratio(white.on_primary, white.primary) >= 4.5);

    // Through the app: the warning is given and the palette in use is the adjusted one.
    UiDriver ui;
    const auto warnings = ui.app().set_launch_options(parse_launch_options("embed=1&accent=%23ffdd00"));
    REQUIRE(warnings.size() == 1);
    CHECK(warnings[0].find("#ffdd00") != std::string::npos);
    ui.frame();
    CHECK(contrast_ratio(ui.app().palette().on_primary, ui.app().palette().primary) >= 4.5);
    CHECK(ui.app().palette().danger.r == normal_palette().danger.r);
    // A good accent gives no warning.
    CHECK(ui.app().set_launch_options(parse_launch_options("accent=%231a3a6b")).empty());
}

TEST_CASE("embed: nothing can start while the clinic's content loads, then it is used", "[ui][embed][content]") {
    UiDriver ui(390, 844, 3, {}, [](App& app) {
        app.set_launch_options(parse_launch_options("embed=1&clinic=Riverside+Physio"));
        app.set_clinic_content_pending();
    });
    CHECK(ui.state()["content_pending"] == true);
    CHECK(ui.state()["items"].empty());
    CHECK(count(ui.services, HostEventKind::Ready) == 0);

    nlohmann::json learn = nlohmann::json::parse(std::string(default_content_file("learn.json")));
    learn["sections"][0]["title"] = "From Riverside Physio";
    CHECK(ui.app().use_clinic_content(dump_json({{"learn.json", learn}})).empty());
    ui.frame();
    CHECK(ui.state()["content_pending"] == false);
    CHECK_FALSE(ui.item("home.start").is_null());
    CHECK(count(ui.services, HostEventKind::Ready) == 1);
    CHECK_FALSE(has_text(ui.state(), "Notice for the clinic"));
    REQUIRE(ui.tap("home.learn"));
    CHECK(has_text(ui.state(), "From Riverside Physio"));
}

TEST_CASE("embed: invalid clinic content shows its errors and runs the built-in content", "[ui][embed][content]") {
    UiDriver ui(390, 844, 3, {}, [](App& app) { app.set_clinic_content_pending(); });
    nlohmann::json triage = nlohmann::json::parse(std::string(default_content_file("triage.json")));
    triage["rules"] = nlohmann::json::array();  // below the safety floor
    const auto errors = ui.app().use_clinic_content(dump_json({{"triage.json", triage}}));
    CHECK_FALSE(errors.empty());
    ui.frame();
    const auto state = ui.state();
    CHECK(state["content_ok"] == true);  // the built-in content
    CHECK(state["clinic_content_errors"].get<std::size_t>() == errors.size());
    CHECK(has_text(state, "Notice for the clinic"));
    CHECK(has_text(state, errors.front()));
    CHECK_FALSE(ui.item("home.start").is_null());

    UiDriver failed(390, 844, 3, {}, [](App& app) { app.set_clinic_content_pending(); });
    failed.app().clinic_content_failed("HTTP 404");
    failed.frame();
    CHECK(has_text(failed.state(), "could not be loaded"));
    CHECK(has_text(failed.state(), "HTTP 404"));
}

TEST_CASE("embed: the reported height follows the screen, clamped, and is stable", "[ui][embed]") {
    UiDriver ui(390, 844, 1, {}, launch(clinic_options()));
    ui.frame();
    const int home = ui.last_result.content_height_css;
    CHECK(home >= kEmbedMinHeightCss);
    CHECK(home <= kEmbedMaxHeightCss);
    ui.frame();
    CHECK(ui.last_result.content_height_css == home);  // no drift frame to frame
    // The Learn screen is long: taller than Home.
    REQUIRE(ui.tap("home.learn"));
    ui.frame();
    CHECK(ui.last_result.content_height_css > home);
    // The height does not depend on the window's own height (no loop with the iframe's size).
    UiDriver tall(390, 1600, 1, {}, launch(clinic_options()));
    tall.frame();
    CHECK(tall.last_result.content_height_css == home);

    // The player neither: the same height in a short and a tall iframe, steady while it plays.
    auto player_height = [](float window_height) {
        UiDriver player(390, window_height, 1, {}, launch(clinic_options()));
        REQUIRE(player.tap("home.start"));
        answer_all(player);
        REQUIRE(player.tap("safety.continue"));
        REQUIRE(player.tap("prepare.start"));
        REQUIRE(player.state()["screen"] == "player");
        player.advance(20'000);  // into the first step
        const int first = player.last_result.content_height_css;
        player.advance(1'000);
        CHECK(player.last_result.content_height_css == first);
        return first;
    };
    const int short_frame = player_height(600), tall_frame = player_height(1400);
    CHECK(short_frame == tall_frame);
    CHECK(short_frame >= kEmbedMinHeightCss);
}
