// Prescriptions (core/prescription): dates, checks, the code (round trip of random prescriptions,
// size limits, every malformed class, truncations and single-character edits), the documented byte
// layout rebuilt here independently, links, the JSON form, the schedule, and the property that a
// prescription cannot weaken what the safety check allows.
//
// [SECTION] Helpers: an independent encoder of the documented layout, random prescriptions
// [SECTION] Dates
// [SECTION] Checks
// [SECTION] Encoding: round trip and sizes
// [SECTION] Decoding: every malformed class
// [SECTION] Links
// [SECTION] JSON form
// [SECTION] Schedule
// [SECTION] Safety cannot be prescribed away
#include <catch2/catch.hpp>

#include <algorithm>
#include <random>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "core/launch_options.hpp"
#include "core/prescription.hpp"
#include "fixture_routine.hpp"
#include "test_support.hpp"

using namespace calfcoach;
using namespace calfcoach::test;

//-----------------------------------------------------------------------------
// [SECTION] Helpers
//-----------------------------------------------------------------------------
namespace {

using Bytes = std::vector<std::uint8_t>;

// Written from docs/prescriptions.md, not from prescription.cpp, so the two are checked against
// each other (and against the standard check value of CRC-32).
std::uint32_t doc_crc32(const Bytes& bytes) {
    std::uint32_t table[256];
    for (std::uint32_t n = 0; n < 256; ++n) {
        std::uint32_t c = n;
        for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        table[n] = c;
    }
    std::uint32_t crc = 0xFFFFFFFFu;
    for (std::uint8_t b : bytes) crc = table[(crc ^ b) & 0xFF] ^ (crc >> 8);
    return crc ^ 0xFFFFFFFFu;
}

std::string doc_base64url(const Bytes& bytes) {
    static const char* kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    std::string out;
    std::uint32_t bits = 0;
    int count = 0;
    for (std::uint8_t b : bytes) {
        bits = (bits << 8) | b;
        count += 8;
        while (count >= 6) {
            count -= 6;
            out += kAlphabet[(bits >> count) & 63];
        }
    }
    if (count > 0) out += kAlphabet[(bits << (6 - count)) & 63];
    return out;
}

void varint(Bytes& out, std::uint32_t v) {
    do {
        const auto low = static_cast<std::uint8_t>(v & 0x7F);
        v >>= 7;
        out.push_back(v != 0 ? static_cast<std::uint8_t>(low | 0x80) : low);
    } while (v != 0);
}

void text(Bytes& out, const std::string& s) {
    varint(out, static_cast<std::uint32_t>(s.size()));
    out.insert(out.end(), s.begin(), s.end());
}

// The frame every version keeps: version, varint length of the rest, fields, CRC-32 big-endian.
Bytes frame_bytes(int version, const Bytes& fields) {
    Bytes bytes{static_cast<std::uint8_t>(version)};
    varint(bytes, static_cast<std::uint32_t>(fields.size() + 4));
    bytes.insert(bytes.end(), fields.begin(), fields.end());
    const std::uint32_t crc = doc_crc32(bytes);
    for (int shift = 24; shift >= 0; shift -= 8) bytes.push_back(static_cast<std::uint8_t>(crc >> shift));
    return bytes;
}

std::string frame(int version, const Bytes& fields) { return doc_base64url(frame_bytes(version, fields)); }

// Version-1 fields of a prescription, as the documentation lays them out.
struct RawFields {
    std::uint8_t flags = 0x04 | 0x10;  // both legs, standard, a weekday mask
    std::string routine = "standard";
    std::uint8_t days = 0x15;          // Mon, Wed, Fri
    std::uint32_t start = 2526;        // 2026-12-01
    std::optional<std::uint32_t> review_after;
    std::vector<std::uint32_t> steps;
    std::string note, clinic, phone;
    Bytes extra;                       // appended after the last field
};

Bytes fields_v1(const RawFields& f) {
    Bytes out{f.flags};
    text(out, f.routine);
    out.push_back(f.days);
    varint(out, f.start);
    if (f.review_after) varint(out, *f.review_after);
    if (!f.steps.empty() || (f.flags & 0x40)) {
        varint(out, static_cast<std::uint32_t>(f.steps.size()));
        for (std::uint32_t s : f.steps) varint(out, s);
    }
    text(out, f.note);
    text(out, f.clinic);
    text(out, f.phone);
    out.insert(out.end(), f.extra.begin(), f.extra.end());
    return out;
}

// Code points for random text: ASCII, a line break, and 2-, 3- and 4-byte UTF-8.
const std::vector<std::string>& text_pool() {
    static const std::vector<std::string> pool = {"a", "Z", "7", " ", ".", ",", ";", "\\", "<", "\"", "\n",
                                                  "\xC3\xA9", "\xC3\xBC", "\xE6\x97\xA5", "\xE2\x82\xAC",
                                                  "\xF0\x9F\x98\x80"};
    return pool;
}

std::string random_text(std::mt19937& rng, std::size_t max_chars, std::size_t max_bytes, bool name) {
    std::string out;
    const std::size_t chars = std::uniform_int_distribution<std::size_t>(name ? 1 : 0, max_chars)(rng);
    for (std::size_t i = 0; i < chars; ++i) {
        std::string piece = text_pool()[std::uniform_int_distribution<std::size_t>(0, text_pool().size() - 1)(rng)];
        if (name && (piece == "\n" || piece == "<" || piece == " ")) piece = "n";
        if (out.size() + piece.size() > max_bytes) break;
        out += piece;
    }
    if (name && out.empty()) out = "C";
    return out;
}

Prescription random_prescription(std::mt19937& rng) {
    auto pick = [&](int low, int high) { return std::uniform_int_distribution<int>(low, high)(rng); };
    Prescription rx;
    if (pick(0, 3) > 0) {
        static const std::string kIdChars = "abcdefghijklmnopqrstuvwxyz0123456789_-";
        rx.routine_id.clear();
        for (int i = pick(1, 64); i > 0; --i) rx.routine_id += kIdChars[static_cast<std::size_t>(pick(0, 37))];
    }
    rx.legs = static_cast<PrescribedLegs>(pick(0, 2));
    rx.preset = static_cast<Preset>(pick(0, 2));
    if (pick(0, 1) == 1) {
        for (int i = pick(1, 12); i > 0; --i) rx.step_seconds.push_back(pick(0, 4) == 0 ? 0 : pick(10, 1800));
        if (std::all_of(rx.step_seconds.begin(), rx.step_seconds.end(), [](int s) { return s == 0; })) rx.step_seconds[0] = 10;
    }
    if (pick(0, 1) == 1) rx.days_mask = static_cast<std::uint8_t>(pick(1, 127));
    else rx.times_per_week = pick(1, 7);
    rx.start = add_days(kPrescriptionFirstStart, pick(0, days_between(kPrescriptionFirstStart, kPrescriptionLastStart)));
    if (pick(0, 1) == 1) rx.review = add_days(rx.start, pick(1, 366));
    rx.note = random_text(rng, 200, 300, false);
    if (pick(0, 1) == 1) rx.clinic = random_text(rng, 60, 240, true);
    if (pick(0, 1) == 1) {
        rx.phone = pick(0, 1) == 1 ? "+" : "";
        for (int digits = pick(3, 20), i = 0; i < digits; ++i) {
            if (i > 0 && pick(0, 3) == 0 && rx.phone.size() + 2 <= kPhoneMaxChars) rx.phone += ' ';
            if (rx.phone.size() >= kPhoneMaxChars) break;
            rx.phone += static_cast<char>('0' + pick(0, 9));
        }
        if (std::count_if(rx.phone.begin(), rx.phone.end(), [](char c) { return c >= '0' && c <= '9'; }) < 3) rx.phone = "112";
    }
    return rx;
}

std::string problems_of(const Prescription& rx) {
    std::string out;
    for (const std::string& p : check_prescription(rx).problems) out += p + "\n";
    return out;
}

bool has_problem(const Prescription& rx, const std::string& start) {
    for (const std::string& p : check_prescription(rx).problems)
        if (p.rfind(start, 0) == 0) return true;
    return false;
}

}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] Dates
//-----------------------------------------------------------------------------

TEST_CASE("calendar dates: parsing, printing, weekdays and day arithmetic", "[prescription]") {
    CHECK(parse_calendar_date("2026-12-01") == std::optional<CalendarDate>(CalendarDate{2026, 12, 1}));
    CHECK(parse_calendar_date("2024-02-29"));
    for (const char* bad : {"", "2026-12-1", "2026/12/01", "2027-02-29", "2026-13-01", "2026-00-10", "2026-04-31",
                            "20261201", "2026-12-01T00:00", " 2026-12-01", "2026-1a-01", "0000-01-01"})
        CHECK_FALSE(parse_calendar_date(bad));
    CHECK(to_string(CalendarDate{2027, 1, 12}) == "2027-01-12");
    CHECK(weekday(CalendarDate{2026, 12, 1}) == 1);  // a Tuesday
    CHECK(weekday(CalendarDate{2020, 1, 1}) == 2);   // a Wednesday
    CHECK(weekday(CalendarDate{2024, 3, 3}) == 6);   // a Sunday
    CHECK(days_between(CalendarDate{2026, 12, 1}, CalendarDate{2027, 1, 12}) == 42);
    CHECK(days_between(CalendarDate{2027, 1, 12}, CalendarDate{2026, 12, 1}) == -42);
    CHECK(add_days(CalendarDate{2024, 2, 28}, 1) == CalendarDate{2024, 2, 29});
    CHECK(add_days(CalendarDate{2100, 2, 28}, 1) == CalendarDate{2100, 3, 1});  // 2100 is no leap year
    CHECK(CalendarDate{2026, 12, 31} < CalendarDate{2027, 1, 1});
    // Every day of the encoding's range: consecutive, real, and one weekday after the other.
    CalendarDate day = kPrescriptionFirstStart;
    for (int n = 0; n <= days_between(kPrescriptionFirstStart, kPrescriptionLastStart); ++n) {
        const CalendarDate next = add_days(day, 1);
        REQUIRE(is_real_date(next));
        REQUIRE(day < next);
        REQUIRE(weekday(next) == (weekday(day) + 1) % 7);
        REQUIRE(parse_calendar_date(to_string(day)) == std::optional<CalendarDate>(day));
        day = next;
    }
    CHECK(weekday_name(0) == "mon");
    CHECK(weekday_name(6) == "sun");
    CHECK(weekday_name(7).empty());
}

//-----------------------------------------------------------------------------
// [SECTION] Checks
//-----------------------------------------------------------------------------

TEST_CASE("check_prescription: the example passes and a default one lacks only its days", "[prescription]") {
    INFO(problems_of(test::example_prescription()));
    CHECK(check_prescription(test::example_prescription()).ok());
    const PrescriptionCheck fresh = check_prescription(Prescription{});
    REQUIRE(fresh.problems.size() == 1);
    CHECK(fresh.problems[0].rfind("days, times_per_week:", 0) == 0);
}

TEST_CASE("check_prescription: every field's rule, each problem naming its field", "[prescription]") {
    auto with = [](auto edit) {
        Prescription rx = test::example_prescription();
        edit(rx);
        return rx;
    };
    CHECK(has_problem(with([](Prescription& r) { r.routine_id = ""; }), "routine:"));
    CHECK(has_problem(with([](Prescription& r) { r.routine_id = "Standard"; }), "routine:"));
    CHECK(has_problem(with([](Prescription& r) { r.routine_id = std::string(65, 'a'); }), "routine:"));
    CHECK(check_prescription(with([](Prescription& r) { r.routine_id = std::string(64, 'a') + ""; })).ok());
    CHECK(has_problem(with([](Prescription& r) { r.legs = static_cast<PrescribedLegs>(3); }), "legs:"));
    CHECK(has_problem(with([](Prescription& r) { r.preset = static_cast<Preset>(3); }), "preset:"));
    CHECK(has_problem(with([](Prescription& r) { r.step_seconds = std::vector<int>(13, 60); }), "step_seconds: at most 12"));
    CHECK(has_problem(with([](Prescription& r) { r.step_seconds = {9, 60}; }), "step_seconds[0]:"));
    CHECK(has_problem(with([](Prescription& r) { r.step_seconds = {60, 1801}; }), "step_seconds[1]:"));
    CHECK(has_problem(with([](Prescription& r) { r.step_seconds = {60, -5}; }), "step_seconds[1]:"));
    CHECK(has_problem(with([](Prescription& r) { r.step_seconds = {0, 0}; }), "step_seconds: every step"));
    CHECK(check_prescription(with([](Prescription& r) { r.step_seconds = {10, 1800, 0}; })).ok());
    CHECK(has_problem(with([](Prescription& r) { r.days_mask = 0x80; }), "days:"));
    CHECK(has_problem(with([](Prescription& r) { r.times_per_week = 3; }), "days, times_per_week: give one of them, not both"));
    CHECK(has_problem(with([](Prescription& r) { r.days_mask = 0; r.times_per_week = 8; }), "times_per_week:"));
    CHECK(has_problem(with([](Prescription& r) { r.days_mask = 0; r.times_per_week = -1; }), "times_per_week:"));
    CHECK(check_prescription(with([](Prescription& r) { r.days_mask = 0; r.times_per_week = 7; })).ok());
    CHECK(has_problem(with([](Prescription& r) { r.start = {2019, 12, 31}; r.review.reset(); }), "start:"));
    CHECK(has_problem(with([](Prescription& r) { r.start = {2100, 1, 1}; r.review.reset(); }), "start:"));
    CHECK(has_problem(with([](Prescription& r) { r.start = {2026, 2, 29}; }), "start:"));
    CHECK(has_problem(with([](Prescription& r) { r.review = r.start; }), "review:"));
    CHECK(has_problem(with([](Prescription& r) { r.review = add_days(r.start, 367); }), "review:"));
    CHECK(check_prescription(with([](Prescription& r) { r.review = add_days(r.start, 366); })).ok());
    CHECK(has_problem(with([](Prescription& r) { r.review = CalendarDate{2027, 2, 30}; }), "review: not a real date"));
    CHECK(has_problem(with([](Prescription& r) { r.note = std::string(201, 'a'); }), "note: at most 200 characters"));
    CHECK(check_prescription(with([](Prescription& r) { r.note = std::string(200, 'a'); })).ok());
    std::string three_hundred_one;
    for (int i = 0; i < 100; ++i) three_hundred_one += "\xE6\x97\xA5";  // 100 characters, 300 bytes: fine
    CHECK(check_prescription(with([&](Prescription& r) { r.note = three_hundred_one; })).ok());
    three_hundred_one += "a";
    CHECK(has_problem(with([&](Prescription& r) { r.note = three_hundred_one; }), "note: at most 300 bytes"));
    CHECK(check_prescription(with([](Prescription& r) { r.note = "Line one\nLine two <3"; })).ok());
    for (const char* bad : {"tab\there", "cr\r\n", "\xE2\x80\xAE" "evil", "zero\xE2\x80\x8Bwidth", "\x7F", "nul\x01"})
        CHECK(has_problem(with([&](Prescription& r) { r.note = bad; }), "note: control"));
    CHECK(has_problem(with([](Prescription& r) { r.note = "\xC3\x28"; }), "note: not valid UTF-8"));
    CHECK(has_problem(with([](Prescription& r) { r.clinic = std::string(61, 'a'); }), "clinic: longer than 60"));
    CHECK(has_problem(with([](Prescription& r) { r.clinic = "A <b> clinic"; }), "clinic: control"));
    CHECK(has_problem(with([](Prescription& r) { r.clinic = " Riverside"; }), "clinic: leading or trailing"));
    CHECK(has_problem(with([](Prescription& r) { r.clinic = "   "; }), "clinic: leading or trailing"));
    CHECK(check_prescription(with([](Prescription& r) { r.clinic.clear(); r.phone.clear(); })).ok());
    for (const char* bad : {"12", "112-999", "+44  20", "1+2", "123456789012345678901", "0123 4567 8901 2345 6789 0"})
        CHECK(has_problem(with([&](Prescription& r) { r.phone = bad; }), "phone:"));
    CHECK(has_problem(with([](Prescription& r) { r.phone = " 0123"; }), "phone: leading or trailing"));
    CHECK(has_problem(with([](Prescription& r) { r.phone = "0123 "; }), "phone: leading or trailing"));
}

//-----------------------------------------------------------------------------
// [SECTION] Encoding: round trip and sizes
//-----------------------------------------------------------------------------

TEST_CASE("the code is the documented layout, byte for byte", "[prescription]") {
    CHECK(doc_crc32(Bytes{'1', '2', '3', '4', '5', '6', '7', '8', '9'}) == 0xCBF43926u);  // the standard check value
    RawFields raw;
    raw.flags = 0x01 | (1 << 2) | 0x10 | 0x20 | 0x40;  // left only, standard, days, review, steps
    raw.review_after = 42;
    raw.steps = {30, 60, 60, 0, 45};
    raw.note = test::example_prescription().note;
    raw.clinic = "Riverside Physio";
    raw.phone = "+44 20 7946 0000";
    CHECK(encode_prescription(test::example_prescription()) == frame(1, fields_v1(raw)));

    Prescription weekly;
    weekly.times_per_week = 3;
    weekly.preset = Preset::Quick;
    weekly.start = {2020, 1, 1};
    RawFields plain;
    plain.flags = 0x00;  // both legs, quick, times a week, no review, no steps
    plain.days = 3;
    plain.start = 0;
    CHECK(encode_prescription(weekly) == frame(1, fields_v1(plain)));
    CHECK(encode_prescription(weekly).front() == 'A');  // version 1 in the top bits of the first byte
}

TEST_CASE("10,000 random valid prescriptions survive encode and decode unchanged", "[prescription]") {
    std::mt19937 rng(20261201);
    std::size_t longest = 0;
    for (int i = 0; i < 10'000; ++i) {
        const Prescription rx = random_prescription(rng);
        INFO("prescription " << i << "\n" << prescription_to_json(rx) << "\n" << problems_of(rx));
        REQUIRE(check_prescription(rx).ok());
        const std::string code = encode_prescription(rx);
        REQUIRE(code.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") == std::string::npos);
        const PrescriptionDecode decoded = decode_prescription(code);
        INFO(decoded.message);
        REQUIRE(decoded.ok());
        REQUIRE(decoded.error == PrescriptionError::None);
        REQUIRE(*decoded.prescription == rx);
        REQUIRE(encode_prescription(*decoded.prescription) == code);
        // The JSON form carries the same value.
        const PrescriptionParse json = prescription_from_json(prescription_to_json(rx));
        REQUIRE(json.ok());
        REQUIRE(*json.prescription == rx);
        longest = std::max(longest, code.size() + 3);
    }
    CHECK(longest <= 1000);
}

TEST_CASE("size: a typical programme fits in 300 characters of fragment", "[prescription]") {
    Prescription typical;
    typical.routine_id = "standard";
    typical.preset = Preset::Standard;
    typical.days_mask = 0x15;
    typical.start = {2026, 12, 1};
    typical.review = add_days(typical.start, 42);
    typical.note = std::string(100, 'x');
    for (std::size_t i = 0; i < typical.note.size(); i += 6) typical.note[i] = ' ';
    typical.clinic = "Riverside Physio Ltd";  // 20 characters
    REQUIRE(typical.clinic.size() == 20);
    typical.phone = "+44 20 7946 0000";
    REQUIRE(check_prescription(typical).ok());
    const std::string fragment = "rx=" + encode_prescription(typical);
    INFO("typical fragment: " << fragment.size() << " characters");
    CHECK(fragment.size() <= 300);
    CHECK(prescription_link("https://calfcoach.example/", typical).size() == fragment.size() + 27);
}

TEST_CASE("size: the largest valid programme fits in 1,000 characters of fragment", "[prescription]") {
    Prescription largest;
    largest.routine_id = std::string(64, 'r');
    largest.legs = PrescribedLegs::RightOnly;
    largest.preset = Preset::Thorough;
    largest.step_seconds = std::vector<int>(kPrescriptionMaxSteps, static_cast<int>(kMaxStepSeconds));
    largest.days_mask = 0x7F;
    largest.start = kPrescriptionLastStart;
    largest.review = add_days(largest.start, kPrescriptionReviewMaxDays);
    for (int i = 0; i < 75; ++i) largest.note += "\xF0\x9F\x98\x80";    // 300 bytes of 4-byte characters
    for (int i = 0; i < 60; ++i) largest.clinic += "\xF0\x9F\x98\x80";  // 60 characters, 240 bytes
    largest.phone = "+1 23 45 67 89 01 23 456";                         // 24 characters
    REQUIRE(largest.phone.size() == kPhoneMaxChars);
    INFO(problems_of(largest));
    REQUIRE(check_prescription(largest).ok());
    const std::string fragment = "rx=" + encode_prescription(largest);
    INFO("largest fragment: " << fragment.size() << " characters");
    CHECK(fragment.size() <= 1000);
    CHECK(fragment.size() - 3 <= kPrescriptionCodeMaxChars);
    CHECK(decode_prescription(fragment.substr(3)).ok());
}

//-----------------------------------------------------------------------------
// [SECTION] Decoding: every malformed class
//-----------------------------------------------------------------------------

TEST_CASE("decode: empty, too long and not base64url", "[prescription]") {
    CHECK(decode_prescription("").error == PrescriptionError::Empty);
    const PrescriptionDecode too_long = decode_prescription(std::string(kPrescriptionCodeMaxChars + 1, 'A'));
    CHECK(too_long.error == PrescriptionError::TooLong);
    CHECK(too_long.message.find("1400") != std::string::npos);
    const std::string code = encode_prescription(test::example_prescription());
    for (const std::string& bad : {code + "=", code.substr(0, 10) + "+" + code.substr(11), code.substr(0, 5) + "/" + code.substr(6),
                                   " " + code, code.substr(0, 20) + "\n" + code.substr(21), code.substr(0, 3) + "%41"}) {
        const PrescriptionDecode d = decode_prescription(bad);
        CHECK(d.error == PrescriptionError::NotBase64url);
        CHECK_FALSE(d.ok());
        CHECK(d.message.find('\n') == std::string::npos);
    }
    // Stray bits in the last character: the bytes (and so the checksum) are intact, the text is not
    // what any encoder writes, so the code would have two spellings.
    Prescription rx = test::example_prescription();
    std::string stray;
    for (int extra = 0; extra < 3 && stray.empty(); ++extra) {
        const std::string c = encode_prescription(rx);
        if (c.size() % 4 != 0) stray = c;
        rx.note += "!";
    }
    REQUIRE_FALSE(stray.empty());
    const std::string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    stray.back() = alphabet[alphabet.find(stray.back()) | 1];
    CHECK(decode_prescription(stray).error == PrescriptionError::NotBase64url);
}

TEST_CASE("decode: every truncation of a valid code is reported as cut off", "[prescription]") {
    Prescription twice_a_week;
    twice_a_week.times_per_week = 2;
    for (const Prescription& rx : {test::example_prescription(), twice_a_week}) {
        const std::string code = encode_prescription(rx);
        REQUIRE(decode_prescription(code).ok());
        for (std::size_t length = 1; length < code.size(); ++length) {
            INFO("length " << length);
            const PrescriptionDecode d = decode_prescription(code.substr(0, length));
            CHECK(d.error == PrescriptionError::Truncated);
            CHECK_FALSE(d.ok());
        }
    }
}

TEST_CASE("decode: every single-character edit of a valid code is detected", "[prescription]") {
    const std::string code = encode_prescription(test::example_prescription());
    const std::string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    std::set<PrescriptionError> seen;
    for (std::size_t at = 0; at < code.size(); ++at) {
        for (char c : alphabet + "=+/ .~\x01\xC3") {
            if (c == code[at]) continue;
            std::string edited = code;
            edited[at] = c;
            const PrescriptionDecode d = decode_prescription(edited);
            INFO("position " << at << " -> '" << c << "': " << d.message);
            // CRC-32 finds every burst of up to 32 bits, and one character is 6: none gets through.
            REQUIRE_FALSE(d.ok());
            REQUIRE(d.error != PrescriptionError::None);
            REQUIRE_FALSE(d.message.empty());
            seen.insert(d.error);
        }
        // Removing or doubling a character must be caught as well.
        CHECK_FALSE(decode_prescription(code.substr(0, at) + code.substr(at + 1)).ok());
        CHECK_FALSE(decode_prescription(code.substr(0, at) + code[at] + code.substr(at)).ok());
    }
    CHECK(seen.count(PrescriptionError::ChecksumMismatch) == 1);
    CHECK(seen.count(PrescriptionError::NotBase64url) == 1);
}

TEST_CASE("decode: a checksum mismatch says damaged or edited", "[prescription]") {
    std::string code = encode_prescription(test::example_prescription());
    code[code.size() / 2] = code[code.size() / 2] == 'A' ? 'B' : 'A';
    const PrescriptionDecode d = decode_prescription(code);
    CHECK(d.error == PrescriptionError::ChecksumMismatch);
    CHECK(d.message.find("damaged or edited") != std::string::npos);
}

TEST_CASE("decode: newer and unknown versions are told apart once the frame is intact", "[prescription]") {
    const Bytes fields = fields_v1(RawFields{});
    REQUIRE(decode_prescription(frame(1, fields)).ok());
    for (int version : {2, 3, 127}) {
        const PrescriptionDecode d = decode_prescription(frame(version, Bytes{0xFF, 0x00, 0x42}));
        CHECK(d.error == PrescriptionError::NewerVersion);
        CHECK(d.message.find("made by a newer Calf Coach") != std::string::npos);
    }
    for (int version : {0, 128, 255}) CHECK(decode_prescription(frame(version, fields)).error == PrescriptionError::UnknownVersion);
    // A damaged code never claims to be from a newer app.
    std::string damaged = frame(2, Bytes{1, 2, 3});
    damaged[3] = damaged[3] == 'A' ? 'B' : 'A';
    CHECK(decode_prescription(damaged).error == PrescriptionError::ChecksumMismatch);
}

TEST_CASE("decode: each out-of-range field is named", "[prescription]") {
    auto decode_raw = [](auto edit) {
        RawFields raw;
        edit(raw);
        return decode_prescription(frame(1, fields_v1(raw)));
    };
    const std::vector<std::pair<std::string, PrescriptionDecode>> cases = {
        {"flags", decode_raw([](RawFields& r) { r.flags |= 0x80; })},
        {"legs", decode_raw([](RawFields& r) { r.flags |= 0x03; })},
        {"preset", decode_raw([](RawFields& r) { r.flags |= 0x0C; })},
        {"routine", decode_raw([](RawFields& r) { r.routine = "Not An Id"; })},
        {"days", decode_raw([](RawFields& r) { r.days = 0; })},
        {"days", decode_raw([](RawFields& r) { r.days = 0x80; })},
        {"times_per_week", decode_raw([](RawFields& r) { r.flags = 0x04; r.days = 8; })},
        {"days, times_per_week", decode_raw([](RawFields& r) { r.flags = 0x04; r.days = 0; })},
        {"start", decode_raw([](RawFields& r) { r.start = 40000; })},
        {"review", decode_raw([](RawFields& r) { r.flags |= 0x20; r.review_after = 0; })},
        {"review", decode_raw([](RawFields& r) { r.flags |= 0x20; r.review_after = 367; })},
        {"step_seconds", decode_raw([](RawFields& r) { r.flags |= 0x40; r.steps = std::vector<std::uint32_t>(13, 60); })},
        {"step_seconds", decode_raw([](RawFields& r) { r.flags |= 0x40; })},  // flagged, count 0
        {"step_seconds[1]", decode_raw([](RawFields& r) { r.flags |= 0x40; r.steps = {60, 5}; })},
        {"step_seconds[0]", decode_raw([](RawFields& r) { r.flags |= 0x40; r.steps = {4000}; })},
        {"note", decode_raw([](RawFields& r) { r.note = std::string(201, 'n'); })},
        {"note", decode_raw([](RawFields& r) { r.note = "bell\a"; })},
        {"clinic", decode_raw([](RawFields& r) { r.clinic = "<script>"; })},
        {"phone", decode_raw([](RawFields& r) { r.phone = "call me"; })},
    };
    for (const auto& [field, d] : cases) {
        INFO(field << ": " << d.message);
        CHECK(d.error == PrescriptionError::FieldOutOfRange);
        CHECK(d.message.find(field + ":") != std::string::npos);
    }
    // A string that runs past the end of the fields (the frame around it intact).
    Bytes fields = fields_v1(RawFields{});
    fields.resize(fields.size() - 1);  // the phone's length byte is the last: drop it
    CHECK(decode_prescription(frame(1, fields)).error == PrescriptionError::FieldOutOfRange);
    Bytes long_note = fields_v1(RawFields{});
    long_note[long_note.size() - 3] = 0x50;  // the note says 80 bytes, none follow
    CHECK(decode_prescription(frame(1, long_note)).message.find("note:") != std::string::npos);
    // A varint written longer than needed is refused: every value has one spelling.
    Bytes padded = fields_v1(RawFields{});
    Bytes spelled{padded.begin(), padded.begin() + 11};  // flags, "standard", days
    spelled.push_back(0xDE | 0x80);
    spelled.push_back(0x13 | 0x80);
    spelled.push_back(0x00);  // 2526 in three bytes instead of two
    spelled.insert(spelled.end(), padded.begin() + 13, padded.end());
    CHECK(decode_prescription(frame(1, spelled)).message.find("start:") != std::string::npos);
}

TEST_CASE("decode: trailing bytes, after the frame and after the last field", "[prescription]") {
    Bytes bytes = frame_bytes(1, fields_v1(RawFields{}));
    bytes.push_back(0x00);
    const PrescriptionDecode after_frame = decode_prescription(doc_base64url(bytes));
    CHECK(after_frame.error == PrescriptionError::TrailingBytes);
    RawFields extra;
    extra.extra = {0x01, 0x02};
    const PrescriptionDecode after_fields = decode_prescription(frame(1, fields_v1(extra)));
    CHECK(after_fields.error == PrescriptionError::TrailingBytes);
    CHECK(after_fields.message.find("2 unexpected bytes") != std::string::npos);
}

TEST_CASE("decode: random text and random bytes give an error, never a crash", "[prescription]") {
    std::mt19937 rng(13);
    const std::string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    for (int i = 0; i < 5'000; ++i) {
        std::string text(std::uniform_int_distribution<std::size_t>(0, 1500)(rng), 'A');
        const bool any_byte = i % 2 == 0;
        for (char& c : text)
            c = any_byte ? static_cast<char>(std::uniform_int_distribution<int>(0, 255)(rng))
                         : alphabet[std::uniform_int_distribution<std::size_t>(0, 63)(rng)];
        const PrescriptionDecode d = decode_prescription(text);
        CHECK((d.ok() == (d.error == PrescriptionError::None)));
        if (!d.ok()) CHECK_FALSE(d.message.empty());
    }
    CHECK(to_string(PrescriptionError::ChecksumMismatch) == "checksum_mismatch");
}

//-----------------------------------------------------------------------------
// [SECTION] Links
//-----------------------------------------------------------------------------

TEST_CASE("links: built from the app address, read back from location.hash", "[prescription]") {
    const std::string code = encode_prescription(test::example_prescription());
    CHECK(prescription_link("https://calfcoach.example/", test::example_prescription()) == "https://calfcoach.example/#rx=" + code);
    CHECK(prescription_link("https://calfcoach.example/?embed=1#old=1", test::example_prescription()) ==
          "https://calfcoach.example/?embed=1#rx=" + code);
    CHECK(prescription_link("", test::example_prescription()) == "#rx=" + code);
    CHECK(prescription_code_from_fragment("#rx=" + code) == std::optional<std::string>(code));
    CHECK(prescription_code_from_fragment("rx=" + code) == std::optional<std::string>(code));
    CHECK(prescription_code_from_fragment("#lang=fr&rx=" + code + "&x=1") == std::optional<std::string>(code));
    CHECK(prescription_code_from_fragment("#rx=first&rx=second") == std::optional<std::string>("first"));
    CHECK(prescription_code_from_fragment("#rx=") == std::optional<std::string>(""));
    CHECK(prescription_code_from_fragment("#rx") == std::optional<std::string>(""));
    for (const char* none : {"", "#", "#prx=abc", "#xrx=1", "#RX=abc", "#&&"}) CHECK_FALSE(prescription_code_from_fragment(none));
}

//-----------------------------------------------------------------------------
// [SECTION] JSON form
//-----------------------------------------------------------------------------

TEST_CASE("JSON form: the example file is the example prescription", "[prescription]") {
    const std::string file = read_text_file(std::string(CALFCOACH_SOURCE_DIR) + "/docs/examples/prescription.json");
    const PrescriptionParse parsed = prescription_from_json(file);
    INFO([&] { std::string s; for (auto& p : parsed.problems) s += p + "\n"; return s; }());
    REQUIRE(parsed.ok());
    CHECK(*parsed.prescription == test::example_prescription());
    const std::string json = prescription_to_json(test::example_prescription());
    CHECK(json.find("\"routine\"") < json.find("\"legs\""));
    CHECK(json.find("\"days\"") < json.find("\"start\""));
    CHECK(json.find("times_per_week") == std::string::npos);
}

TEST_CASE("JSON form: defaults, times a week, trimming", "[prescription]") {
    const PrescriptionParse minimal = prescription_from_json(R"({"start": "2026-12-01", "times_per_week": 3})");
    REQUIRE(minimal.ok());
    CHECK(minimal.prescription->routine_id == "standard");
    CHECK(minimal.prescription->legs == PrescribedLegs::Both);
    CHECK(minimal.prescription->preset == Preset::Standard);
    CHECK(minimal.prescription->times_per_week == 3);
    CHECK_FALSE(minimal.prescription->review);
    const PrescriptionParse trimmed =
        prescription_from_json(R"({"start": "2026-12-01", "days": ["sun"], "clinic": "  Riverside  ", "phone": " 0123 ", "review": null})");
    REQUIRE(trimmed.ok());
    CHECK(trimmed.prescription->clinic == "Riverside");
    CHECK(trimmed.prescription->phone == "0123");
    CHECK(trimmed.prescription->days_mask == 0x40);
}

TEST_CASE("JSON form: every problem is listed, each naming its key", "[prescription]") {
    const PrescriptionParse bad = prescription_from_json(R"({
        "routine": 7, "legs": "middle", "preset": "marathon", "step_seconds": [60, 5, 30.5, "x"],
        "days": ["mon", "fr", "mon"], "times_per_week": 3, "start": "1 Dec", "review": "2027-13-01",
        "note": "ok", "clinic": "<b>", "phone": "12", "colour": "blue"})");
    CHECK_FALSE(bad.ok());
    std::string all;
    for (const std::string& p : bad.problems) all += p + "\n";
    INFO(all);
    for (const char* expected : {"colour: unknown key", "routine: a string expected", "legs:", "preset:", "step_seconds[1]:",
                                 "step_seconds[2]:", "step_seconds[3]:", "days[1]:", "days[2]: given twice",
                                 "start: a date as YYYY-MM-DD", "review: a date as YYYY-MM-DD", "clinic:", "phone:",
                                 "days, times_per_week: give one of them, not both"})
        CHECK(all.find(expected) != std::string::npos);
    CHECK(all.find("step_seconds[0]") == std::string::npos);

    for (const char* broken : {"", "[]", "\"rx\"", "{", "{\"start\": \"2026-12-01\", \"days\": [[[[[[[[[]]]]]]]]]}"})
        CHECK_FALSE(prescription_from_json(broken).ok());
    const PrescriptionParse missing = prescription_from_json("{}");
    CHECK(missing.problems.size() == 2);  // start, and the days
    const PrescriptionParse huge = prescription_from_json(std::string(70 * 1024, ' '));
    CHECK_FALSE(huge.ok());
    // A field reported for its shape is not reported again by the value's rules.
    const PrescriptionParse times = prescription_from_json(R"({"start": "2026-12-01", "times_per_week": 9})");
    REQUIRE(times.problems.size() == 1);
    CHECK(times.problems[0] == "times_per_week: 1 to 7");
}

//-----------------------------------------------------------------------------
// [SECTION] Schedule
//-----------------------------------------------------------------------------

TEST_CASE("schedule: fixed days from start to review", "[prescription]") {
    const Prescription rx = test::example_prescription();  // Mon, Wed, Fri from Tue 2026-12-01 to Tue 2027-01-12
    CHECK(planned_weekdays(rx) == 0x15);
    CHECK(planned_days_text(rx) == "Mon, Wed and Fri");
    CHECK_FALSE(planned_on(rx, {2026, 11, 30}));  // a Monday before the start
    CHECK_FALSE(planned_on(rx, {2026, 12, 1}));   // the start is a Tuesday
    CHECK(planned_on(rx, {2026, 12, 2}));
    CHECK(planned_on(rx, {2027, 1, 11}));
    CHECK_FALSE(planned_on(rx, {2027, 1, 13}));   // a Wednesday after the review
    CHECK(next_planned_day(rx, {2026, 11, 1}) == std::optional<CalendarDate>(CalendarDate{2026, 12, 2}));
    CHECK(next_planned_day(rx, {2026, 12, 2}) == std::optional<CalendarDate>(CalendarDate{2026, 12, 2}));
    CHECK(next_planned_day(rx, {2026, 12, 5}) == std::optional<CalendarDate>(CalendarDate{2026, 12, 7}));
    CHECK(next_planned_day(rx, {2027, 1, 12}) == std::nullopt);
    CHECK(days_until_review(rx, {2026, 12, 1}) == std::optional<int>(42));
    CHECK(days_until_review(rx, {2027, 1, 12}) == std::optional<int>(0));
    CHECK(days_until_review(rx, {2027, 1, 14}) == std::optional<int>(-2));
    Prescription open_ended = rx;
    open_ended.review.reset();
    CHECK_FALSE(days_until_review(open_ended, {2026, 12, 1}));
    CHECK(planned_on(open_ended, {2030, 1, 2}));  // a Wednesday, years on
    CHECK(next_planned_day(open_ended, {2027, 1, 13}) == std::optional<CalendarDate>(CalendarDate{2027, 1, 13}));
    Prescription every_day = rx;
    every_day.days_mask = 0x7F;
    CHECK(planned_days_text(every_day) == "every day");
}

TEST_CASE("schedule: times a week are spread from the start's weekday", "[prescription]") {
    Prescription rx;
    rx.start = {2026, 12, 1};  // a Tuesday
    const std::vector<std::pair<int, std::uint8_t>> expected = {
        {1, 0x02}, {2, 0x02 | 0x10}, {3, 0x02 | 0x08 | 0x20}, {7, 0x7F}};
    for (const auto& [times, mask] : expected) {
        rx.times_per_week = times;
        INFO(times);
        CHECK(planned_weekdays(rx) == mask);
        CHECK(__builtin_popcount(planned_weekdays(rx)) == times);
    }
    for (int times = 1; times <= 7; ++times) {
        rx.times_per_week = times;
        CHECK(__builtin_popcount(planned_weekdays(rx)) == times);
    }
    rx.times_per_week = 3;
    CHECK(planned_days_text(rx) == "3 times a week (suggested: Tue, Thu and Sat)");
    CHECK(next_planned_day(rx, {2026, 12, 1}) == std::optional<CalendarDate>(CalendarDate{2026, 12, 1}));
    rx.times_per_week = 0;
    CHECK(planned_weekdays(rx) == 0);
    CHECK_FALSE(next_planned_day(rx, {2026, 12, 1}));
    CHECK(planned_days_text(rx) == "no days set");
}

//-----------------------------------------------------------------------------
// [SECTION] Safety cannot be prescribed away
//-----------------------------------------------------------------------------
namespace {

// The shipped content plus the fixture routine, which has a step left out of its quick length.
const ContentSet& safety_content() {
    static const ContentSet content = [] {
        ContentSet c = shipped_load().content;
        c.routines.push_back(fixture_routine());
        return c;
    }();
    return content;
}

using StepOnLeg = std::tuple<std::size_t, int>;  // step index, side (-1: before the legs)

std::set<StepOnLeg> steps_in(const std::vector<Phase>& phases) {
    std::set<StepOnLeg> out;
    for (const Phase& p : phases)
        if (p.kind == PhaseKind::Step) out.insert({p.step_index, p.side ? static_cast<int>(*p.side) : -1});
    return out;
}

}  // namespace

TEST_CASE("apply_prescription: the example narrows the standard routine to the left leg", "[prescription][safety]") {
    const PrescribedSession session = apply_prescription(test::example_prescription(), shipped_load().content, SessionOptions{});
    INFO(session.message);
    REQUIRE(session.ok());
    CHECK(session.options.only_leg == std::optional<Side>(Side::Left));
    const std::vector<Phase> phases = plan_phases(*session.routine, session.options);
    for (const Phase& p : phases) {
        CHECK(p.side != std::optional<Side>(Side::Right));
        CHECK(p.step_id != "deep_pressure");
    }
    CHECK(session.routine->steps[1].duration_ms == std::array<std::int64_t, kPresetCount>{60'000, 60'000, 60'000});
}

TEST_CASE("apply_prescription: the errors it gives", "[prescription][safety]") {
    const ContentSet& content = shipped_load().content;
    Prescription rx = test::example_prescription();
    rx.routine_id = "clinic_special";
    const PrescribedSession unknown = apply_prescription(rx, content, {});
    CHECK(unknown.error == PrescribedSessionError::UnknownRoutine);
    CHECK(unknown.message.find("a routine this app does not have") != std::string::npos);

    rx = test::example_prescription();
    rx.step_seconds = {30, 60, 60};
    const PrescribedSession mismatch = apply_prescription(rx, content, {});
    CHECK(mismatch.error == PrescribedSessionError::StepCountMismatch);
    CHECK(mismatch.message.find("it has 5 steps, the programme names 3") != std::string::npos);

    SessionOptions right_only;
    right_only.only_leg = Side::Right;  // a wound on the left leg, today
    const PrescribedSession conflict = apply_prescription(test::example_prescription(), content, right_only);
    CHECK(conflict.error == PrescribedSessionError::NoLegAllowed);
    CHECK_FALSE(conflict.ok());

    rx = test::example_prescription();
    rx.step_seconds = {30, 0, 0, 60, 0};  // only the preparation and the deep step
    SessionOptions gentle;
    gentle.gentle = true;
    CHECK(apply_prescription(rx, content, gentle).error == PrescribedSessionError::NothingToDo);
    CHECK(apply_prescription(rx, content, {}).ok());
    rx.step_seconds = {30, 0, 0, 0, 0};  // the preparation alone
    CHECK(apply_prescription(rx, content, {}).error == PrescribedSessionError::NothingToDo);

    rx = test::example_prescription();
    rx.note = std::string(300, 'x');
    CHECK(apply_prescription(rx, content, {}).error == PrescribedSessionError::InvalidPrescription);
}

TEST_CASE("apply_prescription never weakens what the safety result allows (random prescriptions x options)",
          "[prescription][safety]") {
    const ContentSet& content = safety_content();
    std::mt19937 rng(6);
    auto pick = [&](int low, int high) { return std::uniform_int_distribution<int>(low, high)(rng); };
    int applied = 0;
    for (int round = 0; round < 4'000; ++round) {
        // Every field of the prescription varies; routine and step count mostly fit the content.
        Prescription rx = random_prescription(rng);
        const Routine& routine = content.routines[static_cast<std::size_t>(pick(0, static_cast<int>(content.routines.size()) - 1))];
        rx.routine_id = pick(0, 20) == 0 ? "no_such_routine" : routine.id;
        if (!rx.step_seconds.empty()) {
            rx.step_seconds.resize(pick(0, 10) == 0 ? rx.step_seconds.size() : routine.steps.size(), 0);
            if (std::all_of(rx.step_seconds.begin(), rx.step_seconds.end(), [](int s) { return s == 0; }))
                rx.step_seconds[0] = 10;
        }
        // The options the safety check and the settings gave.
        SessionOptions safe;
        safe.preset = static_cast<Preset>(pick(0, 2));
        safe.first_leg = static_cast<Side>(pick(0, 1));
        if (pick(0, 2) == 0) safe.only_leg = static_cast<Side>(pick(0, 1));
        safe.gentle = pick(0, 1) == 1;
        safe.get_ready_ms = pick(0, 3) == 0 ? 0 : pick(1, 20) * 1000;
        safe.switch_legs_ms = pick(0, 3) == 0 ? 0 : pick(1, 30) * 1000;
        safe.due_tolerance_ms = pick(100, 5000);

        const PrescribedSession out = apply_prescription(rx, content, safe);
        INFO("round " << round << ": " << out.message << "\n" << prescription_to_json(rx));
        if (!out.ok()) {
            REQUIRE(out.error != PrescribedSessionError::None);
            if (out.error == PrescribedSessionError::NoLegAllowed) {
                REQUIRE(safe.only_leg);
                REQUIRE(rx.legs != PrescribedLegs::Both);
            }
            continue;
        }
        ++applied;
        const Routine* original = content.find_routine(rx.routine_id);
        REQUIRE(original != nullptr);
        // What safety decides is passed through untouched.
        REQUIRE(out.options.gentle == safe.gentle);
        REQUIRE(out.options.get_ready_ms == safe.get_ready_ms);
        REQUIRE(out.options.switch_legs_ms == safe.switch_legs_ms);
        REQUIRE(out.options.due_tolerance_ms == safe.due_tolerance_ms);
        REQUIRE(out.options.first_leg == safe.first_leg);
        if (safe.only_leg) REQUIRE(out.options.only_leg == safe.only_leg);
        if (rx.legs != PrescribedLegs::Both)
            REQUIRE(out.options.only_leg == std::optional<Side>(rx.legs == PrescribedLegs::LeftOnly ? Side::Left : Side::Right));
        // The routine keeps every step's nature.
        REQUIRE(out.routine->steps.size() == original->steps.size());
        for (std::size_t i = 0; i < original->steps.size(); ++i) {
            const Step& mine = out.routine->steps[i];
            const Step& theirs = original->steps[i];
            REQUIRE(mine.id == theirs.id);
            REQUIRE(mine.pressure == theirs.pressure);
            REQUIRE(mine.deep == theirs.deep);
            REQUIRE(mine.per_leg == theirs.per_leg);
        }
        for (const bool eased : {false, true}) {
            SessionOptions reference = safe;
            reference.preset = rx.preset;
            const std::vector<Phase> allowed = plan_phases(*original, reference, eased);
            const std::vector<Phase> planned = plan_phases(*out.routine, out.options, eased);
            // Every step planned is one the safety result allows on that leg: nothing added.
            const std::set<StepOnLeg> allowed_steps = steps_in(allowed);
            for (const StepOnLeg& step : steps_in(planned)) REQUIRE(allowed_steps.count(step) == 1);
            std::set<int> legs_allowed, legs_planned;
            for (const Phase& p : allowed)
                if (p.side) legs_allowed.insert(static_cast<int>(*p.side));
            for (const Phase& p : planned) {
                if (p.side) legs_planned.insert(static_cast<int>(*p.side));
                if (p.kind == PhaseKind::GetReady) REQUIRE(p.duration_ms == safe.get_ready_ms);
                if (p.kind == PhaseKind::SwitchLegs) REQUIRE(p.duration_ms == safe.switch_legs_ms);
                if (p.kind != PhaseKind::Step) continue;
                const Step& step = original->steps[p.step_index];
                REQUIRE_FALSE((p.deep && (safe.gentle || eased)));
                REQUIRE(p.deep == step.deep);
                REQUIRE(static_cast<int>(p.pressure) <= static_cast<int>(step.pressure));
                REQUIRE(p.duration_ms > 0);
                REQUIRE(p.duration_ms <= kMaxStepSeconds * 1000);
                if (rx.step_seconds.empty()) REQUIRE(p.duration_ms == step.duration_ms[static_cast<std::size_t>(rx.preset)]);
                else REQUIRE(p.duration_ms == std::int64_t{rx.step_seconds[p.step_index]} * 1000);
            }
            REQUIRE(std::includes(legs_allowed.begin(), legs_allowed.end(), legs_planned.begin(), legs_planned.end()));
            REQUIRE(legs_planned.size() <= legs_allowed.size());
        }
    }
    CHECK(applied > 1'000);  // the property was tested on many sessions, not only on errors
}
