#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>

#include <cfloat>

#include "ui_driver.hpp"

using calfcoach::ui::testing::UiDriver;

TEST_CASE("home shows the product name's menu with Start first", "[ui]") {
    UiDriver ui;
    const auto state = ui.state();
    CHECK(state["screen"] == "home");
    REQUIRE(state["items"].size() == 5);
    CHECK(state["items"][0]["id"] == "home.start");
    CHECK(state["items"][0]["label"] == "Start a session");
    float previous_y = -1;
    for (const auto& item : state["items"]) {
        CHECK(item["y"].get<float>() > previous_y);  // reading order is top to bottom
        previous_y = item["y"].get<float>();
        CHECK(item["h"].get<float>() >= 44.0f);      // touch target minimum
    }
}

TEST_CASE("every menu entry opens its screen and Back returns home", "[ui]") {
    UiDriver ui;
    const std::pair<const char*, const char*> targets[] = {{"home.start", "safety"},
                                                           {"home.techniques", "techniques"},
                                                           {"home.learn", "learn"},
                                                           {"home.history", "history"},
                                                           {"home.settings", "settings"}};
    for (const auto& [id, screen] : targets) {
        INFO(id);
        REQUIRE(ui.tap(id));
        CHECK(ui.state()["screen"] == screen);
        CHECK_FALSE(ui.item("nav.back").is_null());
        REQUIRE(ui.tap("nav.back"));
        CHECK(ui.state()["screen"] == "home");
    }
}

TEST_CASE("Escape goes back one screen and does nothing at home", "[ui]") {
    UiDriver ui;
    REQUIRE(ui.tap("home.learn"));
    REQUIRE(ui.state()["screen"] == "learn");
    ui.press_key(ImGuiKey_Escape);
    CHECK(ui.state()["screen"] == "home");
    ui.press_key(ImGuiKey_Escape);
    CHECK(ui.state()["screen"] == "home");
}

TEST_CASE("items are reported in CSS pixels whatever the pixel ratio", "[ui]") {
    UiDriver phone(390, 844, 3);
    UiDriver flat(390, 844, 1);
    const auto a = phone.item("home.start");
    const auto b = flat.item("home.start");
    CHECK(a["w"].get<float>() == Approx(b["w"].get<float>()).margin(1.0));
    CHECK(a["h"].get<float>() == Approx(b["h"].get<float>()).margin(1.0));
}

TEST_CASE("the column is centred and capped on wide screens, full width on phones", "[ui]") {
    UiDriver desktop(1280, 800, 1);
    const auto start = desktop.item("home.start");
    CHECK(start["w"].get<float>() == Approx(560).margin(1));
    CHECK(start["x"].get<float>() == Approx((1280 - 560) / 2.0).margin(1));
    UiDriver narrow(320, 568, 2);
    const auto small = narrow.item("home.start");
    CHECK(small["x"].get<float>() >= 16);
    CHECK(small["x"].get<float>() + small["w"].get<float>() <= 320 - 16);
}
