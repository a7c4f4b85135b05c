// The player's countdown handed to the platform (ui::CountdownFace): the labels are the ring's own
// texts for every second, the arc's geometry and colours are the ring's, and when the platform shows
// it the canvas leaves the arc and the time out. With it, a session's second draws nothing new on the
// canvas: the shell's DrawSignature then skips the canvas frame.
#include <catch2/catch.hpp>

#include <cmath>
#include <string>

#include <nlohmann/json.hpp>

#include "imgui.h"
#include "ui/draw_signature.hpp"
#include "ui/fonts.hpp"
#include "ui/motion_layer.hpp"
#include "ui/theme.hpp"
#include "ui_driver.hpp"

using namespace calfcoach;
using namespace calfcoach::ui;
using calfcoach::ui::testing::UiDriver;

namespace {

void start_session(UiDriver& ui) {
    REQUIRE(ui.tap("home.start"));
    ui.answer_safety();
    REQUIRE(ui.state()["level"] == "ok");
    REQUIRE(ui.tap("safety.continue"));
    REQUIRE(ui.tap("prepare.start"));
    REQUIRE(ui.state()["screen"] == "player");
}

int vertices_drawn() { return ImGui::GetDrawData()->TotalVtxCount; }

}  // namespace

TEST_CASE("countdown face: every second's label is the ring's text, and the phase's end is on the app's clock", "[ui][countdown]") {
    UiDriver ui;
    start_session(ui);
    ui.frame();
    const nlohmann::json session = ui.state()["session"];
    REQUIRE(session["playing"] == true);
    const CountdownFace& face = ui.last_result.countdown;
    REQUIRE_FALSE(face.empty());
    // Given whether or not the platform shows it (the platform loads its font on the first one).
    CHECK(ui.state()["countdown_face"] == false);
    CHECK(face.ends_at_ms == Approx(ui.now_ms() + session["remaining_ms"].get<double>()));
    const double duration = face.duration_ms;
    CHECK(duration >= 1000);
    REQUIRE(face.labels.size() == static_cast<std::size_t>(std::ceil(duration / 1000)) + 1);
    CHECK(face.labels[0] == "0:00");
    CHECK(face.labels[1] == "0:01");
    CHECK(face.labels.back() == "0:" + std::string(face.labels.size() - 1 < 10 ? "0" : "") + std::to_string(face.labels.size() - 1));

    // A step over a minute: minutes and seconds, as the ring shows them.
    for (int i = 0; i < 40 && !(ui.state()["session"]["phase"] == "step" && ui.last_result.countdown.duration_ms > 61000); ++i) {
        REQUIRE(ui.tap("player.next"));
        ui.frame();
    }
    const CountdownFace& step = ui.last_result.countdown;
    REQUIRE(step.duration_ms > 61000);
    CHECK(step.labels[59] == "0:59");
    CHECK(step.labels[60] == "1:00");
    CHECK(step.labels[61] == "1:01");
    CHECK(step.labels[3] == "0:03");

    // Switch legs counts its last 3 seconds as the voice does: "3", "2", "1".
    for (int i = 0; i < 40 && ui.state()["session"]["phase"] != "switch_legs"; ++i) REQUIRE(ui.tap("player.next"));
    REQUIRE(ui.state()["session"]["phase"] == "switch_legs");
    ui.frame();
    const CountdownFace& swap = ui.last_result.countdown;
    REQUIRE(swap.labels.size() > 4);
    CHECK(swap.labels[3] == "3");
    CHECK(swap.labels[1] == "1");
    CHECK(swap.labels[4] == "0:04");

    // Paused: the canvas shows the time and "Paused"; nothing ticks.
    REQUIRE(ui.tap("player.pause"));
    CHECK(ui.last_result.countdown.empty());
}

TEST_CASE("countdown face: the ring's place, size and colours, and the canvas leaves the arc and time to the platform", "[ui][countdown]") {
    UiDriver ui(390, 844, 3);
    start_session(ui);
    ui.frame();
    const int with_canvas_time = vertices_drawn();
    const CountdownFace face = ui.last_result.countdown;
    REQUIRE_FALSE(face.empty());
    // Inside the phone's canvas and its window's clip; the ring's 12 CSS px line at 3 device px each.
    CHECK(face.centre_x > face.radius);
    CHECK(face.centre_x + face.radius < 390 * 3);
    CHECK(face.centre_y > face.clip_min_y);
    CHECK(face.centre_y < face.clip_max_y);
    CHECK(face.clip_max_x > face.clip_min_x);
    CHECK(face.radius > 100);
    CHECK(face.line_width == Approx(36));
    const Palette& palette = normal_palette();
    CHECK((face.arc.r == palette.primary.r && face.arc.g == palette.primary.g && face.arc.b == palette.primary.b));
    CHECK((face.text.r == palette.heading.r && face.text.g == palette.heading.g && face.text.b == palette.heading.b));
    // The display font: a browser's em for ImGui's size, and the baseline below the ring's centre.
    CHECK(ui_font_em_per_size() != 1.0f);  // read from the font's own tables
    CHECK(ui_font_em_per_size() > 0.6f);
    CHECK(ui_font_em_per_size() < 1.2f);
    CHECK(face.em_px > 0);
    CHECK(face.baseline_dy > 0);
    CHECK(face.baseline_dy < face.em_px);
    CHECK(face.text_dx <= 0);  // ImGui cuts the text's corner to whole pixels
    CHECK(face.text_dx > -1);

    ui.countdown_face = true;
    ui.frame();
    CHECK(ui.state()["countdown_face"] == true);
    const int without = vertices_drawn();
    // The arc (96 segments, anti-aliased) and the time's glyphs are gone from the canvas; the track stays.
    CHECK(without < with_canvas_time - 200);
    CHECK(without > with_canvas_time / 4);

    // Paused: back on the canvas, with "Paused" under the time.
    REQUIRE(ui.tap("player.pause"));
    ui.frame();
    CHECK(ui.state()["countdown_face"] == false);
    CHECK(vertices_drawn() > without);
}

TEST_CASE("countdown face: its JSON carries the face and not the place", "[ui][countdown]") {
    CountdownFace face;
    CHECK(countdown_face_json(face).empty());
    face.ends_at_ms = 12345.5;
    face.duration_ms = 3000;
    face.radius = 120.25;
    face.line_width = 36;
    face.arc = {1, 2, 255};
    face.text = {16, 32, 48};
    face.em_px = 40.5;
    face.baseline_dy = 12;
    face.text_dx = -0.5f;
    face.labels = {"0:00", "1", "a\"b"};
    face.centre_x = 7;
    const std::string text = countdown_face_json(face);
    const nlohmann::json json = nlohmann::json::parse(text);
    CHECK(json["ends_at_ms"] == 12345.5);
    CHECK(json["duration_ms"] == 3000);
    CHECK(json["radius"] == 120.25);
    CHECK(json["line_width"] == 36);
    CHECK(json["arc"] == "#0102ff");
    CHECK(json["text"] == "#102030");
    CHECK(json["em_px"] == 40.5);
    CHECK(json["baseline_dy"] == 12);
    CHECK(json["text_dx"] == -0.5);
    CHECK(json["labels"] == nlohmann::json({"0:00", "1", "a\"b"}));
    CHECK_FALSE(json.contains("centre_x"));
    face.centre_x = 500;  // a scroll: the same face
    CHECK(countdown_face_json(face) == text);
}

TEST_CASE("draw signature: a frame that draws what the canvas shows is not drawn again", "[ui][countdown]") {
    UiDriver ui(390, 844, 2);
    DrawSignature shown;
    const ImVec4 white(1, 1, 1, 1);
    ui.frame();
    CHECK(shown.changed(*ImGui::GetDrawData(), 780, 1688, white));  // the first frame
    ui.frame();
    CHECK_FALSE(shown.changed(*ImGui::GetDrawData(), 780, 1688, white));  // Home again, unchanged
    CHECK(shown.changed(*ImGui::GetDrawData(), 780, 1690, white));         // another canvas size
    CHECK(shown.changed(*ImGui::GetDrawData(), 780, 1690, ImVec4(0, 0, 0, 1)));  // another clear colour
    CHECK_FALSE(shown.changed(*ImGui::GetDrawData(), 780, 1690, ImVec4(0, 0, 0, 1)));
    shown.forget();  // a restored context: blank
    CHECK(shown.changed(*ImGui::GetDrawData(), 780, 1690, ImVec4(0, 0, 0, 1)));
    REQUIRE(ui.tap("home.settings"));
    CHECK(shown.changed(*ImGui::GetDrawData(), 780, 1690, ImVec4(0, 0, 0, 1)));

    // A playing session whose countdown the platform shows: its seconds draw nothing new.
    UiDriver player(390, 844, 2);
    player.countdown_face = true;
    start_session(player);
    player.frame();
    DrawSignature canvas;
    CHECK(canvas.changed(*ImGui::GetDrawData(), 780, 1688, white));
    for (int second = 0; second < 3; ++second) {
        player.advance(1000);
        REQUIRE(player.state()["session"]["phase_index"] == 0);
        CHECK_FALSE(canvas.changed(*ImGui::GetDrawData(), 780, 1688, white));
    }
    // Without the face each second is a new picture.
    player.countdown_face = false;
    player.frame();
    CHECK(canvas.changed(*ImGui::GetDrawData(), 780, 1688, white));
    player.advance(1000);
    CHECK(canvas.changed(*ImGui::GetDrawData(), 780, 1688, white));
}
