// ui_driver.hpp — drives the ImGui screens headlessly: frames with a fake clock, taps at item centres.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "imgui.h"
#include "ui/app.hpp"

namespace calfcoach::ui::testing {

class UiDriver {
public:
    explicit UiDriver(float width_css = 390, float height_css = 844, float dpr = 3) : width_(width_css), height_(height_css), dpr_(dpr) {
        context_ = ImGui::CreateContext();
        ImGuiIO& io = ImGui::GetIO();
        io.IniFilename = nullptr;
        io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
        app_.set_device_pixel_ratio(dpr);
        frame();
    }
    ~UiDriver() { ImGui::DestroyContext(context_); }
    UiDriver(const UiDriver&) = delete;
    UiDriver& operator=(const UiDriver&) = delete;

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
        app_.frame(context);
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

    // A touch tap at the item's centre: move, press, release, then frames for ImGui to settle.
    bool tap(const std::string& id) {
        const nlohmann::json target = item(id);
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
        return true;
    }

    void press_key(ImGuiKey key) {
        ImGui::GetIO().AddKeyEvent(key, true);
        ImGui::GetIO().AddKeyEvent(key, false);
        for (int i = 0; i < 3; ++i) frame();
    }

    App& app() { return app_; }

private:
    ImGuiContext* context_ = nullptr;
    App app_;
    float width_, height_, dpr_;
    double now_ms_ = 0;
    std::uint64_t frames_ = 0;
};

}  // namespace calfcoach::ui::testing
