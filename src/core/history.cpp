// history.cpp — records, the two-generation store and export (see history.hpp); dates and the
// summaries of Home and History are in history_dates.cpp.
//
// [SECTION] Records (validation, JSON, order, folding)
// [SECTION] Key-value in memory
// [SECTION] Encoding and decoding a generation (checksum, salvage)
// [SECTION] HistoryStore (load, quarantine, save)
// [SECTION] Export
#include "history.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <functional>
#include <limits>

#include "core/fnv1a.hpp"

namespace calfcoach {

//-----------------------------------------------------------------------------
// [SECTION] Records
//-----------------------------------------------------------------------------
namespace {

constexpr std::size_t kMaxIdBytes = 64;
constexpr int kMaxSteps = 100;
constexpr std::int64_t kMaxActiveSeconds = 86'400;

bool is_short_label(std::string_view s) {
    if (s.empty() || s.size() > kMaxIdBytes) return false;
    return std::none_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7F; });
}

bool record_order(const SessionRecord& a, const SessionRecord& b) {
    return a.started_at != b.started_at ? a.started_at < b.started_at : a.id < b.id;
}

nlohmann::json optional_int(const std::optional<int>& v) { return v ? nlohmann::json(*v) : nlohmann::json(); }

// Small typed readers: false when absent or of the wrong type or range.
bool read_int(const nlohmann::json& obj, const char* key, std::int64_t lo, std::int64_t hi, std::int64_t& out) {
    const auto it = obj.find(key);
    if (it == obj.end() || !it->is_number_integer()) return false;
    if (it->is_number_unsigned() && it->get<std::uint64_t>() > static_cast<std::uint64_t>(hi)) return false;
    const auto v = it->get<std::int64_t>();
    if (v < lo || v > hi) return false;
    out = v;
    return true;
}

bool read_string(const nlohmann::json& obj, const char* key, std::string& out) {
    const auto it = obj.find(key);
    if (it == obj.end() || !it->is_string()) return false;
    out = it->get<std::string>();
    return true;
}

bool read_pain(const nlohmann::json& obj, const char* key, std::optional<int>& out) {
    const auto it = obj.find(key);
    if (it == obj.end() || it->is_null()) {
        out.reset();
        return true;
    }
    std::int64_t v = 0;
    if (!read_int(obj, key, 0, 10, v)) return false;
    out = static_cast<int>(v);
    return true;
}

}  // namespace

std::optional<double> MonthlySummary::average_pain_drop() const {
    if (pain_drop_count <= 0) return std::nullopt;
    return static_cast<double>(pain_drop_total) / static_cast<double>(pain_drop_count);
}

SessionRecord record_from_session(const Session& session, std::int64_t now, std::string id, std::string started_at,
                                  std::optional<int> pain_before, std::optional<int> pain_after, SafetyLevel safety) {
    SessionRecord r;
    r.id = std::move(id);
    r.started_at = std::move(started_at);
    r.routine_id = session.routine_id();
    r.preset = session.options().preset;
    r.left_done = session.leg_done(Side::Left);
    r.right_done = session.leg_done(Side::Right);
    r.steps_done = session.steps_done();
    r.steps_total = session.steps_total();
    r.active_seconds = std::clamp<std::int64_t>(session.active_ms(now) / 1000, 0, kMaxActiveSeconds);
    r.pain_before = pain_before;
    r.pain_after = pain_after;
    r.safety = safety;
    r.ended = session.end_reason();
    return r;
}

std::string validate_record(const SessionRecord& r) {
    if (!is_short_label(r.id)) return "id empty, too long or with control characters";
    if (!is_iso_utc_timestamp(r.started_at)) return "started_at is not YYYY-MM-DDTHH:MM:SSZ";
    if (!is_short_label(r.routine_id)) return "routine id empty, too long or with control characters";
    if (r.steps_total < 0 || r.steps_total > kMaxSteps) return "steps_total out of range";
    if (r.steps_done < 0 || r.steps_done > r.steps_total) return "steps_done out of range";
    if (r.active_seconds < 0 || r.active_seconds > kMaxActiveSeconds) return "active seconds out of range";
    for (const auto& pain : {r.pain_before, r.pain_after})
        if (pain && (*pain < 0 || *pain > 10)) return "pain out of 0 to 10";
    if (static_cast<std::size_t>(r.safety) >= kSafetyLevelNames.size()) return "unknown safety level";
    if (to_string(r.ended) == "unknown") return "unknown end reason";
    if (to_string(r.preset) == "unknown") return "unknown preset";
    if (!r.programme.empty() && !is_short_label(r.programme)) return "programme id too long or with control characters";
    return {};
}

nlohmann::json record_to_json(const SessionRecord& r) {
    nlohmann::json legs = nlohmann::json::array();
    if (r.left_done) legs.push_back("left");
    if (r.right_done) legs.push_back("right");
    nlohmann::json record{{"id", r.id},
                          {"started_at", r.started_at},
                          {"routine", r.routine_id},
                          {"preset", std::string(to_string(r.preset))},
                          {"legs", std::move(legs)},
                          {"steps_done", r.steps_done},
                          {"steps_total", r.steps_total},
                          {"active_s", r.active_seconds},
                          {"pain_before", optional_int(r.pain_before)},
                          {"pain_after", optional_int(r.pain_after)},
                          {"safety", std::string(to_string(r.safety))},
                          {"ended", std::string(to_string(r.ended))}};
    if (!r.programme.empty()) record["programme"] = r.programme;  // absent in records of one's own sessions
    return record;
}

std::optional<SessionRecord> record_from_json(const nlohmann::json& j) {
    if (!j.is_object()) return std::nullopt;
    SessionRecord r;
    std::string name;
    std::int64_t n = 0;
    if (!read_string(j, "id", r.id) || !read_string(j, "started_at", r.started_at) ||
        !read_string(j, "routine", r.routine_id))
        return std::nullopt;
    if (!read_string(j, "preset", name)) return std::nullopt;
    const auto preset = preset_from_string(name);
    if (!preset) return std::nullopt;
    r.preset = *preset;
    const auto legs = j.find("legs");
    if (legs == j.end() || !legs->is_array() || legs->size() > 2) return std::nullopt;
    for (const auto& leg : *legs) {
        const auto side = leg.is_string() ? side_from_string(leg.get<std::string>()) : std::nullopt;
        if (!side) return std::nullopt;
        bool& flag = *side == Side::Left ? r.left_done : r.right_done;
        if (flag) return std::nullopt;  // the same leg twice
        flag = true;
    }
    if (!read_int(j, "steps_total", 0, kMaxSteps, n)) return std::nullopt;
    r.steps_total = static_cast<int>(n);
    if (!read_int(j, "steps_done", 0, kMaxSteps, n)) return std::nullopt;
    r.steps_done = static_cast<int>(n);
    if (!read_int(j, "active_s", 0, kMaxActiveSeconds, r.active_seconds)) return std::nullopt;
    if (!read_pain(j, "pain_before", r.pain_before) || !read_pain(j, "pain_after", r.pain_after)) return std::nullopt;
    if (!read_string(j, "safety", name)) return std::nullopt;
    const auto safety = safety_level_from_string(name);
    if (!safety) return std::nullopt;
    r.safety = *safety;
    if (!read_string(j, "ended", name)) return std::nullopt;
    const auto ended = end_reason_from_string(name);
    if (!ended) return std::nullopt;
    r.ended = *ended;
    // Optional: records saved before programmes existed, and sessions of one's own, have none.
    if (j.contains("programme") && !read_string(j, "programme", r.programme)) return std::nullopt;
    if (!validate_record(r).empty()) return std::nullopt;
    return r;
}

nlohmann::json summary_to_json(const MonthlySummary& m) {
    return nlohmann::json{{"month", m.month},
                          {"sessions", m.sessions},
                          {"active_s", m.active_seconds},
                          {"pain_drop_total", m.pain_drop_total},
                          {"pain_drop_count", m.pain_drop_count}};
}

std::optional<MonthlySummary> summary_from_json(const nlohmann::json& j) {
    if (!j.is_object()) return std::nullopt;
    MonthlySummary m;
    std::int64_t n = 0;
    constexpr std::int64_t kMaxCount = 1'000'000'000;
    if (!read_string(j, "month", m.month) || !is_year_month(m.month)) return std::nullopt;
    if (!read_int(j, "sessions", 0, kMaxCount, n)) return std::nullopt;
    m.sessions = static_cast<int>(n);
    if (!read_int(j, "active_s", 0, kMaxCount * kMaxActiveSeconds / 1000, m.active_seconds)) return std::nullopt;
    if (!read_int(j, "pain_drop_count", 0, m.sessions, n)) return std::nullopt;
    m.pain_drop_count = static_cast<int>(n);
    if (!read_int(j, "pain_drop_total", -10LL * m.pain_drop_count, 10LL * m.pain_drop_count, n)) return std::nullopt;
    m.pain_drop_total = static_cast<int>(n);
    return m;
}

namespace {

void add_summary(std::vector<MonthlySummary>& monthly, const MonthlySummary& add) {
    auto it = std::lower_bound(monthly.begin(), monthly.end(), add.month,
                               [](const MonthlySummary& m, const std::string& month) { return m.month < month; });
    if (it == monthly.end() || it->month != add.month) it = monthly.insert(it, MonthlySummary{add.month});
    it->sessions += add.sessions;
    it->active_seconds += add.active_seconds;
    it->pain_drop_total += add.pain_drop_total;
    it->pain_drop_count += add.pain_drop_count;
}

}  // namespace

bool insert_record(HistoryData& data, SessionRecord record) {
    for (const SessionRecord& r : data.records)
        if (r.id == record.id) return false;
    const auto at = std::upper_bound(data.records.begin(), data.records.end(), record, record_order);
    data.records.insert(at, std::move(record));
    fold_oldest(data);
    return true;
}

void fold_oldest(HistoryData& data, std::size_t keep) {
    if (data.records.size() <= keep) return;
    const std::size_t fold = data.records.size() - keep;
    for (std::size_t i = 0; i < fold; ++i) {
        const SessionRecord& r = data.records[i];
        MonthlySummary m{r.started_at.substr(0, 7)};
        m.sessions = 1;
        m.active_seconds = r.active_seconds;
        if (r.pain_before && r.pain_after) {
            m.pain_drop_total = *r.pain_before - *r.pain_after;
            m.pain_drop_count = 1;
        }
        add_summary(data.monthly, m);
        if (r.started_at > data.folded_through) data.folded_through = r.started_at;
    }
    data.records.erase(data.records.begin(), data.records.begin() + static_cast<std::ptrdiff_t>(fold));
}

//-----------------------------------------------------------------------------
// [SECTION] Key-value in memory
//-----------------------------------------------------------------------------

std::optional<std::string> MemoryKeyValueStore::get(std::string_view key) {
    const auto it = values.find(key);
    if (it == values.end()) return std::nullopt;
    return it->second;
}

bool MemoryKeyValueStore::set(std::string_view key, std::string_view value) {
    if (refuse_writes) return false;
    values.insert_or_assign(std::string(key), std::string(value));
    return true;
}

bool MemoryKeyValueStore::remove(std::string_view key) {
    if (refuse_writes) return false;
    const auto it = values.find(key);
    if (it != values.end()) values.erase(it);
    return true;
}

//-----------------------------------------------------------------------------
// [SECTION] Encoding and decoding a generation
//-----------------------------------------------------------------------------
namespace {

constexpr JsonLimits kGenerationLimits{kHistoryMaxBytes, 8};
constexpr JsonLimits kSalvageObjectLimits{16 * 1024, 4};
constexpr std::size_t kSalvageMaxBytes = 8 * 1024 * 1024;  // beyond any browser's quota

// The complete top-level {...} objects of the array that follows `marker` (or starts the text when
// marker is empty), found by scanning with string awareness, so a value cut off mid-way or with one
// broken record still yields every complete record before and after it. Iterative: no recursion.
std::vector<std::string_view> complete_objects_after(std::string_view text, std::string_view marker) {
    std::vector<std::string_view> found;
    if (text.size() > kSalvageMaxBytes) text = text.substr(0, kSalvageMaxBytes);
    std::size_t pos = 0;
    if (!marker.empty()) {
        pos = text.find(marker);
        if (pos == std::string_view::npos) return found;
        pos += marker.size();
    }
    pos = text.find('[', pos);
    if (pos == std::string_view::npos) return found;
    ++pos;
    while (pos < text.size()) {
        const char c = text[pos];
        if (c == ']') break;  // the end of the array
        if (c != '{') {
            ++pos;
            continue;
        }
        int depth = 0;
        bool in_string = false;
        bool escaped = false;
        std::size_t end = pos;
        for (; end < text.size(); ++end) {
            const char e = text[end];
            if (in_string) {
                if (escaped) escaped = false;
                else if (e == '\\') escaped = true;
                else if (e == '"') in_string = false;
            } else if (e == '"') {
                in_string = true;
            } else if (e == '{' || e == '[') {
                ++depth;
            } else if (e == '}' || e == ']') {
                if (--depth == 0) break;
            }
        }
        if (end >= text.size()) break;  // cut off: nothing complete after this
        found.push_back(text.substr(pos, end - pos + 1));
        pos = end + 1;
    }
    return found;
}

// Adds the valid records found in `objects`; counts the rest as dropped.
void salvage_records(const std::vector<std::string_view>& objects, DecodedGeneration& out) {
    for (std::string_view object : objects) {
        const JsonParseResult parsed = parse_json_limited(object, kSalvageObjectLimits);
        auto record = parsed.ok ? record_from_json(parsed.value) : std::nullopt;
        if (record && insert_record(out.data, std::move(*record))) continue;
        ++out.dropped;
    }
}

void salvage_summaries(const std::vector<std::string_view>& objects, DecodedGeneration& out) {
    for (std::string_view object : objects) {
        const JsonParseResult parsed = parse_json_limited(object, kSalvageObjectLimits);
        auto summary = parsed.ok ? summary_from_json(parsed.value) : std::nullopt;
        if (summary) add_summary(out.data.monthly, *summary);
        else ++out.dropped;
    }
}

// Reads a parsed v1 payload element by element; true when every part was valid.
bool read_payload(const nlohmann::json& payload, DecodedGeneration& out) {
    bool all_valid = true;
    const auto records = payload.find("records");
    if (records != payload.end() && records->is_array()) {
        for (const auto& item : *records) {
            auto record = record_from_json(item);
            if (record && insert_record(out.data, std::move(*record))) continue;
            ++out.dropped;
            all_valid = false;
        }
    } else {
        all_valid = false;
    }
    const auto monthly = payload.find("monthly");
    if (monthly != payload.end() && monthly->is_array()) {
        for (const auto& item : *monthly) {
            auto summary = summary_from_json(item);
            if (summary) add_summary(out.data.monthly, *summary);
            else {
                ++out.dropped;
                all_valid = false;
            }
        }
    } else {
        all_valid = false;
    }
    std::string folded;
    if (read_string(payload, "folded_through", folded) && (folded.empty() || is_iso_utc_timestamp(folded)))
        out.data.folded_through = folded;
    else
        all_valid = false;
    return all_valid;
}

}  // namespace

nlohmann::json history_payload_json(const HistoryData& data) {
    nlohmann::json records = nlohmann::json::array();
    for (const SessionRecord& r : data.records) records.push_back(record_to_json(r));
    nlohmann::json monthly = nlohmann::json::array();
    for (const MonthlySummary& m : data.monthly) monthly.push_back(summary_to_json(m));
    return nlohmann::json{{"records", std::move(records)}, {"monthly", std::move(monthly)},
                          {"folded_through", data.folded_through}};
}

std::string_view to_string(DecodeStatus status) {
    switch (status) {
        case DecodeStatus::Ok: return "ok";
        case DecodeStatus::Legacy: return "legacy";
        case DecodeStatus::Future: return "future";
        case DecodeStatus::Damaged: return "damaged";
    }
    return "unknown";
}

std::string encode_generation(const HistoryData& data, std::uint64_t seq) {
    const nlohmann::json payload = history_payload_json(data);
    const std::string canonical = dump_json(payload);
    nlohmann::json j{{"v", kHistoryVersion}, {"seq", seq}, {"checksum", hex64(fnv1a64(canonical))},
                     {"payload", payload}};
    return dump_json(j);
}

DecodedGeneration decode_generation(std::string_view text) {
    DecodedGeneration out;
    const JsonParseResult parsed = parse_json_limited(text, kGenerationLimits);
    if (!parsed.ok) {
        // Unreadable as a whole (cut off, bad bytes, too big, too deep): take records one by one.
        out.error = parsed.error;
        const std::size_t first = text.find_first_not_of(" \t\r\n");
        const bool bare_array = first != std::string_view::npos && text[first] == '[';
        salvage_records(complete_objects_after(text, bare_array ? std::string_view() : "\"records\""), out);
        if (!bare_array) salvage_summaries(complete_objects_after(text, "\"monthly\""), out);
        return out;
    }
    const nlohmann::json& j = parsed.value;
    if (j.is_array()) {
        out.version = 0;
        out.status = DecodeStatus::Legacy;
        for (const auto& item : j) {
            auto record = record_from_json(item);
            if (record && insert_record(out.data, std::move(*record))) continue;
            ++out.dropped;
        }
        if (out.dropped > 0) out.error = std::to_string(out.dropped) + " invalid records in the v0 array";
        return out;
    }
    if (!j.is_object()) {
        out.error = "neither an object nor an array";
        return out;
    }
    std::int64_t version = -1;
    if (!read_int(j, "v", 0, std::numeric_limits<std::int64_t>::max(), version)) {
        out.error = "no version";
        const auto payload = j.find("payload");
        if (payload != j.end() && payload->is_object()) read_payload(*payload, out);
        return out;
    }
    out.version = version > 1'000'000 ? 1'000'000 : static_cast<int>(version);
    if (version > kHistoryVersion) {
        out.status = DecodeStatus::Future;
        out.error = "written by a newer version (v" + std::to_string(version) + ")";
        return out;
    }
    std::int64_t seq = 0;
    const bool has_seq = read_int(j, "seq", 0, std::numeric_limits<std::int64_t>::max(), seq);
    if (has_seq) out.seq = static_cast<std::uint64_t>(seq);
    const auto payload = j.find("payload");
    if (version != kHistoryVersion || payload == j.end() || !payload->is_object()) {
        out.error = version != kHistoryVersion ? "unknown version " + std::to_string(version) : "no payload";
        return out;
    }
    const bool all_valid = read_payload(*payload, out);
    std::string checksum;
    const bool checksum_ok = read_string(j, "checksum", checksum) && checksum == hex64(fnv1a64(dump_json(*payload)));
    if (!has_seq) out.error = "no sequence number";
    else if (!checksum_ok) out.error = "checksum does not match";
    else if (!all_valid) out.error = std::to_string(out.dropped) + " invalid parts";
    else out.status = DecodeStatus::Ok;
    return out;
}

//-----------------------------------------------------------------------------
// [SECTION] HistoryStore
//-----------------------------------------------------------------------------

bool HistoryStore::quarantine(const std::string& value, HistoryLoadReport& report) {
    constexpr int kMaxQuarantineKeys = 1'000;
    for (int n = 0; n < kMaxQuarantineKeys; ++n) {
        const std::string key = std::string(kHistoryQuarantinePrefix) + std::to_string(n);
        const auto existing = storage_.get(key);
        if (existing) {
            if (*existing == value) return true;  // kept already (an earlier load)
            continue;
        }
        if (!storage_.set(key, value)) return false;
        report.quarantined.push_back(key);
        return true;
    }
    return false;
}

HistoryLoadReport HistoryStore::load() {
    HistoryLoadReport report;
    data_ = HistoryData{};
    seq_ = 0;
    newest_key_.reset();
    protected_a_ = protected_b_ = false;
    read_only_ = false;

    struct Slot {
        std::string_view key;
        std::optional<std::string> raw;
        DecodedGeneration decoded;
        bool* protect = nullptr;
    };
    std::array<Slot, 3> slots{{{kHistoryKeyA, {}, {}, &protected_a_},
                               {kHistoryKeyB, {}, {}, &protected_b_},
                               {kHistoryLegacyKey, {}, {}, nullptr}}};
    for (Slot& slot : slots) {
        slot.raw = storage_.get(slot.key);
        if (slot.raw) slot.decoded = decode_generation(*slot.raw);
    }

    // The newest good generation wins; the sequence goes on above everything seen.
    Slot* best = nullptr;
    for (std::size_t i = 0; i < 2; ++i) {
        Slot& slot = slots[i];
        if (!slot.raw) continue;
        seq_ = std::max(seq_, slot.decoded.seq);
        if (slot.decoded.status == DecodeStatus::Ok && (!best || slot.decoded.seq > best->decoded.seq)) best = &slot;
    }
    if (best) {
        data_ = best->decoded.data;
        newest_key_ = std::string(best->key);
        report.seq_used = best->decoded.seq;
    }

    bool changed = false;
    auto merge = [&](const HistoryData& salvaged) {
        for (const SessionRecord& r : salvaged.records) {
            // Records at or before the fold horizon are counted in a monthly summary already.
            if (!data_.folded_through.empty() && r.started_at <= data_.folded_through) continue;
            if (insert_record(data_, r)) {
                ++report.salvaged;
                changed = true;
            }
        }
        if (!best) {
            for (const MonthlySummary& m : salvaged.monthly)
                if (std::none_of(data_.monthly.begin(), data_.monthly.end(),
                                 [&](const MonthlySummary& have) { return have.month == m.month; })) {
                    add_summary(data_.monthly, m);
                    changed = true;
                }
            if (salvaged.folded_through > data_.folded_through) data_.folded_through = salvaged.folded_through;
        }
    };

    bool legacy_seen = false;
    for (Slot& slot : slots) {
        if (!slot.raw || &slot == best) continue;
        const DecodedGeneration& d = slot.decoded;
        const std::string where(slot.key);
        switch (d.status) {
            case DecodeStatus::Ok:
                if (slot.protect == nullptr) {  // a v1 value under the old key: take what it has
                    merge(d.data);
                    legacy_seen = true;
                }
                break;  // an older good generation: superseded, overwritten by the next save
            case DecodeStatus::Future:
                read_only_ = true;
                if (slot.protect) *slot.protect = true;
                if (!quarantine(*slot.raw, report)) report.problems.push_back(where + ": could not copy to quarantine");
                report.problems.push_back(where + ": " + d.error + ": kept as it is, history is read-only");
                break;
            case DecodeStatus::Legacy:
            case DecodeStatus::Damaged: {
                const bool legacy = d.status == DecodeStatus::Legacy;
                merge(d.data);
                report.dropped += d.dropped;
                if (legacy) report.migrated_from_v0 = true;
                const bool needs_copy = !legacy || d.dropped > 0;
                if (!needs_copy) {
                    if (slot.protect) *slot.protect = true;  // replaced only by the migrated save
                    else legacy_seen = true;                 // removed after the migrated save
                    break;
                }
                report.problems.push_back(where + ": " + d.error);
                if (quarantine(*slot.raw, report)) {
                    if (slot.protect) storage_.remove(slot.key);  // safe in quarantine; frees the slot
                    else legacy_seen = true;
                } else {
                    if (slot.protect) *slot.protect = true;
                    report.problems.push_back(where + ": could not copy to quarantine: not overwritten");
                }
                break;
            }
        }
    }
    fold_oldest(data_);
    report.read_only = read_only_;
    loaded_ = true;

    if ((changed || report.migrated_from_v0) && !read_only_) {
        // v0 under a generation key is replaced by the save itself.
        protected_a_ = protected_a_ && slots[0].decoded.status != DecodeStatus::Legacy;
        protected_b_ = protected_b_ && slots[1].decoded.status != DecodeStatus::Legacy;
        const HistorySaveResult saved = save();
        report.saved = saved.ok;
        if (!saved.ok) report.problems.push_back("could not write the recovered history: " + saved.error);
        if (saved.ok && legacy_seen) storage_.remove(kHistoryLegacyKey);
    }
    return report;
}

HistorySaveResult HistoryStore::save() {
    HistorySaveResult result;
    if (!loaded_) {
        result.error = "history not loaded yet";
        return result;
    }
    if (read_only_) {
        result.error = "history was written by a newer version of the app: not overwritten";
        return result;
    }
    std::string_view target = newest_key_ == kHistoryKeyA ? kHistoryKeyB : kHistoryKeyA;
    auto is_protected = [&](std::string_view key) { return key == kHistoryKeyA ? protected_a_ : protected_b_; };
    if (is_protected(target)) {
        const std::string_view other = target == kHistoryKeyA ? kHistoryKeyB : kHistoryKeyA;
        if (newest_key_ == other || is_protected(other)) {
            result.error = "both history keys hold data that could not be set aside";
            return result;
        }
        target = other;
    }
    const std::uint64_t seq = seq_ + 1;
    const std::string text = encode_generation(data_, seq);
    if (!storage_.set(target, text)) {
        result.error = "storage refused the write (full?)";
        return result;
    }
    const auto back = storage_.get(target);
    if (!back || *back != text || decode_generation(*back).status != DecodeStatus::Ok) {
        result.error = "the written history did not read back";
        return result;
    }
    seq_ = seq;
    newest_key_ = std::string(target);
    result.ok = true;
    return result;
}

HistorySaveResult HistoryStore::commit(const SessionRecord* record, const std::function<std::string(HistoryData&)>& change) {
    HistorySaveResult result;
    if (record != nullptr) {
        if (const std::string why = validate_record(*record); !why.empty()) {
            result.error = "invalid record: " + why;
            return result;
        }
    }
    if (!loaded_ || read_only_) {
        result.error = !loaded_ ? "history not loaded yet"
                                : "history was written by a newer version of the app: not overwritten";
        return result;
    }
    HistoryData before = data_;
    if (std::string why = change(data_); !why.empty()) {
        data_ = std::move(before);
        result.error = std::move(why);
        return result;
    }
    result = save();
    if (!result.ok) data_ = std::move(before);  // memory matches what is stored
    return result;
}

HistorySaveResult HistoryStore::add(const SessionRecord& record) {
    return commit(&record, [&](HistoryData& data) -> std::string {
        return insert_record(data, record) ? "" : "a record with id '" + record.id + "' exists already";
    });
}

HistorySaveResult HistoryStore::replace(const SessionRecord& record) {
    return commit(&record, [&](HistoryData& data) -> std::string {
        const auto it = std::find_if(data.records.begin(), data.records.end(),
                                     [&](const SessionRecord& r) { return r.id == record.id; });
        if (it == data.records.end()) return "no record with id '" + record.id + "'";
        *it = record;
        std::stable_sort(data.records.begin(), data.records.end(), record_order);
        return "";
    });
}

HistorySaveResult HistoryStore::clear() {
    return commit(nullptr, [](HistoryData& data) -> std::string {
        data = HistoryData{};
        return "";
    });
}

HistorySaveResult HistoryStore::replace_all(const HistoryData& data) {
    return commit(nullptr, [&](HistoryData& current) -> std::string {
        for (const SessionRecord& record : data.records)
            if (std::string why = validate_record(record); !why.empty()) return "invalid record: " + why;
        current = data;
        return "";
    });
}

//-----------------------------------------------------------------------------
// [SECTION] Export
//-----------------------------------------------------------------------------
namespace {

// RFC 4180 quoting, and no formulas: a spreadsheet runs a cell starting with = + - @ (or a tab or
// carriage return before one), so such a text cell gets a leading apostrophe, which spreadsheets
// show as plain text. Our numbers are never negative, so no number is touched.
std::string csv_field(std::string_view raw) {
    std::string value;
    if (!raw.empty() && std::string_view("=+-@\t\r").find(raw.front()) != std::string_view::npos) value = "'";
    value += raw;
    if (value.find_first_of(",\"\r\n") == std::string::npos) return value;
    std::string out = "\"";
    for (char c : value) {
        if (c == '"') out += '"';
        out += c;
    }
    out += '"';
    return out;
}

std::string legs_text(const SessionRecord& r) {
    if (r.left_done && r.right_done) return "left+right";
    if (r.left_done) return "left";
    if (r.right_done) return "right";
    return "";
}

std::string pain_text(const std::optional<int>& pain) { return pain ? std::to_string(*pain) : std::string(); }

}  // namespace

std::string export_csv(const HistoryData& data) {
    std::string out = "id,started_at,routine,preset,legs,steps_done,steps_total,active_seconds,pain_before,"
                      "pain_after,safety,ended,programme\r\n";
    for (const SessionRecord& r : data.records) {
        const std::array<std::string, 13> fields = {
            r.id, r.started_at, r.routine_id, std::string(to_string(r.preset)), legs_text(r),
            std::to_string(r.steps_done), std::to_string(r.steps_total), std::to_string(r.active_seconds),
            pain_text(r.pain_before), pain_text(r.pain_after), std::string(to_string(r.safety)),
            std::string(to_string(r.ended)), r.programme};
        for (std::size_t i = 0; i < fields.size(); ++i) {
            if (i > 0) out += ',';
            out += csv_field(fields[i]);
        }
        out += "\r\n";
    }
    return out;
}

std::string export_json(const HistoryData& data) {
    nlohmann::json records = nlohmann::json::array();
    for (const SessionRecord& r : data.records) records.push_back(record_to_json(r));
    nlohmann::json monthly = nlohmann::json::array();
    for (const MonthlySummary& m : data.monthly) {
        const auto drop = m.average_pain_drop();
        monthly.push_back(nlohmann::json{{"month", m.month},
                                         {"sessions", m.sessions},
                                         {"active_minutes", m.active_minutes()},
                                         {"average_pain_drop", drop ? nlohmann::json(*drop) : nlohmann::json()}});
    }
    return dump_json(nlohmann::json{{"records", std::move(records)}, {"monthly", std::move(monthly)}}, 2) + "\n";
}

}  // namespace calfcoach
