// prescription.cpp — see prescription.hpp; the byte layout is documented in docs/prescriptions.md.
//
// [SECTION] Names
// [SECTION] Checks
// [SECTION] Bytes: varints, CRC-32, base64url
// [SECTION] Encoding
// [SECTION] Decoding
// [SECTION] Links
// [SECTION] JSON form
// [SECTION] The session a prescription gives
// [SECTION] Schedule
#include "core/prescription.hpp"

#include <algorithm>
#include <array>
#include <cstdio>

#include "core/fnv1a.hpp"
#include "core/json_safe.hpp"
#include "core/launch_options.hpp"
#include "core/text_code_points.hpp"

namespace calfcoach {

//-----------------------------------------------------------------------------
// [SECTION] Names
//-----------------------------------------------------------------------------

std::string_view to_string(PrescribedLegs legs) {
    switch (legs) {
        case PrescribedLegs::Both: return "both";
        case PrescribedLegs::LeftOnly: return "left";
        case PrescribedLegs::RightOnly: return "right";
    }
    return "unknown";
}

std::optional<PrescribedLegs> prescribed_legs_from_string(std::string_view s) {
    for (PrescribedLegs legs : {PrescribedLegs::Both, PrescribedLegs::LeftOnly, PrescribedLegs::RightOnly})
        if (to_string(legs) == s) return legs;
    return std::nullopt;
}

std::string_view to_string(PrescriptionError error) {
    switch (error) {
        case PrescriptionError::None: return "none";
        case PrescriptionError::Empty: return "empty";
        case PrescriptionError::TooLong: return "too_long";
        case PrescriptionError::NotBase64url: return "not_base64url";
        case PrescriptionError::Truncated: return "truncated";
        case PrescriptionError::ChecksumMismatch: return "checksum_mismatch";
        case PrescriptionError::NewerVersion: return "newer_version";
        case PrescriptionError::UnknownVersion: return "unknown_version";
        case PrescriptionError::FieldOutOfRange: return "field_out_of_range";
        case PrescriptionError::TrailingBytes: return "trailing_bytes";
    }
    return "unknown";
}

//-----------------------------------------------------------------------------
// [SECTION] Checks
//-----------------------------------------------------------------------------
namespace {

// The messages shared by check_prescription and the decoder, so a code and a JSON file with the
// same fault read the same.
constexpr const char* kRoutineRule = "routine: 1 to 64 lowercase letters, digits, '_' or '-'";
constexpr const char* kStepCountRule = "step_seconds: at most 12 steps";
constexpr const char* kStartRule = "start: a real date from 2020-01-01 to 2099-12-31";
constexpr const char* kReviewAfterRule = "review: after start, at most 366 days after it";

std::string step_seconds_rule(std::size_t index) {
    return "step_seconds[" + std::to_string(index) + "]: 0 (left out) or 10 to " + std::to_string(kMaxStepSeconds) +
           " seconds";
}

bool routine_id_ok(std::string_view id) {
    if (id.empty() || id.size() > kPrescriptionRoutineIdMaxChars) return false;
    return std::all_of(id.begin(), id.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    });
}

bool untrimmed(std::string_view text) { return !text.empty() && (text.front() == ' ' || text.back() == ' '); }

void check_note(std::string_view note, std::vector<std::string>& problems) {
    std::size_t count = 0;
    bool hidden = false;
    for (std::size_t i = 0; i < note.size(); ++count) {
        const Utf8Step step = decode_utf8_at(note, i);
        if (step.length == 0) {
            problems.emplace_back("note: not valid UTF-8");
            return;
        }
        hidden = hidden || (step.code_point != '\n' && hidden_or_control_character(step.code_point));
        i += step.length;
    }
    if (count > kPrescriptionNoteMaxChars) problems.emplace_back("note: at most 200 characters");
    if (note.size() > kPrescriptionNoteMaxBytes) problems.emplace_back("note: at most 300 bytes of UTF-8");
    if (hidden) problems.emplace_back("note: control, invisible or direction-changing characters (only line breaks are allowed)");
}

}  // namespace

PrescriptionCheck check_prescription(const Prescription& rx) {
    PrescriptionCheck check;
    std::vector<std::string>& problems = check.problems;
    if (!routine_id_ok(rx.routine_id)) problems.emplace_back(kRoutineRule);
    if (static_cast<unsigned>(rx.legs) > static_cast<unsigned>(PrescribedLegs::RightOnly))
        problems.emplace_back("legs: both, left or right");
    if (static_cast<std::size_t>(rx.preset) >= kPresetCount) problems.emplace_back("preset: quick, standard or thorough");

    if (rx.step_seconds.size() > kPrescriptionMaxSteps) {
        problems.emplace_back(kStepCountRule);
    } else if (!rx.step_seconds.empty()) {
        for (std::size_t i = 0; i < rx.step_seconds.size(); ++i) {
            const int s = rx.step_seconds[i];
            if (s != 0 && (s < kPrescriptionMinStepSeconds || s > kMaxStepSeconds)) problems.push_back(step_seconds_rule(i));
        }
        if (std::all_of(rx.step_seconds.begin(), rx.step_seconds.end(), [](int s) { return s == 0; }))
            problems.emplace_back("step_seconds: every step is left out");
    }

    if ((rx.days_mask & 0x80) != 0) problems.emplace_back("days: bit 7 is not a day");
    if (rx.days_mask != 0 && rx.times_per_week != 0)
        problems.emplace_back("days, times_per_week: give one of them, not both");
    else if (rx.days_mask == 0 && rx.times_per_week == 0)
        problems.emplace_back("days, times_per_week: give one of them (which days, or how many times a week)");
    else if (rx.days_mask == 0 && (rx.times_per_week < 1 || rx.times_per_week > 7))
        problems.emplace_back("times_per_week: 1 to 7");

    const bool start_ok = is_real_date(rx.start) && rx.start >= kPrescriptionFirstStart && rx.start <= kPrescriptionLastStart;
    if (!start_ok) problems.emplace_back(kStartRule);
    if (rx.review) {
        if (!is_real_date(*rx.review)) problems.emplace_back("review: not a real date");
        else if (start_ok && (*rx.review <= rx.start || days_between(rx.start, *rx.review) > kPrescriptionReviewMaxDays))
            problems.emplace_back(kReviewAfterRule);
    }

    check_note(rx.note, problems);
    if (!rx.clinic.empty()) {
        if (const char* why = clinic_name_problem(rx.clinic)) problems.push_back(std::string("clinic: ") + why);
        else if (untrimmed(rx.clinic)) problems.emplace_back("clinic: leading or trailing spaces");
    }
    if (!rx.phone.empty()) {
        if (untrimmed(rx.phone)) problems.emplace_back("phone: leading or trailing spaces");
        else if (const char* why = phone_problem(rx.phone)) problems.push_back(std::string("phone: ") + why);
    }
    return check;
}

//-----------------------------------------------------------------------------
// [SECTION] Bytes: varints, CRC-32, base64url
//-----------------------------------------------------------------------------
namespace {

using Bytes = std::vector<std::uint8_t>;

constexpr std::string_view kBase64url = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

// Unsigned LEB128: 7 bits a byte, low bits first, high bit set on all but the last byte.
void put_varint(Bytes& out, std::uint32_t value) {
    while (value >= 0x80) {
        out.push_back(static_cast<std::uint8_t>(value | 0x80));
        value >>= 7;
    }
    out.push_back(static_cast<std::uint8_t>(value));
}

void put_text(Bytes& out, std::string_view text) {
    put_varint(out, static_cast<std::uint32_t>(text.size()));
    out.insert(out.end(), text.begin(), text.end());
}

// CRC-32 as zlib and PNG compute it (reflected polynomial 0xEDB88320, initial and final XOR ~0).
std::uint32_t crc32(const std::uint8_t* data, std::size_t size) {
    std::uint32_t crc = 0xFFFFFFFFu;
    for (std::size_t i = 0; i < size; ++i) {
        crc ^= data[i];
        for (int bit = 0; bit < 8; ++bit) crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
    }
    return ~crc;
}

std::string base64url_encode(const Bytes& bytes) {
    std::string out;
    out.reserve((bytes.size() * 4 + 2) / 3);
    std::size_t i = 0;
    for (; i + 3 <= bytes.size(); i += 3) {
        const std::uint32_t v = (std::uint32_t{bytes[i]} << 16) | (std::uint32_t{bytes[i + 1]} << 8) | bytes[i + 2];
        for (int shift = 18; shift >= 0; shift -= 6) out += kBase64url[(v >> shift) & 63];
    }
    const std::size_t rest = bytes.size() - i;
    if (rest > 0) {
        std::uint32_t v = std::uint32_t{bytes[i]} << 16;
        if (rest == 2) v |= std::uint32_t{bytes[i + 1]} << 8;
        out += kBase64url[(v >> 18) & 63];
        out += kBase64url[(v >> 12) & 63];
        if (rest == 2) out += kBase64url[(v >> 6) & 63];
    }
    return out;
}

int base64url_value(char c) {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '-') return 62;
    if (c == '_') return 63;
    return -1;
}

// Bounded reads over the fields of a code. Every read says whether it fitted.
struct Reader {
    const Bytes& bytes;
    std::size_t at;
    std::size_t end;

    bool byte(std::uint8_t& out) {
        if (at >= end) return false;
        out = bytes[at++];
        return true;
    }
    // Shortest form only (no 0x80 0x00 for 0), at most 32 bits: one value, one spelling.
    bool varint(std::uint32_t& out) {
        out = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            std::uint8_t b = 0;
            if (!byte(b)) return false;
            if (shift == 28 && b > 0x0F) return false;
            out |= std::uint32_t{b & 0x7Fu} << shift;
            if ((b & 0x80) == 0) return !(b == 0 && shift > 0);
        }
        return false;
    }
};

}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] Encoding
//-----------------------------------------------------------------------------
namespace {

// Flags byte of version 1 (docs/prescriptions.md).
constexpr std::uint8_t kFlagLegsMask = 0x03;     // bits 0-1: 0 both, 1 left only, 2 right only
constexpr std::uint8_t kFlagPresetShift = 2;     // bits 2-3: 0 quick, 1 standard, 2 thorough
constexpr std::uint8_t kFlagDaysMask = 0x10;     // bit 4: a weekday mask follows (else times a week)
constexpr std::uint8_t kFlagReview = 0x20;       // bit 5: a review date follows
constexpr std::uint8_t kFlagStepSeconds = 0x40;  // bit 6: per-step durations follow
constexpr std::uint8_t kFlagReserved = 0x80;     // bit 7: never set in version 1

constexpr std::size_t kChecksumBytes = 4;

std::uint32_t clamp_to_u32(std::int64_t value) {
    return static_cast<std::uint32_t>(std::clamp<std::int64_t>(value, 0, 0xFFFFFFFF));
}

}  // namespace

std::string encode_prescription(const Prescription& rx) {
    Bytes fields;
    std::uint8_t flags = static_cast<std::uint8_t>(static_cast<unsigned>(rx.legs) & kFlagLegsMask);
    flags = static_cast<std::uint8_t>(flags | ((static_cast<unsigned>(rx.preset) & 3u) << kFlagPresetShift));
    if (rx.days_mask != 0) flags |= kFlagDaysMask;
    if (rx.review) flags |= kFlagReview;
    if (!rx.step_seconds.empty()) flags |= kFlagStepSeconds;
    fields.push_back(flags);
    put_text(fields, rx.routine_id);
    fields.push_back(rx.days_mask != 0 ? rx.days_mask : static_cast<std::uint8_t>(std::clamp(rx.times_per_week, 0, 255)));
    put_varint(fields, clamp_to_u32(days_between(kPrescriptionFirstStart, rx.start)));
    if (rx.review) put_varint(fields, clamp_to_u32(days_between(rx.start, *rx.review)));
    if (!rx.step_seconds.empty()) {
        put_varint(fields, static_cast<std::uint32_t>(rx.step_seconds.size()));
        for (int s : rx.step_seconds) put_varint(fields, clamp_to_u32(s));
    }
    put_text(fields, rx.note);
    put_text(fields, rx.clinic);
    put_text(fields, rx.phone);

    Bytes bytes;
    bytes.push_back(static_cast<std::uint8_t>(kPrescriptionVersion));
    put_varint(bytes, static_cast<std::uint32_t>(fields.size() + kChecksumBytes));
    bytes.insert(bytes.end(), fields.begin(), fields.end());
    const std::uint32_t crc = crc32(bytes.data(), bytes.size());
    for (int shift = 24; shift >= 0; shift -= 8) bytes.push_back(static_cast<std::uint8_t>(crc >> shift));
    return base64url_encode(bytes);
}

//-----------------------------------------------------------------------------
// [SECTION] Decoding
//-----------------------------------------------------------------------------
namespace {

PrescriptionDecode failure(PrescriptionError error, std::string message) {
    PrescriptionDecode out;
    out.error = error;
    out.message = std::move(message);
    return out;
}

std::string join(const std::vector<std::string>& lines, std::string_view separator) {
    std::string out;
    for (const std::string& line : lines) {
        if (!out.empty()) out += separator;
        out += line;
    }
    return out;
}

// The version-1 fields in bytes[at, end) (the checksum already taken off). On a problem, `why` names
// the field and `trailing` tells bytes left over from a field out of range.
std::optional<Prescription> read_fields_v1(const Bytes& bytes, std::size_t at, std::size_t end, std::string& why,
                                           bool& trailing) {
    Reader in{bytes, at, end};
    Prescription rx;
    auto fail = [&](std::string message) {
        why = std::move(message);
        return std::nullopt;
    };
    auto text = [&](std::string& out) {
        std::uint32_t length = 0;
        if (!in.varint(length) || length > in.end - in.at) return false;
        out.assign(reinterpret_cast<const char*>(bytes.data() + in.at), length);
        in.at += length;
        return true;
    };

    std::uint8_t flags = 0;
    if (!in.byte(flags)) return fail("flags: missing");
    if ((flags & kFlagReserved) != 0) return fail("flags: bit 7 is reserved and must be 0");
    if ((flags & kFlagLegsMask) > 2) return fail("legs: both, left or right");
    if (((flags >> kFlagPresetShift) & 3u) >= kPresetCount) return fail("preset: quick, standard or thorough");
    rx.legs = static_cast<PrescribedLegs>(flags & kFlagLegsMask);
    rx.preset = static_cast<Preset>((flags >> kFlagPresetShift) & 3u);

    if (!text(rx.routine_id)) return fail("routine: runs past the end of the code");
    std::uint8_t days = 0;
    if (!in.byte(days)) return fail("days: missing");
    if ((flags & kFlagDaysMask) != 0) {
        rx.days_mask = days;
        if (days == 0) return fail("days: no day set");
    } else {
        rx.times_per_week = days;
    }
    std::uint32_t start = 0;
    if (!in.varint(start)) return fail("start: missing or malformed");
    if (start > static_cast<std::uint32_t>(days_between(kPrescriptionFirstStart, kPrescriptionLastStart))) return fail(kStartRule);
    rx.start = add_days(kPrescriptionFirstStart, static_cast<int>(start));
    if ((flags & kFlagReview) != 0) {
        std::uint32_t after = 0;
        if (!in.varint(after)) return fail("review: missing or malformed");
        if (after == 0 || after > static_cast<std::uint32_t>(kPrescriptionReviewMaxDays)) return fail(kReviewAfterRule);
        rx.review = add_days(rx.start, static_cast<int>(after));
    }
    if ((flags & kFlagStepSeconds) != 0) {
        std::uint32_t count = 0;
        if (!in.varint(count)) return fail("step_seconds: missing or malformed");
        if (count == 0) return fail("step_seconds: flagged but empty");
        if (count > kPrescriptionMaxSteps) return fail(kStepCountRule);
        for (std::uint32_t i = 0; i < count; ++i) {
            std::uint32_t seconds = 0;
            if (!in.varint(seconds)) return fail("step_seconds: runs past the end of the code");
            if (seconds > static_cast<std::uint32_t>(kMaxStepSeconds)) return fail(step_seconds_rule(i));
            rx.step_seconds.push_back(static_cast<int>(seconds));
        }
    }
    if (!text(rx.note)) return fail("note: runs past the end of the code");
    if (!text(rx.clinic)) return fail("clinic: runs past the end of the code");
    if (!text(rx.phone)) return fail("phone: runs past the end of the code");
    if (in.at != in.end) {
        trailing = true;
        return fail(std::to_string(in.end - in.at) + " unexpected bytes after the last field");
    }
    return rx;
}

}  // namespace

PrescriptionDecode decode_prescription(std::string_view code) {
    if (code.empty()) return failure(PrescriptionError::Empty, "empty: there is no programme code");
    if (code.size() > kPrescriptionCodeMaxChars)
        return failure(PrescriptionError::TooLong, "too long: " + std::to_string(code.size()) +
                                                       " characters, a programme code has at most 1400");
    for (std::size_t i = 0; i < code.size(); ++i) {
        if (base64url_value(code[i]) >= 0) continue;
        std::string message = "not a programme code: character " + std::to_string(i + 1);
        // Only a plain printable character is quoted: anything else could garble the message.
        if (code[i] > 0x20 && code[i] < 0x7F) message += std::string(" ('") + code[i] + "')";
        message += " is not base64url (A-Z, a-z, 0-9, '-' and '_', no '=' padding)";
        return failure(PrescriptionError::NotBase64url, message);
    }
    if (code.size() % 4 == 1)  // no byte string gives this length: characters are missing
        return failure(PrescriptionError::Truncated, "cut off: characters are missing at the end; copy the whole link");

    Bytes bytes;
    bytes.reserve(code.size() * 3 / 4);
    std::uint32_t bits = 0;
    int bit_count = 0;
    for (char c : code) {
        bits = (bits << 6) | static_cast<std::uint32_t>(base64url_value(c));
        bit_count += 6;
        if (bit_count >= 8) {
            bit_count -= 8;
            bytes.push_back(static_cast<std::uint8_t>(bits >> bit_count));
            bits &= (1u << bit_count) - 1;
        }
    }
    const bool stray_bits = bits != 0;  // the last character holds bits no encoder writes

    // The frame every version keeps: version byte, varint length of the rest, CRC-32 at the end.
    Reader frame{bytes, 1, bytes.size()};
    std::uint32_t length = 0;
    if (bytes.size() < 2 || !frame.varint(length)) {
        if (frame.at >= bytes.size())
            return failure(PrescriptionError::Truncated, "cut off: too short to hold a programme; copy the whole link");
        return failure(PrescriptionError::ChecksumMismatch, "damaged or edited: its length field is malformed");
    }
    const std::size_t have = bytes.size() - frame.at;
    if (have < length)
        return failure(PrescriptionError::Truncated, "cut off: " + std::to_string(have) + " of its " +
                                                         std::to_string(length) + " bytes are there; copy the whole link");
    if (have > length)
        return failure(PrescriptionError::TrailingBytes,
                       std::to_string(have - length) + " unexpected bytes after the end of the programme");
    if (length < kChecksumBytes)
        return failure(PrescriptionError::Truncated, "cut off: too short to hold a programme; copy the whole link");
    const std::size_t fields_end = bytes.size() - kChecksumBytes;
    std::uint32_t stored = 0;
    for (std::size_t i = fields_end; i < bytes.size(); ++i) stored = (stored << 8) | bytes[i];
    if (crc32(bytes.data(), fields_end) != stored)
        return failure(PrescriptionError::ChecksumMismatch, "damaged or edited: the checksum does not match");
    if (stray_bits)
        return failure(PrescriptionError::NotBase64url, "not a programme code: its last character carries bits no Calf Coach writes");

    const int version = bytes[0];
    if (version >= 2 && version <= 127)
        return failure(PrescriptionError::NewerVersion, "made by a newer Calf Coach (format version " +
                                                            std::to_string(version) + "): update the app to open it");
    if (version != kPrescriptionVersion)
        return failure(PrescriptionError::UnknownVersion,
                       "not a Calf Coach programme: unknown format version " + std::to_string(version));

    std::string why;
    bool trailing = false;
    std::optional<Prescription> rx = read_fields_v1(bytes, frame.at, fields_end, why, trailing);
    if (!rx) return failure(trailing ? PrescriptionError::TrailingBytes : PrescriptionError::FieldOutOfRange,
                            trailing ? why : "field out of range: " + why);
    const PrescriptionCheck check = check_prescription(*rx);
    if (!check.ok()) return failure(PrescriptionError::FieldOutOfRange, "field out of range: " + join(check.problems, "; "));
    PrescriptionDecode out;
    out.prescription = std::move(rx);
    return out;
}

//-----------------------------------------------------------------------------
// [SECTION] Links
//-----------------------------------------------------------------------------

std::optional<std::string> prescription_code_from_fragment(std::string_view hash) {
    if (!hash.empty() && hash.front() == '#') hash.remove_prefix(1);
    std::size_t start = 0;
    while (start <= hash.size()) {
        const std::size_t end = std::min(hash.find('&', start), hash.size());
        const std::string_view pair = hash.substr(start, end - start);
        if (pair == "rx") return std::string();
        if (pair.starts_with("rx=")) return std::string(pair.substr(3));
        start = end + 1;
    }
    return std::nullopt;
}

std::string prescription_id(const Prescription& prescription) {
    return "rx-" + hex64(fnv1a64(encode_prescription(prescription)));
}

std::string prescription_link(std::string_view app_url, const Prescription& prescription) {
    const std::string_view base = app_url.substr(0, std::min(app_url.find('#'), app_url.size()));
    return std::string(base) + "#rx=" + encode_prescription(prescription);
}

//-----------------------------------------------------------------------------
// [SECTION] JSON form
//-----------------------------------------------------------------------------
namespace {

constexpr JsonLimits kPrescriptionJsonLimits{64 * 1024, 8};

std::string trim_spaces(const std::string& text) {
    const std::size_t begin = text.find_first_not_of(' ');
    if (begin == std::string::npos) return {};
    return text.substr(begin, text.find_last_not_of(' ') - begin + 1);
}

// A whole number within [low, high], or nullopt (floats, strings and booleans are not numbers here).
std::optional<int> whole_number(const nlohmann::json& value, int low, int high) {
    if (value.is_number_unsigned()) {
        const auto v = value.get<std::uint64_t>();
        if (v <= static_cast<std::uint64_t>(high) && static_cast<std::int64_t>(v) >= low) return static_cast<int>(v);
    } else if (value.is_number_integer()) {
        const auto v = value.get<std::int64_t>();
        if (v >= low && v <= high) return static_cast<int>(v);
    }
    return std::nullopt;
}

// The keys a problem line starts with: "days, times_per_week: ..." -> days, times_per_week;
// "step_seconds[2]: ..." -> step_seconds.
std::vector<std::string> keys_named_by(std::string_view problem) {
    std::vector<std::string> keys;
    const std::string_view names = problem.substr(0, problem.find(':'));
    for (std::size_t at = 0; at < names.size();) {
        const std::size_t end = std::min(names.find(", ", at), names.size());
        const std::string_view name = names.substr(at, end - at);
        keys.emplace_back(name.substr(0, name.find('[')));
        at = end + 2;
    }
    return keys;
}

}  // namespace

PrescriptionParse prescription_from_json(std::string_view text) {
    PrescriptionParse out;
    std::vector<std::string>& problems = out.problems;
    const JsonParseResult parsed = parse_json_limited(text, kPrescriptionJsonLimits);
    if (!parsed.ok) {
        problems.push_back("(whole file): " + parsed.error);
        return out;
    }
    const nlohmann::json& json = parsed.value;
    if (!json.is_object()) {
        problems.emplace_back("(whole file): a JSON object expected");
        return out;
    }
    static constexpr std::array<std::string_view, 11> kKeys = {"routine", "legs", "preset", "step_seconds", "days",
                                                               "times_per_week", "start", "review", "note", "clinic",
                                                               "phone"};
    for (const auto& [key, value] : json.items())
        if (std::find(kKeys.begin(), kKeys.end(), key) == kKeys.end())
            problems.push_back(key.substr(0, 64) + ": unknown key");

    Prescription rx;
    const std::size_t problems_before_fields = problems.size();
    auto string_at = [&](const char* key, std::string& target) {
        if (!json.contains(key)) return false;
        if (!json[key].is_string()) {
            problems.push_back(std::string(key) + ": a string expected");
            return false;
        }
        target = json[key].get<std::string>();
        return true;
    };
    if (std::string routine; string_at("routine", routine)) rx.routine_id = routine;
    if (std::string legs; string_at("legs", legs)) {
        if (const auto value = prescribed_legs_from_string(legs)) rx.legs = *value;
        else problems.emplace_back("legs: \"both\", \"left\" or \"right\"");
    }
    if (std::string preset; string_at("preset", preset)) {
        if (const auto value = preset_from_string(preset)) rx.preset = *value;
        else problems.emplace_back("preset: \"quick\", \"standard\" or \"thorough\"");
    }
    if (json.contains("step_seconds")) {
        const nlohmann::json& steps = json["step_seconds"];
        if (!steps.is_array()) {
            problems.emplace_back("step_seconds: an array of whole seconds expected");
        } else if (steps.size() > kPrescriptionMaxSteps) {
            problems.emplace_back(kStepCountRule);
        } else {
            for (std::size_t i = 0; i < steps.size(); ++i) {
                // A bad entry holds its place (as 0), so later entries keep their index in messages.
                auto seconds = whole_number(steps[i], 0, static_cast<int>(kMaxStepSeconds));
                if (seconds && *seconds != 0 && *seconds < kPrescriptionMinStepSeconds) seconds.reset();
                rx.step_seconds.push_back(seconds.value_or(0));
                if (!seconds) problems.push_back(step_seconds_rule(i));
            }
            if (steps.empty()) problems.emplace_back("step_seconds: empty (leave it out to use the preset)");
        }
    }
    if (json.contains("days")) {
        const nlohmann::json& days = json["days"];
        if (!days.is_array()) {
            problems.emplace_back("days: an array of day names expected, e.g. [\"mon\", \"wed\", \"fri\"]");
        } else {
            for (std::size_t i = 0; i < days.size(); ++i) {
                int found = -1;
                if (days[i].is_string())
                    for (int d = 0; d < 7; ++d)
                        if (days[i].get_ref<const std::string&>() == weekday_name(d)) found = d;
                const std::string at = "days[" + std::to_string(i) + "]: ";
                if (found < 0) problems.push_back(at + "mon, tue, wed, thu, fri, sat or sun");
                else if ((rx.days_mask >> found) & 1u) problems.push_back(at + "given twice");
                else rx.days_mask = static_cast<std::uint8_t>(rx.days_mask | (1u << found));
            }
            if (days.empty()) problems.emplace_back("days: no day given");
        }
    }
    if (json.contains("times_per_week")) {
        if (const auto times = whole_number(json["times_per_week"], 1, 7)) rx.times_per_week = *times;
        else problems.emplace_back("times_per_week: 1 to 7");
    }
    if (std::string start; string_at("start", start)) {
        if (const auto date = parse_calendar_date(start)) rx.start = *date;
        else problems.emplace_back("start: a date as YYYY-MM-DD expected");
    } else if (!json.contains("start")) {
        problems.emplace_back("start: missing (the day the programme begins, YYYY-MM-DD)");
    }
    if (json.contains("review") && !json["review"].is_null()) {
        if (std::string review; string_at("review", review)) {
            if (const auto date = parse_calendar_date(review)) rx.review = *date;
            else problems.emplace_back("review: a date as YYYY-MM-DD expected");
        }
    }
    string_at("note", rx.note);
    if (string_at("clinic", rx.clinic)) rx.clinic = trim_spaces(rx.clinic);
    if (string_at("phone", rx.phone)) rx.phone = trim_spaces(rx.phone);

    if (json.contains("days") && json.contains("times_per_week"))
        problems.emplace_back("days, times_per_week: give one of them, not both");

    // The value's own rules, for what the shapes above let through. A problem about a key already
    // reported ("days[1]: ..." and then "days, times_per_week: give one of them") is left out: it
    // would only repeat the first less clearly.
    std::vector<std::string> reported;
    for (std::size_t i = problems_before_fields; i < problems.size(); ++i)
        for (std::string& key : keys_named_by(problems[i])) reported.push_back(std::move(key));
    for (std::string& problem : check_prescription(rx).problems) {
        const std::vector<std::string> keys = keys_named_by(problem);
        const bool repeat = std::any_of(keys.begin(), keys.end(), [&](const std::string& key) {
            return std::find(reported.begin(), reported.end(), key) != reported.end();
        });
        if (!repeat) problems.push_back(std::move(problem));
    }
    if (problems.empty()) out.prescription = std::move(rx);
    return out;
}

std::string prescription_to_json(const Prescription& rx, int indent) {
    // ordered_json keeps the documented order, for people reading the output.
    nlohmann::ordered_json out = nlohmann::ordered_json::object();
    out["routine"] = rx.routine_id;
    out["legs"] = to_string(rx.legs);
    out["preset"] = to_string(rx.preset);
    if (!rx.step_seconds.empty()) out["step_seconds"] = rx.step_seconds;
    if (rx.days_mask != 0) {
        nlohmann::ordered_json days = nlohmann::ordered_json::array();
        for (int d = 0; d < 7; ++d)
            if ((rx.days_mask >> d) & 1u) days.push_back(weekday_name(d));
        out["days"] = std::move(days);
    } else {
        out["times_per_week"] = rx.times_per_week;
    }
    out["start"] = to_string(rx.start);
    if (rx.review) out["review"] = to_string(*rx.review);
    if (!rx.note.empty()) out["note"] = rx.note;
    if (!rx.clinic.empty()) out["clinic"] = rx.clinic;
    if (!rx.phone.empty()) out["phone"] = rx.phone;
    return out.dump(indent, ' ', /*ensure_ascii=*/false, nlohmann::ordered_json::error_handler_t::replace);
}

//-----------------------------------------------------------------------------
// [SECTION] The session a prescription gives
//-----------------------------------------------------------------------------

PrescribedSession apply_prescription(const Prescription& rx, const ContentSet& content,
                                     const SessionOptions& from_safety_and_settings) {
    PrescribedSession out;
    out.options = from_safety_and_settings;
    auto fail = [&](PrescribedSessionError error, std::string message) {
        out.error = error;
        out.message = std::move(message);
        return out;
    };

    const PrescriptionCheck check = check_prescription(rx);
    if (!check.ok()) return fail(PrescribedSessionError::InvalidPrescription, "this programme is not valid: " + check.problems.front());
    const Routine* routine = content.find_routine(rx.routine_id);
    if (routine == nullptr)
        return fail(PrescribedSessionError::UnknownRoutine,
                    "this programme was written for a routine this app does not have (\"" + rx.routine_id + "\")");
    if (!rx.step_seconds.empty() && rx.step_seconds.size() != routine->steps.size())
        return fail(PrescribedSessionError::StepCountMismatch,
                    "this programme was written for a different version of the routine: it has " +
                        std::to_string(routine->steps.size()) + " steps, the programme names " +
                        std::to_string(rx.step_seconds.size()));

    if (rx.legs != PrescribedLegs::Both) {
        const Side prescribed = rx.legs == PrescribedLegs::LeftOnly ? Side::Left : Side::Right;
        if (out.options.only_leg && *out.options.only_leg != prescribed)
            return fail(PrescribedSessionError::NoLegAllowed,
                        "this programme is for the " + std::string(to_string(prescribed)) + " leg only, and today only the " +
                            std::string(to_string(*out.options.only_leg)) + " leg may be massaged");
        out.options.only_leg = prescribed;
    }
    out.options.preset = rx.preset;

    Routine copy = *routine;
    if (!rx.step_seconds.empty()) {
        const auto preset = static_cast<std::size_t>(rx.preset);
        for (std::size_t i = 0; i < copy.steps.size(); ++i) {
            Step& step = copy.steps[i];
            // A step the content leaves out for this length stays out: a prescription never adds one.
            const std::int64_t ms = step.duration_ms[preset] > 0 ? std::int64_t{rx.step_seconds[i]} * 1000 : 0;
            step.duration_ms.fill(ms);
        }
    }
    const std::vector<Phase> phases = plan_phases(copy, out.options);
    if (std::none_of(phases.begin(), phases.end(), [](const Phase& p) { return p.kind == PhaseKind::Step && p.side; }))
        return fail(PrescribedSessionError::NothingToDo,
                    out.options.gentle ? "nothing in this programme is left to do in today's gentle session"
                                       : "this programme leaves out every step on the legs");
    out.routine = std::move(copy);
    return out;
}

//-----------------------------------------------------------------------------
// [SECTION] Schedule
//-----------------------------------------------------------------------------

std::uint8_t planned_weekdays(const Prescription& rx) {
    if (rx.days_mask != 0) return static_cast<std::uint8_t>(rx.days_mask & 0x7F);
    if (rx.times_per_week < 1 || rx.times_per_week > 7) return 0;
    const int first = weekday(rx.start);
    std::uint8_t mask = 0;
    for (int i = 0; i < rx.times_per_week; ++i)
        mask = static_cast<std::uint8_t>(mask | (1u << ((first + i * 7 / rx.times_per_week) % 7)));
    return mask;
}

std::string planned_days_text(const Prescription& rx) {
    static constexpr std::array<std::string_view, 7> kShort = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    const std::uint8_t mask = planned_weekdays(rx);
    if (mask == 0) return "no days set";
    std::vector<std::string_view> names;
    for (std::size_t d = 0; d < 7; ++d)
        if ((mask >> d) & 1u) names.push_back(kShort[d]);
    std::string days = mask == 0x7F ? std::string("every day") : std::string();
    for (std::size_t i = 0; mask != 0x7F && i < names.size(); ++i) {
        if (i > 0) days += i + 1 == names.size() ? " and " : ", ";
        days += names[i];
    }
    if (rx.days_mask != 0) return days;
    return std::to_string(rx.times_per_week) + (rx.times_per_week == 1 ? " time" : " times") + " a week (suggested: " +
           days + ")";
}

bool planned_on(const Prescription& rx, const CalendarDate& day) {
    if (!is_real_date(day) || !is_real_date(rx.start) || day < rx.start) return false;
    if (rx.review && day > *rx.review) return false;
    return ((planned_weekdays(rx) >> weekday(day)) & 1u) != 0;
}

std::optional<CalendarDate> next_planned_day(const Prescription& rx, const CalendarDate& today) {
    if (!is_real_date(today) || !is_real_date(rx.start)) return std::nullopt;
    const CalendarDate from = std::max(today, rx.start);
    for (int k = 0; k < 7; ++k) {
        const CalendarDate day = add_days(from, k);
        if (rx.review && day > *rx.review) return std::nullopt;
        if (planned_on(rx, day)) return day;
    }
    return std::nullopt;
}

std::optional<int> days_until_review(const Prescription& rx, const CalendarDate& today) {
    if (!rx.review) return std::nullopt;
    return days_between(today, *rx.review);
}

}  // namespace calfcoach
