// Session engine: each command at each phase, pain, options, cue plan, sleep gaps, save/restore.
// Times below follow the fixture (standard preset): get ready 0-5 s, preparation 5-35 s, left leg
// 35-290 s (warm-up 35-95, tense spots 95-185 with halfway at 140, deep 185-245, strokes 245-290),
// switch 290-300 (3-2-1 at 297, 298, 299), right leg 300-555, done at 555 s.
#include <catch2/catch.hpp>

#include <set>
#include <string>

#include "core/session.hpp"
#include "fixture_routine.hpp"

using namespace calfcoach;
using calfcoach::test::fixture_routine;

namespace {

constexpr std::int64_t s_(std::int64_t seconds) { return seconds * 1000; }

Session started_at(std::int64_t t0, const SessionOptions& options = {}) {
    Session s(fixture_routine(), options);
    s.start(t0);
    return s;
}

std::vector<std::string> titles(const std::vector<Phase>& phases) {
    std::vector<std::string> out;
    for (const Phase& p : phases)
        out.push_back((p.side ? std::string(to_string(*p.side)) + " " : std::string()) + p.title);
    return out;
}

}  // namespace

TEST_CASE("the plan: get ready, preparation once, one leg, switch, the other leg, done", "[session]") {
    const auto phases = plan_phases(fixture_routine(), SessionOptions{});
    CHECK(titles(phases) == std::vector<std::string>{
        "Get ready", "Get oil and towel",
        "left Warm-up circles", "left Work the tense spots", "left Deep pressure", "left Finish with light strokes",
        "Switch legs",
        "right Warm-up circles", "right Work the tense spots", "right Deep pressure", "right Finish with light strokes",
        "Done"});
    CHECK(phases[0].duration_ms == 5'000);
    CHECK(phases[6].duration_ms == 10'000);
}

TEST_CASE("options: right first, one leg only, gentle, quick preset leaves out 0 ms steps", "[session]") {
    SessionOptions right_first;
    right_first.first_leg = Side::Right;
    auto phases = plan_phases(fixture_routine(), right_first);
    CHECK(phases[2].side == Side::Right);
    CHECK(phases[7].side == Side::Left);

    SessionOptions one_leg;
    one_leg.only_leg = Side::Right;
    phases = plan_phases(fixture_routine(), one_leg);
    CHECK(titles(phases) == std::vector<std::string>{"Get ready", "Get oil and towel", "right Warm-up circles",
                                                     "right Work the tense spots", "right Deep pressure",
                                                     "right Finish with light strokes", "Done"});

    SessionOptions gentle;
    gentle.gentle = true;
    Session s(fixture_routine(), gentle);
    for (const Phase& p : s.phases()) CHECK_FALSE(p.deep);
    CHECK(s.steps_total() == 7);  // preparation + 3 per leg
    s.start(0);
    s.update(s_(40));  // left warm-up
    REQUIRE(s.phase() == PhaseKind::Step);
    CHECK(s.effective_pressure() == Pressure::Light);
    s.update(s_(100));  // left tense spots: moderate in the routine, light when gentle
    CHECK(s.current_phase().step_id == "tense_spots");
    CHECK(s.effective_pressure() == Pressure::Light);

    SessionOptions quick;
    quick.preset = Preset::Quick;
    for (const Phase& p : plan_phases(fixture_routine(), quick)) CHECK(p.step_id != "deep_pressure");
}

TEST_CASE("a fresh session waits, start runs get ready then moves by the clock alone", "[session]") {
    Session s(fixture_routine());
    CHECK_FALSE(s.started());
    s.next(100);  // nothing before start
    CHECK(s.phase_index() == 0);
    const std::int64_t t0 = 1'000'000;
    s.start(t0);
    CHECK(s.phase() == PhaseKind::GetReady);
    CHECK(s.remaining_ms(t0 + 1'200) == 3'800);
    CHECK_FALSE(s.effective_pressure().has_value());
    s.update(t0 + 4'500);
    auto r = s.update(t0 + s_(5));
    CHECK(r.phase_changed);
    CHECK(s.current_phase().step_id == "prepare");
    CHECK_FALSE(s.side().has_value());
    REQUIRE(r.due.size() == 1);
    CHECK(r.due[0].kind == CueKind::StepStart);
    CHECK(r.due[0].text == "Get oil and towel");
    CHECK(r.due[0].at_ms == t0 + s_(5));
    s.update(t0 + 34'500);
    r = s.update(t0 + s_(35));
    REQUIRE(r.due.size() == 1);
    CHECK(r.due[0].text == "Left leg: Warm-up circles");
    CHECK(s.side() == Side::Left);
    CHECK(s.effective_pressure() == Pressure::Light);
    CHECK(s.remaining_ms(t0 + s_(35)) == s_(60));
    CHECK(s.step_progress(t0 + s_(65)) == Approx(0.5));
    CHECK(s.session_progress(t0 + s_(35)) == Approx(35.0 / 555.0));
}

TEST_CASE("the whole session runs to done with every cue at its exact time", "[session]") {
    Session s = started_at(0);
    std::vector<Cue> heard;
    for (std::int64_t t = 0; t <= s_(560); t += 250) {
        auto r = s.update(t);
        CHECK(r.missed.empty());
        heard.insert(heard.end(), r.due.begin(), r.due.end());
    }
    CHECK(s.finished());
    CHECK_FALSE(s.ended_early());
    CHECK(s.active_ms(s_(560)) == s_(555));
    CHECK(s.steps_done() == 9);
    CHECK(s.steps_total() == 9);
    CHECK(s.leg_done(Side::Left));
    CHECK(s.leg_done(Side::Right));
    std::vector<std::pair<std::int64_t, std::string>> got;
    for (const Cue& c : heard) got.emplace_back(c.at_ms / 1000, c.text);
    const std::vector<std::pair<std::int64_t, std::string>> expected = {
        {5, "Get oil and towel"}, {35, "Left leg: Warm-up circles"}, {95, "Left leg: Work the tense spots"},
        {140, "Halfway"}, {185, "Left leg: Deep pressure"}, {245, "Left leg: Finish with light strokes"},
        {290, "Switch legs: right leg next"}, {297, "3"}, {298, "2"}, {299, "1"},
        {300, "Right leg: Warm-up circles"}, {360, "Right leg: Work the tense spots"}, {405, "Halfway"},
        {450, "Right leg: Deep pressure"}, {510, "Right leg: Finish with light strokes"}, {555, "Done. Well done!"}};
    CHECK(got == expected);
    std::set<std::string> ids;
    for (const Cue& c : heard) CHECK(ids.insert(c.id).second);
    CHECK(heard[7].kind == CueKind::Countdown);
    CHECK(heard[6].kind == CueKind::SwitchLegs);
    CHECK(heard.back().kind == CueKind::Done);
}

TEST_CASE("pause freezes the deadline, resume carries on with the same remaining time", "[session]") {
    Session s = started_at(0);
    s.update(s_(50));  // left warm-up, 45 s left
    s.pause(s_(50));
    CHECK(s.paused());
    CHECK(s.remaining_ms(s_(5'000)) == s_(45));
    CHECK(s.cues(s_(60), s_(600)).empty());
    auto r = s.update(s_(5'000));
    CHECK(r.due.empty());
    CHECK(r.missed.empty());
    CHECK(s.current_phase().step_id == "warm_up_circles");
    s.resume(s_(5'000));
    CHECK(s.remaining_ms(s_(5'010)) == s_(35));
    CHECK(s.active_ms(s_(5'010)) == s_(60));
    s.update(s_(5'044));
    r = s.update(s_(5'045));
    REQUIRE(r.due.size() == 1);
    CHECK(r.due[0].at_ms == s_(5'045));
    CHECK(s.current_phase().step_id == "tense_spots");
}

TEST_CASE("next, back and restart_step at each kind of phase", "[session]") {
    Session s = started_at(0);
    s.next(s_(2));  // get ready -> preparation
    CHECK(s.current_phase().step_id == "prepare");
    CHECK(s.remaining_ms(s_(2)) == s_(30));
    s.back(s_(3));  // back to get ready, from its beginning
    CHECK(s.phase() == PhaseKind::GetReady);
    CHECK(s.remaining_ms(s_(3)) == s_(5));
    s.back(s_(4));  // the first phase restarts
    CHECK(s.phase() == PhaseKind::GetReady);
    CHECK(s.remaining_ms(s_(4)) == s_(5));
    s.restart_step(s_(6));
    CHECK(s.remaining_ms(s_(6)) == s_(5));
    CHECK(s.active_ms(s_(6)) == s_(6));  // skipped and restarted time still counts as active

    for (int i = 0; i < 6; ++i) s.next(s_(7));  // to the switch
    REQUIRE(s.phase() == PhaseKind::SwitchLegs);
    const auto ahead = s.cues(s_(7), s_(9));  // 3-2-1 ahead (the switch cue itself was the jump)
    REQUIRE(ahead.size() == 3);
    CHECK(ahead[0].text == "3");
    CHECK(ahead[2].at_ms == s_(16));
    s.next(s_(8));
    CHECK(s.side() == Side::Right);
    s.back(s_(9));
    CHECK(s.phase() == PhaseKind::SwitchLegs);
    CHECK(s.steps_done() == 0);  // nothing ran to its end

    while (!s.finished()) s.next(s_(10));
    CHECK(s.finished());
    CHECK_FALSE(s.ended_early());
    s.back(s_(11));  // done is final
    CHECK(s.finished());
    CHECK(s.active_ms(s_(20)) == s_(10));
}

TEST_CASE("commands while paused move the phase but keep it paused", "[session]") {
    Session s = started_at(0);
    s.pause(s_(1));
    s.next(s_(2));
    CHECK(s.paused());
    CHECK(s.current_phase().step_id == "prepare");
    CHECK(s.remaining_ms(s_(100)) == s_(30));
    s.resume(s_(100));
    CHECK(s.remaining_ms(s_(110)) == s_(20));
    CHECK(s.active_ms(s_(110)) == s_(11));
}

TEST_CASE("stop ends early for the user, with no done cue", "[session]") {
    Session s = started_at(0);
    s.update(s_(100));
    s.stop(s_(120));
    CHECK(s.finished());
    CHECK(s.ended_early());
    CHECK(s.end_reason() == EndReason::UserStopped);
    CHECK(s.active_ms(s_(999)) == s_(120));
    CHECK(s.steps_done() == 2);  // preparation and left warm-up ran out
    CHECK_FALSE(s.leg_done(Side::Left));
    auto r = s.update(s_(1'000));
    CHECK(r.due.empty());
    CHECK(r.missed.empty());
    CHECK(s.cues(s_(1'000), s_(1'000)).empty());
}

TEST_CASE("pain: continue changes nothing, ease goes light and drops deep steps, stop ends", "[session]") {
    Session s = started_at(0);
    s.update(s_(100));  // left tense spots (moderate)
    CHECK(s.report_pain(s_(100), 2, false) == PainAction::Continue);
    CHECK(s.effective_pressure() == Pressure::Moderate);
    CHECK_FALSE(s.pain_eased());

    const auto version = s.schedule_version();
    CHECK(s.report_pain(s_(101), 5, false) == PainAction::Ease);
    CHECK(s.pain_eased());
    CHECK(s.schedule_version() != version);
    CHECK(s.effective_pressure() == Pressure::Light);
    CHECK(s.current_phase().step_id == "tense_spots");
    CHECK(s.remaining_ms(s_(101)) == s_(84));
    for (std::size_t i = s.phase_index() + 1; i < s.phases().size(); ++i) CHECK_FALSE(s.phases()[i].deep);
    // The right leg now starts 60 s earlier: 185 + 45 + 10 = 240 s.
    s.update(s_(185));
    CHECK(s.current_phase().step_id == "light_strokes");
    s.update(s_(240));
    CHECK(s.side() == Side::Right);
    CHECK(s.current_phase().step_id == "warm_up_circles");

    SECTION("stop: ended early for pain") {
        CHECK(s.report_pain(s_(250), 3, true) == PainAction::Stop);
        CHECK(s.finished());
        CHECK(s.end_reason() == EndReason::PainStop);
        CHECK(s.active_ms(s_(260)) == s_(250));
    }
    SECTION("a score of 7 stops too") {
        CHECK(s.report_pain(s_(250), 7, false) == PainAction::Stop);
        CHECK(s.end_reason() == EndReason::PainStop);
    }
}

TEST_CASE("pain ease during a deep step ends that step now", "[session]") {
    Session s = started_at(0);
    s.update(s_(200));  // left deep pressure 185-245
    REQUIRE(s.current_phase().deep);
    s.report_pain(s_(200), 4, false);
    CHECK(s.current_phase().step_id == "light_strokes");
    CHECK(s.side() == Side::Left);
    CHECK(s.remaining_ms(s_(200)) == s_(45));
    CHECK(s.active_ms(s_(200)) == s_(200));
    auto r = s.update(s_(201));
    CHECK(r.phase_changed);
    CHECK(r.due.empty());  // a jump is no cue
}

TEST_CASE("pain stop during get ready and during the switch", "[session]") {
    Session a = started_at(0);
    a.report_pain(s_(1), 9, false);
    CHECK(a.end_reason() == EndReason::PainStop);
    Session b = started_at(0);
    b.update(s_(295));
    REQUIRE(b.phase() == PhaseKind::SwitchLegs);
    b.report_pain(s_(295), 0, true);
    CHECK(b.end_reason() == EndReason::PainStop);
    CHECK(b.cues(s_(295), s_(100)).empty());
}

TEST_CASE("cue plan: exact times ahead, nothing when paused, stable ids", "[session]") {
    Session s = started_at(10'000);
    const auto plan = s.cues(10'000, s_(600));
    REQUIRE(plan.size() == 16);
    CHECK(plan.front().at_ms == 10'000 + s_(5));
    CHECK(plan.back().kind == CueKind::Done);
    CHECK(plan.back().at_ms == 10'000 + s_(555));
    // Later, after moving on by the clock, the same cues keep their ids and times.
    s.update(10'000 + s_(100));
    const auto later = s.cues(10'000 + s_(100), s_(600));
    REQUIRE(later.size() == 13);
    for (std::size_t i = 0; i < later.size(); ++i) {
        CHECK(later[i].id == plan[i + 3].id);
        CHECK(later[i].at_ms == plan[i + 3].at_ms);
    }
    // The horizon cuts: tense spots halfway at 140 s, then deep at 185 s.
    CHECK(s.cues(10'000 + s_(100), s_(85)).size() == 2);
    s.pause(10'000 + s_(100));
    CHECK(s.cues(10'000 + s_(100), s_(600)).empty());
    s.resume(10'000 + s_(200));  // everything 100 s later, same ids
    const auto resumed = s.cues(10'000 + s_(200), s_(600));
    REQUIRE(resumed.size() == later.size());
    for (std::size_t i = 0; i < later.size(); ++i) {
        CHECK(resumed[i].id == later[i].id);
        CHECK(resumed[i].at_ms == later[i].at_ms + s_(100));
    }
}

TEST_CASE("after a long sleep update lands on the right step and reports what passed as missed", "[session]") {
    Session s = started_at(0);
    s.update(s_(30));
    auto r = s.update(s_(330));  // phone locked for 5 minutes
    CHECK(r.due.empty());
    CHECK(r.missed.size() == 10);  // 35, 95, 140, 185, 245, 290, 297, 298, 299, 300
    CHECK(r.missed.back().text == "Right leg: Warm-up circles");
    CHECK(s.side() == Side::Right);
    CHECK(s.current_phase().step_id == "warm_up_circles");
    CHECK(s.remaining_ms(s_(330)) == s_(30));
    CHECK(s.active_ms(s_(330)) == s_(330));
    r = s.update(s_(330));
    CHECK(r.missed.empty());  // never twice
    r = s.update(s_(2'000));
    CHECK(s.finished());
    CHECK(r.missed.size() == 5);
}

TEST_CASE("the due/missed rule: a gap of up to the tolerance is due, a longer one is missed", "[session]") {
    // The preparation step starts at 5 s.
    SECTION("gap exactly 1 s: due") {
        Session s = started_at(0);
        s.update(4'500);
        auto r = s.update(5'500);
        CHECK(r.due.size() == 1);
        CHECK(r.missed.empty());
    }
    SECTION("gap 1 ms over: missed, even though the cue is only 1 ms old") {
        Session s = started_at(0);
        s.update(4'000);
        auto r = s.update(5'001);
        CHECK(r.due.empty());
        CHECK(r.missed.size() == 1);
    }
    SECTION("a cue exactly at now is in the interval; one exactly at the last update is not") {
        Session s = started_at(0);
        s.update(4'000);
        auto r = s.update(5'000);
        REQUIRE(r.due.size() == 1);
        r = s.update(5'000);
        CHECK(r.due.empty());
    }
    SECTION("the tolerance is an option") {
        SessionOptions o;
        o.due_tolerance_ms = 5'000;
        Session s = started_at(0, o);
        auto r = s.update(5'000);
        CHECK(r.due.size() == 1);
    }
    SECTION("a command catches up; the cues wait for update, classified by the command's gap") {
        Session s = started_at(0);
        s.pause(s_(40));  // 40 s gap: preparation and left warm-up starts were missed
        auto r = s.update(s_(41));
        CHECK(r.due.empty());
        CHECK(r.missed.size() == 2);
    }
    SECTION("time going backwards is treated as no time") {
        Session s = started_at(s_(10));
        s.update(s_(9));
        CHECK(s.remaining_ms(s_(9)) == s_(5));
    }
}

TEST_CASE("save and restore: paused at the same point, same plan after an ease", "[session]") {
    const Routine routine = fixture_routine();
    SessionOptions o;
    o.first_leg = Side::Right;
    Session s(routine, o);
    s.start(0);
    s.update(s_(100));
    s.report_pain(s_(100), 5, false);
    s.update(s_(150));
    const std::string saved = s.to_json(s_(150));
    INFO(saved);
    CHECK(saved.size() < 1024);
    auto restored = Session::from_json(saved, routine, 77);
    REQUIRE(restored.session.has_value());
    Session& r = *restored.session;
    CHECK(r.paused());
    CHECK(r.pain_eased());
    CHECK(r.options().first_leg == Side::Right);
    CHECK(r.phase_index() == s.phase_index());
    CHECK(r.remaining_ms(5'000) == s.remaining_ms(s_(150)));
    CHECK(r.active_ms(5'000) == s_(150));
    CHECK(r.steps_done() == s.steps_done());
    CHECK(titles(r.phases()) == titles(s.phases()));
    r.resume(1'000);
    s.update(s_(150));
    const auto ahead_saved = s.cues(s_(150), s_(1'000));
    const auto ahead_restored = r.cues(1'000, s_(1'000));
    REQUIRE(ahead_saved.size() == ahead_restored.size());
    for (std::size_t i = 0; i < ahead_saved.size(); ++i) {
        CHECK(ahead_restored[i].id == ahead_saved[i].id);
        CHECK(ahead_restored[i].at_ms - 1'000 == ahead_saved[i].at_ms - s_(150));
    }
}

TEST_CASE("saving consumes no cues, and an unstarted or finished session round-trips", "[session]") {
    const Routine routine = fixture_routine();
    Session fresh(routine);
    auto r1 = Session::from_json(fresh.to_json(0), routine, 0);
    REQUIRE(r1.session);
    CHECK_FALSE(r1.session->started());
    r1.session->start(10);
    CHECK(r1.session->remaining_ms(1'010) == 4'000);

    Session s = started_at(0);
    (void)s.to_json(s_(40));
    CHECK(s.update(s_(40)).missed.size() == 2);
    s.stop(s_(41));
    auto r2 = Session::from_json(s.to_json(s_(50)), routine, 0);
    REQUIRE(r2.session);
    CHECK(r2.session->finished());
    CHECK(r2.session->end_reason() == EndReason::UserStopped);
}

TEST_CASE("restore rejects bad input with a clear error and never throws", "[session]") {
    const Routine routine = fixture_routine();
    Session s = started_at(0);
    s.update(s_(100));
    const std::string good = s.to_json(s_(100));
    auto with = [&](const std::string& from, const std::string& to) {
        std::string text = good;
        const auto at = text.find(from);
        REQUIRE(at != std::string::npos);
        text.replace(at, from.size(), to);
        return text;
    };
    auto error_of = [&](const std::string& text) {
        const auto r = Session::from_json(text, routine, 0);
        CHECK_FALSE(r.session.has_value());
        return r.error;
    };
    CHECK_THAT(error_of(""), Catch::Contains("not valid JSON"));
    CHECK_THAT(error_of("[1,2]"), Catch::Contains("not a JSON object"));
    CHECK_THAT(error_of(good.substr(0, good.size() / 2)), Catch::Contains("not valid JSON"));
    CHECK_THAT(error_of(std::string(10'000, '[')), Catch::Contains("nesting"));
    CHECK_THAT(error_of(with("\"routine\":\"calf_basic\"", "\"routine\":\"other\"")), Catch::Contains("for routine 'other'"));
    CHECK_THAT(error_of(with("\"current\":3", "\"current\":99")), Catch::Contains("'current' out of range"));
    CHECK_THAT(error_of(with("\"current\":3", "\"current\":-1")), Catch::Contains("'current' out of range"));
    CHECK_THAT(error_of(with("\"active_ms\":95000", "\"active_ms\":-5")), Catch::Contains("'active_ms' out of range"));
    CHECK_THAT(error_of(with("\"active_ms\":95000", "\"active_ms\":\"x\"")), Catch::Contains("not a whole number"));
    CHECK_THAT(error_of(with("\"elapsed_ms\":5000", "\"elapsed_ms\":-1")), Catch::Contains("'elapsed_ms' out of range"));
    CHECK_THAT(error_of(with("\"elapsed_ms\":5000", "\"elapsed_ms\":999999")), Catch::Contains("'elapsed_ms' out of range"));
    CHECK_THAT(error_of(with("\"s2L\"", "\"s42L\"")), Catch::Contains("step index 42 out of range"));
    CHECK_THAT(error_of(with("\"s2L\"", "\"s2\"")), Catch::Contains("wrong leg setting"));
    CHECK_THAT(error_of(with("\"s2L\"", "\"d\"")), Catch::Contains("exactly one 'done'"));
    CHECK_THAT(error_of(with("\"v\":1", "\"v\":2")), Catch::Contains("unsupported version"));
    CHECK_THAT(error_of(with("\"v\":1", "\"v\":1.5")), Catch::Contains("not a whole number"));
    CHECK_THAT(error_of(with("\"preset\":\"standard\"", "\"preset\":\"huge\"")), Catch::Contains("unknown preset"));
    CHECK_THAT(error_of(with("\"ended\":\"none\"", "\"ended\":\"pain_stop\"")), Catch::Contains("ended early"));
    CHECK_THAT(error_of(with("\"completed\":\"", "\"completed\":\"2")), Catch::Contains("'completed'"));
    CHECK_THAT(error_of(with("\"active_ms\":95000", "\"active_ms\":99999999999999999999")), Catch::Contains("active_ms"));
    // A routine whose deep step has no time in this preset any more: the saved plan no longer fits.
    Routine changed = routine;
    changed.steps[3].duration_ms[1] = 0;
    const auto r = Session::from_json(good, changed, 0);
    CHECK_FALSE(r.session);
    CHECK_THAT(r.error, Catch::Contains("no time in this preset"));
}

TEST_CASE("ease that leaves the second leg without steps drops the switch too", "[session]") {
    Routine routine = fixture_routine();
    for (Step& step : routine.steps)
        if (step.per_leg && step.id != "deep_pressure") step.duration_ms = {0, 0, 0};
    Session s(routine);
    s.start(0);
    s.update(s_(40));  // left deep pressure, 35-95 s
    REQUIRE(s.current_phase().step_id == "deep_pressure");
    s.report_pain(s_(40), 5, false);
    CHECK(s.finished());  // nothing light is left to do
    CHECK_FALSE(s.ended_early());
    for (const Phase& p : s.phases()) CHECK(p.kind != PhaseKind::SwitchLegs);

    SessionOptions gentle;
    gentle.gentle = true;
    CHECK(titles(plan_phases(routine, gentle)) == std::vector<std::string>{"Get ready", "Get oil and towel", "Done"});
}

TEST_CASE("leg_step_position counts the steps on the current leg only", "[session]") {
    const calfcoach::Routine routine = fixture_routine();
    Session s(routine, {});
    CHECK(calfcoach::leg_step_position(s).total == 0);  // get ready: not a step
    s.start(0);
    std::int64_t now = 0;
    int left_seen = 0, right_seen = 0, left_total = 0, right_total = 0;
    while (!s.finished()) {
        const auto position = calfcoach::leg_step_position(s);
        if (s.phase() == calfcoach::PhaseKind::Step && s.side()) {
            int& seen = *s.side() == calfcoach::Side::Left ? left_seen : right_seen;
            ++seen;
            CHECK(position.index == seen);  // 1, 2, 3... on each leg, restarting on the second
            (*s.side() == calfcoach::Side::Left ? left_total : right_total) = position.total;
        } else if (s.phase() != calfcoach::PhaseKind::Step) {
            CHECK(position.index == 0);
            CHECK(position.total == 0);
        }
        s.next(++now);
    }
    CHECK(left_seen > 1);
    CHECK(left_total == left_seen);
    CHECK(right_total == right_seen);
    CHECK(left_seen == right_seen);
}
