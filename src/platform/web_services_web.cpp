// web_services_web.cpp — ui::Services in the browser: clock, storage, audio/speech/vibration cues,
// wake lock, downloads, links. The JavaScript lives here as EM_JS, on one object Module['ccServices'];
// the audio session, keep-alive, media controls and speech priming extend it in web_media_web.cpp.
//
// [SECTION] JS: start-up (page parameters, feature detection, gesture listeners, clock)
// [SECTION] JS: audio cues (tones, scheduling, stuck-context recovery, speech, vibration, cue log)
// [SECTION] JS: storage (localStorage, every call guarded)
// [SECTION] JS: device (time, wake lock, download, links, reduced motion)
// [SECTION] C++: WebKeyValueStore
// [SECTION] C++: WebServices
//
// Rules for the JS below: EM_JS bodies are joined into one line, so every statement ends with a
// semicolon; closure renames unquoted names, so browser APIs its externs may lack and every key read
// from outside (cue log, status) are quoted. Every browser call sits in try/catch: a failure turns
// into a console.warn and a fallback, never an exception into C++.
#include "platform/web_services.hpp"

#include <emscripten.h>

#include <cstdlib>
#include <utility>

#include "core/json_safe.hpp"
#include "platform/embed.hpp"
#include "platform/print_web.hpp"
#include "platform/web_media.hpp"

extern "C" {

//-----------------------------------------------------------------------------
// [SECTION] JS: start-up
//-----------------------------------------------------------------------------
// Returns the timescale; writes 1 to *test_mode when the page has ?test=1.
EM_JS(double, cc_svc_js_init, (int* test_mode), {
    var P = {};
    var params = null;
    try { params = new URLSearchParams(window.location.search); } catch (e) { params = null; }
    P.scale = 1;
    var raw = params ? params.get('timescale') : null;
    if (raw !== null) {
        var n = Number(raw);
        if (raw.trim() !== "" && isFinite(n) && n >= 1 && n <= 600) P.scale = n;
        else console.warn('calfcoach: ignoring ?timescale=' + raw + ' (a number from 1 to 600 is expected)');
    }
    P.testMode = !!params && params.get('test') === '1';
    HEAP32[test_mode >> 2] = P.testMode ? 1 : 0;

    /* The app clock: performance.now() at start, then running P.scale times faster. */
    P.perfStart = performance.now();
    P.now = function() { return P.perfStart + (performance.now() - P.perfStart) * P.scale; };

    /* What the device has, detected once (each lookup may itself throw in odd embeddings). */
    function has(read) { try { return !!read(); } catch (e) { return false; } }
    P.AudioContextClass = null;
    try { P.AudioContextClass = window['AudioContext'] || window['webkitAudioContext'] || null; } catch (e) {}
    P.hasSpeech = has(function() { return window['speechSynthesis'] && window['SpeechSynthesisUtterance']; });
    P.hasVibrate = has(function() { return typeof navigator['vibrate'] === 'function'; });
    /* Firefox for Android has navigator.vibrate, but it makes no vibration: say it is missing, so
       Settings tells the person instead of offering a toggle that does nothing. */
    if (P.hasVibrate && has(function() { var ua = String(navigator.userAgent); return ua.indexOf('Android') >= 0 && ua.indexOf('Firefox/') >= 0; }))
        P.hasVibrate = false;
    P.hasWakeLock = has(function() { return navigator['wakeLock'] && typeof navigator['wakeLock']['request'] === 'function'; });

    P.prefs = { sound: true, volume: 0.8, voice: false, vibration: true };
    P.ctx = null;               /* the one AudioContext, made on the first gesture */
    P.master = null;            /* master gain: the volume */
    P.generation = 0;           /* counts contexts, so ids played on a dead one are told apart */
    P.recreations = 0;
    P.lastRecreateAt = -1e9;
    P.interruptTry = null;      /* {ctx, at}: the last suspend + resume of an interrupted context */
    P.interruptResumes = 0;
    P.failedRecreations = 0;
    P.nodes = [];               /* tones set on the audio clock: {osc, gain, id, start, generation} */
    P.ahead = new Map();        /* cue id -> {appMs, start, generation}: tones scheduled ahead */
    P.upcoming = [];            /* the last list given to schedule, to place again after recovery */
    P.log = [];                 /* the cue log for tests: last 500 entries */
    P.gestured = false;
    P.checkTimer = 0;
    P.voice = null;
    P.wakeWanted = false;
    P.wakeSentinel = null;
    P.wakePending = false;

    P.warn = function(what, e) {
        try { console.warn('calfcoach: ' + what + (e ? ': ' + (e && e.message ? e.message : String(e)) : "")); } catch (x) {}
    };

    /* Browsers start audio (and allow vibration) only from a user gesture: every gesture makes or
       resumes the context, so a context suspended by the system comes back on the next tap. */
    P.onGesture = function() {
        P.gestured = true;
        try { P.ensureAudio(true); } catch (e) { P.warn('audio start failed', e); }
    };
    try {
        ['pointerdown', 'touchend', 'keydown'].forEach(function(type) {
            window.addEventListener(type, P.onGesture, { 'capture': true, 'passive': true });
        });
    } catch (e) { P.warn('gesture listeners', e); }
    try {
        document.addEventListener('visibilitychange', function() {
            if (document.visibilityState !== 'visible') return;
            try {
                if (P.acquireWake) P.acquireWake();
                P.failedRecreations = 0;  /* back in view: one more chance to replace a dead context */
                P.interruptTry = null;    /* and to resume an interrupted one first */
                if (P.checkAudio) P.checkAudio();
            } catch (e) { P.warn('on visible', e); }
        });
    } catch (e) { P.warn('visibility listener', e); }

    Module['ccServices'] = P;
    return P.scale;
});

EM_JS(double, cc_svc_js_now, (), {
    var P = Module['ccServices'];
    return P ? P.now() : performance.now();
});

// Bit 0 audio, 1 speech, 2 vibration, 3 wake lock.
EM_JS(int, cc_svc_js_capabilities, (), {
    var P = Module['ccServices'];
    if (!P) return 0;
    return (P.AudioContextClass ? 1 : 0) | (P.hasSpeech ? 2 : 0) | (P.hasVibrate ? 4 : 0) | (P.hasWakeLock ? 8 : 0);
});

//-----------------------------------------------------------------------------
// [SECTION] JS: audio cues
//-----------------------------------------------------------------------------
// Installs the cue functions on Module['ccServices'] (after cc_svc_js_init).
EM_JS(void, cc_svc_js_init_cues, (), {
    var P = Module['ccServices'];
    if (!P) return;

    /* Notes per cue kind: [frequency Hz, offset s, length s, peak gain]. */
    P.tones = {
        'step_start': [[659.25, 0, 0.14, 0.55], [880.0, 0.16, 0.2, 0.55]],
        'halfway': [[523.25, 0, 0.4, 0.3]],
        'countdown': [[783.99, 0, 0.09, 0.45]],
        'countdown_last': [[1046.5, 0, 0.18, 0.55]],
        'switch_legs': [[587.33, 0, 0.14, 0.5], [783.99, 0.17, 0.14, 0.5], [987.77, 0.34, 0.26, 0.5]],
        'done': [[523.25, 0, 1.3, 0.28], [659.25, 0.1, 1.2, 0.24], [783.99, 0.2, 1.1, 0.22], [1046.5, 0.3, 1.0, 0.2]]
    };
    /* Vibration patterns per cue kind, ms on/off. */
    P.buzz = {
        'step_start': [80, 60, 80], 'halfway': [60], 'countdown': [40], 'countdown_last': [150],
        'switch_legs': [100, 80, 100, 80, 100], 'done': [200, 100, 200]
    };
    /* Cues arrive as parsed JSON: read their keys quoted once, then use internal names. */
    P.cueFrom = function(raw) {
        return { id: String(raw['id']), kind: String(raw['kind']), text: String(raw['text']), at_ms: Number(raw['at_ms']) };
    };
    /* The last count of a countdown ("1") sounds higher. */
    P.toneKey = function(cue) {
        return cue.kind === 'countdown' && String(cue.text).trim() === '1' ? 'countdown_last' : cue.kind;
    };

    P.addLog = function(cue, scheduledAt, how, extra) {
        var entry = { 'id': String(cue.id), 'kind': String(cue.kind), 'text': String(cue.text),
                      'at_ms': cue.at_ms, 'scheduled_at_ms': scheduledAt, 'how': how };
        if (extra) entry['tone'] = extra;
        P.log.push(entry);
        if (P.log.length > 500) P.log.splice(0, P.log.length - 500);
    };

    P.createAudio = function() {
        if (!P.AudioContextClass) return null;
        try {
            var ctx = new P.AudioContextClass({ 'latencyHint': 'interactive' });
            var master = ctx['createGain']();
            master['gain']['value'] = P.prefs.volume;
            master['connect'](ctx['destination']);
            P.ctx = ctx;
            P.master = master;
            P.generation += 1;
            P.resumeAskedAt = performance.now();
            P.lastAudioTime = ctx['currentTime'];
            P.lastAdvanceAt = performance.now();
            P.lastState = ctx['state'];
            return ctx;
        } catch (e) {
            P.ctx = null;
            P.master = null;
            P.warn('no audio (AudioContext failed)', e);
            return null;
        }
    };

    P.resumeAudio = function() {
        var ctx = P.ctx;
        if (!ctx || ctx['state'] === 'running' || ctx['state'] === 'closed') return;
        P.resumeAskedAt = performance.now();
        try {
            var promise = ctx['resume']();
            if (promise && promise['catch']) promise['catch'](function(e) { P.warn('audio resume refused', e); });
        } catch (e) { P.warn('audio resume failed', e); }
    };

    /* iOS interrupts a context (a call, Siri, another app's audio, sometimes the lock). suspend() then
       resume() often brings that same context back: tried first, once per interruption. Its clock
       stood still meanwhile, so once it runs the cues are placed again from the core's plan. */
    P.resumeInterrupted = function(ctx) {
        var attempt = { ctx: ctx, at: performance.now(), failed: false };
        P.interruptTry = attempt;
        P.interruptResumes += 1;
        P.warn('audio interrupted; resuming it');
        var refused = function(e) {
            attempt.failed = true;
            P.warn('audio resume after an interruption refused', e);
        };
        var back = function() {
            P.resumeAskedAt = performance.now();
            return ctx['resume']();
        };
        try {
            var suspending = ctx['suspend']();
            var resuming = suspending && suspending['then'] ? suspending['then'](back, back) : back();
            if (!resuming || !resuming['then']) return;
            resuming['then'](function() {
                if (P.ctx !== ctx || ctx['state'] !== 'running') return;
                if (P.interruptTry === attempt) P.interruptTry = null;
                P.reschedule();
            }, refused);
        } catch (e) { refused(e); }
    };
    /* Whether the last try on this interrupted context failed: refused, or no luck within 3 s (a new
       context made without a gesture may not start either, so the same one gets a fair chance; it is
       suspended on the way, which is not "stayed suspended" meanwhile). */
    P.interruptTryFailed = function(ctx) {
        var attempt = P.interruptTry;
        return !!attempt && attempt.ctx === ctx && (attempt.failed || performance.now() - attempt.at > 3000);
    };

    /* From a gesture: make the context (and place the cues waiting for it), or wake it up. */
    P.ensureAudio = function(fromGesture) {
        if (!P.AudioContextClass) return;
        if (fromGesture) P.failedRecreations = 0;
        if (P.ctx && P.ctx['state'] === 'interrupted') {
            if (P.interruptTryFailed(P.ctx)) P.recreateAudio('stayed interrupted', true);
            else if (!P.interruptTry || P.interruptTry.ctx !== P.ctx) P.resumeInterrupted(P.ctx);
            return;
        }
        if (P.ctx && P.ctx['state'] === 'closed') {
            P.recreateAudio('was closed', true);
            return;
        }
        if (!P.ctx) {
            if (!fromGesture || !P.createAudio()) return;
            P.resumeAudio();
            P.reschedule();
            return;
        }
        P.resumeAudio();
    };

    /* A context the system interrupted (and that suspend + resume did not bring back), left suspended
       after a gesture, or whose clock stands still while it says it runs, plays nothing: close it,
       make a new one and place the cues again. */
    P.checkAudio = function() {
        var ctx = P.ctx;
        if (!ctx) return;
        var now = performance.now();
        var state = ctx['state'];
        var time = ctx['currentTime'];
        if (state !== P.lastState || time !== P.lastAudioTime) {
            P.lastState = state;
            P.lastAudioTime = time;
            P.lastAdvanceAt = now;
        }
        var reason = "";
        if (state === 'interrupted') {
            if (!P.interruptTry || P.interruptTry.ctx !== ctx) { P.resumeInterrupted(ctx); return; }
            if (P.interruptTryFailed(ctx)) reason = 'stayed interrupted';
        } else if (state === 'closed') reason = 'was closed';
        else if (state === 'suspended' && P.interruptTry && P.interruptTry.ctx === ctx && !P.interruptTryFailed(ctx)) reason = "";
        else if (state === 'suspended' && P.gestured && now - P.resumeAskedAt > 1000) reason = 'stayed suspended';
        else if (state === 'running' && now - P.lastAdvanceAt > 1000) reason = 'clock stopped';
        if (reason) P.recreateAudio(reason, false);
    };

    P.recreateAudio = function(reason, fromGesture) {
        var now = performance.now();
        /* Without a gesture a new context may not start either: try a few times, slowly, then wait
           for the next tap (which resets the count). */
        if (!fromGesture && (now - P.lastRecreateAt < 3000 || P.failedRecreations >= 3)) return;
        /* A hidden page (iOS interrupts its audio) gets no new context to start: wait to be seen. */
        if (!fromGesture && document.visibilityState === 'hidden') return;
        P.lastRecreateAt = now;
        P.warn('audio ' + reason + '; starting it again');
        var old = P.ctx;
        P.ctx = null;
        P.master = null;
        P.stopAhead(false);  /* with no live context every node is dropped, begun or not */
        try { if (old && old['state'] !== 'closed') old['close']()['catch'](function() {}); } catch (e) {}
        P.recreations += 1;
        if (!P.createAudio()) return;
        P.resumeAudio();
        if (P.ctx['state'] !== 'running') P.failedRecreations += 1;
        else P.failedRecreations = 0;
        P.reschedule();
    };

    P.updateCheckTimer = function() {
        var pending = P.nodes.length > 0;
        if (pending && !P.checkTimer) {
            P.checkTimer = setInterval(function() { try { P.checkAudio(); } catch (e) { P.warn('audio check', e); } }, 1000);
        } else if (!pending && P.checkTimer) {
            clearInterval(P.checkTimer);
            P.checkTimer = 0;
        }
    };

    /* Sets one cue's notes on the audio clock at `when` (s). Each note: a gain envelope that starts
       and ends at zero, so nothing clicks. `ahead`: scheduled ahead (cancellable until it begins). */
    P.playNotes = function(cue, when, ahead) {
        var ctx = P.ctx;
        var notes = P.tones[P.toneKey(cue)];
        if (!ctx || !P.master || !notes) return false;
        try {
            notes.forEach(function(note) {
                var start = when + note[1];
                var end = start + note[2];
                var osc = ctx['createOscillator']();
                var gain = ctx['createGain']();
                osc['type'] = cue.kind === 'done' ? 'triangle' : 'sine';
                osc['frequency']['value'] = note[0];
                var g = gain['gain'];
                g['setValueAtTime'](0, start);
                g['linearRampToValueAtTime'](note[3], start + 0.015);
                g['exponentialRampToValueAtTime'](0.0001, end);
                g['linearRampToValueAtTime'](0, end + 0.02);
                osc['connect'](gain);
                gain['connect'](P.master);
                osc['start'](start);
                osc['stop'](end + 0.03);
                var node = { osc: osc, gain: gain, id: String(cue.id), cueStart: when, ahead: ahead,
                             generation: P.generation };
                osc['onended'] = function() {
                    try { osc['disconnect'](); gain['disconnect'](); } catch (e) {}
                    var i = P.nodes.indexOf(node);
                    if (i >= 0) P.nodes.splice(i, 1);
                    P.updateCheckTimer();
                };
                P.nodes.push(node);
            });
        } catch (e) {
            P.warn('a tone could not be set', e);
            return false;
        }
        P.updateCheckTimer();
        return true;
    };

    /* Whether this id's tone was set ahead and has begun on the live context (or is still to come). */
    P.playedAhead = function(id) {
        var entry = P.ahead.get(id);
        return !!entry && !!P.ctx && entry.generation === P.generation;
    };

    /* Stops and drops every tone scheduled ahead whose cue has not begun (a phrase under way, or a
       tone played by cue_due, finishes: cutting it would click). Their ids are forgotten, so cue_due
       plays them if their time still comes. Nodes of a closed context are all dropped. */
    P.stopAhead = function(log) {
        var nowAudio = P.ctx ? P.ctx['currentTime'] : Infinity;
        var dropped = new Set();
        P.nodes = P.nodes.filter(function(node) {
            var dead = node.generation !== P.generation || !P.ctx;
            if (!dead && (!node.ahead || node.cueStart <= nowAudio)) return true;
            try { node.osc['onended'] = null; node.osc['stop'](0); } catch (e) {}
            try { node.osc['disconnect'](); node.gain['disconnect'](); } catch (e) {}
            dropped.add(node.id);
            return false;
        });
        dropped.forEach(function(id) {
            var entry = P.ahead.get(id);
            P.ahead.delete(id);
            if (log && entry) P.addLog(entry.cue, entry.appMs, 'cancelled');
        });
        P.updateCheckTimer();
    };

    /* Sets the cues ahead on the audio clock: delay = (at - now) / 1000 / timescale seconds. */
    P.schedule = function(cues, nowMs) {
        P.upcoming = cues;
        /* A stuck context is remade first (its own reschedule is skipped: this call places them). */
        P.scheduling = true;
        try { P.checkAudio(); } finally { P.scheduling = false; }
        P.stopAhead(true);
        if (!P.prefs.sound || !P.ctx) return;
        var ctx = P.ctx;
        if (!ctx || ctx['state'] === 'closed') return;
        var audioNow = ctx['currentTime'];
        cues.forEach(function(cue) {
            if (!(cue.at_ms >= nowMs) || P.playedAhead(cue.id)) return;
            var when = audioNow + (cue.at_ms - nowMs) / 1000 / P.scale;
            if (!P.playNotes(cue, when, true)) return;
            /* Read the time back from the audio clock: the log shows where the tone really sits. */
            var appMs = Math.round((nowMs + (when - audioNow) * 1000 * P.scale) * 1000) / 1000;
            P.ahead.set(String(cue.id), { appMs: appMs, start: when, generation: P.generation, cue: cue });
            P.addLog(cue, appMs, 'scheduled');
        });
        /* Ids kept for played tones: bounded, oldest first out. */
        while (P.ahead.size > 1000) P.ahead.delete(P.ahead.keys().next().value);
    };

    /* Places the last list again (after the context was made or remade, or sound turned on). */
    P.reschedule = function() {
        if (P.scheduling) return;
        var now = P.now();
        P.schedule(P.upcoming.filter(function(cue) { return cue.at_ms >= now; }), now);
    };

    P.cancel = function() {
        P.upcoming = [];
        P.stopAhead(true);
    };

    P.pickVoice = function() {
        if (P.voice) return P.voice;
        try {
            var voices = window['speechSynthesis']['getVoices']() || [];
            var english = voices.filter(function(v) { return String(v['lang']).toLowerCase().indexOf('en') === 0; });
            P.voice = english.filter(function(v) { return v['default']; })[0] || english[0] || null;
        } catch (e) { P.voice = null; }
        return P.voice;
    };

    P.speak = function(text) {
        if (!P.prefs.voice || !P.hasSpeech || !text) return;
        /* At volume 0 there is nothing to hear, and an utterance at volume 0 crashes WebKitGTK's page. */
        if (!(P.prefs.volume > 0)) return;
        try {
            var synth = window['speechSynthesis'];
            synth['cancel']();  /* never lag behind: a new cue replaces anything still queued */
            var utterance = new window['SpeechSynthesisUtterance'](text);
            var voice = P.pickVoice();
            if (voice) utterance['voice'] = voice;
            utterance['lang'] = voice ? voice['lang'] : 'en';
            utterance['volume'] = Math.max(0, Math.min(1, P.prefs.volume));
            synth['speak'](utterance);
        } catch (e) { P.warn('speech failed', e); }
    };

    P.vibrate = function(key) {
        if (!P.prefs.vibration || !P.hasVibrate) return;
        var activated = P.gestured;
        try { activated = activated || !!(navigator['userActivation'] && navigator['userActivation']['hasBeenActive']); } catch (e) {}
        if (!activated) return;  /* browsers refuse (and complain) before the first tap */
        try { navigator['vibrate'](P.buzz[key] || [60]); } catch (e) { P.warn('vibration failed', e); }
    };

    P.due = function(cue) {
        P.checkAudio();
        var tone = 'none';
        var at = null;
        if (P.prefs.sound) {
            var entry = P.ahead.get(String(cue.id));
            if (entry && P.playedAhead(cue.id)) {
                tone = 'ahead';
                at = entry.appMs;
            } else if (P.ctx && P.ctx['state'] !== 'closed') {
                if (P.playNotes(cue, P.ctx['currentTime'] + 0.005, false)) {
                    tone = 'now';
                    at = Math.round(P.now() * 1000) / 1000;
                }
            }
        }
        P.speak(String(cue.text));
        P.vibrate(P.toneKey(cue));
        P.addLog(cue, at, 'due', tone);
    };

    P.setPreferences = function(prefs) {
        var soundWasOn = P.prefs.sound;
        P.prefs = prefs;
        if (P.master && P.ctx) {
            try { P.master['gain']['setTargetAtTime'](prefs.volume, P.ctx['currentTime'], 0.02); } catch (e) {}
        }
        if (!prefs.voice && P.hasSpeech) { try { window['speechSynthesis']['cancel'](); } catch (e) {} }
        if (soundWasOn && !prefs.sound) P.stopAhead(true);
        if (!soundWasOn && prefs.sound) P.reschedule();
    };
});

EM_JS(void, cc_svc_js_set_preferences, (int sound, double volume, int voice, int vibration), {
    var P = Module['ccServices'];
    if (!P) return;
    try {
        P.setPreferences({ sound: !!sound, volume: Math.max(0, Math.min(1, volume)), voice: !!voice, vibration: !!vibration });
    } catch (e) { P.warn('cue preferences', e); }
});

EM_JS(void, cc_svc_js_schedule, (const char* cues_json, double now_ms), {
    var P = Module['ccServices'];
    if (!P) return;
    try { P.schedule(JSON.parse(UTF8ToString(cues_json)).map(P.cueFrom), now_ms); } catch (e) { P.warn('scheduling cues failed', e); }
});

EM_JS(void, cc_svc_js_cancel, (), {
    var P = Module['ccServices'];
    if (!P) return;
    try { P.cancel(); } catch (e) { P.warn('cancelling cues failed', e); }
});

EM_JS(void, cc_svc_js_due, (const char* cue_json), {
    var P = Module['ccServices'];
    if (!P) return;
    try { P.due(P.cueFrom(JSON.parse(UTF8ToString(cue_json)))); } catch (e) { P.warn('playing a cue failed', e); }
});

//-----------------------------------------------------------------------------
// [SECTION] JS: storage
//-----------------------------------------------------------------------------
// 1 when localStorage can be written, read back and removed.
EM_JS(int, cc_ls_js_probe, (), {
    try {
        var storage = window['localStorage'];
        if (!storage) return 0;
        var key = 'calfcoach.probe';
        storage['setItem'](key, '1');
        var ok = storage['getItem'](key) === '1';
        storage['removeItem'](key);
        return ok ? 1 : 0;
    } catch (e) {
        console.warn('calfcoach: storage is not available, history is kept for this visit only: ' + (e && e.name));
        return 0;
    }
});

// A malloc'd UTF-8 copy of the value (the caller frees it), or 0 when absent; *failed = 1 on error.
EM_JS(char*, cc_ls_js_get, (const char* key, int* failed), {
    HEAP32[failed >> 2] = 0;
    try {
        var value = window['localStorage']['getItem'](UTF8ToString(key));
        if (value === null) return 0;
        var size = lengthBytesUTF8(value) + 1;
        var out = _malloc(size);
        if (out) stringToUTF8(value, out, size);
        return out;
    } catch (e) {
        HEAP32[failed >> 2] = 1;
        console.warn('calfcoach: reading storage failed: ' + (e && e.name));
        return 0;
    }
});

EM_JS(int, cc_ls_js_set, (const char* key, const char* value, int value_bytes), {
    try {
        window['localStorage']['setItem'](UTF8ToString(key), UTF8ToString(value, value_bytes));
        return 1;
    } catch (e) {
        console.warn('calfcoach: writing storage failed (' + (e && e.name) + '), kept in memory for this visit');
        return 0;
    }
});

EM_JS(int, cc_ls_js_remove, (const char* key), {
    try {
        window['localStorage']['removeItem'](UTF8ToString(key));
        return 1;
    } catch (e) {
        console.warn('calfcoach: removing from storage failed: ' + (e && e.name));
        return 0;
    }
});

//-----------------------------------------------------------------------------
// [SECTION] JS: device
//-----------------------------------------------------------------------------
// "2026-11-21T08:30:00Z" (malloc'd; the caller frees it).
EM_JS(char*, cc_dev_js_wall_clock_iso, (), {
    var text = '1970-01-01T00:00:00Z';
    try { text = new Date().toISOString().slice(0, 19) + 'Z'; } catch (e) {}
    var size = lengthBytesUTF8(text) + 1;
    var out = _malloc(size);
    if (out) stringToUTF8(text, out, size);
    return out;
});

// location.href without query and fragment (malloc'd; the caller frees it).
EM_JS(char*, cc_dev_js_app_address, (), {
    var text = "";
    try { text = String(window.location.href).split('#')[0].split('?')[0]; } catch (e) {}
    var size = lengthBytesUTF8(text) + 1;
    var out = _malloc(size);
    if (out) stringToUTF8(text, out, size);
    return out;
});

EM_JS(int, cc_dev_js_utc_offset_minutes, (), {
    try { return (-new Date().getTimezoneOffset()) | 0; } catch (e) { return 0; }
});

EM_JS(void, cc_dev_js_set_keep_awake, (int keep_awake), {
    var P = Module['ccServices'];
    if (!P) return;
    if (!P.acquireWake) {
        /* Asks for the lock while wanted and visible; the browser drops it when the page hides,
           and the visibilitychange listener asks again on return. */
        P.acquireWake = function() {
            if (!P.wakeWanted || !P.hasWakeLock || P.wakeSentinel || P.wakePending) return;
            if (document.visibilityState !== 'visible') return;
            P.wakePending = true;
            try {
                navigator['wakeLock']['request']('screen').then(function(sentinel) {
                    P.wakePending = false;
                    if (!P.wakeWanted) { try { sentinel['release']()['catch'](function() {}); } catch (e) {} return; }
                    P.wakeSentinel = sentinel;
                    try {
                        sentinel['addEventListener']('release', function() {
                            if (P.wakeSentinel === sentinel) P.wakeSentinel = null;
                        });
                    } catch (e) {}
                }, function(e) {
                    P.wakePending = false;
                    P.warn('screen wake lock refused', e);
                });
            } catch (e) {
                P.wakePending = false;
                P.warn('screen wake lock failed', e);
            }
        };
    }
    P.wakeWanted = !!keep_awake;
    if (P.wakeWanted) { P.acquireWake(); return; }
    var sentinel = P.wakeSentinel;
    P.wakeSentinel = null;
    if (sentinel) { try { sentinel['release']()['catch'](function() {}); } catch (e) {} }
});

EM_JS(int, cc_dev_js_download, (const char* name, const char* mime, const char* content, int content_bytes), {
    try {
        /* The bytes as they are: a PNG is not text. */
        var blob = new Blob([HEAPU8.slice(content, content + content_bytes)], { 'type': UTF8ToString(mime) });
        var url = URL.createObjectURL(blob);
        var link = document.createElement('a');
        link.href = url;
        link['download'] = UTF8ToString(name);
        link.rel = 'noopener';
        link.hidden = true;
        document.body.appendChild(link);
        link.click();
        link.remove();
        /* The download has started by now; revoke later so slow browsers still read it. */
        setTimeout(function() { try { URL.revokeObjectURL(url); } catch (e) {} }, 60000);
        return 1;
    } catch (e) {
        console.warn('calfcoach: download failed: ' + (e && e.message));
        return 0;
    }
});

EM_JS(void, cc_dev_js_open_link, (const char* url_text), {
    var text = UTF8ToString(url_text);
    var url = null;
    try { url = new URL(text); } catch (e) { url = null; }
    var scheme = url ? url.protocol : "";
    try {
        if (scheme === 'https:') {
            window.open(url.href, '_blank', 'noopener');
        } else if (scheme === 'tel:' || scheme === 'mailto:') {
            /* A link click, not top-frame navigation: works inside an iframe that allows popups. */
            var link = document.createElement('a');
            link.href = url.href;
            link.rel = 'noopener';
            link.hidden = true;
            document.body.appendChild(link);
            link.click();
            link.remove();
        } else {
            console.warn('calfcoach: link not opened (only https:, tel: and mailto: are allowed): ' + text);
        }
    } catch (e) {
        console.warn('calfcoach: opening a link failed: ' + (e && e.message));
    }
});

/* The one-file offline page (issue 6): 1 when this page is that copy (its <html> carries
   data-calfcoach-onefile), 0 when it is served over http(s) and can offer it, 2 otherwise. */
EM_JS(int, cc_dev_js_offline_copy, (), {
    try {
        if (document.documentElement.hasAttribute('data-calfcoach-onefile')) return 1;
        var scheme = location.protocol;
        return scheme === 'https:' || scheme === 'http:' ? 0 : 2;
    } catch (e) {
        console.warn('calfcoach: offline copy check failed: ' + (e && e.message));
        return 2;
    }
});

/* Downloads calfcoach-offline.html from beside index.html. The service worker does not precache it
   (about 1 MB, a download of its own), so with no connection the download cannot work: refuse. */
EM_JS(int, cc_dev_js_save_offline_copy, (), {
    try {
        if (navigator['onLine'] === false) return 0;
        var link = document.createElement('a');
        link.href = 'calfcoach-offline.html';
        link['download'] = 'calfcoach-offline.html';
        link.rel = 'noopener';
        link.hidden = true;
        document.body.appendChild(link);
        link.click();
        link.remove();
        return 1;
    } catch (e) {
        console.warn('calfcoach: saving the offline copy failed: ' + (e && e.message));
        return 0;
    }
});

EM_JS(int, cc_dev_js_prefers_reduced_motion, (), {
    try {
        return window.matchMedia && window.matchMedia('(prefers-reduced-motion: reduce)').matches ? 1 : 0;
    } catch (e) { return 0; }
});

}  // extern "C"

namespace calfcoach::platform {

namespace {

// A malloc'd C string from JS into a std::string; frees it.
std::string take_js_string(char* text) {
    if (text == nullptr) return {};
    std::string out(text);
    std::free(text);
    return out;
}

nlohmann::json cue_to_json(const Cue& cue) {
    return nlohmann::json{{"id", cue.id}, {"kind", std::string(to_string(cue.kind))}, {"text", cue.text}, {"at_ms", cue.at_ms}};
}

}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] C++: WebKeyValueStore
//-----------------------------------------------------------------------------
WebKeyValueStore::WebKeyValueStore() : local_storage_usable_(cc_ls_js_probe() == 1) {}

std::optional<std::string> WebKeyValueStore::get(std::string_view key) {
    if (const auto found = overlay_.find(key); found != overlay_.end()) return found->second;
    if (!local_storage_usable_) return std::nullopt;
    const std::string key_text(key);
    int failed = 0;
    char* value = cc_ls_js_get(key_text.c_str(), &failed);
    if (failed != 0) {
        // A read that fails looks like "no history": writing after it could replace what is stored.
        // From now on this visit works in memory and leaves localStorage as it is.
        local_storage_usable_ = false;
        return std::nullopt;
    }
    if (value == nullptr) return std::nullopt;
    return take_js_string(value);
}

bool WebKeyValueStore::set(std::string_view key, std::string_view value) {
    if (local_storage_usable_) {
        const std::string key_text(key);
        if (cc_ls_js_set(key_text.c_str(), value.data(), static_cast<int>(value.size())) == 1) {
            overlay_.erase(key_text);
            return true;
        }
    }
    // Blocked or full: the value lives in memory for this visit (persistent() is false from now on).
    overlay_.insert_or_assign(std::string(key), std::string(value));
    return true;
}

bool WebKeyValueStore::remove(std::string_view key) {
    const std::string key_text(key);
    if (local_storage_usable_ && cc_ls_js_remove(key_text.c_str()) == 1) {
        overlay_.erase(key_text);
        return true;
    }
    if (!local_storage_usable_) {
        overlay_.erase(key_text);
        return true;
    }
    // localStorage kept the old value: hide it behind a tombstone so it does not come back.
    overlay_.insert_or_assign(key_text, std::nullopt);
    return true;
}

//-----------------------------------------------------------------------------
// [SECTION] C++: WebServices
//-----------------------------------------------------------------------------
namespace {
// Runs the JS start-up before any member (the storage probe needs nothing of it, the rest does).
double init_js(bool& test_mode) {
    int test = 0;
    const double scale = cc_svc_js_init(&test);
    cc_svc_js_init_cues();
    media_js_init();  // audio session, keep-alive, media controls, speech priming (web_media_web.cpp)
    test_mode = test == 1;
    return scale;
}
}  // namespace

WebServices::WebServices() { timescale_ = init_js(test_mode_); }

double WebServices::monotonic_now_ms() { return cc_svc_js_now(); }

std::string WebServices::wall_clock_iso() { return take_js_string(cc_dev_js_wall_clock_iso()); }

int WebServices::utc_offset_minutes() { return cc_dev_js_utc_offset_minutes(); }

std::string WebServices::app_address() { return take_js_string(cc_dev_js_app_address()); }

void WebServices::set_cue_preferences(const ui::CuePreferences& preferences) {
    cc_svc_js_set_preferences(preferences.sound ? 1 : 0, static_cast<double>(preferences.volume), preferences.voice ? 1 : 0,
                              preferences.vibration ? 1 : 0);
}

void WebServices::schedule_cues(const std::vector<Cue>& upcoming, std::int64_t now_ms) {
    nlohmann::json list = nlohmann::json::array();
    for (const Cue& cue : upcoming) list.push_back(cue_to_json(cue));
    cc_svc_js_schedule(dump_json(list).c_str(), static_cast<double>(now_ms));
}

void WebServices::cancel_cues() { cc_svc_js_cancel(); }

void WebServices::cue_due(const Cue& cue) { cc_svc_js_due(dump_json(cue_to_json(cue)).c_str()); }

void WebServices::set_audio_session(ui::AudioSessionType type) { media_set_audio_session(type); }

void WebServices::set_media_session(const ui::MediaSessionInfo& info) { media_set_session(info); }

void WebServices::set_keep_awake(bool keep_awake) { cc_dev_js_set_keep_awake(keep_awake ? 1 : 0); }

bool WebServices::download(std::string_view file_name, std::string_view mime_type, std::string_view content) {
    const std::string name(file_name);
    const std::string mime(mime_type);
    return cc_dev_js_download(name.c_str(), mime.c_str(), content.data(), static_cast<int>(content.size())) == 1;
}

ui::Services::PrintOutcome WebServices::print_page(std::string_view html, std::string_view file_name) {
    switch (print_html_page(html)) {
        case PagePrint::Printing: return PrintOutcome::Printing;
        case PagePrint::CannotPrint:
            return download(file_name, "text/html", html) ? PrintOutcome::Downloaded : PrintOutcome::Failed;
        case PagePrint::Failed: break;
    }
    return PrintOutcome::Failed;
}

void WebServices::open_link(std::string_view url) {
    const std::string text(url);
    cc_dev_js_open_link(text.c_str());
}

bool WebServices::prefers_reduced_motion() { return cc_dev_js_prefers_reduced_motion() == 1; }

ui::Services::OfflineCopy WebServices::offline_copy() {
    switch (cc_dev_js_offline_copy()) {
    case 0: return OfflineCopy::Offered;
    case 1: return OfflineCopy::ThisIsIt;
    default: return OfflineCopy::Unavailable;
    }
}

bool WebServices::save_offline_copy() {
    if (offline_copy() != OfflineCopy::Offered) return false;
    return cc_dev_js_save_offline_copy() == 1;
}

ui::ServiceStatus WebServices::status() {
    const int capabilities = cc_svc_js_capabilities();
    ui::ServiceStatus status;
    status.storage_persistent = storage_.persistent();
    status.audio = (capabilities & 1) != 0;
    status.speech = (capabilities & 2) != 0;
    status.vibration = (capabilities & 4) != 0;
    status.wake_lock = (capabilities & 8) != 0;
    const MediaCapabilities media = media_capabilities();
    status.audio_session = media.audio_session;
    status.media_session = media.media_session;
    return status;
}

void WebServices::notify_host(const ui::HostEvent& event) { post_host_event(event); }

}  // namespace calfcoach::platform
