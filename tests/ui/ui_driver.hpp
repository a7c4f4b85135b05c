// ui_driver.hpp — drives the ImGui screens headlessly: frames with a fake clock, taps at item centres.
#pragma once

#include <algorithm>
#include <functional>
#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "imgui.h"
#include "fake_services.hpp"
#include "ui/app.hpp"

namespace calfcoach::ui::testing {

class UiDriver {
public:
    // `stored`: what the device's storage holds at start (a reload keeps it).
    // `before_first_frame`: what the platform does before drawing (e.g. the embed launch options).
    explicit UiDriver(float width_css = 390, float height_css = 844, float dpr = 3,
                      const std::map<std::string, std::string, std::less<>>& stored = {},
                      const std::function<void(App&)>& before_first_frame = {})
        : services(with_storage(stored)), app_(services), width_(width_css), height_(height_css), dpr_(dpr) {
        context_ = ImGui::CreateContext();
        ImGuiIO& io = ImGui::GetIO();
        io.IniFilename = nullptr;
        io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
        app_.set_device_pixel_ratio(dpr);
        if (before_first_frame) before_first_frame(app_);
        frame();
    }
    ~UiDriver() { ImGui::DestroyContext(context_); }
    UiDriver(const UiDriver&) = delete;
    UiDriver& operator=(const UiDriver&) = delete;

    // The last frame's result (content height, animating...).
    FrameResult last_result;
    // Tell the app its moving pictures are animated by the platform (the web's motion layer).
    bool motion_layer = false;
    // Tell the app the platform shows the player's countdown over the canvas (the web's face).
    bool countdown_face = false;

    void frame() {
        ImGuiIO& io = ImGui::GetIO();
        if (app_.fonts_dirty()) {
            app_.rebuild_fonts(*io.Fonts);
            unsigned char* pixels = nullptr;
            int w = 0, h = 0;
            io.Fonts->GetTexDataAsAlpha8(&pixels, &w, &h);  // what a renderer would upload
        }
        io.DisplaySize = ImVec2(width_ * dpr_, height_ * dpr_);
        io.DeltaTime = 1.0f / 60.0f;
        now_ms_ += 16.0;
        ImGui::NewFrame();
        FrameContext context;
        context.now_ms = now_ms_;
        context.frame = ++frames_;
        context.device_pixel_ratio = dpr_;
        context.motion_layer = motion_layer;
        context.countdown_face = countdown_face;
        last_result = app_.frame(context);
        ImGui::Render();
    }

    nlohmann::json state() const { return nlohmann::json::parse(app_.state_json()); }

    // Finds an item by id in the last frame; null json when absent.
    nlohmann::json item(const std::string& id) const {
        const nlohmann::json current = state();  // keep it alive: the loop borrows from it
        for (const auto& candidate : current["items"])
            if (candidate["id"] == id) return candidate;
        return nullptr;
    }

    // A touch drag from (x, y0) to (x, y1) in CSS px, over several frames: scrolls the page.
    void drag(float x, float y0, float y1) {
        ImGuiIO& io = ImGui::GetIO();
        io.AddMouseSourceEvent(ImGuiMouseSource_TouchScreen);
        io.AddMousePosEvent(x * dpr_, y0 * dpr_);
        io.AddMouseButtonEvent(0, true);
        frame();
        for (int step = 1; step <= 8; ++step) {
            io.AddMousePosEvent(x * dpr_, (y0 + (y1 - y0) * static_cast<float>(step) / 8.0f) * dpr_);
            frame();
        }
        io.AddMouseButtonEvent(0, false);
        io.AddMousePosEvent(-FLT_MAX, -FLT_MAX);
        for (int i = 0; i < 3; ++i) frame();
    }

    // Scrolls (by touch drags, as a person would) until the item is fully on screen.
    nlohmann::json scroll_into_view(const std::string& id) {
        for (int attempt = 0; attempt < 20; ++attempt) {
            const nlohmann::json target = item(id);
            if (target.is_null()) return target;
            const float top = target["y"].get<float>(), bottom = top + target["h"].get<float>();
            // A sticky footer covers the page under it (its own items are always on screen).
            const nlohmann::json footer = state()["footer_top"];
            const float visible = footer.is_number() && top < footer.get<float>() ? footer.get<float>() : height_;
            if (top >= 0 && bottom <= visible) return target;
            const float distance = bottom > visible ? std::min(bottom - visible + 40.0f, height_ * 0.6f)
                                                    : -std::min(40.0f - top, height_ * 0.6f);
            drag(width_ * 0.5f, height_ * 0.7f, height_ * 0.7f - distance);
        }
        return item(id);
    }

    // A touch tap at the item's centre: move, press, release, then frames for ImGui to settle.
    bool tap(const std::string& id) {
        const nlohmann::json target = scroll_into_view(id);
        if (target.is_null()) return false;
        const float x = (target["x"].get<float>() + target["w"].get<float>() / 2) * dpr_;
        const float y = (target["y"].get<float>() + target["h"].get<float>() / 2) * dpr_;
        ImGuiIO& io = ImGui::GetIO();
        io.AddMouseSourceEvent(ImGuiMouseSource_TouchScreen);
        io.AddMousePosEvent(x, y);
        io.AddMouseButtonEvent(0, true);
        io.AddMouseButtonEvent(0, false);
        io.AddMousePosEvent(-FLT_MAX, -FLT_MAX);
        for (int i = 0; i < 4; ++i) frame();
        settle();
        return true;
    }

    // The frames a browser draws after an input while the layout settles (FrameResult::animating),
    // outside the player (which animates while it plays, and whose tests count the clock).
    void settle() {
        for (int i = 0; i < 20 && last_result.animating && state()["screen"] != "player"; ++i) frame();
    }

    // The safety check, page by page, as a person does it: on each page, taps the signs named in
    // `marks` ("yes" or "unsure") that are on it, then the page's "None of these" / "None of the
    // others". Stops when the check ends (an emergency mark ends it at once). Returns the taps made.
    int answer_safety(const std::map<std::string, std::string>& marks = {}) {
        int taps = 0;
        for (int guard = 0; guard < 20 && state()["screen"] == "safety"; ++guard) {
            for (const auto& [question, mark] : marks) {
                const std::string id = (mark == "yes" ? "safety.sign." : "safety.unsure.") + question;
                if (item(id).is_null() || item(id)["checked"] == true) continue;
                REQUIRE(tap(id));
                ++taps;
                if (state()["screen"] != "safety") return taps;
            }
            REQUIRE(tap("safety.none"));
            ++taps;
        }
        return taps;
    }

    // A tap at a fraction of the item's width (e.g. a slider's track), at its vertical centre.
    bool tap_at(const std::string& id, float fraction_x) {
        const nlohmann::json target = scroll_into_view(id);
        if (target.is_null()) return false;
        const float x = (target["x"].get<float>() + target["w"].get<float>() * fraction_x) * dpr_;
        const float y = (target["y"].get<float>() + target["h"].get<float>() / 2) * dpr_;
        ImGuiIO& io = ImGui::GetIO();
        io.AddMouseSourceEvent(ImGuiMouseSource_TouchScreen);
        io.AddMousePosEvent(x, y);
        io.AddMouseButtonEvent(0, true);
        for (int i = 0; i < 2; ++i) frame();
        io.AddMouseButtonEvent(0, false);
        io.AddMousePosEvent(-FLT_MAX, -FLT_MAX);
        for (int i = 0; i < 3; ++i) frame();
        return true;
    }

    void press_key(ImGuiKey key) {
        ImGui::GetIO().AddKeyEvent(key, true);
        ImGui::GetIO().AddKeyEvent(key, false);
        for (int i = 0; i < 3; ++i) frame();
    }

    App& app() { return app_; }

    // Runs frames until `ms` of app time has passed (the clock steps at most `step_ms` a frame).
    void advance(double ms, double step_ms = 250) {
        const double until = now_ms_ + ms;
        while (now_ms_ + step_ms < until) {
            now_ms_ += step_ms - 16.0;  // frame() adds 16
            frame();
        }
        now_ms_ = until - 16.0;
        frame();
    }

    FakeServices services;  // first: the app keeps a reference to it
    double now_ms() const { return now_ms_; }
    // Moves the clock without drawing (a hidden page); the next frame() adds its usual 16 ms.
    void set_now(double now_ms) { now_ms_ = now_ms - 16.0; }

private:
    static FakeServices with_storage(const std::map<std::string, std::string, std::less<>>& stored) {
        FakeServices fake;
        fake.wall_clock = "2026-11-21T09:00:00Z";
        fake.storage_values.values = stored;
        return fake;
    }
    ImGuiContext* context_ = nullptr;
    App app_;
    float width_, height_, dpr_;
    double now_ms_ = 0;
    std::uint64_t frames_ = 0;
};

}  // namespace calfcoach::ui::testing
