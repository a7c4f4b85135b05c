// kit_page.hpp — what the clinic kit asks of the page it runs in, beyond ui::Services (Tracy-style
// seam: src/platform/clinic_page_web.cpp in the browser, tests/ui/fake_kit_page.hpp in the tests).
#pragma once

#include <string>
#include <string_view>

namespace calfcoach::kit {

// The live preview: the real patient app in an iframe the page lays over the rectangle the kit
// reserved, showing `device_width` x `device_height` CSS px scaled down to fit. Compared whole: the
// page moves or reloads the frame only when a field changed.
struct PreviewFrame {
    bool shown = false;                      // default: no preview (nothing reserved yet)
    float x = 0, y = 0, width = 0, height = 0;  // the reserved rectangle, CSS px of the kit's page
    int device_width = 390, device_height = 844;  // the device shown (default: a phone)
    std::string src;                         // the app's address with the draft's parameters
    // The clinic content bundle the page hands the app (calfcoach:content) when it asks and whenever
    // this changes. Default: none yet.
    std::string content;
    // The screen the app shows (kPreviewScreenNames in core/launch_options.hpp), sent after the
    // content each time. Default: "home".
    std::string screen = "home";
    bool operator==(const PreviewFrame&) const = default;
};

// How a copy to the clipboard went, reported by the page after copy_text.
enum class CopyOutcome { Copied, Refused };

class KitPage {
public:
    virtual ~KitPage() = default;
    // Where the kit itself is: its folder ("https://calfcoach.example/") and origin. The patient app
    // is beside the kit (index.html), so this is also the app's address unless the clinic says otherwise.
    [[nodiscard]] virtual std::string kit_folder() const = 0;
    [[nodiscard]] virtual std::string kit_origin() const = 0;
    // Puts text on the clipboard; the outcome comes back later through ClinicKit::copy_finished.
    virtual void copy_text(std::string_view text) = 0;
    // Places (or hides) the preview's iframe.
    virtual void show_preview(const PreviewFrame& frame) = 0;
};

}  // namespace calfcoach::kit
