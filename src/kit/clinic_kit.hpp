// clinic_kit.hpp — "Calf Coach for clinics": the page where a physio sets up the clinic's Calf Coach
// (name, phone, colour), sees the real patient app change beside the form, and copies the code for the
// clinic's website. A second app on the same core and widgets as the patient app (ui::ShellApp); its
// own wasm (clinic.js), so the patients' download does not grow. The draft stays in this browser.
//
// [SECTION] Frame and layout (clinic_kit.cpp)
// [SECTION] Your clinic, On your website (kit_clinic_tab.cpp)
// [SECTION] Your routine (kit_routine_tab.cpp)
// [SECTION] Safety check (kit_safety_tab.cpp; the edits: core/clinic_safety.hpp)
// [SECTION] Prescribe (kit_prescribe_tab.cpp; its form: prescribe_form.hpp)
// [SECTION] Import (kit_import.cpp)
// [SECTION] Preview, Exported state (clinic_kit.cpp)
#pragma once

#include <optional>
#include <set>
#include <utility>
#include <vector>
#include <string>

#include <nlohmann/json.hpp>

#include "core/clinic_routines.hpp"
#include "core/clinic_safety.hpp"
#include "core/clinic_setup.hpp"
#include "core/qr_code.hpp"
#include "kit/kit_page.hpp"
#include "kit/prescribe_form.hpp"
#include "ui/services.hpp"
#include "ui/shell_app.hpp"
#include "ui/widgets.hpp"

namespace calfcoach::kit {

// The storage key of the draft (core/clinic_setup JSON).
inline constexpr const char* kDraftKey = "kit.draft";
// The storage key of the routines draft (routines.json as the clinic edits it).
inline constexpr const char* kRoutinesDraftKey = "kit.routines";
// The storage key of the safety check draft (triage.json as the clinic edits it).
inline constexpr const char* kTriageDraftKey = "kit.triage";
// The preview follows the form once typing pauses this long (a reload per key would flicker).
inline constexpr double kPreviewSettleMs = 600;
// Routines a clinic may offer (e.g. the full one and a short one after a run): patients pick one on
// a phone, where three names side by side is the most that stays readable.
inline constexpr std::size_t kMaxKitRoutines = 3;

enum class KitTab { Clinic, Routine, Website, Safety, Prescribe };
enum class PreviewDevice { Phone, Tablet, Computer };

class ClinicKit : public ui::ShellApp, public ui::FileReceiver {
public:
    ClinicKit(ui::Services& services, KitPage& page);

    void set_device_pixel_ratio(float dpr) override;
    [[nodiscard]] bool fonts_dirty() const override { return fonts_dirty_; }
    void rebuild_fonts(ImFontAtlas& atlas) override;
    ui::FrameResult frame(const ui::FrameContext& context) override;
    [[nodiscard]] const ui::Palette& palette() const override { return *draw_.palette; }

    [[nodiscard]] std::string state_json() const override;
    [[nodiscard]] std::string a11y_json() const override;
    bool activate_item(int index) override;
    bool set_slider_item(int index, int value) override;
    void set_focus_item(int index) override;
    bool set_text_item(int index, std::string value) override;

    // A content file chosen in the picker or dropped on the page: opened into "Your routine" when the
    // loader finds no error; else its problems are listed and nothing changes.
    void file_received(ui::ReceivedFile file) override;

    // The page's answer to KitPage::copy_text: said under the button that asked.
    void copy_finished(CopyOutcome outcome);

    [[nodiscard]] const ClinicSetup& setup() const { return setup_; }
    [[nodiscard]] const PreviewFrame& preview() const { return preview_; }

private:
    void draw_header();
    void draw_clinic_tab();
    // A labelled text field with its help and its problem under it; true when the value changed.
    bool form_field(const char* id, const char* label, std::string& value, const std::string& problem,
                    const char* hint, const char* input_type, int lines, std::size_t max_bytes);
    // A field of the clinic's settings: its problem under it, a change saved as the draft.
    void setup_field(const char* id, const char* label, std::string& value, const std::string& problem,
                     const char* hint, const char* input_type, std::size_t max_bytes);
    void draw_routine_tab();
    void draw_step(std::size_t index, std::size_t count);
    void draw_website_tab();
    void routines_changed();
    // The routine or the safety check changed: checked again, and the preview follows once typing pauses.
    void content_changed();
    [[nodiscard]] nlohmann::json edited_files() const;  // {"routines.json": …, "triage.json": …}
    [[nodiscard]] std::string changed_parts() const;    // "your routine and safety check": what the bundle carries
    [[nodiscard]] std::string preview_src() const;
    [[nodiscard]] std::string preview_content() const;
    [[nodiscard]] const char* screen_name() const;
    void draw_preview(float width, float height);
    void draw_copy_button(const char* id, const char* label, const std::string& text);
    [[nodiscard]] nlohmann::json items() const;  // items_json with the text fields' values
    void draft_changed();
    void save_draft();

    ui::Services& services_;
    KitPage& page_;
    ui::DrawContext draw_;
    float dpr_ = 1.0f;
    bool fonts_dirty_ = true;
    ui::FrameContext last_context_;

    ClinicSetup setup_;
    bool draft_damaged_ = false;     // the stored draft could not be read: a fresh one, and a note
    bool storage_failed_ = false;    // the draft could not be saved: a note, the form keeps working
    KitTab tab_ = KitTab::Clinic;
    bool show_advanced_ = false;
    PreviewDevice device_ = PreviewDevice::Phone;
    int preview_screen_ = 0;            // an index into kPreviewScreenNames (core/launch_options.hpp)
    PreviewFrame preview_;
    std::string preview_src_;           // what the preview shows; follows the form once typing pauses
    double changed_at_ms_ = -1;         // the last change not yet in the preview (-1: none)
    std::string copy_asked_;            // the copy button waiting for the page's answer
    std::string copy_done_;             // the last copy button answered, and how
    std::optional<CopyOutcome> copy_outcome_;
    std::string announce_text_;
    int announce_seq_ = 0;
    std::string used_colour_;           // "#1f7a5c": the colour the app will really use
    std::string snippet_, iframe_code_, header_line_;  // the website tab's codes, as last drawn
    bool touch_scrolling_form_ = false;
    bool redraw_ = false;               // a value changed while drawing: the next frame shows it everywhere
    // The routine: routines.json as edited, the loader's verdict on it, the steps one may add.
    ContentFiles builtin_;
    nlohmann::json routines_;
    ClinicContentCheck check_;
    std::vector<nlohmann::json> step_library_;
    std::size_t routine_index_ = 0;     // the routine the tab edits
    void draw_routine_picker();
    std::vector<std::string> shown_fields_;  // pointers the routine tab has a field for (this frame)
    bool routines_damaged_ = false;
    std::string preview_content_;       // the bundle the preview shows (the built-in routines when unchanged)
    std::optional<std::pair<std::size_t, std::size_t>> pending_move_;  // a step moved this frame: from, to
    std::optional<std::size_t> pending_remove_;                         // a step removed this frame
    std::string save_message_;          // how "Save the content file" went
    float last_scroll_y_ = 0, last_content_y_ = 0;

    // The safety check tab: triage.json as the clinic edits it (only through core/clinic_safety), the
    // add-a-question form, and each refusal beside what asked for it.
    void draw_safety_tab();
    void draw_safety_rules();
    void draw_safety_rule(const BuiltinSafetyRule& rule);
    void safety_changed();
    void refresh_safety_view();
    nlohmann::json triage_;
    // What the tab shows of triage_, worked out when it changes rather than in every frame.
    struct SafetyView {
        std::vector<std::string> summary;
        std::vector<BuiltinSafetyRule> rules;
        std::vector<ClinicQuestion> own;
        bool same_as_builtin = true;
    };
    SafetyView safety_view_;
    std::string triage_note_;           // the stored check could not be used: why ("" when none)
    std::string safety_item_;           // the sign being typed
    int safety_page_ = 0;               // its page, an index of kFixedGroupIds
    int safety_level_ = 2;              // what it leads to: an index of the levels offered (Caution first)
    std::string safety_problem_;        // why the last add was refused, under the field
    std::string safety_refused_id_;     // the rule or question whose change was refused, and why:
    std::string safety_refused_;
    std::string safety_added_;          // the item added last (said under the form)

    // The prescribe tab: one patient's programme, and the link, QR code, handout and reminders it gives.
    void draw_prescribe_tab();
    void draw_prescription_outputs(const Prescription& rx);
    void prescribe_field(const char* id, const char* label, std::string& value, const std::string& problem,
                         const char* hint, int lines, std::size_t max_bytes);
    void prescribe_changed();
    [[nodiscard]] std::optional<CalendarDate> today() const;
    ContentSet builtin_content_;        // the app's own content: the link opens the app, which has it
    PrescribeForm rx_form_;
    bool rx_form_damaged_ = false;      // the stored form could not be read: a fresh one, and a note
    std::string rx_link_;               // the patient's link as last drawn ("" while the form has a problem)
    std::string rx_qr_text_;            // what rx_qr_ encodes: made again only when the link changes
    std::optional<QrCode> rx_qr_;
    std::string rx_message_;            // how the last save or print went
    std::string rx_open_;               // a link pasted to open a programme made before
    std::string rx_open_problem_;       // why it could not be opened ("" when none)
    bool rx_opened_ = false;            // the form holds a programme opened from a link
    void open_prescription_link();

    // Import: a content file into the routine.
    struct ImportOutcome {
        std::string name;                   // the file's name
        std::string message;                // how it went ("" before any import)
        std::vector<std::string> problems;  // the loader's errors, with their places
        bool opened = false;
    };
    ImportOutcome import_;
    void draw_import();
};

}  // namespace calfcoach::kit
