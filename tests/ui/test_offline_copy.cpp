// Settings -> About offers the one-file offline page through ui::Services (issue 6): a button that asks
// the device to save it, reachable by touch and by the HTML layer (keyboard, screen readers); in the
// one-file page itself a line says it already works offline instead.
#include <catch2/catch.hpp>

#include <string>

#include "ui_driver.hpp"

using calfcoach::ui::Services;
using calfcoach::ui::testing::UiDriver;

namespace {

void open_settings(UiDriver& ui) {
    REQUIRE(ui.tap("home.settings"));
    REQUIRE(ui.state()["screen"] == "settings");
}

bool has_text(UiDriver& ui, const std::string& needle) {
    const nlohmann::json current = ui.state();  // keep it alive: the loop borrows from it
    for (const auto& text : current["texts"])
        if (text["text"].get<std::string>().find(needle) != std::string::npos) return true;
    return false;
}

int index_of(UiDriver& ui, const std::string& id) {
    const nlohmann::json items = ui.state()["items"];
    for (std::size_t i = 0; i < items.size(); ++i)
        if (items[i]["id"] == id) return static_cast<int>(i);
    return -1;
}

}  // namespace

TEST_CASE("Settings offers 'Save for offline use', and a tap asks the device to save the copy", "[ui][offline]") {
    UiDriver ui;
    open_settings(ui);
    const nlohmann::json button = ui.item("settings.save_offline");
    REQUIRE_FALSE(button.is_null());
    CHECK(button["label"] == "Save for offline use");
    CHECK(button["kind"] == "button");
    CHECK(has_text(ui, "with no internet connection"));
    CHECK(ui.services.save_offline_copy_calls == 0);  // drawing it does not save anything
    REQUIRE(ui.tap("settings.save_offline"));
    CHECK(ui.services.save_offline_copy_calls == 1);
    CHECK_FALSE(has_text(ui, "could not be saved"));
    CHECK(ui.state()["screen"] == "settings");
}

TEST_CASE("the HTML layer (keyboard, screen readers) reaches the button too", "[ui][offline][a11y]") {
    UiDriver ui;
    open_settings(ui);
    const int index = index_of(ui, "settings.save_offline");
    REQUIRE(index >= 0);
    ui.app().set_focus_item(index);
    ui.frame();
    CHECK(ui.state()["focus"] == "settings.save_offline");
    REQUIRE(ui.app().activate_item(index));
    for (int i = 0; i < 3; ++i) ui.frame();
    CHECK(ui.services.save_offline_copy_calls == 1);
}

TEST_CASE("a refused save says so in plain words, and a later success clears it", "[ui][offline]") {
    UiDriver ui;
    ui.services.save_offline_copy_succeeds = false;
    open_settings(ui);
    REQUIRE(ui.tap("settings.save_offline"));
    CHECK(ui.services.save_offline_copy_calls == 1);
    CHECK(has_text(ui, "The offline copy could not be saved"));
    ui.services.save_offline_copy_succeeds = true;
    REQUIRE(ui.tap("settings.save_offline"));
    CHECK(ui.services.save_offline_copy_calls == 2);
    CHECK_FALSE(has_text(ui, "could not be saved"));
}

TEST_CASE("the one-file page does not offer itself: a line says it already works offline", "[ui][offline]") {
    UiDriver ui;
    ui.services.offline_copy_answer = Services::OfflineCopy::ThisIsIt;
    open_settings(ui);
    CHECK(ui.item("settings.save_offline").is_null());
    CHECK(has_text(ui, "already works offline"));
    CHECK(ui.services.save_offline_copy_calls == 0);
}

TEST_CASE("a page that can neither offer nor is the copy shows neither", "[ui][offline]") {
    UiDriver ui;
    ui.services.offline_copy_answer = Services::OfflineCopy::Unavailable;
    open_settings(ui);
    CHECK(ui.item("settings.save_offline").is_null());
    CHECK_FALSE(has_text(ui, "already works offline"));
    CHECK_FALSE(has_text(ui, "Save Calf Coach as one file"));
}
