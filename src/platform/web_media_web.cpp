// web_media_web.cpp — the session among the device's audio, for phones (an iPhone above all): the audio
// session that lets cues sound with the silent switch on, the inaudible keep-alive that keeps a locked
// page's audio running, the media controls (lock screen, headset, notification) and speech primed from
// a tap. The JavaScript extends Module['ccServices'] (web_services_web.cpp), whose P.ctx, P.prefs and
// P.warn it uses. docs/platform.md describes each, per browser.
//
// [SECTION] JS: start-up (feature detection, listeners)
// [SECTION] JS: audio session (navigator.audioSession.type)
// [SECTION] JS: keep-alive (an inaudible tone while a session plays on a hidden page)
// [SECTION] JS: media session (metadata, playbackState, action handlers)
// [SECTION] JS: speech primed inside a gesture
// [SECTION] C++: exports and the seam WebServices uses
//
// Rules for the JS (as in web_services_web.cpp): EM_JS bodies are joined into one line, so every
// statement ends with a semicolon and no code has two slashes in a row; closure renames unquoted names,
// so browser APIs and every key read from outside are quoted; every browser call sits in try/catch,
// a failure is a console.warn and a fallback, never an exception into C++.
#include <emscripten.h>

#include <string>

#include "platform/web_media.hpp"
#include "ui/app.hpp"

extern "C" {

//-----------------------------------------------------------------------------
// [SECTION] JS: start-up
//-----------------------------------------------------------------------------
EM_JS(void, cc_media_js_init, (), {
    var P = Module['ccServices'];
    if (!P) return;
    function has(read) { try { return !!read(); } catch (e) { return false; } }
    P.hasAudioSession = has(function() { var s = navigator['audioSession']; return !!s && 'type' in s; });
    P.hasMediaSession = has(function() {
        var m = navigator['mediaSession'];
        return !!m && typeof m['setActionHandler'] === 'function';
    });
    P.audioSessionType = null;  /* the type this app last set: 'auto' or 'playback' (null: never set) */
    /* The media controls as this app last set them (the test hook reads it). */
    P.media = { active: false, title: "", artist: "", playing: false, state: 'none', metadata: null, handlers: [] };
    P.mediaHandlers = {};       /* action name -> the function registered for it */
    P.mediaActionNames = ['play', 'pause', 'nexttrack', 'previoustrack'];  /* index = MediaAction */
    P.keepAlive = null;         /* {osc, gain, ctx} while the inaudible tone runs */
    P.keepAliveFrequency = 20;  /* Hz: below what phone speakers reproduce */
    P.keepAliveGain = 0.001;    /* -60 dBFS: inaudible, yet not digital silence */
    P.speechPrimes = 0;
    P.speechPrimedAt = -1e9;

    try {
        document.addEventListener('visibilitychange', function() {
            try { P.updateKeepAlive(); } catch (e) { P.warn('keep-alive on visibility', e); }
        });
    } catch (e) { P.warn('keep-alive visibility listener', e); }
    /* A context made or remade (a gesture, a recovery) carries the keep-alive if it is wanted; a
       change of preferences may turn it on or off. */
    var createAudio = P.createAudio;
    P.createAudio = function() {
        var ctx = createAudio();
        try { P.updateKeepAlive(); } catch (e) { P.warn('keep-alive on a new context', e); }
        return ctx;
    };
    var setPreferences = P.setPreferences;
    P.setPreferences = function(prefs) {
        setPreferences(prefs);
        try { P.updateKeepAlive(); } catch (e) { P.warn('keep-alive on preferences', e); }
    };
    /* iOS lets speech speak only if it was first used inside a gesture: taps that may start or resume
       a session (none plays now) speak nothing, at once, inside the gesture. */
    try {
        ['touchend', 'pointerup', 'keydown'].forEach(function(type) {
            window.addEventListener(type, function() {
                try { if (!P.media.playing) P.primeSpeech(); } catch (e) { P.warn('speech priming', e); }
            }, { 'capture': true, 'passive': true });
        });
    } catch (e) { P.warn('speech gesture listeners', e); }
});

// Bit 0: navigator.audioSession, bit 1: navigator.mediaSession.
EM_JS(int, cc_media_js_capabilities, (), {
    var P = Module['ccServices'];
    if (!P) return 0;
    return (P.hasAudioSession ? 1 : 0) | (P.hasMediaSession ? 2 : 0);
});

//-----------------------------------------------------------------------------
// [SECTION] JS: audio session
//-----------------------------------------------------------------------------
// 'playback' while a session plays (the UI decides, and never with the setting off), 'auto' otherwise.
EM_JS(void, cc_media_js_set_audio_session, (int playback), {
    var P = Module['ccServices'];
    if (!P) return;
    var type = playback ? 'playback' : 'auto';
    P.audioSessionType = type;
    if (!P.hasAudioSession) return;
    try {
        var session = navigator['audioSession'];
        if (session['type'] !== type) session['type'] = type;
    } catch (e) { P.warn('audio session type ' + type + ' refused', e); }
});

//-----------------------------------------------------------------------------
// [SECTION] JS: keep-alive
//-----------------------------------------------------------------------------
// WebKit keeps a hidden (locked) page's audio running only while its output is not silent: between
// cues it is. While a session plays on a hidden page a 20 Hz sine at -60 dBFS goes straight to the
// destination (not through the volume, which may be 0), stopped when the page is seen again or the
// session pauses or ends.
EM_JS(void, cc_media_js_init_keep_alive, (), {
    var P = Module['ccServices'];
    if (!P) return;
    P.stopKeepAlive = function() {
        var alive = P.keepAlive;
        P.keepAlive = null;
        if (!alive) return;
        try { alive.osc['stop'](0); } catch (e) {}
        try { alive.osc['disconnect'](); alive.gain['disconnect'](); } catch (e) {}
    };
    P.startKeepAlive = function() {
        var ctx = P.ctx;
        try {
            var osc = ctx['createOscillator']();
            var gain = ctx['createGain']();
            var now = ctx['currentTime'];
            osc['type'] = 'sine';
            osc['frequency']['value'] = P.keepAliveFrequency;
            gain['gain']['setValueAtTime'](0, now);
            gain['gain']['linearRampToValueAtTime'](P.keepAliveGain, now + 0.2);
            osc['connect'](gain);
            gain['connect'](ctx['destination']);
            osc['start'](now);
            P.keepAlive = { osc: osc, gain: gain, ctx: ctx };
        } catch (e) {
            P.keepAlive = null;
            P.warn('keep-alive tone failed', e);
        }
    };
    /* Wanted: a session plays, there is something to hear, the page is hidden, a context exists. */
    P.updateKeepAlive = function() {
        var hidden = false;
        try { hidden = document.visibilityState === 'hidden'; } catch (e) {}
        var ctx = P.ctx;
        var audible = P.prefs.sound || P.prefs.voice;
        var want = P.media.playing && audible && hidden && !!ctx && ctx['state'] !== 'closed';
        if (P.keepAlive && (!want || P.keepAlive.ctx !== ctx)) P.stopKeepAlive();
        if (want && !P.keepAlive) P.startKeepAlive();
    };
});

//-----------------------------------------------------------------------------
// [SECTION] JS: media session
//-----------------------------------------------------------------------------
EM_JS(void, cc_media_js_init_session, (), {
    var P = Module['ccServices'];
    if (!P) return;
    /* The app's icons, as absolute URLs; none in the one-file page, which has no files beside it. */
    P.mediaArtwork = function() {
        var list = [];
        try {
            if (document.documentElement.hasAttribute('data-calfcoach-onefile')) return list;
            [['icons/icon-192.png', '192x192'], ['icons/icon-512.png', '512x512']].forEach(function(icon) {
                list.push({ 'src': new URL(icon[0], document.baseURI).href, 'sizes': icon[1], 'type': 'image/png' });
            });
        } catch (e) { P.warn('media artwork', e); }
        return list;
    };
    /* A press on the controls: the same as the player's button, through C++ (App::media_action). Play
       is the person's own press too: it primes speech and wakes a suspended (or interrupted) context
       for the cues that follow. */
    P.mediaHandler = function(name, code) {
        return function() {
            try {
                if (name === 'play') {
                    P.primeSpeech();
                    P.ensureAudio(false);
                }
                _cc_media_action(code);
            } catch (e) { P.warn('media control ' + name, e); }
        };
    };
    P.setMediaHandlers = function(session, on) {
        P.mediaHandlers = {};
        P.media.handlers = [];
        if (!session) return;
        P.mediaActionNames.forEach(function(name, code) {
            var handler = on ? P.mediaHandler(name, code) : null;
            try {
                session['setActionHandler'](name, handler);
                if (handler) {
                    P.mediaHandlers[name] = handler;
                    P.media.handlers.push(name);
                }
            } catch (e) { if (on) P.warn('media control ' + name + ' not offered', e); }
        });
    };
    P.setMediaSession = function(active, title, artist, playing) {
        var media = P.media;
        var was = media.active;
        var changed = active && (!was || media.title !== title || media.artist !== artist);
        media.active = active;
        media.title = active ? title : "";
        media.artist = active ? artist : "";
        media.playing = active && playing;
        media.state = active ? (playing ? 'playing' : 'paused') : 'none';
        if (changed) media.metadata = { 'title': title, 'artist': artist, 'album': 'Calf Coach', 'artwork': P.mediaArtwork() };
        if (!active) media.metadata = null;
        var session = null;
        if (P.hasMediaSession) { try { session = navigator['mediaSession']; } catch (e) { session = null; } }
        if (session && (changed || (was && !active))) {
            try {
                var Metadata = window['MediaMetadata'];
                session['metadata'] = !active ? null : typeof Metadata === 'function' ? new Metadata(media.metadata) : media.metadata;
            } catch (e) { P.warn('media session metadata', e); }
        }
        if (session) { try { session['playbackState'] = media.state; } catch (e) { P.warn('media session state', e); } }
        if (active && !was) P.setMediaHandlers(session, true);
        if (!active && was) P.setMediaHandlers(session, false);
        P.updateKeepAlive();
    };
});

EM_JS(void, cc_media_js_set_session, (int active, const char* title, const char* artist, int playing), {
    var P = Module['ccServices'];
    if (!P || !P.setMediaSession) return;
    try { P.setMediaSession(!!active, UTF8ToString(title), UTF8ToString(artist), !!playing); }
    catch (e) { P.warn('media session', e); }
});

//-----------------------------------------------------------------------------
// [SECTION] JS: speech primed inside a gesture
//-----------------------------------------------------------------------------
// A silent utterance (one space, volume 0.01), spoken synchronously inside the tap: iOS then lets the
// cues speak from timers later. Only with voice on, once per tap, never over speech under way (a
// queue that never began, as with no voice installed, is cleared first so primers do not pile up).
EM_JS(void, cc_media_js_init_speech, (), {
    var P = Module['ccServices'];
    if (!P) return;
    P.primeSpeech = function() {
        if (!P.prefs.voice || !P.hasSpeech) return;
        var now = performance.now();
        if (now - P.speechPrimedAt < 250) return;  /* pointerup and touchend of the same tap */
        try {
            var synth = window['speechSynthesis'];
            if (synth['speaking']) return;
            if (synth['pending']) synth['cancel']();  /* queued, never begun (no voice yet): start afresh */
            var utterance = new window['SpeechSynthesisUtterance'](' ');
            utterance['volume'] = 0.01;  /* a space says nothing; never 0, which crashes WebKitGTK's page */
            synth['speak'](utterance);
            P.speechPrimedAt = now;
            P.speechPrimes += 1;
        } catch (e) { P.warn('speech could not be prepared', e); }
    };
});

}  // extern "C"

//-----------------------------------------------------------------------------
// [SECTION] C++
//-----------------------------------------------------------------------------
namespace {
calfcoach::ui::App* g_app = nullptr;
void (*g_wake)() = nullptr;
}  // namespace

// From a media control's handler (the JS above): 0 play, 1 pause, 2 nexttrack, 3 previoustrack.
extern "C" EMSCRIPTEN_KEEPALIVE void cc_media_action(int action) {
    if (g_app == nullptr || action < 0 || action > 3) return;
    static constexpr calfcoach::ui::MediaAction kActions[] = {
        calfcoach::ui::MediaAction::Play, calfcoach::ui::MediaAction::Pause, calfcoach::ui::MediaAction::NextTrack,
        calfcoach::ui::MediaAction::PreviousTrack};
    g_app->media_action(kActions[action]);
    if (g_wake) g_wake();
}

namespace calfcoach::platform {

void media_js_init() {
    cc_media_js_init_keep_alive();
    cc_media_js_init_session();
    cc_media_js_init_speech();
    cc_media_js_init();  // last: it wraps functions the services defined and uses the ones above
}

MediaCapabilities media_capabilities() {
    const int bits = cc_media_js_capabilities();
    return MediaCapabilities{(bits & 1) != 0, (bits & 2) != 0};
}

void media_set_audio_session(ui::AudioSessionType type) {
    cc_media_js_set_audio_session(type == ui::AudioSessionType::Playback ? 1 : 0);
}

void media_set_session(const ui::MediaSessionInfo& info) {
    cc_media_js_set_session(info.active ? 1 : 0, info.title.c_str(), info.artist.c_str(), info.playing ? 1 : 0);
}

void media_install(ui::App& app, void (*wake)()) {
    g_app = &app;
    g_wake = wake;
}

}  // namespace calfcoach::platform
