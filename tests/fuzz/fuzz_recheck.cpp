// libFuzzer target: any bytes as the re-check's stored "None of these" (core/triage_recheck.hpp),
// read with the shipped content at a fixed time. A read that is Valid must be within the limit and
// write back to a text that reads the same; the plan never skips a page on anything else.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/content.hpp"
#include "core/default_content.hpp"
#include "core/triage_recheck.hpp"

using namespace calfcoach;

namespace {
const TriageContent& shipped_triage() {
    static const ContentLoad load = [] {
        std::map<std::string, std::string, std::less<>> files;
        for (const DefaultContentFile& f : default_content_files()) files[std::string(f.name)] = std::string(f.text);
        return load_content(files);
    }();
    if (!load.ok()) __builtin_trap();
    return load.content.triage;
}
constexpr std::string_view kNow = "2026-12-08T09:00:00Z";
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    const TriageContent& triage = shipped_triage();
    const RememberedRead read = read_remembered_none(input, triage, kNow);
    const RecheckPlan plan = plan_recheck(triage, input, kNow);
    if (plan.status != read.status) __builtin_trap();
    if (read.status != RememberedStatus::Valid) {
        // Anything not valid: no fact, and every page is asked.
        if (read.fact || plan.fact || !plan.prefill.empty() || !plan.still_true_group.empty()) __builtin_trap();
        if (plan.ask.size() != triage.groups.size()) __builtin_trap();
        return 0;
    }
    if (!read.fact || read.age_seconds < 0 || read.age_seconds > kRememberNoneMaxDays * 24 * 60 * 60) __builtin_trap();
    if (plan.still_true_group != kRememberedGroupId || plan.ask.size() + 1 != triage.groups.size()) __builtin_trap();
    // It writes back to a text that reads the same.
    const RememberedRead again = read_remembered_none(remembered_none_to_json(*read.fact), triage, kNow);
    if (again.status != RememberedStatus::Valid || again.fact->none_at != read.fact->none_at) __builtin_trap();
    return 0;
}
