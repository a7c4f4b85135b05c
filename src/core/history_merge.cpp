// history_merge.cpp — merging two histories (a restored backup, `calfcoach history merge`); the rules
// are in history.hpp, [SECTION] Merging two histories.
#include <algorithm>
#include <map>
#include <tuple>

#include "core/history.hpp"

namespace calfcoach {
namespace {

int pain_answers(const SessionRecord& r) { return (r.pain_before ? 1 : 0) + (r.pain_after ? 1 : 0); }

// Every record of one side that the merge takes: rule 2 leaves out what the other side folded past.
void take_records(const HistoryData& side, const std::map<std::string, const SessionRecord*>& other_ids,
                  const std::string& other_folded_through, std::map<std::string, SessionRecord>& into) {
    for (const SessionRecord& r : side.records) {
        const bool other_has_it = other_ids.count(r.id) > 0;
        if (!other_has_it && !other_folded_through.empty() && r.started_at <= other_folded_through) continue;
        const auto [at, inserted] = into.emplace(r.id, r);
        if (!inserted && better_record(r, at->second)) at->second = r;
    }
}

std::map<std::string, const SessionRecord*> ids_of(const HistoryData& data) {
    std::map<std::string, const SessionRecord*> ids;
    for (const SessionRecord& r : data.records) ids.emplace(r.id, &r);
    return ids;
}

}  // namespace

bool better_record(const SessionRecord& a, const SessionRecord& b) {
    const auto key = [](const SessionRecord& r) { return std::make_tuple(r.steps_done, pain_answers(r), r.active_seconds); };
    if (key(a) != key(b)) return key(a) > key(b);
    // The canonical JSON holds every field, so two different records never compare equal here.
    return dump_json(record_to_json(a)) > dump_json(record_to_json(b));
}

bool better_summary(const MonthlySummary& a, const MonthlySummary& b) {
    const auto key = [](const MonthlySummary& m) {
        return std::make_tuple(m.sessions, m.active_seconds, m.pain_drop_count, m.pain_drop_total);
    };
    return key(a) > key(b);
}

HistoryData merge_histories(const HistoryData& a, const HistoryData& b, std::size_t keep) {
    std::map<std::string, SessionRecord> records;
    take_records(a, ids_of(b), b.folded_through, records);
    take_records(b, ids_of(a), a.folded_through, records);

    std::map<std::string, MonthlySummary> months;
    for (const HistoryData* side : {&a, &b})
        for (const MonthlySummary& m : side->monthly) {
            const auto [at, inserted] = months.emplace(m.month, m);
            if (!inserted && better_summary(m, at->second)) at->second = m;
        }

    HistoryData out;
    out.folded_through = std::max(a.folded_through, b.folded_through);
    for (auto& [month, summary] : months) out.monthly.push_back(std::move(summary));
    for (auto& [id, record] : records) out.records.push_back(std::move(record));
    std::sort(out.records.begin(), out.records.end(), [](const SessionRecord& x, const SessionRecord& y) {
        return x.started_at != y.started_at ? x.started_at < y.started_at : x.id < y.id;  // the store's order
    });
    fold_oldest(out, keep);
    return out;
}

}  // namespace calfcoach
