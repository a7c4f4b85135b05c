// triage_recheck.cpp — the remembered "None of these": writing it, reading it back (totally), and
// which pages a re-check asks.
//
// [SECTION] The remembered fact
// [SECTION] Reading it back
// [SECTION] Planning a re-check
#include "core/triage_recheck.hpp"

#include <algorithm>

#include "core/fnv1a.hpp"
#include "core/history.hpp"  // is_iso_utc_timestamp, seconds_between
#include "core/json_safe.hpp"

namespace calfcoach {

//-----------------------------------------------------------------------------
// [SECTION] The remembered fact
//-----------------------------------------------------------------------------

int remember_none_days(const TriageContent& content) {
    if (!content.validated) return 0;  // nothing from unchecked content is ever skipped
    const TriageGroup* group = content.find_group(kRememberedGroupId);
    if (!group) return 0;
    // A sign that can change from one day to the next must be asked every time.
    if (!remembered_group_blockers(content).empty()) return 0;
    return std::clamp(group->remember_none_days, 0, kRememberNoneMaxDays);  // the cap, whatever the content says
}

std::string remembered_items_hash(const TriageContent& content, std::string_view group_id) {
    std::string bytes(group_id);
    for (const TriageQuestion& q : content.questions) {
        if (q.group != group_id) continue;
        // A separator that cannot occur in ids or item texts written by people.
        bytes += '\x1f';
        bytes += q.id;
        bytes += '\x1f';
        bytes += q.item;
    }
    return hex64(fnv1a64(bytes));
}

std::optional<RememberedNone> remember_none_from_pages(const TriageContent& content, const PageAnswers& pages,
                                                      std::string_view now) {
    if (remember_none_days(content) == 0 || !is_iso_utc_timestamp(now)) return std::nullopt;
    const auto page = pages.find(kRememberedGroupId);
    // Only the plain "None of these": a page with any mark (even with "None of the others") is not it.
    if (page == pages.end() || !page->second.none_of_these()) return std::nullopt;
    return RememberedNone{std::string(kRememberedGroupId), std::string(now), content.version,
                          remembered_items_hash(content, kRememberedGroupId)};
}

std::string remembered_none_to_json(const RememberedNone& fact) {
    nlohmann::ordered_json out = nlohmann::ordered_json::object();
    out["v"] = kRememberedNoneFormat;
    out["group"] = fact.group;
    out["none_at"] = fact.none_at;
    out["content"] = fact.content_version;
    out["items"] = fact.items_hash;
    return out.dump(-1, ' ', /*ensure_ascii=*/false, nlohmann::ordered_json::error_handler_t::replace);
}

//-----------------------------------------------------------------------------
// [SECTION] Reading it back
//-----------------------------------------------------------------------------

std::string_view to_string(RememberedStatus status) {
    switch (status) {
        case RememberedStatus::Valid: return "valid";
        case RememberedStatus::Nothing: return "nothing";
        case RememberedStatus::Corrupt: return "corrupt";
        case RememberedStatus::OtherContent: return "other_content";
        case RememberedStatus::NotRemembered: return "not_remembered";
        case RememberedStatus::FromTheFuture: return "from_the_future";
        case RememberedStatus::TooOld: return "too_old";
        case RememberedStatus::NoClock: return "no_clock";
    }
    return "corrupt";
}

namespace {

// The string member `key`, or nullopt when absent or not a string.
std::optional<std::string> string_member(const nlohmann::json& object, std::string_view key) {
    const auto it = object.find(key);
    if (it == object.end() || !it->is_string()) return std::nullopt;
    return it->get<std::string>();
}

// The stored text as a fact, or nullopt when it is not exactly the format written above.
std::optional<RememberedNone> parse_fact(std::string_view stored) {
    const JsonParseResult parsed = parse_json_limited(stored, JsonLimits{kRememberedNoneMaxBytes, 2});
    if (!parsed.ok || !parsed.value.is_object() || parsed.value.size() != 5) return std::nullopt;
    const auto v = parsed.value.find("v");
    if (v == parsed.value.end() || !v->is_number_integer() || v->get<std::int64_t>() != kRememberedNoneFormat)
        return std::nullopt;
    RememberedNone fact;
    auto group = string_member(parsed.value, "group");
    auto none_at = string_member(parsed.value, "none_at");
    auto content = string_member(parsed.value, "content");
    auto items = string_member(parsed.value, "items");
    if (!group || !none_at || !content || !items || !is_iso_utc_timestamp(*none_at)) return std::nullopt;
    fact.group = std::move(*group);
    fact.none_at = std::move(*none_at);
    fact.content_version = std::move(*content);
    fact.items_hash = std::move(*items);
    return fact;
}

}  // namespace

RememberedRead read_remembered_none(std::string_view stored, const TriageContent& content, std::string_view now) {
    RememberedRead read;
    if (stored.empty()) return read;  // Nothing
    std::optional<RememberedNone> fact = parse_fact(stored);
    if (!fact) {
        read.status = RememberedStatus::Corrupt;
        return read;
    }
    const int days = remember_none_days(content);
    if (days == 0) {
        read.status = RememberedStatus::NotRemembered;
        return read;
    }
    if (fact->group != kRememberedGroupId || fact->content_version != content.version ||
        fact->items_hash != remembered_items_hash(content, kRememberedGroupId)) {
        read.status = RememberedStatus::OtherContent;
        return read;
    }
    if (!is_iso_utc_timestamp(now)) {
        read.status = RememberedStatus::NoClock;
        return read;
    }
    const std::int64_t age = seconds_between(fact->none_at, now).value_or(-1);
    if (age < 0) {
        read.status = RememberedStatus::FromTheFuture;
        return read;
    }
    if (age > static_cast<std::int64_t>(days) * 24 * 60 * 60) {  // "at most 7 days": exactly 7 days still counts
        read.status = RememberedStatus::TooOld;
        return read;
    }
    read.status = RememberedStatus::Valid;
    read.fact = std::move(fact);
    read.age_seconds = age;
    return read;
}

//-----------------------------------------------------------------------------
// [SECTION] Planning a re-check
//-----------------------------------------------------------------------------

RecheckPlan plan_recheck(const TriageContent& content, std::string_view stored, std::string_view now) {
    RecheckPlan plan;
    RememberedRead read = read_remembered_none(stored, content, now);
    plan.status = read.status;
    for (const TriageGroup& group : content.groups) {
        if (read.fact && group.id == read.fact->group) {
            plan.still_true_group = group.id;
            PageAnswer none;
            none.none_of_the_rest = true;
            plan.prefill[group.id] = none;
            continue;
        }
        plan.ask.push_back(group.id);
    }
    if (!plan.still_true_group.empty()) plan.fact = std::move(read.fact);
    return plan;
}

}  // namespace calfcoach
