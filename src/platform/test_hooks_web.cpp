// test_hooks_web.cpp — window.calfcoach.test: a tiny, test-only door into WebServices, installed only
// when the page is opened with ?test=1 (the C exports refuse otherwise). It lets the browser suite
// check the services while the screens that use them are still being built. See docs/platform.md.
//
// [SECTION] C exports (each returns 0 / "null" when not in test mode or given bad input)
// [SECTION] JS: the window.calfcoach.test object
#include <emscripten.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/json_safe.hpp"
#include "platform/web_services.hpp"

namespace {

using calfcoach::Cue;
using calfcoach::CueKind;
using calfcoach::platform::web_services;

std::string g_reply;  // keeps the last string handed to JS alive until the next call

std::optional<CueKind> cue_kind_from_string(std::string_view text) {
    for (const CueKind kind : {CueKind::StepStart, CueKind::Halfway, CueKind::Countdown, CueKind::SwitchLegs, CueKind::Done})
        if (calfcoach::to_string(kind) == text) return kind;
    return std::nullopt;
}

// {"id","kind","text","at_ms"}; empty when any field is missing or of the wrong type.
std::optional<Cue> cue_from_json(const nlohmann::json& value) {
    if (!value.is_object()) return std::nullopt;
    const auto id = value.find("id");
    const auto kind = value.find("kind");
    const auto text = value.find("text");
    const auto at = value.find("at_ms");
    if (id == value.end() || !id->is_string() || kind == value.end() || !kind->is_string() || text == value.end() ||
        !text->is_string() || at == value.end() || !at->is_number())
        return std::nullopt;
    const auto parsed_kind = cue_kind_from_string(kind->get<std::string>());
    if (!parsed_kind) return std::nullopt;
    Cue cue;
    cue.id = id->get<std::string>();
    cue.kind = *parsed_kind;
    cue.text = text->get<std::string>();
    cue.at_ms = static_cast<std::int64_t>(at->get<double>());
    return cue;
}

const char* reply(const nlohmann::json& value) {
    g_reply = calfcoach::dump_json(value);
    return g_reply.c_str();
}

bool allowed() { return web_services().test_mode(); }

}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] C exports
//-----------------------------------------------------------------------------
extern "C" {

// cues_json: [{"id","kind","text","at_ms"}]; now_ms on the app clock. 1 when scheduled.
EMSCRIPTEN_KEEPALIVE int cc_test_schedule(const char* cues_json, double now_ms) {
    if (!allowed()) return 0;
    const auto parsed = calfcoach::parse_json_limited(cues_json, {256 * 1024, 8});
    if (!parsed.ok || !parsed.value.is_array()) return 0;
    std::vector<Cue> cues;
    for (const auto& item : parsed.value) {
        auto cue = cue_from_json(item);
        if (!cue) return 0;
        cues.push_back(std::move(*cue));
    }
    web_services().schedule_cues(cues, static_cast<std::int64_t>(now_ms));
    return 1;
}

EMSCRIPTEN_KEEPALIVE void cc_test_cancel() {
    if (allowed()) web_services().cancel_cues();
}

EMSCRIPTEN_KEEPALIVE int cc_test_cue_due(const char* cue_json) {
    if (!allowed()) return 0;
    const auto parsed = calfcoach::parse_json_limited(cue_json, {64 * 1024, 4});
    const auto cue = parsed.ok ? cue_from_json(parsed.value) : std::nullopt;
    if (!cue) return 0;
    web_services().cue_due(*cue);
    return 1;
}

// {"sound","volume","voice","vibration"}: fields left out keep their defaults.
EMSCRIPTEN_KEEPALIVE int cc_test_set_preferences(const char* preferences_json) {
    if (!allowed()) return 0;
    const auto parsed = calfcoach::parse_json_limited(preferences_json, {4 * 1024, 4});
    if (!parsed.ok || !parsed.value.is_object()) return 0;
    calfcoach::ui::CuePreferences preferences;
    const nlohmann::json& value = parsed.value;
    if (value.contains("sound") && value["sound"].is_boolean()) preferences.sound = value["sound"].get<bool>();
    if (value.contains("volume") && value["volume"].is_number()) preferences.volume = value["volume"].get<float>();
    if (value.contains("voice") && value["voice"].is_boolean()) preferences.voice = value["voice"].get<bool>();
    if (value.contains("vibration") && value["vibration"].is_boolean())
        preferences.vibration = value["vibration"].get<bool>();
    web_services().set_cue_preferences(preferences);
    return 1;
}

// Writes the value through storage(), reads it back: {"stored": bool, "value": string|null}.
EMSCRIPTEN_KEEPALIVE const char* cc_test_storage_roundtrip(const char* key, const char* value) {
    if (!allowed()) return "null";
    auto& storage = web_services().storage();
    const bool stored = storage.set(key, value);
    const auto back = storage.get(key);
    return reply({{"stored", stored}, {"value", back ? nlohmann::json(*back) : nlohmann::json(nullptr)}});
}

// The value under key as storage() reads it (JSON string), or null.
EMSCRIPTEN_KEEPALIVE const char* cc_test_storage_get(const char* key) {
    if (!allowed()) return "null";
    const auto value = web_services().storage().get(key);
    return reply(value ? nlohmann::json(*value) : nlohmann::json(nullptr));
}

// status() plus the clock: {"storage_persistent","audio","speech","vibration","wake_lock","timescale"}.
EMSCRIPTEN_KEEPALIVE const char* cc_test_status() {
    if (!allowed()) return "null";
    const calfcoach::ui::ServiceStatus status = web_services().status();
    return reply({{"storage_persistent", status.storage_persistent},
                  {"audio", status.audio},
                  {"speech", status.speech},
                  {"vibration", status.vibration},
                  {"wake_lock", status.wake_lock},
                  {"audio_session", status.audio_session},
                  {"media_session", status.media_session},
                  {"timescale", web_services().timescale()},
                  {"reduced_motion", web_services().prefers_reduced_motion()},
                  {"utc_offset_minutes", web_services().utc_offset_minutes()},
                  {"wall_clock", web_services().wall_clock_iso()}});
}

// The app's monotonic clock, exactly as main_web.cpp reads it for FrameContext::now_ms.
EMSCRIPTEN_KEEPALIVE double cc_test_now_ms() { return allowed() ? web_services().monotonic_now_ms() : 0.0; }

EMSCRIPTEN_KEEPALIVE int cc_test_download(const char* name, const char* mime, const char* content) {
    return allowed() && web_services().download(name, mime, content) ? 1 : 0;
}

EMSCRIPTEN_KEEPALIVE void cc_test_keep_awake(int keep_awake) {
    if (allowed()) web_services().set_keep_awake(keep_awake != 0);
}

EMSCRIPTEN_KEEPALIVE void cc_test_open_link(const char* url) {
    if (allowed()) web_services().open_link(url);
}

//-----------------------------------------------------------------------------
// [SECTION] JS
//-----------------------------------------------------------------------------
EM_JS(void, cc_js_install_test_hooks, (), {
    var surface = window['calfcoach'];
    if (!surface) return;
    /* Calls an export with JS strings copied into wasm memory (freed after). */
    function call(fn, strings, rest) {
        var pointers = strings.map(function(text) {
            var size = lengthBytesUTF8(text) + 1;
            var p = _malloc(size);
            stringToUTF8(text, p, size);
            return p;
        });
        try { return fn.apply(null, pointers.concat(rest || [])); }
        finally { pointers.forEach(function(p) { _free(p); }); }
    }
    function json(pointer) { return JSON.parse(UTF8ToString(pointer)); }
    var P = Module['ccServices'];
    surface['test'] = {
        'schedule': function(cues, nowMs) {
            var now = typeof nowMs === 'number' ? nowMs : _cc_test_now_ms();
            return call(_cc_test_schedule, [JSON.stringify(cues)], [now]) === 1;
        },
        'cancel': function() { _cc_test_cancel(); },
        'due': function(cue) { return call(_cc_test_cue_due, [JSON.stringify(cue)]) === 1; },
        'preferences': function(prefs) { return call(_cc_test_set_preferences, [JSON.stringify(prefs)]) === 1; },
        'storageRoundtrip': function(key, value) { return json(call(_cc_test_storage_roundtrip, [key, value])); },
        'storageGet': function(key) { return json(call(_cc_test_storage_get, [key])); },
        'status': function() { return json(_cc_test_status()); },
        'now': function() { return _cc_test_now_ms(); },
        'download': function(name, mime, content) { return call(_cc_test_download, [name, mime, content]) === 1; },
        'keepAwake': function(on) { _cc_test_keep_awake(on ? 1 : 0); },
        'openLink': function(url) { call(_cc_test_open_link, [url]); },
        /* The audio context as the services see it, and a way to stall it (recovery tests). */
        'audio': function() {
            var ctx = P && P.ctx;
            return { 'state': ctx ? ctx['state'] : 'none', 'recreations': P ? P.recreations : 0,
                     'pending': P ? P.nodes.length : 0, 'resumes': P ? P.interruptResumes : 0 };
        },
        'suspendAudio': function() {
            if (P && P.ctx) return P.ctx['suspend']().then(function() { return true; });
            return Promise.resolve(false);
        },
        /* Makes the live context read 'interrupted' (as iOS does) until its resume() is called. */
        'interruptAudio': function() {
            var ctx = P && P.ctx;
            if (!ctx) return false;
            var resume = ctx['resume'];
            Object.defineProperty(ctx, 'state', { 'configurable': true, 'get': function() { return 'interrupted'; } });
            ctx['resume'] = function() {
                delete ctx['state'];
                delete ctx['resume'];
                return resume.call(ctx);
            };
            return true;
        },
        /* The iPhone seams (web_media_web.cpp): what the app last set, as it set it. */
        'audioSession': function() {
            return { 'available': !!(P && P.hasAudioSession), 'type': P ? P.audioSessionType : null };
        },
        'keepAlive': function() {
            var alive = P && P.keepAlive;
            return { 'running': !!alive, 'frequency': alive ? P.keepAliveFrequency : 0, 'gain': alive ? P.keepAliveGain : 0,
                     'context': alive ? alive.ctx['state'] : 'none' };
        },
        'mediaSession': function() {
            var media = P && P.media;
            return { 'available': !!(P && P.hasMediaSession),
                     'metadata': media && media.metadata ? JSON.parse(JSON.stringify(media.metadata)) : null,
                     'playbackState': media ? media.state : 'none', 'handlers': media ? media.handlers.slice() : [] };
        },
        /* Calls the handler the app registered for this action, as the lock screen would. */
        'mediaAction': function(name) {
            var handler = P && P.mediaHandlers[String(name)];
            if (!handler) return false;
            handler({ 'action': String(name) });
            return true;
        },
        'speech': function() { return { 'primes': P ? P.speechPrimes : 0 }; }
    };
});

}  // extern "C"

namespace calfcoach::platform {

void install_test_hooks() {
    if (web_services().test_mode()) cc_js_install_test_hooks();
}

}  // namespace calfcoach::platform
