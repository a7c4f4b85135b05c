// Random sessions on a fake clock, checked against an independent model.
//
// The model does not share the engine's structure: it sees the session as ONE position on a
// timeline (ms from the start of "get ready" to "done"), which moves with the wall clock while
// running and jumps on next/back/restart. Phases and cues sit at fixed positions computed here from
// the fixture. At every call the engine must agree with the model on phase, remaining time, active
// time, pause state, and on exactly which cues were reported, when, and whether due or missed.
//
// Reproduce one failure: CALFCOACH_SEED=<seed printed> and the session number printed with it.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "core/session.hpp"
#include "fixture_routine.hpp"

using namespace calfcoach;
using calfcoach::test::fixture_routine;

namespace {

struct ModelCue {
    std::int64_t position;  // on the session timeline
    CueKind kind;
};

struct ModelPhase {
    std::int64_t start;
    std::int64_t duration;
};

// The timeline, built straight from the fixture's numbers and the options.
struct Timeline {
    std::vector<ModelPhase> phases;  // without Done
    std::vector<ModelCue> cues;
    std::int64_t total = 0;

    void add(std::int64_t duration) {
        phases.push_back({total, duration});
        total += duration;
    }
};

Timeline build_timeline(const Routine& routine, const SessionOptions& o) {
    Timeline t;
    const auto preset = static_cast<std::size_t>(o.preset);
    auto wanted = [&](const Step& s) { return s.duration_ms[preset] > 0 && !(o.gentle && s.deep); };
    auto add_step = [&](const Step& s) {
        const std::int64_t start = t.total;
        t.cues.push_back({start, CueKind::StepStart});
        if (s.duration_ms[preset] > 60'000) t.cues.push_back({start + s.duration_ms[preset] / 2, CueKind::Halfway});
        t.add(s.duration_ms[preset]);
    };
    t.add(5'000);
    for (const Step& s : routine.steps)
        if (!s.per_leg && wanted(s)) add_step(s);
    const int legs = o.only_leg ? 1 : 2;
    for (int leg = 0; leg < legs; ++leg) {
        if (leg == 1) {
            const std::int64_t start = t.total;
            t.cues.push_back({start, CueKind::SwitchLegs});
            for (std::int64_t before : {3'000, 2'000, 1'000}) t.cues.push_back({start + 10'000 - before, CueKind::Countdown});
            t.add(10'000);
        }
        for (const Step& s : routine.steps)
            if (s.per_leg && wanted(s)) add_step(s);
    }
    t.cues.push_back({t.total, CueKind::Done});
    return t;
}

struct ReportedCue {
    std::int64_t at_ms;
    CueKind kind;
    bool operator==(const ReportedCue& o) const { return at_ms == o.at_ms && kind == o.kind; }
};

std::string describe(const std::vector<ReportedCue>& cues) {
    std::ostringstream s;
    for (const auto& c : cues) s << to_string(c.kind) << "@" << c.at_ms << " ";
    return s.str();
}

// The model's state: a position on the timeline and the wall time it corresponds to.
struct Model {
    const Timeline* timeline = nullptr;
    std::int64_t position = 0;
    std::int64_t last_seen = 0;
    bool paused = false;
    std::int64_t active = 0;
    std::int64_t tolerance = 1'000;
    std::vector<ReportedCue> due, missed;

    [[nodiscard]] bool done() const { return position >= timeline->total; }
    [[nodiscard]] std::size_t phase_index() const {
        for (std::size_t i = 0; i < timeline->phases.size(); ++i)
            if (position < timeline->phases[i].start + timeline->phases[i].duration) return i;
        return timeline->phases.size();  // Done
    }
    [[nodiscard]] std::int64_t phase_start() const {
        const std::size_t i = phase_index();
        return i < timeline->phases.size() ? timeline->phases[i].start : timeline->total;
    }
    [[nodiscard]] std::int64_t remaining() const {
        const std::size_t i = phase_index();
        return i < timeline->phases.size() ? timeline->phases[i].start + timeline->phases[i].duration - position : 0;
    }

    void advance(std::int64_t now) {
        if (now < last_seen) now = last_seen;
        auto& into = now - last_seen > tolerance ? missed : due;
        if (!paused && !done()) {
            const std::int64_t to = std::min(position + (now - last_seen), timeline->total);
            for (const ModelCue& c : timeline->cues)
                if (c.position > position && c.position <= to)
                    into.push_back({last_seen + (c.position - position), c.kind});
            active += to - position;
            position = to;
        }
        last_seen = now;
    }
    void jump_to(std::int64_t new_position) { position = new_position; }
};

}  // namespace

TEST_CASE("10,000 random sessions agree with an independent timeline model", "[session][random]") {
    const Routine routine = fixture_routine();
    std::uint64_t master_seed = 20261121;
    if (const char* env = std::getenv("CALFCOACH_SEED")) master_seed = std::strtoull(env, nullptr, 10);
    constexpr int kSessions = 10'000;
    constexpr int kCallsPerSession = 120;
    const std::int64_t gaps[] = {16, 1'000, 60'000, 300'000};

    int failures = 0;
    long long total_calls = 0;
    for (int n = 0; n < kSessions && failures < 5; ++n) {
        std::mt19937_64 rng(master_seed + static_cast<std::uint64_t>(n));
        auto chance = [&](int percent) { return static_cast<int>(rng() % 100) < percent; };

        SessionOptions options;
        options.preset = static_cast<Preset>(rng() % 3);
        options.first_leg = chance(50) ? Side::Left : Side::Right;
        if (chance(20)) options.only_leg = chance(50) ? Side::Left : Side::Right;
        options.gentle = chance(25);
        const Timeline timeline = build_timeline(routine, options);

        std::int64_t now = static_cast<std::int64_t>(rng() % 1'000'000'000);
        Session session(routine, options);
        session.start(now);
        Model model;
        model.timeline = &timeline;
        model.last_seen = now;

        std::set<std::string> ids;
        std::string trouble;
        std::string last_action = "start";
        REQUIRE(session.phases().size() == timeline.phases.size() + 1);

        for (int call = 0; call < kCallsPerSession && trouble.empty(); ++call) {
            ++total_calls;
            const int roll = static_cast<int>(rng() % 100);
            const std::int64_t gap = roll < 45 ? gaps[0] : roll < 75 ? gaps[1] : roll < 93 ? gaps[2] : gaps[3];
            now += gap;
            const int action = static_cast<int>(rng() % 100);
            if (action < 70) {
                last_action = "update";
                model.advance(now);
                const UpdateResult r = session.update(now);
                std::vector<ReportedCue> due, missed;
                for (const Cue& c : r.due) due.push_back({c.at_ms, c.kind});
                for (const Cue& c : r.missed) missed.push_back({c.at_ms, c.kind});
                for (const Cue& c : r.due) if (!ids.insert(c.id).second) trouble = "cue id twice: " + c.id;
                for (const Cue& c : r.missed) if (!ids.insert(c.id).second) trouble = "cue id twice: " + c.id;
                if (due != model.due) trouble = "due: engine " + describe(due) + "model " + describe(model.due);
                if (missed != model.missed) trouble = "missed: engine " + describe(missed) + "model " + describe(model.missed);
                model.due.clear();
                model.missed.clear();
            } else if (action < 78) {
                last_action = "pause";
                model.advance(now);
                if (!model.done()) model.paused = true;
                session.pause(now);
            } else if (action < 86) {
                last_action = "resume";
                model.advance(now);
                model.paused = false;
                session.resume(now);
            } else if (action < 92) {
                last_action = "next";
                model.advance(now);
                if (!model.done()) {
                    const std::size_t i = model.phase_index();
                    model.jump_to(i + 1 < timeline.phases.size() ? timeline.phases[i + 1].start : timeline.total);
                    if (model.done()) model.paused = false;
                }
                session.next(now);
            } else if (action < 96) {
                last_action = "back";
                model.advance(now);
                if (!model.done()) {
                    const std::size_t i = model.phase_index();
                    model.jump_to(timeline.phases[i == 0 ? 0 : i - 1].start);
                }
                session.back(now);
            } else if (action < 97) {
                last_action = "stop";
                model.advance(now);
                model.jump_to(timeline.total);  // done, with no cue and no more active time
                session.stop(now);
            } else if (action < 98) {
                last_action = "restart_step";
                model.advance(now);
                if (!model.done()) model.jump_to(model.phase_start());
                session.restart_step(now);
            } else {
                // Save and reload: the restored session carries on, paused at the same point.
                last_action = "reload";
                model.advance(now);
                const UpdateResult drained = session.update(now);  // a reload would lose these
                for (const Cue& c : drained.due) ids.insert(c.id);
                for (const Cue& c : drained.missed) ids.insert(c.id);
                model.due.clear();
                model.missed.clear();
                const std::string saved = session.to_json(now);
                auto restored = Session::from_json(saved, routine, now);
                if (!restored.session) {
                    trouble = "restore failed: " + restored.error + " for " + saved;
                    break;
                }
                if (restored.session->remaining_ms(now) != session.remaining_ms(now))
                    trouble = "restored remaining differs";
                session = std::move(*restored.session);
                if (!model.done()) model.paused = true;
            }

            if (!trouble.empty()) break;
            const std::size_t index = model.phase_index();
            if (session.phase_index() != index)
                trouble = "phase " + std::to_string(session.phase_index()) + " vs model " + std::to_string(index);
            else if (session.remaining_ms(now) != model.remaining())
                trouble = "remaining " + std::to_string(session.remaining_ms(now)) + " vs model " + std::to_string(model.remaining());
            else if (session.active_ms(now) != model.active)
                trouble = "active " + std::to_string(session.active_ms(now)) + " vs model " + std::to_string(model.active);
            else if (session.finished() != model.done())
                trouble = "finished differs";
            else if (!model.done() && session.paused() != model.paused)
                trouble = "paused differs";
            if (!trouble.empty()) trouble += " after " + last_action + " at call " + std::to_string(call);
        }
        if (!trouble.empty()) {
            ++failures;
            FAIL_CHECK("seed " << master_seed << " session " << n << ": " << trouble);
        }
    }
    CHECK(failures == 0);
    CHECK(total_calls == static_cast<long long>(kSessions) * kCallsPerSession);
}
