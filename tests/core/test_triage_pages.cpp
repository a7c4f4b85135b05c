// The safety check as pages (triage.json's groups): the loader's checks of the groups, the page model
// against the same independent oracle as test_triage.cpp over all 2^18 answer sets, random page
// answers, the early stop, the reasons in the person's words, and the re-check's memory.
//
// [SECTION] Helpers and the oracle
// [SECTION] Groups in content
// [SECTION] Pages against the oracle (all 2^18)
// [SECTION] Random page answers
// [SECTION] Early stop
// [SECTION] Why
// [SECTION] The re-check's memory
#include <catch2/catch.hpp>

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "core/triage_pages.hpp"
#include "core/triage_recheck.hpp"
#include "test_support.hpp"

using namespace calfcoach;
using namespace calfcoach::test;
using nlohmann::json;

namespace {

//-----------------------------------------------------------------------------
// [SECTION] Helpers and the oracle
//-----------------------------------------------------------------------------

// The fixed ids in a fixed bit order and the oracle, hard-coded here on purpose, as in test_triage.cpp.
const std::vector<std::string> kOracleIds = {
    "chest_symptoms", "cold_pale_leg",                                                            // 0-1 emergency
    "one_leg_swollen", "calf_warm_red", "unexplained_calf_pain", "hard_sore_veins",               // 2-5 urgent
    "spreading_redness_fever",                                                                    // 6 urgent
    "clot_history", "blood_thinners", "recent_surgery_or_immobility", "pregnant_or_postpartum",   // 7-10
    "cancer_treatment", "numbness", "varicose_veins", "severe_or_persistent_pain",                // 11-14 see_pro
    "open_wound", "recent_injury",                                                                // 15-16 wait
    "sore_after_exercise",                                                                        // 17 caution
};
constexpr std::uint32_t kCombinations = 1u << 18;

SafetyLevel oracle_level(std::uint32_t yes) {
    if (yes & 0b11u) return SafetyLevel::Emergency;
    if (yes & (0b11111u << 2)) return SafetyLevel::Urgent;
    if (yes & (0xFFu << 7)) return SafetyLevel::SeeProfessional;
    if (yes & (0b11u << 15)) return SafetyLevel::Wait;
    if (yes & (1u << 17)) return SafetyLevel::Caution;
    return SafetyLevel::Ok;
}

// The bits of each fixed page, from the content (the test of the shipped groups pins them).
std::vector<std::pair<std::string, std::uint32_t>> page_bits() {
    std::vector<std::pair<std::string, std::uint32_t>> pages;
    for (const TriageGroup& g : shipped_triage().groups) {
        std::uint32_t bits = 0;
        for (std::size_t bit = 0; bit < kOracleIds.size(); ++bit)
            if (shipped_triage().find_question(kOracleIds[bit])->group == g.id) bits |= 1u << bit;
        pages.emplace_back(g.id, bits);
    }
    return pages;
}

// The person's answers `yes` as pages: every set bit marked `mark`; `rest_none` says whether the
// person also tapped "None of these"/"None of the others" on a page with marks (a page without
// marks always taps "None of these").
PageAnswers pages_for(std::uint32_t yes, ItemMark mark, bool rest_none) {
    static const auto bits = page_bits();
    PageAnswers pages;
    for (const auto& [group, group_bits] : bits) {
        PageAnswer& page = pages[group];
        for (std::size_t bit = 0; bit < kOracleIds.size(); ++bit)
            if ((group_bits & yes) & (1u << bit)) page.marked[kOracleIds[bit]] = mark;
        page.none_of_the_rest = rest_none || page.marked.empty();
    }
    return pages;
}

PageAnswer none_of_these() {
    PageAnswer page;
    page.none_of_the_rest = true;
    return page;
}

PageAnswers all_none() {
    PageAnswers pages;
    for (const TriageGroup& g : shipped_triage().groups) pages[g.id] = none_of_these();
    return pages;
}

// ISO UTC time `seconds` after 2026-12-07T09:00:00Z (a Monday).
std::string iso_at(std::int64_t seconds) {
    std::int64_t total = 1796634000 + seconds;  // 2026-12-07T09:00:00Z as Unix time
    std::int64_t days = total / 86400;
    std::int64_t rest = total % 86400;
    if (rest < 0) { rest += 86400; --days; }
    // civil_from_days (H. Hinnant)
    days += 719468;
    const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
    const std::int64_t doe = days - era * 146097;
    const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    std::int64_t y = yoe + era * 400;
    const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const std::int64_t mp = (5 * doy + 2) / 153;
    const std::int64_t d = doy - (153 * mp + 2) / 5 + 1;
    const std::int64_t m = mp < 10 ? mp + 3 : mp - 9;
    if (m <= 2) ++y;
    char buffer[128];
    std::snprintf(buffer, sizeof buffer, "%04lld-%02lld-%02lldT%02lld:%02lld:%02lldZ", static_cast<long long>(y),
                  static_cast<long long>(m), static_cast<long long>(d), static_cast<long long>(rest / 3600),
                  static_cast<long long>(rest / 60 % 60), static_cast<long long>(rest % 60));
    return buffer;
}

constexpr std::int64_t kDay = 24 * 60 * 60;

json* question_by_id(json& triage, std::string_view id) {
    for (json& q : triage["questions"])
        if (q["id"] == id) return &q;
    FAIL("no question " << id);
    return nullptr;
}

json* group_by_id(json& triage, std::string_view id) {
    for (json& g : triage["groups"])
        if (g["id"] == id) return &g;
    FAIL("no group " << id);
    return nullptr;
}

}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] Groups in content
//-----------------------------------------------------------------------------

TEST_CASE("pages: the shipped groups come most severe first and every fixed question is on its page", "[pages][content]") {
    REQUIRE(shipped_load().ok());
    const TriageContent& triage = shipped_triage();
    const std::vector<TriagePage> pages = triage_pages(triage);
    REQUIRE(pages.size() == 4);
    CHECK(pages[0].group->id == "right_now");
    CHECK(pages[1].group->id == "calf_today");
    CHECK(pages[2].group->id == "your_health");
    CHECK(pages[3].group->id == "skin_injuries");
    CHECK(pages[0].group->title == "Right now, do you have any of these?");
    std::size_t items = 0;
    for (const TriagePage& page : pages) {
        CHECK_FALSE(page.items.empty());
        for (const TriageQuestion* q : page.items) {
            CHECK(q->group == page.group->id);
            CHECK_FALSE(q->item.empty());
        }
        items += page.items.size();
    }
    CHECK(items == triage.questions.size());
    for (const FixedQuestion& fixed : kFixedQuestions) CHECK(triage.find_question(fixed.id)->group == fixed.group);
    CHECK(triage.find_group("your_health")->remember_none_days == 7);
    CHECK(triage_group_floor_problems(triage).empty());
}

TEST_CASE("pages: a question with an unknown, missing or no group, or no item, is an error at its pointer", "[pages][content]") {
    const ContentLoad unknown = load_content(edited("triage.json", [](json& j) { j["questions"][2]["group"] = "elsewhere"; }));
    CHECK_FALSE(unknown.ok());
    CHECK(find_issue(unknown, "triage.json", "/questions/2/group", "unknown group id \"elsewhere\"") != nullptr);
    const ContentLoad missing = load_content(edited("triage.json", [](json& j) { j["questions"][3].erase("group"); }));
    CHECK(find_issue(missing, "triage.json", "/questions/3/group", "missing field") != nullptr);
    const ContentLoad no_item = load_content(edited("triage.json", [](json& j) { j["questions"][4].erase("item"); }));
    CHECK(find_issue(no_item, "triage.json", "/questions/4/item", "missing field") != nullptr);
    const ContentLoad no_groups = load_content(edited("triage.json", [](json& j) { j.erase("groups"); }));
    CHECK_FALSE(no_groups.ok());
    CHECK(find_issue(no_groups, "triage.json", "/groups", "missing field") != nullptr);
    CHECK_FALSE(no_groups.content.triage.validated);
}

TEST_CASE("pages: an empty group, a duplicate group id and a group without a title are errors", "[pages][content]") {
    const ContentLoad empty = load_content(edited("triage.json", [](json& j) {
        j["groups"].push_back({{"id", "spare"}, {"title", "Anything else?"}});
    }));
    CHECK_FALSE(empty.ok());
    CHECK(find_issue(empty, "triage.json", "/groups/4", "has no questions") != nullptr);
    const ContentLoad duplicate = load_content(edited("triage.json", [](json& j) {
        j["groups"].push_back({{"id", "calf_today"}, {"title", "Again?"}});
    }));
    CHECK(find_issue(duplicate, "triage.json", "/groups/4/id", "duplicate id \"calf_today\"") != nullptr);
    const ContentLoad untitled = load_content(edited("triage.json", [](json& j) { j["groups"][1].erase("title"); }));
    CHECK(find_issue(untitled, "triage.json", "/groups/1/title", "missing field") != nullptr);
}

TEST_CASE("pages: a clinic may add a question to a group, or add a group", "[pages][content][floor]") {
    const ContentLoad load = load_content(edited("triage.json", [](json& j) {
        j["groups"].push_back({{"id", "clinic_extra"}, {"title", "Since your last visit, have you had any of these?"}});
        j["questions"].push_back({{"id", "new_medicine"}, {"group", "clinic_extra"}, {"text", "Have you started a new medicine?"},
                                  {"item", "A new medicine"}});
        j["questions"].push_back({{"id", "smoker"}, {"group", "your_health"}, {"text", "Do you smoke?"}, {"item", "You smoke"}});
        j["rules"].push_back({{"id", "new_medicine"}, {"level", "caution"}, {"when", json::parse(R"([["new_medicine"]])")},
                              {"advice", "Go gently today."}, {"source", "Clinic protocol 2"}});
        j["rules"].push_back({{"id", "smoker"}, {"level", "see_professional"}, {"when", json::parse(R"([["smoker"]])")},
                              {"advice", "Ask us first."}, {"source", "Clinic protocol 3"}});
    }));
    INFO(all_issues(load));
    REQUIRE(load.ok());
    const std::vector<TriagePage> pages = triage_pages(load.content.triage);
    REQUIRE(pages.size() == 5);
    CHECK(pages[4].group->id == "clinic_extra");
    CHECK(pages[2].items.size() == 7);
    PageAnswers answers;
    for (const TriagePage& page : pages) answers[page.group->id] = none_of_these();
    CHECK(evaluate_triage(load.content.triage, triage_answers_from_pages(load.content.triage, answers)).level == SafetyLevel::Ok);
    answers["clinic_extra"].marked["new_medicine"] = ItemMark::Yes;
    CHECK(evaluate_triage(load.content.triage, triage_answers_from_pages(load.content.triage, answers)).level == SafetyLevel::Caution);
}

TEST_CASE("pages: clinic content that moves a fixed question off its page is rejected", "[pages][content][floor]") {
    const ContentLoad moved = load_content(edited("triage.json", [](json& j) { (*question_by_id(j, "numbness"))["group"] = "skin_injuries"; }));
    CHECK_FALSE(moved.ok());
    CHECK(find_issue(moved, "triage.json", "/groups", "fixed question 'numbness' must stay in group 'calf_today'") != nullptr);
    // A clot sign on the remembered page would be skipped for days: two reasons to refuse it.
    const ContentLoad remembered = load_content(edited("triage.json", [](json& j) { (*question_by_id(j, "one_leg_swollen"))["group"] = "your_health"; }));
    CHECK(find_issue(remembered, "triage.json", "/groups", "'one_leg_swollen' must stay in group 'calf_today'") != nullptr);
    CHECK(find_issue(remembered, "triage.json", "/groups", "is never remembered") != nullptr);
    // The emergency page must come first, so an emergency item stops the check at once.
    const ContentLoad late = load_content(edited("triage.json", [](json& j) { std::swap(j["groups"][0], j["groups"][1]); }));
    CHECK_FALSE(late.ok());
    CHECK(find_issue(late, "triage.json", "/groups", "group 'right_now' must come first") != nullptr);
    const ContentLoad dropped = load_content(edited("triage.json", [](json& j) {
        j["groups"].erase(3);
        for (json& q : j["questions"]) if (q["group"] == "skin_injuries") q["group"] = "calf_today";
    }));
    CHECK(find_issue(dropped, "triage.json", "/groups", "missing fixed group 'skin_injuries'") != nullptr);
}

TEST_CASE("pages: an urgent question on the remembered page turns the memory off", "[pages][content][floor][recheck]") {
    // A clinic's stricter rule on a remembered question, or a new urgent sign there: the content is
    // valid (stricter is allowed) but "none of these" is then never remembered: it is asked every time.
    const std::string stored = remembered_none_to_json(*remember_none_from_pages(shipped_triage(), all_none(), iso_at(0)));
    const ContentLoad stricter = load_content(edited("triage.json", [](json& j) {
        for (json& rule : j["rules"]) if (rule["id"] == "bleeding_risk") rule["level"] = "urgent";
    }));
    const ContentLoad added = load_content(edited("triage.json", [](json& j) {
        j["questions"].push_back({{"id", "new_swelling"}, {"group", "your_health"}, {"text", "Is a leg newly swollen?"},
                                  {"item", "A newly swollen leg"}});
        j["rules"].push_back({{"id", "new_swelling"}, {"level", "urgent"}, {"when", json::parse(R"([["new_swelling"]])")},
                              {"advice", "Get help today."}, {"source", "Clinic protocol 4"}});
    }));
    for (const ContentLoad* load : {&stricter, &added}) {
        INFO(all_issues(*load));
        REQUIRE(load->ok());
        CHECK(find_issue(*load, "triage.json", "/groups", "is never remembered")->warning);
        CHECK(remember_none_days(load->content.triage) == 0);
        CHECK_FALSE(remember_none_from_pages(load->content.triage, all_none(), iso_at(0)));
        CHECK(read_remembered_none(stored, load->content.triage, iso_at(kDay)).status == RememberedStatus::NotRemembered);
        CHECK(plan_recheck(load->content.triage, stored, iso_at(kDay)).ask.size() == 4);
    }
    CHECK(remembered_group_blockers(stricter.content.triage) == std::vector<std::string>{"blood_thinners"});
    CHECK(remembered_group_blockers(shipped_triage()).empty());
}

TEST_CASE("pages: a clinic may make a question on a later page an emergency, with a warning", "[pages][content][floor]") {
    const ContentLoad load = load_content(edited("triage.json", [](json& j) {
        for (json& rule : j["rules"]) if (rule["id"] == "nerve_symptoms") rule["level"] = "emergency";
    }));
    INFO(all_issues(load));
    REQUIRE(load.ok());
    const ContentIssue* issue = find_issue(load, "triage.json", "/groups/1", "alone gives 'emergency': it is asked after the first page");
    REQUIRE(issue != nullptr);
    CHECK(issue->warning);
    // The check still stops after that page.
    PageAnswers pages;
    pages["right_now"] = none_of_these();
    pages["calf_today"] = none_of_these();
    CHECK_FALSE(pages_decide_emergency(load.content.triage, pages));
    pages["calf_today"].marked["numbness"] = ItemMark::NotSure;
    CHECK(pages_decide_emergency(load.content.triage, pages));
}

TEST_CASE("pages: a clinic may shorten how long none is remembered, never lengthen it", "[pages][content][floor][recheck]") {
    const ContentLoad shorter = load_content(edited("triage.json", [](json& j) { (*group_by_id(j, "your_health"))["remember_none_days"] = 3; }));
    INFO(all_issues(shorter));
    REQUIRE(shorter.ok());
    CHECK(remember_none_days(shorter.content.triage) == 3);
    const ContentLoad never = load_content(edited("triage.json", [](json& j) { (*group_by_id(j, "your_health"))["remember_none_days"] = 0; }));
    REQUIRE(never.ok());
    CHECK(remember_none_days(never.content.triage) == 0);
    for (const json& bad : {json(8), json(-1), json(1000000000000LL), json("7"), json(2.5)}) {
        INFO(bad.dump());
        const ContentLoad longer = load_content(edited("triage.json", [&](json& j) { (*group_by_id(j, "your_health"))["remember_none_days"] = bad; }));
        CHECK_FALSE(longer.ok());
        CHECK(find_issue(longer, "triage.json", "/groups/2/remember_none_days") != nullptr);
    }
    const ContentLoad other = load_content(edited("triage.json", [](json& j) { (*group_by_id(j, "skin_injuries"))["remember_none_days"] = 2; }));
    CHECK(find_issue(other, "triage.json", "/groups", "only group 'your_health' may be remembered") != nullptr);
    // The cap also holds for content built in code, which never went through the loader.
    TriageContent built = shipped_triage();
    for (TriageGroup& g : built.groups) if (g.id == "your_health") g.remember_none_days = 30;
    CHECK(remember_none_days(built) == kRememberNoneMaxDays);
    CHECK_FALSE(triage_group_floor_problems(built).empty());
}

TEST_CASE("pages: groups out of severity order get a warning", "[pages][content]") {
    const ContentLoad load = load_content(edited("triage.json", [](json& j) { std::swap(j["groups"][2], j["groups"][3]); }));
    INFO(all_issues(load));
    CHECK(load.ok());
    const ContentIssue* issue = find_issue(load, "triage.json", "/groups/3", "more severe than the group before it");
    REQUIRE(issue != nullptr);
    CHECK(issue->warning);
}

//-----------------------------------------------------------------------------
// [SECTION] Pages against the oracle (all 2^18)
//-----------------------------------------------------------------------------

TEST_CASE("pages: every yes/no combination through the pages gives the oracle's level", "[pages][exhaustive]") {
    // Each combination as a person would tick it: its yes items marked, "None of these" or "None of
    // the others" tapped on each page. The answers must be exactly the per-question ones, the level
    // the oracle's and evaluate_triage's.
    const TriageContent& triage = shipped_triage();
    std::uint32_t mismatches = 0;
    for (std::uint32_t mask = 0; mask < kCombinations; ++mask) {
        const TriageAnswers answers = triage_answers_from_pages(triage, pages_for(mask, ItemMark::Yes, true));
        bool exact = answers.size() == kOracleIds.size();
        for (std::size_t bit = 0; bit < kOracleIds.size() && exact; ++bit) {
            const auto it = answers.find(kOracleIds[bit]);
            exact = it != answers.end() && it->second == ((mask >> bit) & 1u ? Answer::Yes : Answer::No);
        }
        const SafetyLevel level = triage_level(triage, answers);
        const bool full_agrees = mask % 64 != 0 || evaluate_triage(triage, answers).level == level;
        if ((!exact || level != oracle_level(mask) || !full_agrees) && ++mismatches <= 5)
            FAIL_CHECK("mask " << mask << ": pages " << to_string(level) << ", oracle " << to_string(oracle_level(mask)));
    }
    CHECK(mismatches == 0);
}

TEST_CASE("pages: not sure counts as yes for every combination", "[pages][exhaustive]") {
    const TriageContent& triage = shipped_triage();
    std::uint32_t mismatches = 0;
    for (std::uint32_t mask = 0; mask < kCombinations; ++mask) {
        const TriageAnswers answers = triage_answers_from_pages(triage, pages_for(mask, ItemMark::NotSure, true));
        if (triage_level(triage, answers) != oracle_level(mask)) ++mismatches;
    }
    CHECK(mismatches == 0);
}

TEST_CASE("pages: marked items without a none tap leave the rest of the page counted as yes", "[pages][exhaustive]") {
    // Without "None of the others", every item of a page with a mark counts as yes: the level is the
    // oracle's for the whole page answered yes, and never milder than the person's own answers.
    const TriageContent& triage = shipped_triage();
    const auto bits = page_bits();
    std::uint32_t mismatches = 0;
    for (std::uint32_t mask = 0; mask < kCombinations; ++mask) {
        std::uint32_t widened = 0;
        for (const auto& page : bits)
            if (page.second & mask) widened |= page.second;
        const SafetyLevel level = triage_level(triage, triage_answers_from_pages(triage, pages_for(mask, ItemMark::Yes, false)));
        if (level != oracle_level(widened) || level < oracle_level(mask)) ++mismatches;
    }
    CHECK(mismatches == 0);
}

TEST_CASE("pages: an unanswered page counts as yes", "[pages]") {
    const TriageContent& triage = shipped_triage();
    for (const TriageGroup& group : triage.groups) {
        INFO(group.id);
        PageAnswers pages = all_none();
        pages.erase(group.id);
        const TriageAnswers answers = triage_answers_from_pages(triage, pages);
        SafetyLevel most_severe = SafetyLevel::Ok;
        for (const TriageQuestion& q : triage.questions) {
            if (q.group != group.id) continue;
            CHECK(answers.count(q.id) == 0);  // left out: the engine counts it as yes
            most_severe = std::max(most_severe, level_alone(triage, q.id));
        }
        CHECK(evaluate_triage(triage, answers).level == most_severe);
    }
    CHECK(evaluate_triage(triage, triage_answers_from_pages(triage, {})).level == SafetyLevel::Emergency);
}

//-----------------------------------------------------------------------------
// [SECTION] Random page answers
//-----------------------------------------------------------------------------

TEST_CASE("pages: random page answers never count an item as no unless its page said none", "[pages][random]") {
    const TriageContent& triage = shipped_triage();
    std::mt19937 random(20261207);
    std::vector<std::string> ids = kOracleIds;
    ids.push_back("not_a_question");
    for (int round = 0; round < 20000; ++round) {
        PageAnswers pages;
        for (const TriageGroup& group : triage.groups) {
            const unsigned kind = random() % 4;  // 0: unanswered, 1: none of these, 2: marks, 3: marks + none of the others
            if (kind == 0) continue;
            PageAnswer& page = pages[group.id];
            page.none_of_the_rest = kind != 2;
            if (kind >= 2) {
                for (const TriageQuestion& q : triage.questions)
                    if (q.group == group.id && random() % 3 == 0) page.marked[q.id] = random() % 2 ? ItemMark::Yes : ItemMark::NotSure;
                if (random() % 8 == 0) page.marked[ids[random() % ids.size()]] = ItemMark::Yes;  // filed under the wrong page
            }
        }
        if (random() % 16 == 0) pages["no_such_page"] = none_of_these();
        const TriageAnswers answers = triage_answers_from_pages(triage, pages);
        for (const TriageQuestion& q : triage.questions) {
            const auto own = pages.find(q.group);
            const PageAnswer* mine = own == pages.end() ? nullptr : &own->second;
            std::optional<ItemMark> mark;
            for (const auto& entry : pages)
                if (auto it = entry.second.marked.find(q.id); it != entry.second.marked.end()) mark = it->second;
            const auto it = answers.find(q.id);
            const std::optional<Answer> got = it == answers.end() ? std::nullopt : std::optional<Answer>(it->second);
            if (got == Answer::No) {
                // The one way to a "no": its own page tapped none and nothing marked it anywhere.
                if (!(mine && mine->none_of_the_rest && !mark)) FAIL("round " << round << ": " << q.id << " is no without its page's none");
            } else if (mark) {
                if (got != (*mark == ItemMark::Yes ? Answer::Yes : Answer::Unsure)) FAIL("round " << round << ": " << q.id << " lost its mark");
            } else {
                if (got) FAIL("round " << round << ": " << q.id << " got an answer nobody gave");
                if (mine && mine->none_of_the_rest) FAIL("round " << round << ": " << q.id << " is not no though its page said none");
            }
        }
        CHECK(answers.count("not_a_question") == 0);
        // Marking one more item never makes the result milder.
        const SafetyLevel level = triage_level(triage, answers);
        PageAnswers more = pages;
        more[triage.questions[random() % triage.questions.size()].group].marked[ids[random() % kOracleIds.size()]] = ItemMark::NotSure;
        if (triage_level(triage, triage_answers_from_pages(triage, more)) < level) FAIL("round " << round << ": a mark made it milder");
    }
}

//-----------------------------------------------------------------------------
// [SECTION] Early stop
//-----------------------------------------------------------------------------

TEST_CASE("pages: an emergency item stops the check after its page", "[pages]") {
    const TriageContent& triage = shipped_triage();
    PageAnswers first;
    first["right_now"] = none_of_these();
    CHECK_FALSE(pages_decide_emergency(triage, first));
    first["right_now"].none_of_the_rest = false;
    first["right_now"].marked["chest_symptoms"] = ItemMark::NotSure;
    CHECK(pages_decide_emergency(triage, first));
    // Spreading redness alone is urgent, but the emergency items left unmarked are not ruled out...
    first["right_now"].marked.clear();
    first["right_now"].marked["spreading_redness_fever"] = ItemMark::Yes;
    CHECK(pages_decide_emergency(triage, first));
    // ...until "None of the others" rules them out.
    first["right_now"].none_of_the_rest = true;
    CHECK_FALSE(pages_decide_emergency(triage, first));
    CHECK_FALSE(pages_decide_emergency(triage, {}));  // nothing answered yet: nothing decided
}

TEST_CASE("pages: the early stop agrees with evaluate_triage for every combination", "[pages][exhaustive]") {
    // After each page in order: a stop means the full result is an emergency; after the first page
    // (the emergency items) it stops exactly when an emergency item is marked.
    const TriageContent& triage = shipped_triage();
    const std::vector<TriagePage> order = triage_pages(triage);
    std::uint32_t problems = 0;
    // Every 7th combination (about 37,000, each page by page), half with "None of the others" tapped.
    std::uint32_t checked = 0;
    for (std::uint32_t mask = 0; mask < kCombinations; mask += 7, ++checked) {
        const bool rest_none = mask % 3 != 0;
        const PageAnswers all = pages_for(mask, ItemMark::Yes, rest_none);
        const SafetyLevel full = triage_level(triage, triage_answers_from_pages(triage, all));
        PageAnswers so_far;
        for (std::size_t p = 0; p < order.size(); ++p) {
            so_far[order[p].group->id] = all.at(order[p].group->id);
            const bool stop = pages_decide_emergency(triage, so_far);
            if (stop && full != SafetyLevel::Emergency) ++problems;
            // Spreading redness alone leaves the unmarked emergency items not ruled out without the tap.
            if (p == 0 && stop != ((mask & 0b11u) != 0 || (!rest_none && (mask & (1u << 6)) != 0))) ++problems;
        }
    }
    CHECK(checked > 37000);
    CHECK(problems == 0);
}

TEST_CASE("pages: content that was not validated never stops early and never gives a go-ahead", "[pages]") {
    TriageContent unchecked = shipped_triage();
    unchecked.validated = false;
    PageAnswers pages = all_none();
    pages["right_now"].marked["chest_symptoms"] = ItemMark::Yes;
    CHECK_FALSE(pages_decide_emergency(unchecked, pages));
    CHECK(evaluate_triage(unchecked, triage_answers_from_pages(unchecked, all_none())).level == SafetyLevel::SeeProfessional);
    const TriageWhy why = explain_triage(unchecked, all_none(), evaluate_triage(unchecked, {}));
    CHECK(why.lines.empty());
    REQUIRE(why.advice.size() == 1);
}

//-----------------------------------------------------------------------------
// [SECTION] Why
//-----------------------------------------------------------------------------

TEST_CASE("why: the reasons are what the person said, each with its rules' sources, and the advice comes once", "[pages][why]") {
    const TriageContent& triage = shipped_triage();
    PageAnswers pages = all_none();
    pages["calf_today"].marked["one_leg_swollen"] = ItemMark::Yes;
    pages["your_health"].marked["clot_history"] = ItemMark::NotSure;  // "None of the others" stays tapped
    const TriageResult result = evaluate_triage(triage, triage_answers_from_pages(triage, pages));
    REQUIRE(result.level == SafetyLevel::Urgent);
    const TriageWhy why = explain_triage(triage, pages, result);
    REQUIRE(why.lines.size() == 2);
    CHECK(why.lines[0].question_id == "one_leg_swollen");
    CHECK(why.lines[0].answer == WhyAnswer::Said);
    CHECK(why.lines[0].text == "You said: one leg is swollen and the other is not");
    CHECK(why.lines[0].level == SafetyLevel::Urgent);
    CHECK(why.lines[0].rule_ids == std::vector<std::string>{"clot_sign_with_risk_factor", "possible_leg_clot"});
    CHECK(why.lines[0].sources == std::vector<std::string>{"NHS: DVT symptoms and risk factors", "NHS: DVT symptoms"});
    CHECK(why.lines[1].question_id == "clot_history");
    CHECK(why.lines[1].answer == WhyAnswer::NotSure);
    CHECK(why.lines[1].text == "You were not sure about: you have had a blood clot, or been told you have a clotting problem");
    CHECK(why.lines[1].rule_ids == std::vector<std::string>{"clot_sign_with_risk_factor", "past_clot"});
    // Each triggered rule's advice once, most severe first; never repeated under the reasons.
    REQUIRE(why.advice.size() == result.rules.size());
    CHECK(why.advice.front() == result.rules.front().advice);
    for (std::size_t i = 0; i < why.advice.size(); ++i)
        for (std::size_t j = i + 1; j < why.advice.size(); ++j) CHECK(why.advice[i] != why.advice[j]);
    for (const WhyLine& line : why.lines)
        for (const std::string& advice : why.advice) CHECK(line.text.find(advice) == std::string::npos);
}

TEST_CASE("why: items not ruled out on a page are named as such", "[pages][why]") {
    const TriageContent& triage = shipped_triage();
    PageAnswers pages = all_none();
    pages["skin_injuries"] = PageAnswer{};
    pages["skin_injuries"].marked["sore_after_exercise"] = ItemMark::Yes;  // no "None of the others"
    const TriageResult result = evaluate_triage(triage, triage_answers_from_pages(triage, pages));
    CHECK(result.level == SafetyLevel::Wait);
    const TriageWhy why = explain_triage(triage, pages, result);
    REQUIRE(why.lines.size() == 3);
    CHECK(why.lines[0].answer == WhyAnswer::NotRuledOut);
    CHECK(why.lines[0].text == "You did not rule out: a cut, wound, burn, rash or skin infection on your lower leg");
    CHECK(why.lines[0].sources == std::vector<std::string>{"NHS: cuts and grazes, healing"});
    CHECK(why.lines[2].answer == WhyAnswer::Said);
    CHECK(why.lines[2].level == SafetyLevel::Caution);
    // With the tap, only what was said remains.
    pages["skin_injuries"].none_of_the_rest = true;
    const TriageResult caution = evaluate_triage(triage, triage_answers_from_pages(triage, pages));
    CHECK(caution.level == SafetyLevel::Caution);
    CHECK(explain_triage(triage, pages, caution).lines.size() == 1);
}

TEST_CASE("why: an ok result has no reasons and no advice", "[pages][why]") {
    const TriageContent& triage = shipped_triage();
    const TriageResult result = evaluate_triage(triage, triage_answers_from_pages(triage, all_none()));
    CHECK(result.level == SafetyLevel::Ok);
    const TriageWhy why = explain_triage(triage, all_none(), result);
    CHECK(why.lines.empty());
    CHECK(why.advice.empty());
}

//-----------------------------------------------------------------------------
// [SECTION] The re-check's memory
//-----------------------------------------------------------------------------

TEST_CASE("recheck: none on the remembered page is stored, read back and pre-filled within the limit", "[recheck]") {
    const TriageContent& triage = shipped_triage();
    const std::optional<RememberedNone> fact = remember_none_from_pages(triage, all_none(), iso_at(0));
    REQUIRE(fact);
    const std::string stored = remembered_none_to_json(*fact);
    CHECK(stored.size() < 160);
    CHECK(json::parse(stored)["v"] == 1);
    CHECK(json::parse(stored)["none_at"] == "2026-12-07T09:00:00Z");
    const RememberedRead read = read_remembered_none(stored, triage, iso_at(3 * kDay));
    REQUIRE(read.status == RememberedStatus::Valid);
    CHECK(read.age_seconds == 3 * kDay);
    const RecheckPlan plan = plan_recheck(triage, stored, iso_at(3 * kDay));
    CHECK(plan.still_true_group == "your_health");
    CHECK(plan.ask == std::vector<std::string>{"right_now", "calf_today", "skin_injuries"});
    REQUIRE(plan.fact);
    CHECK(plan.fact->none_at == "2026-12-07T09:00:00Z");
    // "Still true" plus "None of these" on every page asked: the same answers as a full check.
    PageAnswers pages = plan.prefill;
    for (const std::string& group : plan.ask) pages[group] = none_of_these();
    CHECK(triage_answers_from_pages(triage, pages) == triage_answers_from_pages(triage, all_none()));
    CHECK(evaluate_triage(triage, triage_answers_from_pages(triage, pages)).level == SafetyLevel::Ok);
    // Without "Still true" the remembered page is unanswered: it counts as yes.
    PageAnswers without;
    for (const std::string& group : plan.ask) without[group] = none_of_these();
    CHECK(evaluate_triage(triage, triage_answers_from_pages(triage, without)).level == SafetyLevel::SeeProfessional);
}

TEST_CASE("recheck: a remembered none is never older than the limit", "[recheck]") {
    const ContentLoad three = load_content(edited("triage.json", [](json& j) { (*group_by_id(j, "your_health"))["remember_none_days"] = 3; }));
    REQUIRE(three.ok());
    for (const TriageContent* triage : {&shipped_triage(), &three.content.triage}) {
        const int days = remember_none_days(*triage);
        INFO("limit " << days << " days");
        const std::string stored = remembered_none_to_json(*remember_none_from_pages(*triage, all_none(), iso_at(0)));
        std::vector<std::int64_t> ages = {-kDay, -1, 0, 1, days * kDay - 1, days * kDay, days * kDay + 1, 8 * kDay, 400 * kDay};
        for (std::int64_t hour = 0; hour <= 9 * 24; hour += 5) ages.push_back(hour * 3600);
        for (std::int64_t age : ages) {
            INFO("age " << age << " s");
            const RememberedRead read = read_remembered_none(stored, *triage, iso_at(age));
            const bool valid = age >= 0 && age <= days * kDay;
            CHECK((read.status == RememberedStatus::Valid) == valid);
            if (age < 0) CHECK(read.status == RememberedStatus::FromTheFuture);
            if (age > days * kDay) CHECK(read.status == RememberedStatus::TooOld);
            if (read.fact) CHECK(read.age_seconds <= kRememberNoneMaxDays * kDay);
            const RecheckPlan plan = plan_recheck(*triage, stored, iso_at(age));
            CHECK(plan.ask.size() == (valid ? 3u : 4u));
            CHECK(plan.prefill.empty() == !valid);
            CHECK(plan.still_true_group.empty() == !valid);
        }
    }
}

TEST_CASE("recheck: a corrupt, future or other-content remembered none is ignored and the full check runs", "[recheck]") {
    const TriageContent& triage = shipped_triage();
    const std::string now = iso_at(kDay);
    const RememberedNone good = *remember_none_from_pages(triage, all_none(), iso_at(0));
    const std::string stored = remembered_none_to_json(good);
    REQUIRE(read_remembered_none(stored, triage, now).status == RememberedStatus::Valid);
    const auto with = [&](const std::function<void(json&)>& edit) {
        json j = json::parse(stored);
        edit(j);
        return j.dump();
    };
    const std::vector<std::string> corrupt = {
        "x", "{", "[]", "null", "\"your_health\"", stored.substr(0, stored.size() - 1), stored + stored,
        with([](json& j) { j["v"] = 2; }), with([](json& j) { j["v"] = "1"; }), with([](json& j) { j.erase("v"); }),
        with([](json& j) { j["none_at"] = "2026-12-07 09:00:00"; }), with([](json& j) { j["none_at"] = "2026-13-07T09:00:00Z"; }),
        with([](json& j) { j["none_at"] = 1796634000; }), with([](json& j) { j["group"] = nullptr; }),
        with([](json& j) { j["extra"] = true; }), with([](json& j) { j["items"] = json::array(); }),
        std::string(2000, ' ') + stored, "{\"v\":1,\"group\":{\"a\":{\"b\":1}}}", std::string("\xff\xfe", 2),
    };
    for (const std::string& text : corrupt) {
        INFO(text);
        CHECK(read_remembered_none(text, triage, now).status == RememberedStatus::Corrupt);
        const RecheckPlan plan = plan_recheck(triage, text, now);
        CHECK(plan.ask.size() == 4);
        CHECK(plan.prefill.empty());
    }
    CHECK(read_remembered_none("", triage, now).status == RememberedStatus::Nothing);
    CHECK(read_remembered_none(stored, triage, iso_at(-60)).status == RememberedStatus::FromTheFuture);
    CHECK(read_remembered_none(stored, triage, "yesterday").status == RememberedStatus::NoClock);
    CHECK(read_remembered_none(with([](json& j) { j["group"] = "calf_today"; }), triage, now).status == RememberedStatus::OtherContent);
    CHECK(read_remembered_none(with([](json& j) { j["content"] = "0.9.0"; }), triage, now).status == RememberedStatus::OtherContent);
    // Another triage.json version, a page with another item or another wording: never reused.
    const ContentLoad newer = load_content(edited("triage.json", [](json& j) { j["version"] = "1.0.1"; }));
    const ContentLoad added = load_content(edited("triage.json", [](json& j) {
        j["questions"].push_back({{"id", "smoker"}, {"group", "your_health"}, {"text", "Do you smoke?"}, {"item", "You smoke"}});
        j["rules"].push_back({{"id", "smoker"}, {"level", "see_professional"}, {"when", json::parse(R"([["smoker"]])")},
                              {"advice", "Ask us first."}, {"source", "Clinic protocol 3"}});
    }));
    const ContentLoad reworded = load_content(edited("triage.json", [](json& j) { (*question_by_id(j, "varicose_veins"))["item"] = "Veins"; }));
    for (const ContentLoad* load : {&newer, &added, &reworded}) {
        INFO(all_issues(*load));
        REQUIRE(load->ok());
        CHECK(read_remembered_none(stored, load->content.triage, now).status == RememberedStatus::OtherContent);
        CHECK(plan_recheck(load->content.triage, stored, now).ask.size() == 4);
    }
    // Content that remembers nothing, or was not validated, never skips the page.
    const ContentLoad never = load_content(edited("triage.json", [](json& j) { (*group_by_id(j, "your_health"))["remember_none_days"] = 0; }));
    CHECK(read_remembered_none(stored, never.content.triage, now).status == RememberedStatus::NotRemembered);
    TriageContent unchecked = triage;
    unchecked.validated = false;
    CHECK(read_remembered_none(stored, unchecked, now).status == RememberedStatus::NotRemembered);
    CHECK_FALSE(remember_none_from_pages(unchecked, all_none(), now));
}

TEST_CASE("recheck: only a plain none of these on the remembered page is remembered", "[recheck]") {
    const TriageContent& triage = shipped_triage();
    PageAnswers pages = all_none();
    CHECK(remember_none_from_pages(triage, pages, iso_at(0)));
    CHECK_FALSE(remember_none_from_pages(triage, pages, "not a time"));
    pages["your_health"].marked["varicose_veins"] = ItemMark::NotSure;  // with "None of the others"
    CHECK_FALSE(remember_none_from_pages(triage, pages, iso_at(0)));
    pages["your_health"] = PageAnswer{};  // unanswered
    CHECK_FALSE(remember_none_from_pages(triage, pages, iso_at(0)));
    pages.erase("your_health");
    CHECK_FALSE(remember_none_from_pages(triage, pages, iso_at(0)));
    // The other pages' answers do not matter: they are asked again every time.
    PageAnswers others_yes = all_none();
    others_yes["calf_today"].marked["one_leg_swollen"] = ItemMark::Yes;
    CHECK(remember_none_from_pages(triage, others_yes, iso_at(0)));
}

TEST_CASE("recheck: the stored form shown in docs/cli.md reads back with the shipped content", "[recheck]") {
    // Keeps the documented example (its items hash above all) true to the code.
    const std::string doc = read_text_file(std::string(CALFCOACH_SOURCE_DIR) + "/docs/cli.md");
    const std::size_t start = doc.find("{\"v\":1,\"group\":\"your_health\"");
    REQUIRE(start != std::string::npos);
    const std::string example = doc.substr(start, doc.find('\n', start) - start);
    const RememberedRead read = read_remembered_none(example, shipped_triage(), iso_at(kDay));
    CHECK(read.status == RememberedStatus::Valid);
    REQUIRE(read.fact);
    CHECK(remembered_none_to_json(*read.fact) == example);
}
