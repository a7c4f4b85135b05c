// clinic_page.hpp — the clinic kit's page in the browser (clinic_page_web.cpp).
#pragma once

#include <string>

#include "kit/clinic_kit.hpp"
#include "kit/kit_page.hpp"

namespace calfcoach::platform {

class WebKitPage : public kit::KitPage {
public:
    WebKitPage();  // reads location once: the kit does not move
    // The kit that hears how a copy went.
    void attach(kit::ClinicKit& kit);
    [[nodiscard]] std::string kit_folder() const override { return folder_; }
    [[nodiscard]] std::string kit_origin() const override { return origin_; }
    void copy_text(std::string_view text) override;
    void show_preview(const kit::PreviewFrame& frame) override;

private:
    std::string folder_, origin_;
    kit::PreviewFrame last_;
    bool content_sent_ = false;
};

}  // namespace calfcoach::platform
