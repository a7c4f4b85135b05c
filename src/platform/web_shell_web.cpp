// web_shell_web.cpp — the browser shell every ImGui app here runs in (the patient app, main_web.cpp;
// the clinic kit, clinic_main_web.cpp): WebGL2 context (GLFW), input, sizing and render on demand.
//
// [SECTION] State
// [SECTION] Render on demand: wake, schedule, frame
// [SECTION] Canvas size and device pixel ratio
// [SECTION] Input: mouse, touch, wheel, keyboard, focus
// [SECTION] WebGL context loss
// [SECTION] Exports to JavaScript
// [SECTION] run_web_shell
//
// Why not ImGui's GLFW backend: Emscripten's GLFW turns a touch into a button press without moving the
// cursor (the first tap on a new spot is lost) and polls a stale cursor position. We read the page's own
// mouse, touch and key events instead (emscripten/html5.h) and use GLFW only for the WebGL2 context.

#include <GLFW/glfw3.h>
#include <emscripten.h>
#include <emscripten/html5.h>

#include <algorithm>
#include <array>
#include <cfloat>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <iterator>
#include <string>

#include "imgui.h"
#include "imgui_internal.h"  // ImGuiContext::InputEventsQueue: keep drawing while input is queued
#include "platform/a11y.hpp"
#include "platform/motion_layer.hpp"
#include "platform/web_bridge.hpp"
#include "platform/web_services.hpp"
#include "platform/web_shell.hpp"
#include "platform/webgl2_renderer.hpp"
#include "ui/draw_signature.hpp"
#include "ui/shell_app.hpp"

namespace {

//-----------------------------------------------------------------------------
// [SECTION] State
//-----------------------------------------------------------------------------
constexpr const char* kCanvas = "#canvas";
// ImGui settles hover and activation over a couple of frames after each input event.
constexpr int kFramesAfterInput = 3;
// While hidden: how often to ask the app to top up the sounds ahead (it tops up every 20 s at most).
constexpr double kHiddenTopUpMs = 10'000;
// A screen that only animates (a massage stroke moving along the calf, nothing touched) is drawn at
// about 30 frames a second, not the display's 60 to 120: the strokes are slow, and each frame costs
// the battery. Input always gets the next frame at once.
constexpr double kAnimationFrameMs = 30.0;

// Why a frame was asked for, counted for the automation surface: a test that finds a frame drawn
// while idle can tell a browser event (the window gaining focus late, a resize) from a frame loop.
enum class WakeCause { Start, Input, Timer, Window, App, Count };
constexpr const char* kWakeCauseNames[] = {"start", "input", "timer", "window", "app"};
static_assert(std::size(kWakeCauseNames) == static_cast<std::size_t>(WakeCause::Count));

struct Shell {
    GLFWwindow* window = nullptr;
    explicit Shell(calfcoach::ui::ShellApp& shell_app, const calfcoach::platform::ShellOptions& shell_options)
        : app(shell_app), options(shell_options) {}
    calfcoach::ui::ShellApp& app;
    calfcoach::platform::ShellOptions options;
    std::string state_json;  // kept alive for the pointer handed to JS

    double css_width = 0, css_height = 0;
    float dpr = 1.0f;
    int framebuffer_width = 0, framebuffer_height = 0;

    int frames_wanted = 0;
    bool frame_scheduled = false;
    bool context_lost = false;
    std::uint64_t frames_drawn = 0;
    std::uint64_t canvas_frames = 0;          // of those, the ones that drew on the canvas
    calfcoach::ui::DrawSignature shown;      // what the canvas shows now
    double last_frame_ms = 0;
    bool only_animating = false;   // the last frame asked for the next one only to animate
    bool in_session = false;       // the page's cc-in-session class, as last set
    double last_animation_frame_time = 0;  // rAF time of the last frame drawn

    int active_touch = -1;  // identifier of the finger driving the pointer
    long touch_start_x = 0, touch_start_y = 0;  // where it went down (CSS px), and whether it has
    bool touch_travelled = false;               // since moved far enough to be a drag (embed)
    double wake_after_ms = -1;     // from the last frame: draw again after this long (-1: no need)
    calfcoach::platform::SafeArea safe_area;  // CSS px, read when the size changes
    long wake_timer = 0;
    bool wake_timer_pending = false;
    long hidden_timer = 0;            // keeps the cues ahead while the page is hidden
    bool hidden_timer_running = false;
    std::array<std::uint64_t, static_cast<std::size_t>(WakeCause::Count)> wakes{};  // by cause
};

Shell* g_shell = nullptr;

//-----------------------------------------------------------------------------
// [SECTION] Render on demand
//-----------------------------------------------------------------------------
void schedule_frame();
void schedule_wake_timer(double delay_ms);

void wake(WakeCause cause, int frames = kFramesAfterInput) {
    ++g_shell->wakes[static_cast<std::size_t>(cause)];
    g_shell->frames_wanted = std::max(g_shell->frames_wanted, frames);
    g_shell->only_animating = false;  // something happened: the next display frame draws it
    schedule_frame();
}

bool update_canvas_size();

void draw_frame() {
    Shell& s = *g_shell;
    update_canvas_size();
    if (s.context_lost || s.framebuffer_width <= 0 || s.framebuffer_height <= 0) return;

    ImGuiIO& io = ImGui::GetIO();
    if (s.app.fonts_dirty()) {
        s.app.rebuild_fonts(*io.Fonts);
        calfcoach::platform::webgl2_renderer_update_fonts();
        s.shown.forget();  // the same vertices may now sample other glyphs
    }
    const double now = emscripten_get_now();
    // The clock can repeat a value (virtual time, privacy modes); ImGui needs a positive step.
    io.DeltaTime = static_cast<float>(std::max(now - s.last_frame_ms, 0.1) / 1000.0);
    s.last_frame_ms = now;
    io.DisplaySize = ImVec2(static_cast<float>(s.framebuffer_width), static_cast<float>(s.framebuffer_height));
    io.DisplayFramebufferScale = ImVec2(1, 1);  // we work in device pixels throughout

    ImGui::NewFrame();
    calfcoach::ui::FrameContext context;
    context.now_ms = calfcoach::platform::web_services().monotonic_now_ms();  // ?timescale= runs it faster
    context.frame = s.frames_drawn + 1;
    context.device_pixel_ratio = s.dpr;
    context.safe_top = s.safe_area.top;
    context.safe_right = s.safe_area.right;
    context.safe_bottom = s.safe_area.bottom;
    context.safe_left = s.safe_area.left;
    context.motion_layer = calfcoach::platform::motion_layer_available();
    context.countdown_face = calfcoach::platform::countdown_face_available();
    const calfcoach::ui::FrameResult result = s.app.frame(context);
    ImGui::Render();
    calfcoach::platform::a11y_after_frame(s.app);  // the HTML layer follows, only when it changed
    calfcoach::platform::motion_layer_after_frame(result.motion, s.dpr);
    calfcoach::platform::countdown_face_after_frame(result.countdown, s.dpr);
    // The page refused the motion layer or the countdown's face: the next frame draws it on the canvas.
    const bool motion_refused = (!result.motion.empty() && !calfcoach::platform::motion_layer_available()) ||
                                (context.countdown_face && !result.countdown.empty() && !calfcoach::platform::countdown_face_available());
    if (s.options.after_frame) s.options.after_frame(result);  // e.g. the host's iframe follows

    // A frame that draws what the canvas already shows (a countdown's second, now on the page) leaves
    // the canvas alone: the browser then has no canvas frame to read back and composite.
    const calfcoach::ui::Rgb bg = s.app.palette().background;
    const ImVec4 clear_colour(bg.r / 255.0f, bg.g / 255.0f, bg.b / 255.0f, 1.0f);
    if (s.shown.changed(*ImGui::GetDrawData(), s.framebuffer_width, s.framebuffer_height, clear_colour)) {
        calfcoach::platform::webgl2_renderer_draw(*ImGui::GetDrawData(), s.framebuffer_width, s.framebuffer_height, clear_colour);
        ++s.canvas_frames;
    }

    if (++s.frames_drawn == 1) calfcoach::platform::mark_first_frame();
    if (result.in_session != s.in_session) {
        s.in_session = result.in_session;
        calfcoach::platform::mark_in_session(result.in_session);
        wake(WakeCause::App);  // the canvas may change size (a strip giving way): the next frame reads it
    }
    s.only_animating = result.animating && s.frames_wanted == 0;
    if (result.animating || motion_refused) s.frames_wanted = std::max(s.frames_wanted, 1);
    // The app counts on its own clock, which ?timescale= runs faster than the page's: a countdown's
    // next second comes sooner in page time (a fast test run would otherwise skip whole phases).
    s.wake_after_ms = result.wake_after_ms < 0 ? result.wake_after_ms
                                               : result.wake_after_ms / std::max(calfcoach::platform::web_services().timescale(), 1.0);
    // Input still queued (ImGui trickles a press and a release over separate frames): keep going.
    if (ImGui::GetCurrentContext()->InputEventsQueue.Size > 0) {
        s.frames_wanted = std::max(s.frames_wanted, 1);
        s.only_animating = false;
    }
}

EM_BOOL on_animation_frame(double time, void*) {
    Shell& s = *g_shell;
    s.frame_scheduled = false;
    if (s.only_animating && s.frames_wanted == 1 && time - s.last_animation_frame_time < kAnimationFrameMs) {
        schedule_frame();  // too soon for an animation-only frame: wait for the next display frame
        return EM_FALSE;
    }
    s.last_animation_frame_time = time;
    s.only_animating = false;
    if (s.frames_wanted > 0) --s.frames_wanted;
    draw_frame();
    if (s.frames_wanted > 0) schedule_frame();
    else if (s.wake_after_ms >= 0) schedule_wake_timer(s.wake_after_ms);
    return EM_FALSE;
}

// Nothing to animate, but something will change at a known time (the countdown's next second): one
// timer, not a frame loop. Browsers throttle it in a hidden tab, which is fine: the state comes from
// the clock and the cues are already on the audio clock.
void on_wake_timer(void*) {
    g_shell->wake_timer_pending = false;
    wake(WakeCause::Timer, 1);
}

void schedule_wake_timer(double delay_ms) {
    Shell& s = *g_shell;
    if (s.wake_timer_pending) emscripten_clear_timeout(s.wake_timer);
    s.wake_timer = emscripten_set_timeout(on_wake_timer, std::max(delay_ms, 1.0), nullptr);
    s.wake_timer_pending = true;
}

void schedule_frame() {
    if (g_shell->frame_scheduled) return;
    g_shell->frame_scheduled = true;
    emscripten_request_animation_frame(on_animation_frame, nullptr);
}

//-----------------------------------------------------------------------------
// [SECTION] Canvas size and device pixel ratio
//-----------------------------------------------------------------------------
// The canvas CSS size comes from the stylesheet (full page); its backing store is CSS size x dpr,
// so text and lines are drawn at the screen's own resolution. Returns true when anything changed.
bool update_canvas_size() {
    Shell& s = *g_shell;
    double css_w = 0, css_h = 0;
    emscripten_get_element_css_size(kCanvas, &css_w, &css_h);
    const float dpr = static_cast<float>(std::clamp(emscripten_get_device_pixel_ratio(), 0.5, 4.0));
    const int fb_w = static_cast<int>(std::lround(css_w * dpr));
    const int fb_h = static_cast<int>(std::lround(css_h * dpr));
    const bool changed = fb_w != s.framebuffer_width || fb_h != s.framebuffer_height || dpr != s.dpr;
    if (!changed) return false;
    s.css_width = css_w;
    s.css_height = css_h;
    s.dpr = dpr;
    s.framebuffer_width = fb_w;
    s.framebuffer_height = fb_h;
    s.safe_area = calfcoach::platform::safe_area();  // insets change with rotation, i.e. with the size
    emscripten_set_canvas_element_size(kCanvas, fb_w, fb_h);
    s.app.set_device_pixel_ratio(dpr);
    return true;
}

EM_BOOL on_resize(int, const EmscriptenUiEvent*, void*) {
    wake(WakeCause::Window);
    return EM_FALSE;
}

//-----------------------------------------------------------------------------
// [SECTION] Input
//-----------------------------------------------------------------------------
ImVec2 to_device(long css_x, long css_y) {
    return ImVec2(static_cast<float>(css_x) * g_shell->dpr, static_cast<float>(css_y) * g_shell->dpr);
}

EM_BOOL on_mouse(int type, const EmscriptenMouseEvent* e, void*) {
    ImGuiIO& io = ImGui::GetIO();
    io.AddMouseSourceEvent(ImGuiMouseSource_Mouse);
    io.AddMousePosEvent(to_device(e->targetX, e->targetY).x, to_device(e->targetX, e->targetY).y);
    const int button = e->button == 0 ? 0 : e->button == 2 ? 1 : e->button == 1 ? 2 : -1;
    if (button >= 0 && type == EMSCRIPTEN_EVENT_MOUSEDOWN) io.AddMouseButtonEvent(button, true);
    if (button >= 0 && type == EMSCRIPTEN_EVENT_MOUSEUP) io.AddMouseButtonEvent(button, false);
    wake(WakeCause::Input);
    return EM_FALSE;
}

EM_BOOL on_mouse_leave(int, const EmscriptenMouseEvent*, void*) {
    ImGui::GetIO().AddMousePosEvent(-FLT_MAX, -FLT_MAX);
    wake(WakeCause::Input);
    return EM_FALSE;
}

EM_BOOL on_wheel(int, const EmscriptenWheelEvent* e, void*) {
    // deltaMode: 0 pixels, 1 lines, 2 pages. ImGui scrolls about 5 lines per unit.
    const double unit = e->deltaMode == DOM_DELTA_PIXEL ? 100.0 : e->deltaMode == DOM_DELTA_LINE ? 3.0 : 1.0;
    // ImGui scrolls the window under the pointer. A wheel over a text field's HTML input (forwarded by
    // a11y.js) comes with no mouse move over the canvas before it: its own position says where it is.
    const ImVec2 at = to_device(e->mouse.targetX, e->mouse.targetY);
    ImGui::GetIO().AddMousePosEvent(at.x, at.y);
    ImGui::GetIO().AddMouseWheelEvent(static_cast<float>(-e->deltaX / unit), static_cast<float>(-e->deltaY / unit));
    wake(WakeCause::Input);
    return EM_TRUE;
}

// Touch: move the pointer first, then press, so the very first tap on a new spot lands; after the
// release move the pointer away so nothing stays hovered. Returning true suppresses the browser's
// emulated mouse events (and page gestures), so a tap counts once.
EM_BOOL on_touch(int type, const EmscriptenTouchEvent* e, void*) {
    Shell& s = *g_shell;
    ImGuiIO& io = ImGui::GetIO();
    for (int i = 0; i < e->numTouches; ++i) {
        const EmscriptenTouchPoint& t = e->touches[i];
        if (!t.isChanged) continue;
        if (type == EMSCRIPTEN_EVENT_TOUCHSTART && s.active_touch < 0) {
            s.active_touch = static_cast<int>(t.identifier);
            s.touch_start_x = t.targetX;
            s.touch_start_y = t.targetY;
            s.touch_travelled = false;
            io.AddMouseSourceEvent(ImGuiMouseSource_TouchScreen);
            io.AddMousePosEvent(to_device(t.targetX, t.targetY).x, to_device(t.targetX, t.targetY).y);
            io.AddMouseButtonEvent(0, true);
        } else if (t.identifier == s.active_touch) {
            io.AddMouseSourceEvent(ImGuiMouseSource_TouchScreen);
            if (std::labs(t.targetX - s.touch_start_x) + std::labs(t.targetY - s.touch_start_y) > 10) s.touch_travelled = true;
            // Cancelled (the browser took the touch for a page scroll): no tap, so off the widgets first.
            if (type == EMSCRIPTEN_EVENT_TOUCHCANCEL) io.AddMousePosEvent(-FLT_MAX, -FLT_MAX);
            else io.AddMousePosEvent(to_device(t.targetX, t.targetY).x, to_device(t.targetX, t.targetY).y);
            if (type == EMSCRIPTEN_EVENT_TOUCHEND || type == EMSCRIPTEN_EVENT_TOUCHCANCEL) {
                io.AddMouseButtonEvent(0, false);
                io.AddMousePosEvent(-FLT_MAX, -FLT_MAX);
                s.active_touch = -1;
            }
        }
    }
    wake(WakeCause::Input);
    // Embedded and as tall as its content, the app lets a vertical drag scroll the clinic's page; only
    // the end of a tap is ours (cancelling it stops the emulated mouse events; the end of a drag the
    // browser scrolled with cannot be cancelled).
    if (s.options.page_pans && s.options.page_pans()) return type == EMSCRIPTEN_EVENT_TOUCHEND && !s.touch_travelled;
    return EM_TRUE;
}

ImGuiKey key_from_code(const char* code) {
    struct Entry {
        const char* code;
        ImGuiKey key;
    };
    static constexpr Entry kKeys[] = {
        {"Tab", ImGuiKey_Tab},         {"Enter", ImGuiKey_Enter},         {"NumpadEnter", ImGuiKey_KeypadEnter},
        {"Escape", ImGuiKey_Escape},   {"Space", ImGuiKey_Space},         {"Backspace", ImGuiKey_Backspace},
        {"Delete", ImGuiKey_Delete},   {"ArrowLeft", ImGuiKey_LeftArrow}, {"ArrowRight", ImGuiKey_RightArrow},
        {"ArrowUp", ImGuiKey_UpArrow}, {"ArrowDown", ImGuiKey_DownArrow}, {"Home", ImGuiKey_Home},
        {"End", ImGuiKey_End},         {"PageUp", ImGuiKey_PageUp},       {"PageDown", ImGuiKey_PageDown},
        {"ShiftLeft", ImGuiKey_LeftShift}, {"ShiftRight", ImGuiKey_RightShift},
        {"ControlLeft", ImGuiKey_LeftCtrl}, {"ControlRight", ImGuiKey_RightCtrl},
        {"AltLeft", ImGuiKey_LeftAlt}, {"AltRight", ImGuiKey_RightAlt},
    };
    for (const Entry& entry : kKeys)
        if (std::strcmp(entry.code, code) == 0) return entry.key;
    return ImGuiKey_None;
}

EM_BOOL on_key(int type, const EmscriptenKeyboardEvent* e, void*) {
    ImGuiIO& io = ImGui::GetIO();
    const bool down = type == EMSCRIPTEN_EVENT_KEYDOWN;
    io.AddKeyEvent(ImGuiMod_Ctrl, e->ctrlKey);
    io.AddKeyEvent(ImGuiMod_Shift, e->shiftKey);
    io.AddKeyEvent(ImGuiMod_Alt, e->altKey);
    io.AddKeyEvent(ImGuiMod_Super, e->metaKey);
    const ImGuiKey key = key_from_code(e->code);
    if (key != ImGuiKey_None) io.AddKeyEvent(key, down);
    // Printable characters (one code point in e->key) go to text input.
    if (down && !e->ctrlKey && !e->metaKey && e->key[0] != 0) {
        const unsigned char lead = static_cast<unsigned char>(e->key[0]);
        const size_t length = std::strlen(e->key);
        const size_t expected = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
        if (length == expected) io.AddInputCharactersUTF8(e->key);
    }
    wake(WakeCause::Input);
    // Keys the app uses are ours; everything else (browser shortcuts) keeps its default. With the
    // accessibility layer Tab is the browser's: it moves focus through the HTML controls.
    if (key == ImGuiKey_Tab) return !calfcoach::platform::a11y_active();
    return key == ImGuiKey_Space || key == ImGuiKey_Enter || key == ImGuiKey_Escape ||
           key == ImGuiKey_UpArrow || key == ImGuiKey_DownArrow || key == ImGuiKey_Backspace;
}

EM_BOOL on_focus_change(int type, const EmscriptenFocusEvent*, void*) {
    ImGui::GetIO().AddFocusEvent(type == EMSCRIPTEN_EVENT_FOCUS);
    wake(WakeCause::Window);
    return EM_FALSE;
}

// While hidden there are no animation frames, so the sounds ahead would run out: a timer tops them up.
void on_hidden_tick(void*) {
    g_shell->app.keep_cues_ahead(calfcoach::platform::web_services().monotonic_now_ms());
}

EM_BOOL on_visibility(int, const EmscriptenVisibilityChangeEvent* e, void*) {
    Shell& s = *g_shell;
    if (e->hidden && !s.hidden_timer_running) {
        s.hidden_timer = emscripten_set_interval(on_hidden_tick, kHiddenTopUpMs, nullptr);
        s.hidden_timer_running = true;
    } else if (!e->hidden && s.hidden_timer_running) {
        emscripten_clear_interval(s.hidden_timer);
        s.hidden_timer_running = false;
    }
    // Hidden may be the last moment we get (a phone locking, a tab closing): save what is in progress.
    if (e->hidden) g_shell->app.on_page_hide(calfcoach::platform::web_services().monotonic_now_ms());
    wake(WakeCause::Window);  // the app's state comes from the clock: one frame brings it up to date
    return EM_FALSE;
}

//-----------------------------------------------------------------------------
// [SECTION] WebGL context loss
//-----------------------------------------------------------------------------
EM_BOOL on_context_lost(int, const void*, void*) {
    g_shell->context_lost = true;
    calfcoach::platform::motion_layer_clear();  // no picture to move over
    calfcoach::platform::countdown_face_clear();
    calfcoach::platform::show_notice(calfcoach::platform::NoticeKind::Error,
                                     "The graphics stopped working for a moment. Waiting for them to come back\xE2\x80\xA6 "
                                     "If nothing happens, reload the page: your history is kept.");
    return EM_TRUE;  // tell the browser we want the context restored
}

EM_BOOL on_context_restored(int, const void*, void*) {
    Shell& s = *g_shell;
    // Every GL object died with the old context: rebuild the renderer and its font texture.
    calfcoach::platform::webgl2_renderer_forget();
    if (!calfcoach::platform::webgl2_renderer_init()) return EM_FALSE;  // the notice stays up
    calfcoach::platform::webgl2_renderer_update_fonts();
    s.shown.forget();  // the new context's canvas is blank
    s.context_lost = false;
    calfcoach::platform::hide_notice();
    wake(WakeCause::Window);
    return EM_FALSE;
}

}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] Exports to JavaScript
//-----------------------------------------------------------------------------
// Zoom and moving the window to another screen change the ratio without a resize event on some
// browsers: web_bridge watches the ratio and calls this.
extern "C" EMSCRIPTEN_KEEPALIVE void cc_device_pixel_ratio_changed() {
    if (g_shell != nullptr && update_canvas_size()) wake(WakeCause::Window);
}

extern "C" EMSCRIPTEN_KEEPALIVE const char* cc_state_json() {
    g_shell->state_json = g_shell->app.state_json();
    // The automation surface also reports what only the shell knows: why frames were asked for.
    std::string& json = g_shell->state_json;
    if (!json.empty() && json.back() == '}') {
        json.pop_back();
        json += json.size() > 1 ? ",\"wakes\":{" : "\"wakes\":{";
        for (std::size_t i = 0; i < g_shell->wakes.size(); ++i)
            json += (i ? ",\"" : "\"") + std::string(kWakeCauseNames[i]) + "\":" + std::to_string(g_shell->wakes[i]);
        // And how many frames drew on the canvas (`frame` counts them all).
        json += "},\"canvas_frames\":" + std::to_string(g_shell->canvas_frames) + "}";
    }
    return g_shell->state_json.c_str();
}

// The page's services (clock, storage, cues, device), made once on first use.
calfcoach::platform::WebServices& calfcoach::platform::web_services() {
    static WebServices services;
    return services;
}

//-----------------------------------------------------------------------------
// [SECTION] main
//-----------------------------------------------------------------------------
namespace calfcoach::platform {

void shell_wake() {
    if (g_shell != nullptr) wake(WakeCause::App);
}

bool shell_page_hidden() { return g_shell != nullptr && g_shell->hidden_timer_running; }

int run_web_shell(ui::ShellApp& app, const ShellOptions& options) {
    static Shell shell(app, options);
    g_shell = &shell;

    if (!glfwInit()) {
        show_notice(NoticeKind::Error,
                                         "Calf Coach could not start its graphics. Try another browser.");
        return 1;
    }
    glfwWindowHint(GLFW_CLIENT_API, GLFW_OPENGL_ES_API);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    // An opaque colour buffer and nothing else: every frame paints the whole canvas, nothing is drawn
    // with depth or stencil, and the GLFW defaults (alpha, 24-bit depth, 8-bit stencil) would cost a
    // phone screen-sized buffers it never reads and a blended canvas for the page to composite.
    glfwWindowHint(GLFW_ALPHA_BITS, 0);
    glfwWindowHint(GLFW_DEPTH_BITS, 0);
    glfwWindowHint(GLFW_STENCIL_BITS, 0);
    // A small first size: the real one comes from CSS (a size equal to the screen asks for fullscreen).
    shell.window = glfwCreateWindow(300, 150, options.window_title, nullptr, nullptr);
    if (shell.window == nullptr) {
        show_notice(NoticeKind::Error,
                                         "This browser could not start WebGL2 graphics, which Calf Coach needs. "
                                         "Try an up-to-date Chrome, Edge, Firefox or Safari.");
        return 1;
    }
    glfwMakeContextCurrent(shell.window);

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.LogFilename = nullptr;
    io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
    io.BackendPlatformName = "calfcoach_web";
    if (!webgl2_renderer_init()) {
        show_notice(NoticeKind::Error,
                                         "Calf Coach could not start its graphics. Try an up-to-date browser.");
        return 1;
    }

    emscripten_set_mousedown_callback(kCanvas, nullptr, EM_FALSE, on_mouse);
    emscripten_set_mouseup_callback(EMSCRIPTEN_EVENT_TARGET_WINDOW, nullptr, EM_FALSE, on_mouse);
    emscripten_set_mousemove_callback(kCanvas, nullptr, EM_FALSE, on_mouse);
    emscripten_set_mouseleave_callback(kCanvas, nullptr, EM_FALSE, on_mouse_leave);
    emscripten_set_wheel_callback(kCanvas, nullptr, EM_FALSE, on_wheel);
    emscripten_set_touchstart_callback(kCanvas, nullptr, EM_FALSE, on_touch);
    emscripten_set_touchmove_callback(kCanvas, nullptr, EM_FALSE, on_touch);
    emscripten_set_touchend_callback(kCanvas, nullptr, EM_FALSE, on_touch);
    emscripten_set_touchcancel_callback(kCanvas, nullptr, EM_FALSE, on_touch);
    emscripten_set_keydown_callback(EMSCRIPTEN_EVENT_TARGET_WINDOW, nullptr, EM_FALSE, on_key);
    emscripten_set_keyup_callback(EMSCRIPTEN_EVENT_TARGET_WINDOW, nullptr, EM_FALSE, on_key);
    emscripten_set_focus_callback(EMSCRIPTEN_EVENT_TARGET_WINDOW, nullptr, EM_FALSE, on_focus_change);
    emscripten_set_blur_callback(EMSCRIPTEN_EVENT_TARGET_WINDOW, nullptr, EM_FALSE, on_focus_change);
    emscripten_set_resize_callback(EMSCRIPTEN_EVENT_TARGET_WINDOW, nullptr, EM_FALSE, on_resize);
    emscripten_set_visibilitychange_callback(nullptr, EM_FALSE, on_visibility);
    emscripten_set_webglcontextlost_callback(kCanvas, nullptr, EM_FALSE, on_context_lost);
    emscripten_set_webglcontextrestored_callback(kCanvas, nullptr, EM_FALSE, on_context_restored);
    watch_device_pixel_ratio();

    install_automation_surface();
    install_test_hooks();  // ?test=1 only
    a11y_install(shell.app, [] { wake(WakeCause::Input); });
    if (options.install) options.install();  // the app's own: before the first frame
    shell.last_frame_ms = emscripten_get_now();
    wake(WakeCause::Start);
    return 0;  // the runtime stays alive (EXIT_RUNTIME=0); frames come from events from here on
}

}  // namespace calfcoach::platform
