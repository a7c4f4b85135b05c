// screen_settings.cpp — cues, display, session defaults, what this device can do, and About.
#include <array>
#include <set>
#include <string>

#include "imgui.h"
#include "ui/app.hpp"

namespace calfcoach::ui {

void App::draw_settings() {
    if (draw_top_bar("Settings")) go_back();
    Settings before = settings_;
    const ServiceStatus status = services_.status();

    draw_programme_settings();
    subheading(draw_, "Cues during a session");
    toggle_row(draw_, "settings.sound", "Sound", &settings_.sound);
    if (settings_.sound) {
        int volume_tenths = settings_.volume_percent / 10;
        const std::string label = "Volume: " + std::to_string(volume_tenths * 10) + "%";
        paragraph(draw_, label.c_str(), true);
        if (slider_int(draw_, "settings.volume", "Volume", &volume_tenths, 0, 10)) settings_.volume_percent = volume_tenths * 10;
    }
    toggle_row(draw_, "settings.voice", "Spoken instructions", &settings_.voice);
    // No toggle that would do nothing: where the device cannot vibrate, say so in its place.
    if (status.vibration) toggle_row(draw_, "settings.vibration", "Vibration", &settings_.vibration);
    else paragraph(draw_, "Vibration: this device cannot vibrate.", true);
    if (status.audio_session) {
        toggle_row(draw_, "settings.silent_switch", "Play cues with the silent switch on", &settings_.silent_switch_playback);
        paragraph(draw_, settings_.silent_switch_playback
                             ? "While a session plays, cues sound with the silent switch on and the screen locked. "
                               "Music from other apps pauses until you pause or end the session."
                             : "Cues follow the silent switch and may stop when the screen locks. Music from other "
                               "apps keeps playing.",
                  true);
    } else {
        paragraph(draw_, "Silent switch: this browser decides by itself whether cues play with the sound switched "
                         "off. (Safari on iPhone and iPad, from iOS 16.4, lets you choose here.)",
                  true);
    }
    vertical_space(draw_, 8);

    subheading(draw_, "Display");
    paragraph(draw_, "Text size", true);
    static constexpr std::array<const char*, 3> kSizes = {"100%", "125%", "150%"};
    int size_choice = settings_.text_size_percent == 150 ? 2 : settings_.text_size_percent == 125 ? 1 : 0;
    if (choice(draw_, "settings.text_size", kSizes, &size_choice)) settings_.text_size_percent = size_choice == 2 ? 150 : size_choice == 1 ? 125 : 100;
    toggle_row(draw_, "settings.contrast", "High contrast", &settings_.high_contrast);
    bool motion_off = reduced_motion();
    if (toggle_row(draw_, "settings.motion", "Reduce motion (no moving pictures)", &motion_off)) settings_.reduced_motion = motion_off;
    vertical_space(draw_, 8);

    subheading(draw_, "Session defaults");
    static constexpr std::array<const char*, 3> kPresets = {"Quick", "Standard", "Thorough"};
    int preset = static_cast<int>(settings_.default_preset);
    if (choice(draw_, "settings.preset", kPresets, &preset)) {
        settings_.default_preset = static_cast<Preset>(preset);
        preset_choice_ = preset;
    }
    static constexpr std::array<const char*, 2> kLegs = {"Left first", "Right first"};
    int leg = settings_.first_leg == Side::Left ? 0 : 1;
    if (choice(draw_, "settings.leg", kLegs, &leg)) {
        settings_.first_leg = leg == 0 ? Side::Left : Side::Right;
        leg_choice_ = leg;
    }
    // With no programme kept, the handout is of the routine at the default length (a programme's own
    // is printed from its section above).
    if (!programme_) {
        paragraph(draw_, "A page to print: each step with a drawing, when to stop and get help, and 4 weeks to tick off.", true);
        draw_handout_button("settings.handout", nullptr, {});
    }

    const bool changed = before.sound != settings_.sound || before.volume_percent != settings_.volume_percent ||
                         before.voice != settings_.voice || before.vibration != settings_.vibration ||
                         before.silent_switch_playback != settings_.silent_switch_playback ||
                         before.text_size_percent != settings_.text_size_percent ||
                         before.high_contrast != settings_.high_contrast || before.reduced_motion != settings_.reduced_motion ||
                         before.default_preset != settings_.default_preset || before.first_leg != settings_.first_leg;
    if (changed) save_settings();
    vertical_space(draw_, 8);
    draw_backup_settings();  // saves the settings itself when its toggle changes (a restore may replace them)

    // What this device cannot do, in plain words (each has a fallback). Vibration is said above, in
    // place of its toggle.
    std::vector<const char*> missing;
    if (!status.audio) missing.push_back("Sound cues are not available in this browser.");
    if (!status.speech) missing.push_back("Spoken instructions are not available in this browser.");
    if (!status.wake_lock) missing.push_back("The screen may turn off during a session: keep it awake in your phone's settings.");
    if (!status.storage_persistent) missing.push_back("Storage is blocked here: history and settings last until you close the page.");
    if (!missing.empty()) {
        vertical_space(draw_, 8);
        subheading(draw_, "On this device");
        for (const char* line : missing) bullet(draw_, line);
    }

    vertical_space(draw_, 8);
    subheading(draw_, "About");
    const std::string version = "Calf Coach " CALFCOACH_VERSION " \xC2\xB7 content " + content_.content.version;
    paragraph(draw_, version.c_str(), true);
    if (!launch_.clinic.empty()) {
        const std::string offered = "Offered by " + launch_.clinic;
        paragraph(draw_, offered.c_str());
    }
    paragraph(draw_, "Calf Coach guides self-massage for tight, tired calves. It does not diagnose or treat any "
                     "illness. If you have a medical condition, or any doubt, ask a doctor or physio first. "
                     "Everything stays on this device: nothing is sent anywhere.");
    if (!launch_.host.empty())  // embedded: the one exception, said right after
        paragraph(draw_, "Here, the clinic's page is told when a check or session ends: the level, or the length "
                         "and legs. Never your answers.", true);
    draw_offline_copy();
    std::set<std::string> sources;
    for (const TriageRule& rule : content_.content.triage.rules)
        if (!rule.source.empty()) sources.insert(rule.source);
    if (!sources.empty()) {
        paragraph(draw_, "The safety check follows public health guidance:", true);
        for (const std::string& source : sources) bullet(draw_, source.c_str());
    }
}

// Settings -> About: the one-file offline page, offered from the served site only.
void App::draw_offline_copy() {
    switch (services_.offline_copy()) {
    case Services::OfflineCopy::Offered:
        paragraph(draw_, "Save Calf Coach as one file on this device: open that file later to use the app with no "
                         "internet connection.", true);
        if (button(draw_, "settings.save_offline", "Save for offline use", ButtonStyle::Outline))
            offline_save_failed_ = !services_.save_offline_copy();
        vertical_space(draw_, 8);
        if (offline_save_failed_)
            paragraph(draw_, "The offline copy could not be saved. Connect to the internet and try again.");
        break;
    case Services::OfflineCopy::ThisIsIt:
        paragraph(draw_, "This copy of Calf Coach is a single file that already works offline.", true);
        break;
    case Services::OfflineCopy::Unavailable:
        break;
    }
}

void App::draw_content_error() {
    draw_top_bar("Calf Coach can't start a session", false);
    paragraph(draw_, "Its content failed the safety checks, so it will not guide a massage until that is fixed. "
                     "If a clinic set this page up, please tell them.");
    int shown = 0;
    for (const ContentIssue& issue : content_.issues) {
        if (issue.warning) continue;
        if (++shown > 20) break;
        bullet(draw_, format_issue(issue).c_str());
    }
}

}  // namespace calfcoach::ui
