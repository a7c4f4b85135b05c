// app.cpp — the frame, navigation, settings and the exported state. Screens are in screen_*.cpp.
//
// [SECTION] Names
// [SECTION] Start-up: content, settings, history
// [SECTION] Scale, fonts and settings
// [SECTION] Frame: the page column and the current screen
// [SECTION] Navigation
// [SECTION] Touch scrolling
// [SECTION] Automation surface

#include "ui/app.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

#include <nlohmann/json.hpp>

#include "core/backup.hpp"
#include "core/clinic_content.hpp"
#include "core/default_content.hpp"
#include "core/json_safe.hpp"
#include "core/text_code_points.hpp"
#include "imgui.h"
#include "imgui_internal.h"  // ClearActiveID: a drag that becomes a scroll must not press a button
#include "ui/app_storage_keys.hpp"
#include "ui/exported_items.hpp"
#include "ui/level_look.hpp"

namespace calfcoach::ui {

//-----------------------------------------------------------------------------
// [SECTION] Names
//-----------------------------------------------------------------------------
std::string_view to_string(Screen screen) {
    switch (screen) {
        case Screen::Home: return "home";
        case Screen::SafetyConfirm: return "safety_confirm";
        case Screen::SafetyQuestion: return "safety";
        case Screen::SafetyResult: return "safety_result";
        case Screen::Prepare: return "prepare";
        case Screen::Player: return "player";
        case Screen::Done: return "done";
        case Screen::Resume: return "resume";
        case Screen::Techniques: return "techniques";
        case Screen::Learn: return "learn";
        case Screen::History: return "history";
        case Screen::Settings: return "settings";
        case Screen::ContentError: return "content_error";
        case Screen::Programme: return "programme";
    }
    return "home";
}

//-----------------------------------------------------------------------------
// [SECTION] Start-up
//-----------------------------------------------------------------------------

App::App(Services& services) : services_(services), history_(services.storage()) {
    content_ = load_content(default_content_map());
    use_routine_choice();
    if (routine_ == nullptr) screen_ = Screen::ContentError;

    if (const auto stored = services_.storage().get(kSettingsKey)) settings_ = settings_from_json(*stored);
    preset_choice_ = static_cast<int>(settings_.default_preset);
    leg_choice_ = settings_.first_leg == Side::Left ? 0 : 1;
    apply_settings();

    history_report_ = history_.load();
    load_programme();
    load_backup_marks();
    if (history_report_.read_only)
        notice_ = "This history was saved by a newer version of Calf Coach: update the app to add to it.";

    // The last safety result, for the one-tap "nothing has changed" within 24 hours.
    if (const auto stored = services_.storage().get(kLastSafetyKey)) {
        if (const std::optional<SafetyFacts> facts = safety_facts_from_stored(*stored)) {
            safety_result_ = TriageResult{facts->level, {}};
            safety_checked_at_ = facts->checked_at;
        }
    }
}

//-----------------------------------------------------------------------------
// [SECTION] Scale, fonts and settings
//-----------------------------------------------------------------------------
void App::set_device_pixel_ratio(float dpr) {
    dpr = std::clamp(dpr, 0.5f, 4.0f);
    if (std::fabs(dpr - dpr_) < 0.001f) return;
    dpr_ = dpr;
    fonts_dirty_ = true;
}

void App::rebuild_fonts(ImFontAtlas& atlas) {
    draw_.scale = dpr_ * static_cast<float>(settings_.text_size_percent) / 100.0f;
    draw_.fonts = build_fonts(atlas, draw_.scale, clinic_glyphs_);
    apply_style(ImGui::GetStyle(), *draw_.palette, draw_.scale);
    // A finger jitters more than a mouse: a tap stays a tap within about 10 CSS px.
    ImGui::GetIO().MouseDragThreshold = 10.0f * dpr_;
    fonts_dirty_ = false;
}

void App::apply_settings() {
    // A clinic's accent replaces the normal theme's green; high contrast stays as it is.
    const Palette* palette = settings_.high_contrast ? &high_contrast_palette()
                             : has_accent_          ? &accent_palette_
                                                    : &normal_palette();
    const float scale = dpr_ * static_cast<float>(settings_.text_size_percent) / 100.0f;
    if (palette != draw_.palette || std::fabs(scale - draw_.scale) > 0.001f) fonts_dirty_ = true;
    draw_.palette = palette;
    CuePreferences cues;
    cues.sound = settings_.sound;
    cues.volume = static_cast<float>(settings_.volume_percent) / 100.0f;
    cues.voice = settings_.voice;
    cues.vibration = settings_.vibration;
    services_.set_cue_preferences(cues);
}

void App::save_settings() {
    apply_settings();
    if (!services_.storage().set(kSettingsKey, settings_to_json(settings_)))
        notice_ = "Settings could not be saved on this device; they last until you close the page.";
}

bool App::reduced_motion() const {
    return settings_.reduced_motion.value_or(services_.prefers_reduced_motion());
}

//-----------------------------------------------------------------------------
// [SECTION] Frame
//-----------------------------------------------------------------------------
FrameResult App::frame(const FrameContext& context) {
    const Screen screen_at_start = screen_;
    last_context_ = context;
    draw_.items.clear();
    draw_.texts.clear();
    draw_.slider_held = false;
    library_animating_ = false;
    frame_motion_ = MotionLayer{};
    FrameResult result;

    // A programme link is offered first; an interrupted session after it. A link that arrives during
    // the safety check or a session (hashchange) waits until the person is back on another screen:
    // nothing they are doing is cut, and never the after-session check on Done.
    if (inline_wait_) {
        if (inline_deadline_ms_ < 0) inline_deadline_ms_ = context.now_ms + kInlineContentWaitMs;
        if (context.now_ms >= inline_deadline_ms_) {
            inline_wait_ = false;
            content_pending_ = false;
            content_notice_ = "The clinic's content did not arrive: the built-in content is used.";
        } else {
            result.wake_after_ms = std::min(inline_deadline_ms_ - context.now_ms, 1000.0);  // to see the wait end
        }
    }
    const bool busy = screen_ == Screen::SafetyConfirm || screen_ == Screen::SafetyQuestion || screen_ == Screen::Prepare ||
                      screen_ == Screen::Player || screen_ == Screen::Resume || screen_ == Screen::Done;
    if (offered_code_ && !content_pending_ && routine_ != nullptr && !busy) open_programme_offer();
    if (!resume_checked_ && !content_pending_ && routine_ != nullptr && screen_ != Screen::Programme) {
        resume_checked_ = true;
        // A session interrupted by a reload or a closed tab is offered for resume; one that followed
        // the kept programme is rebuilt on the programme's routine (its times).
        if (const auto stored = services_.storage().get(kSessionInProgressKey)) {
            const auto programme_code = services_.storage().get(kSessionProgrammeKey);
            // Else the routine it was made on, among the content's (Session::from_json checks the id).
            std::vector<const Routine*> candidates;
            if (programme_code && programme_ && *programme_code == programme_->code) {
                PrescribedSession prescribed = programme_session_for(SessionOptions{});
                if (prescribed.ok()) {
                    programme_routine_ = std::move(*prescribed.routine);
                    candidates.push_back(&*programme_routine_);
                    programme_session_ = true;
                }
            }
            if (candidates.empty())
                for (const Routine& routine : content_.content.routines) candidates.push_back(&routine);
            SessionRestore restored;
            const Routine* restored_on = nullptr;
            for (const Routine* routine : candidates) {
                restored = Session::from_json(*stored, *routine, now());
                restored_on = routine;
                if (restored.session) break;
            }
            if (restored.session && !restored.session->finished()) {
                session_ = std::move(restored.session);
                session_routine_ = restored_on;
                navigate(Screen::Resume, false);
            } else if (!keep_unfit_session_) {
                services_.storage().remove(kSessionInProgressKey);
                services_.storage().remove(kSessionProgrammeKey);
            }
        }
        keep_unfit_session_ = false;
    }
    if (ImGui::IsKeyPressed(ImGuiKey_Escape, false) && go_back()) scroll_to_top_ = true;
    apply_media_actions();
    apply_received_files();  // a restored backup changes what every screen shows: before drawing
    if (session_ && screen_ == Screen::Player) tick_session(result);
    result.in_session = session_ && screen_ == Screen::Player && !session_->finished();

    // One column: the full width on phones, centred and capped on wide screens.
    const ImGuiIO& io = ImGui::GetIO();
    const Metrics& m = metrics();
    // The column keeps clear of the safe-area insets (a notch on either side in landscape).
    const float inset_x = std::max(context.safe_left, context.safe_right) * dpr_;
    const float padding = std::max(draw_.px(m.page_padding_px), inset_x + draw_.px(8));
    const float column_width = std::min(io.DisplaySize.x - 2.0f * padding, draw_.px(m.column_max_width_px));
    const float column_x = std::floor((io.DisplaySize.x - column_width) * 0.5f);
    column_x_ = column_x;
    footer_top_ = -1;

    // The page window covers the whole display (its scrollbar at the screen's edge); its padding
    // makes the column, and controls may reach a little into the margin without being clipped.
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(io.DisplaySize);
    if (scroll_to_top_) {
        ImGui::SetNextWindowScroll(ImVec2(0, 0));  // applies in this frame's Begin, not the next one
        scroll_to_top_ = false;
    }
    ImGui::PushStyleColor(ImGuiCol_WindowBg, ImVec4(0, 0, 0, 0));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(column_x, 0));
    // Embedded, the page grows to its content: no scrollbar, whose coming and going would change
    // the width, the wrapping and so the height (a resize loop). Wheel and touch still scroll.
    ImGui::Begin("##page", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_NoBringToFrontOnFocus | (launch_.embed ? ImGuiWindowFlags_NoScrollbar : 0));
    ImGui::PopStyleVar();
    ImGui::Dummy(ImVec2(0, context.safe_top * dpr_));
    vertical_space(draw_, screen_ == Screen::Home ? 16 : 4);
    const Screen drawn = screen_;
    drawn_page_ = page_index_;
    if (content_pending_) {
        // Nothing to press until the clinic's content is in (or has failed): see set_clinic_content_pending.
        display_title(draw_, "Calf Coach");
        paragraph(draw_, "Loading\xE2\x80\xA6", true);
    } else switch (screen_) {
        case Screen::Home: draw_home(); break;
        case Screen::SafetyConfirm: draw_safety_confirm(); break;
        case Screen::SafetyQuestion: draw_safety_question(); break;
        case Screen::SafetyResult: draw_safety_result(); break;
        case Screen::Prepare: draw_prepare(); break;
        case Screen::Player: draw_player(result); break;
        case Screen::Done: draw_done(); break;
        case Screen::Resume: draw_resume(); break;
        case Screen::Techniques: draw_techniques(); break;
        case Screen::Learn: draw_learn(); break;
        case Screen::History: draw_history(); break;
        case Screen::Settings: draw_settings(); break;
        case Screen::ContentError: draw_content_error(); break;
        case Screen::Programme: draw_programme_offer(); break;
    }
    vertical_space(draw_, 24);
    ImGui::Dummy(ImVec2(0, context.safe_bottom * dpr_));
    sync_session_services();  // after drawing: the player may have ended the session
    update_announcements(drawn);
    draw_.clear_requests();
    if (library_animating_) result.animating = true;
    // A new screen is laid out (and scrolled to its top) over the next frame: draw it now rather than
    // at the next input, so what is shown and what state().items says are never stale.
    if (screen_ != screen_at_start || scroll_to_top_) result.animating = true;
    scroll_by_touch_drag();
    // The whole column's height (the cursor's y counts the scrolled-away part too), in CSS px.
    const float content_css = ImGui::GetCursorPosY() / std::max(dpr_, 0.01f);
    // The page grew or shrank, or its scroll moved (clamped to a shorter page): ImGui settles the
    // layout over the next frame, which must be drawn now, not at the next input.
    const float scroll_y = ImGui::GetScrollY();
    if (std::fabs(content_css - last_content_css_) > 0.5f || std::fabs(scroll_y - last_scroll_y_) > 0.5f) result.animating = true;
    last_content_css_ = content_css;
    last_scroll_y_ = scroll_y;
    last_animating_ = result.animating;
    result.motion = std::move(frame_motion_);
    last_motion_sprites_ = result.motion.empty() ? 0 : result.motion.sprites.size();
    last_countdown_face_ = context.countdown_face && !result.countdown.empty();
    result.content_height_css = std::clamp(static_cast<int>(std::ceil(content_css)), kEmbedMinHeightCss, kEmbedMaxHeightCss);
    if (!content_pending_ && !ready_sent_) {
        ready_sent_ = true;
        services_.notify_host(HostEvent{});
    }
    ImGui::End();
    ImGui::PopStyleColor();
    return result;
}

bool App::begin_sticky_footer(int buttons) {
    if (launch_.embed) return false;
    const ImGuiIO& io = ImGui::GetIO();
    const float pad = draw_.px(10);
    const float height = pad * 2 + draw_.px(56) * static_cast<float>(std::max(buttons, 1)) + last_context_.safe_bottom * dpr_;
    ImGui::Dummy(ImVec2(0, height));  // the page's end scrolls clear of the bar
    footer_top_ = std::floor(io.DisplaySize.y - height);
    ImGui::SetNextWindowPos(ImVec2(0, footer_top_));
    ImGui::SetNextWindowSize(ImVec2(io.DisplaySize.x, io.DisplaySize.y - footer_top_));
    ImGui::PushStyleColor(ImGuiCol_WindowBg, ImGui::ColorConvertU32ToFloat4(to_u32(draw_.palette->background)));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(column_x_, pad));
    ImGui::Begin("##footer", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_NoScrollWithMouse | ImGuiWindowFlags_NoFocusOnAppearing);
    ImGui::PopStyleVar();
    // The bar's top edge spans the screen (the window clips its drawing to the column otherwise).
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->PushClipRectFullScreen();
    draw->AddLine(ImVec2(0, footer_top_), ImVec2(io.DisplaySize.x, footer_top_), to_u32(draw_.palette->border), draw_.px(1));
    draw->PopClipRect();
    return true;
}

void App::end_sticky_footer() {
    ImGui::End();
    ImGui::PopStyleColor();
}

void App::on_page_hide(double now_ms) {
    last_context_.now_ms = std::max(last_context_.now_ms, now_ms);
    if (session_ && !session_->finished()) save_session_in_progress();
}

//-----------------------------------------------------------------------------
// [SECTION] Embedding
//-----------------------------------------------------------------------------
namespace {
// The letters, space-separated, the first dozen: for a console line.
std::string list_of_letters(const std::set<char32_t>& letters) {
    std::string line;
    int listed = 0;
    for (const char32_t c : letters) {
        if (!line.empty()) line += ' ';
        if (++listed > 12) {
            line += "...";
            break;
        }
        append_utf8(line, c);
    }
    return line;
}
}  // namespace

std::vector<std::string> App::set_launch_options(const LaunchOptions& options) {
    std::vector<std::string> warnings;
    launch_ = options;
    launch_.warnings.clear();
    has_accent_ = false;
    if (options.accent) {
        const Rgb wanted{options.accent->r, options.accent->g, options.accent->b};
        bool adjusted = false;
        accent_palette_ = palette_with_accent(normal_palette(), wanted, adjusted);
        has_accent_ = true;
        if (adjusted) {
            char line[160];
            std::snprintf(line, sizeof line, "calfcoach: accent #%02x%02x%02x is too light; using #%02x%02x%02x (4.5:1)",
                          wanted.r, wanted.g, wanted.b, accent_palette_.primary.r, accent_palette_.primary.g,
                          accent_palette_.primary.b);
            warnings.emplace_back(line);
        }
    }
    if (!launch_.clinic.empty()) {
        std::set<char32_t> used;
        add_code_points(launch_.clinic, used);
        add_clinic_glyphs(used);
        const std::set<char32_t> missing = glyphs_missing(used);
        if (!missing.empty())
            warnings.push_back("calfcoach: clinic name: letters the app's font does not have show as '?': " + list_of_letters(missing));
    }
    apply_settings();
    return warnings;
}

void App::add_clinic_glyphs(const std::set<char32_t>& used) {
    const std::set<char32_t> beyond = glyphs_beyond_builtin(used);
    const std::size_t before = clinic_glyphs_.size();
    clinic_glyphs_.insert(beyond.begin(), beyond.end());
    if (clinic_glyphs_.size() != before) fonts_dirty_ = true;
}

void App::set_clinic_content_pending() { content_pending_ = true; }

void App::wait_for_inline_content() {
    content_pending_ = true;
    inline_wait_ = true;
    inline_deadline_ms_ = -1;
}

std::vector<std::string> App::use_clinic_content(std::string_view bundle_text) {
    return take_clinic_content(load_clinic_content(bundle_text, default_content_map()), code_points_in_json_strings(bundle_text));
}

std::vector<std::string> App::clinic_content_too_large(std::size_t bytes) {
    return take_clinic_content(calfcoach::clinic_content_too_large(bytes), {});
}

std::vector<std::string> App::take_clinic_content(ContentLoad&& clinic, const std::set<char32_t>& used) {
    content_pending_ = false;
    inline_wait_ = false;
    std::vector<std::string> errors;
    for (const ContentIssue& issue : clinic.issues)
        if (!issue.warning) errors.push_back(format_issue(issue));
    // Every word of it must be readable: a safety question with '?' for some letters could be misread.
    const std::set<char32_t> missing = glyphs_missing(used);
    if (!missing.empty())
        errors.push_back("letters the app's font does not have (they would show as '?'): " + list_of_letters(missing));
    if (clinic.ok() && missing.empty() && !clinic.content.routines.empty()) {
        replace_content(std::move(clinic));
        clinic_content_in_use_ = true;
        content_notice_.clear();
        content_errors_.clear();
        add_clinic_glyphs(used);
        return {};
    }
    if (errors.empty()) errors.push_back("the content has no routine");
    // A clinic's earlier content gives way to the built-in one: never half of each, never a bad one.
    if (clinic_content_in_use_) {
        replace_content(load_content(default_content_map()));
        clinic_content_in_use_ = false;
    }
    content_notice_ = "This clinic's content has errors: the built-in content is used.";
    content_errors_ = errors;
    return errors;
}

// A safety check's pages point into the content, and its answers, a result and "Before you start"
// were given for the old one: they end, back to Home. A session on the player is saved as on a
// closed page (restored, it is paused) and offered again by the next frame if it fits the new routine.
void App::replace_content(ContentLoad&& next) {
    const bool stop = screen_ == Screen::SafetyConfirm || screen_ == Screen::SafetyQuestion || screen_ == Screen::SafetyResult ||
                      screen_ == Screen::Prepare || screen_ == Screen::Player || screen_ == Screen::Resume;
    if (session_ && screen_ == Screen::Player) {
        save_session_in_progress();
        services_.cancel_cues();
        keep_awake_ = false;
        services_.set_keep_awake(false);
    }
    if (stop && session_) {
        session_.reset();
        resume_checked_ = false;
        keep_unfit_session_ = true;
    }
    pages_.clear();
    content_ = std::move(next);
    session_routine_ = nullptr;  // a session kept (the end screen) no longer points into the old content
    use_routine_choice();
    if (offer_ && screen_ == Screen::Programme) offered_code_ = offer_code_;  // offered again on the new content
    if (stop || screen_ == Screen::ContentError || routine_ == nullptr) go_home();
    if (stop) content_change_line_ = "The clinic's content changed: please start again.";
    if (preview_screen_) {
        content_change_line_.clear();
        apply_preview_screen();  // the kit's preview stays on the screen the physio is looking at
    }
}

void App::use_routine_choice() {
    const std::vector<Routine>& routines = content_.content.routines;
    if (!content_.ok() || routines.empty()) {
        routine_ = nullptr;
        return;
    }
    if (routine_choice_ >= routines.size()) routine_choice_ = 0;  // the clinic's new content has fewer
    routine_ = &routines[routine_choice_];
}

void App::clinic_content_failed(const std::string& why) {
    content_pending_ = false;
    content_notice_ = "This clinic's content could not be loaded: the built-in content is used.";
    content_errors_ = {why};
}

// Only where the app advises seeing someone, and never instead of the emergency number.
void App::draw_call_clinic() {
    if (launch_.phone.empty()) return;
    // A long name would not fit on the button; the name is on Home anyway.
    const std::string label = launch_.clinic.empty() || launch_.clinic.size() > 28 ? std::string("Call the clinic")
                                                                                   : "Call " + launch_.clinic;
    if (button(draw_, "clinic.call", label.c_str(), ButtonStyle::Outline)) {
        services_.open_link(launch_.phone_link());
        HostEvent event;
        event.kind = HostEventKind::ContactClinic;
        services_.notify_host(event);
    }
}

// For the clinic that set the page up: what is wrong with its content (the first few problems).
void App::draw_clinic_content_notice() {
    if (content_notice_.empty()) return;
    subheading(draw_, "Notice for the clinic");
    paragraph(draw_, content_notice_.c_str());
    // The first few; every one of them is in the console.
    for (std::size_t i = 0; i < content_errors_.size() && i < 8; ++i) bullet(draw_, content_errors_[i].c_str());
    vertical_space(draw_, 8);
}

void App::draw_notice_line() {
    std::string line = notice_.empty() ? content_change_line_ : notice_;
    if (line.empty() && !services_.status().storage_persistent)
        line = "History won't be kept on this device: storage is blocked here. Everything still works.";
    if (line.empty()) return;
    const ImVec2 start = ImGui::GetCursorScreenPos();
    const float width = ImGui::GetContentRegionAvail().x;
    ImGui::PushFont(draw_.fonts.body);
    const ImVec2 text = ImGui::CalcTextSize(line.c_str(), nullptr, false, width - draw_.px(24));
    ImGui::PopFont();
    record_text(draw_, "p", line.c_str());  // read out too: it changes what the person can expect
    const float height = text.y + draw_.px(20);
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddRectFilled(start, ImVec2(start.x + width, start.y + height), to_u32(draw_.palette->surface), draw_.px(10));
    draw->AddRect(start, ImVec2(start.x + width, start.y + height), to_u32(draw_.palette->border), draw_.px(10), 0, draw_.px(1));
    draw->AddText(draw_.fonts.body, draw_.fonts.body->FontSize, ImVec2(start.x + draw_.px(12), start.y + draw_.px(10)),
                  to_u32(draw_.palette->text), line.c_str(), nullptr, width - draw_.px(24));
    ImGui::Dummy(ImVec2(width, height));
}

//-----------------------------------------------------------------------------
// [SECTION] Navigation
//-----------------------------------------------------------------------------
void App::navigate(Screen to, bool remember) {
    if (to == screen_) return;
    if (remember) back_stack_.push_back(screen_);
    screen_ = to;
    scroll_to_top_ = true;
    content_change_line_.clear();  // said on the screen the change returned to
    handout_outcome_ = 0;  // its line belongs to the screen it was printed from
    if (backup_outcome_ != 2) backup_outcome_ = 0;  // so do the backup's (a share sheet still open says so later)
    restore_message_.clear();
}

void App::go_home() {
    back_stack_.clear();
    screen_ = routine_ != nullptr ? Screen::Home : Screen::ContentError;
    handout_outcome_ = 0;
    if (backup_outcome_ != 2) backup_outcome_ = 0;
    restore_message_.clear();
    scroll_to_top_ = true;
}

bool App::go_back() {
    // A playing session is left with End (it asks nothing of a stray Escape).
    if (screen_ == Screen::Player || screen_ == Screen::Resume || back_stack_.empty()) return false;
    if (screen_ == Screen::SafetyQuestion && page_index_ > 0) {
        --page_index_;
        return true;
    }
    screen_ = back_stack_.back();
    back_stack_.pop_back();
    return true;
}

// The top of every screen but home: Back, then the screen's title. Returns true when Back was used.
bool App::draw_top_bar(const char* title, bool show_back) {
    bool back = false;
    if (show_back) {
        // Back's text lines up with the column; its touch area reaches into the margin.
        ImGui::SetCursorPosX(ImGui::GetCursorPosX() - draw_.px(14));
        back = button(draw_, "nav.back", "\xE2\x80\xB9 Back", ButtonStyle::Quiet);
    } else {
        vertical_space(draw_, 12);
    }
    heading(draw_, title);
    vertical_space(draw_, 4);
    return back;
}

//-----------------------------------------------------------------------------
// [SECTION] Touch scrolling
//-----------------------------------------------------------------------------
// ImGui scrolls with the wheel but not with a finger: a touch drag scrolls the page, and once a
// press turns into a drag it no longer counts as a tap on the button under it.
void App::scroll_by_touch_drag() { scroll_window_by_touch_drag(draw_, touch_scrolling_); }

//-----------------------------------------------------------------------------
// [SECTION] Accessibility: announcements and the HTML layer's actions
//-----------------------------------------------------------------------------
void App::announce(const std::string& text, bool assertive) {
    if (text.empty()) return;
    // Two things to say in one frame are said together, in order.
    if (announce_frame_ == last_context_.frame && announce_seq_ > 0) {
        announce_text_ += ". " + text;
        announce_assertive_ = announce_assertive_ || assertive;
        return;
    }
    announce_text_ = text;
    announce_assertive_ = assertive;
    announce_frame_ = last_context_.frame;
    ++announce_seq_;
}

namespace {
std::string duration_words(std::int64_t ms) {
    const std::int64_t seconds = (ms + 500) / 1000;
    const std::int64_t minutes = seconds / 60, rest = seconds % 60;
    std::string text;
    if (minutes > 0) text = std::to_string(minutes) + (minutes == 1 ? " minute" : " minutes");
    if (rest > 0) text += (text.empty() ? "" : " ") + std::to_string(rest) + (rest == 1 ? " second" : " seconds");
    return text.empty() ? "0 seconds" : text;
}
}  // namespace

// "Left leg, step 2 of 5: Work the tight spots, 2 minutes"
std::string App::phase_announcement() const {
    const Session& session = *session_;
    const Phase& phase = session.current_phase();
    if (phase.kind == PhaseKind::GetReady) return "Get ready, " + duration_words(phase.duration_ms);
    if (phase.kind == PhaseKind::SwitchLegs) {
        std::optional<Side> next;
        for (std::size_t i = session.phase_index() + 1; i < session.phases().size() && !next; ++i) next = session.phases()[i].side;
        return std::string("Switch legs: ") + (next == Side::Right ? "right" : "left") + " leg next, " +
               duration_words(phase.duration_ms);
    }
    if (phase.kind != PhaseKind::Step) return phase.title;
    const auto [index, total] = leg_step_position(session);
    if (!phase.side) return phase.title + ", " + duration_words(phase.duration_ms);  // before the legs
    const std::string side = *phase.side == Side::Left ? "Left leg" : "Right leg";
    return side + ", step " + std::to_string(index) + " of " + std::to_string(total) + ": " + phase.title + ", " +
           duration_words(phase.duration_ms);
}

// What changed on screen, said once: a new screen (its title), each phase of a session, a new
// safety question; an urgent or emergency safety result is said at once (assertive).
void App::update_announcements(Screen drawn) {
    drawn_screen_ = drawn;
    const bool new_screen = announced_screen_ != drawn;
    announced_screen_ = drawn;
    std::string title, last_title;  // the screen's title; a safety question is its last heading
    for (const ExportedText& text : draw_.texts)
        if (text.kind == "h1") {
            if (title.empty()) title = text.text;
            last_title = text.text;
        }
    if (drawn == Screen::Player && session_ && !session_->finished()) {
        if (new_screen || session_->phase_index() != announced_phase_) {
            announced_phase_ = session_->phase_index();
            announced_count_ = 0;
            announce(phase_announcement());
        }
        // The last 3 seconds of switch legs (as the voice cues count them).
        if (session_->current_phase().kind == PhaseKind::SwitchLegs) {
            const std::int64_t left = (session_->remaining_ms(now()) + 999) / 1000;
            if (left >= 1 && left <= 3 && left != announced_count_) {
                announced_count_ = left;
                announce(std::to_string(left));
            }
        }
        return;
    }
    announced_phase_ = SIZE_MAX;
    if (drawn == Screen::SafetyQuestion) {
        if (new_screen || drawn_page_ != announced_page_) {
            announced_page_ = drawn_page_;
            announce("Safety check, part " + std::to_string(drawn_page_ + 1) + " of " + std::to_string(pages_.size()) +
                     ": " + last_title);
        }
        return;
    }
    announced_page_ = SIZE_MAX;
    if (!new_screen) return;
    if (drawn == Screen::SafetyResult && safety_result_) {
        const LevelLook& look = level_look(safety_result_->level);
        announce(std::string("Safety check result: ") + look.title + ". " + look.todo,
                 safety_result_->level >= SafetyLevel::Urgent);
        return;
    }
    if (drawn == Screen::Done && session_ && session_->end_reason() == EndReason::None) {
        announce("Done. " + title);
        return;
    }
    announce(title);
}

bool App::activate_item(int index) { return request_activation(draw_, index); }

bool App::set_slider_item(int index, int value) { return request_slider(draw_, index, value); }

void App::set_focus_item(int index) { request_focus(draw_, index); }

//-----------------------------------------------------------------------------
// [SECTION] Automation surface
//-----------------------------------------------------------------------------
std::string App::a11y_json() const {
    const nlohmann::json state = {
        {"screen", to_string(drawn_screen_)},  // the items' and texts' screen (navigation may be pending)
        {"items", items_json(draw_.items, dpr_)},
        {"texts", texts_json(draw_.texts)},
        {"announce", {{"seq", announce_seq_}, {"text", announce_text_}, {"assertive", announce_assertive_}}},
    };
    return dump_json(state);
}

std::string App::state_json() const {
    nlohmann::json items = items_json(draw_.items, dpr_);
    nlohmann::json session = nullptr;
    if (session_) {
        const Session& s = *session_;
        const std::int64_t t = static_cast<std::int64_t>(last_context_.now_ms);
        session = {{"routine", s.routine_id()},
                   {"phase", to_string(s.phase())},
                   {"step", s.current_phase().step_id},
                   {"title", s.current_phase().title},
                   {"phase_index", s.phase_index()},
                   {"phases", s.phases().size()},
                   {"side", s.side() ? nlohmann::json(to_string(*s.side())) : nlohmann::json(nullptr)},
                   {"remaining_ms", s.remaining_ms(t)},
                   {"paused", s.paused()},
                   {"playing", s.started() && !s.paused() && !s.finished()},
                   {"finished", s.finished()},
                   {"ended", to_string(s.end_reason())},
                   {"eased", s.pain_eased()},
                   {"steps_done", s.steps_done()},
                   {"steps_total", s.steps_total()},
                   {"active_ms", s.active_ms(t)},
                   {"preset", to_string(s.options().preset)},
                   {"only_leg", s.options().only_leg ? nlohmann::json(to_string(*s.options().only_leg)) : nlohmann::json(nullptr)},
                   {"gentle", s.options().gentle},
                   {"programme", programme_session_}};
        // Every planned phase: what it is and how long, so a test can check what a programme gave.
        nlohmann::json phases = nlohmann::json::array();
        for (const Phase& phase : s.phases())
            phases.push_back({{"kind", to_string(phase.kind)}, {"step", phase.step_id}, {"duration_ms", phase.duration_ms},
                              {"side", phase.side ? nlohmann::json(to_string(*phase.side)) : nlohmann::json(nullptr)}});
        session["planned"] = std::move(phases);
        // The core's cue plan for the next 75 s, so a test can compare it with what was scheduled.
        nlohmann::json plan = nlohmann::json::array();
        for (const Cue& cue : s.cues(t, 75'000)) plan.push_back({{"id", cue.id}, {"at_ms", cue.at_ms}, {"kind", to_string(cue.kind)}});
        session["plan"] = std::move(plan);
    }
    nlohmann::json state = {
        {"screen", to_string(screen_)},
        {"frame", last_context_.frame},
        {"dpr", dpr_},
        {"items", std::move(items)},
        {"session", std::move(session)},
        {"level", safety_result_ ? nlohmann::json(to_string(safety_result_->level)) : nlohmann::json(nullptr)},
        {"reasons", safety_result_ ? safety_result_->rules.size() : 0},
        {"storage", services_.status().storage_persistent ? "persistent" : "memory"},
        {"storage_kept", services_.storage_persistence() == StoragePersistence::Persistent   ? "persistent"
                         : services_.storage_persistence() == StoragePersistence::BestEffort ? "best_effort"
                                                                                             : "unknown"},
        {"backup", {{"last_at", backup_marks_.last_at}, {"not_in_backup", sessions_not_in_backup()},
                    {"restore_ok", restore_ok_}, {"restore_message", restore_message_}}},
        {"history_count", history_.data().records.size()},
        {"reduced_motion", reduced_motion()},
        {"text_size", settings_.text_size_percent},
        {"high_contrast", settings_.high_contrast},
        {"content_ok", content_.ok()},
        {"preview", preview_screen_.has_value()},
        {"content_pending", content_pending_},
        {"clinic_content", clinic_content_in_use_},
        {"programme", programme_state()},
        {"programme_offer", programme_offer_state()},
        {"clinic_content_errors", content_errors_.size()},
        {"embed", launch_.embed},
        {"accent", has_accent_ ? nlohmann::json({accent_palette_.primary.r, accent_palette_.primary.g, accent_palette_.primary.b})
                               : nlohmann::json(nullptr)},
        {"animating", last_animating_},
        {"countdown_face", last_countdown_face_},  // the platform ticks the countdown over the canvas
        {"motion_sprites", last_motion_sprites_},  // shapes the platform animates (the hands' stroke)
        {"texts", texts_json(draw_.texts)},
        {"announce", {{"seq", announce_seq_}, {"text", announce_text_}, {"assertive", announce_assertive_}}},
        {"focus", draw_.focus_id},
        // Where the sticky footer starts (CSS px): page items below it are covered by it.
        {"footer_top", footer_top_ < 0 ? nlohmann::json(nullptr) : nlohmann::json(footer_top_ / std::max(dpr_, 0.01f))},
    };
    if (screen_ == Screen::SafetyQuestion && page_index_ < pages_.size()) {
        state["page"] = pages_[page_index_].group->id;
        state["page_index"] = page_index_;
        state["pages"] = pages_.size();
        state["still_true"] = recheck_.still_true_group.empty() ? nlohmann::json(nullptr) : nlohmann::json(recheck_.still_true_group);
    }
    if (screen_ == Screen::SafetyResult) {
        nlohmann::json why = nlohmann::json::array();
        for (const WhyLine& line : safety_why_.lines) why.push_back(line.text);
        state["why"] = std::move(why);
        state["advice"] = safety_why_.advice.size();
    }
    return dump_json(state);
}

}  // namespace calfcoach::ui
