// kit_driver.hpp — the clinic kit driven headlessly, for the kit's test files: typing arrives as the
// page's text fields hand it over (set_text_item, what web/a11y.js calls), taps at item centres, a
// fake clock, a fake page (FakeKitPage) that records what the kit asked of it.
#pragma once

#include <cfloat>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "fake_services.hpp"
#include "imgui.h"
#include "kit/clinic_kit.hpp"

namespace calfcoach::testing {

using namespace calfcoach::kit;


class FakeKitPage final : public KitPage {
public:
    std::string kit_folder() const override { return "http://127.0.0.1:8080/"; }
    std::string kit_origin() const override { return "http://127.0.0.1:8080"; }
    void copy_text(std::string_view text) override { copied.emplace_back(text); }
    void show_preview(const PreviewFrame& frame) override { shown = frame; }
    std::vector<std::string> copied;
    PreviewFrame shown;
};

class KitDriver {
public:
    explicit KitDriver(float width_css = 1280, float height_css = 800, std::optional<std::string> stored_draft = {})
        : KitDriver(width_css, height_css, stored_draft ? Stored{{kDraftKey, *stored_draft}} : Stored{}) {}
    // With these values in storage before the kit starts (key -> value).
    using Stored = std::map<std::string, std::string>;
    KitDriver(float width_css, float height_css, const Stored& stored)
        : kit_(make_services(stored), page), width_(width_css), height_(height_css) {
        context_ = ImGui::CreateContext();
        ImGui::GetIO().IniFilename = nullptr;
        kit_.set_device_pixel_ratio(1.0f);
        frame();
    }
    ~KitDriver() { ImGui::DestroyContext(context_); }
    KitDriver(const KitDriver&) = delete;
    KitDriver& operator=(const KitDriver&) = delete;

    void frame(double step_ms = 16) {
        ImGuiIO& io = ImGui::GetIO();
        if (kit_.fonts_dirty()) {
            kit_.rebuild_fonts(*io.Fonts);
            unsigned char* pixels = nullptr;
            int w = 0, h = 0;
            io.Fonts->GetTexDataAsAlpha8(&pixels, &w, &h);
        }
        io.DisplaySize = ImVec2(width_, height_);
        io.DeltaTime = static_cast<float>(step_ms / 1000.0);
        now_ms_ += step_ms;
        ImGui::NewFrame();
        ui::FrameContext context;
        context.now_ms = now_ms_;
        context.frame = ++frames_;
        last_result = kit_.frame(context);
        ImGui::Render();
    }
    void frames(int count) {
        for (int i = 0; i < count; ++i) frame();
    }
    nlohmann::json state() const { return nlohmann::json::parse(kit_.state_json()); }
    int index_of(const std::string& id) const {
        const nlohmann::json current = state();
        for (std::size_t i = 0; i < current["items"].size(); ++i)
            if (current["items"][i]["id"] == id) return static_cast<int>(i);
        return -1;
    }
    nlohmann::json item(const std::string& id) const {
        const nlohmann::json current = state();
        for (const auto& candidate : current["items"])
            if (candidate["id"] == id) return candidate;
        return nullptr;
    }
    // What the page's text field does on each change: the whole value.
    bool type(const std::string& id, const std::string& value) {
        if (!kit_.set_text_item(index_of(id), value)) return false;
        frames(3);
        return true;
    }
    // A tap at the item's centre; an item outside the window is scrolled to first, as a person would.
    bool tap(const std::string& id) {
        nlohmann::json target = item(id);
        if (target.is_null()) return false;
        if (target["y"].get<float>() < 0 || target["y"].get<float>() + target["h"].get<float>() > height_) {
            kit_.set_focus_item(index_of(id));
            frames(3);
            target = item(id);
            if (target.is_null()) return false;
        }
        ImGuiIO& io = ImGui::GetIO();
        io.AddMousePosEvent(target["x"].get<float>() + target["w"].get<float>() / 2,
                            target["y"].get<float>() + target["h"].get<float>() / 2);
        io.AddMouseButtonEvent(0, true);
        io.AddMouseButtonEvent(0, false);
        io.AddMousePosEvent(-FLT_MAX, -FLT_MAX);
        frames(4);
        return true;
    }
    bool says(const std::string& words) const {
        const nlohmann::json current = state();  // held: the loop borrows from it
        for (const auto& text : current["texts"])
            if (text["text"].get<std::string>().find(words) != std::string::npos) return true;
        return false;
    }

    ui::testing::FakeServices& services() { return services_; }
    FakeKitPage page;
    ui::FrameResult last_result;
    ClinicKit& kit() { return kit_; }

private:
    ui::testing::FakeServices& make_services(const Stored& stored) {
        for (const auto& [key, value] : stored) services_.storage_values.set(key, value);
        return services_;
    }
    ui::testing::FakeServices services_;
    ClinicKit kit_;
    float width_, height_;
    double now_ms_ = 0;
    std::uint64_t frames_ = 0;
    ImGuiContext* context_ = nullptr;
};


}  // namespace calfcoach::testing
