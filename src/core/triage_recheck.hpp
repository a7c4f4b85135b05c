// triage_recheck.hpp — the re-check's memory: that the page which rarely changes (kRememberedGroupId,
// "your_health") was answered "None of these", and when. Nothing else is kept: the answers are health
// data the app does not need, and a "yes" on that page never allows a session anyway.
//
// Stored as a tiny JSON string:
//   {"v":1,"group":"your_health","none_at":"2026-12-02T08:30:00Z","content":"1.0.0","items":"<16 hex>"}
// "content" is triage.json's version and "items" a hash of the page's question ids and item texts, so
// a fact from other content (another version, or a clinic's page with other items) is never reused.
// Reading is total: corrupt, other content, from the future, older than the limit -> ignored, and
// the full check runs. Time is given by the caller (ISO UTC "YYYY-MM-DDTHH:MM:SSZ"); the core never
// reads a clock.
//
// [SECTION] The remembered fact
// [SECTION] Reading it back
// [SECTION] Planning a re-check
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/triage.hpp"
#include "core/triage_pages.hpp"

namespace calfcoach {

inline constexpr int kRememberedNoneFormat = 1;           // "v"
inline constexpr std::size_t kRememberedNoneMaxBytes = 1024;  // longer stored text is corrupt

//-----------------------------------------------------------------------------
// [SECTION] The remembered fact
//-----------------------------------------------------------------------------

struct RememberedNone {
    // The group answered "None of these". Default: empty (nothing remembered).
    std::string group;
    // When, ISO UTC "YYYY-MM-DDTHH:MM:SSZ". Default: empty.
    std::string none_at;
    // triage.json's "version" when it was answered. Default: empty.
    std::string content_version;
    // remembered_items_hash of the group then. Default: empty.
    std::string items_hash;
};

// The days "none" may be remembered with `content`: its remembered group's remember_none_days,
// capped at kRememberNoneMaxDays; 0 when the content remembers nothing, is not validated, or its
// remembered group holds a question that alone gives urgent or emergency (remembered_group_blockers).
int remember_none_days(const TriageContent& content);

// 16 hex digits over the group's id and its questions' ids and item texts, in order.
std::string remembered_items_hash(const TriageContent& content, std::string_view group_id);

// The fact to store after a check, or nullopt when there is nothing to remember (the remembered page
// was not answered "None of these", the content remembers nothing, or `now` is not an ISO UTC time).
// On nullopt the caller ERASES any stored fact: after a "yes" or "Something changed" an old "none"
// must never come back.
std::optional<RememberedNone> remember_none_from_pages(const TriageContent& content, const PageAnswers& pages,
                                                      std::string_view now);

// The stored form (one line of JSON, keys as in the header comment).
std::string remembered_none_to_json(const RememberedNone& fact);

//-----------------------------------------------------------------------------
// [SECTION] Reading it back
//-----------------------------------------------------------------------------

enum class RememberedStatus : std::uint8_t {
    Valid,          // may be offered as "Still true"
    Nothing,        // no stored text (empty)
    Corrupt,        // not the JSON above, a wrong type, an unknown "v", an invalid time, too long
    OtherContent,   // another triage.json version, or the page's items changed
    NotRemembered,  // this content remembers nothing (no remembered group, 0 days, not validated)
    FromTheFuture,  // none_at is after now (a clock changed): never trusted
    TooOld,         // older than remember_none_days(content) days
    NoClock,        // `now` is not an ISO UTC time: nothing can be checked
};

std::string_view to_string(RememberedStatus status);

struct RememberedRead {
    RememberedStatus status = RememberedStatus::Nothing;
    std::optional<RememberedNone> fact;  // set only when status == Valid
    std::int64_t age_seconds = 0;        // how old a Valid fact is
};

// Never throws; anything but a fact within the limit for this very content is ignored.
RememberedRead read_remembered_none(std::string_view stored, const TriageContent& content, std::string_view now);

//-----------------------------------------------------------------------------
// [SECTION] Planning a re-check
//-----------------------------------------------------------------------------

struct RecheckPlan {
    // The groups to ask as full pages, in page order. Default: every group.
    std::vector<std::string> ask;
    // The remembered group, shown as one line ("Still true: none of these — from Monday") with
    // "Still true" and "Something changed". Default: empty (no such line; its page is in `ask`).
    std::string still_true_group;
    // What "Still true" fills in: that group's "None of these". Apply it only when the person taps
    // "Still true"; on "Something changed" ask the full page instead. Default: empty.
    PageAnswers prefill;
    // The remembered fact behind the line (for its date), and why a stored fact was not used.
    std::optional<RememberedNone> fact;
    RememberedStatus status = RememberedStatus::Nothing;
};

// Which pages a check must ask now, given the stored text (may be empty) and now.
RecheckPlan plan_recheck(const TriageContent& content, std::string_view stored, std::string_view now);

}  // namespace calfcoach
