// prescription.hpp — a physio's programme for one patient, carried in a link's fragment
// (`https://APP/#rx=<code>`), so it needs no server and no account: the value, its checks, its compact
// encoding, its JSON form (the physio's input file), the session it gives, and its schedule.
//
// [SECTION] The prescription
// [SECTION] Checks
// [SECTION] Encoding (the code in #rx=) and links
// [SECTION] JSON form
// [SECTION] The session a prescription gives (safety cannot be prescribed away)
// [SECTION] Schedule
//
// What a prescription is NOT: it holds no answer to the safety check and cannot skip or soften it.
// The app runs the safety check before every session exactly as without a prescription; the
// prescription is applied afterwards and can only narrow what that result allows (apply_prescription).
// A prescription holds no name, no diagnosis and no date of birth: anyone holding the link can read it.
// The format, byte by byte, is in docs/prescriptions.md.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/calendar_date.hpp"
#include "core/content.hpp"
#include "core/routine.hpp"
#include "core/session.hpp"

namespace calfcoach {

//-----------------------------------------------------------------------------
// [SECTION] The prescription
//-----------------------------------------------------------------------------

enum class PrescribedLegs : std::uint8_t { Both, LeftOnly, RightOnly };
std::string_view to_string(PrescribedLegs legs);  // "both", "left", "right"
std::optional<PrescribedLegs> prescribed_legs_from_string(std::string_view s);

// Caps, quoted by the problems check_prescription reports.
inline constexpr int kPrescriptionVersion = 1;                   // the version byte encode writes
inline constexpr std::size_t kPrescriptionRoutineIdMaxChars = 64;  // the content loader's id rule
inline constexpr std::size_t kPrescriptionMaxSteps = 12;          // per-step durations given for at most 12 steps
inline constexpr int kPrescriptionMinStepSeconds = 10;            // a step that is done lasts 10 s at least
inline constexpr std::size_t kPrescriptionNoteMaxChars = 200;     // code points
inline constexpr std::size_t kPrescriptionNoteMaxBytes = 300;     // UTF-8 bytes
inline constexpr int kPrescriptionReviewMaxDays = 366;            // review at most this long after start
inline constexpr CalendarDate kPrescriptionFirstStart{2020, 1, 1};
inline constexpr CalendarDate kPrescriptionLastStart{2099, 12, 31};
inline constexpr std::size_t kPrescriptionCodeMaxChars = 1400;    // longer codes are refused before decoding

// A physio's programme for one patient. Every field has a default; a default-built Prescription is
// the standard routine, both legs, standard length, but has no schedule yet (set days_mask or
// times_per_week), so check_prescription reports that one problem.
struct Prescription {
    // The routine to do: the built-in "standard" or a clinic's (content/routines.json "id"): 1 to 64
    // lowercase letters, digits, '_' or '-'. Default: "standard"
    std::string routine_id = "standard";
    // Which legs: one-sided injuries are common. Default: Both
    PrescribedLegs legs = PrescribedLegs::Both;
    // Which of the routine's lengths, where step_seconds is empty. Default: Standard
    Preset preset = Preset::Standard;
    // Empty: the preset's durations. Else one entry per step of the routine, in the routine's order:
    // 0 = the step is left out, else 10 to kMaxStepSeconds (1800) seconds, used on each leg. At most
    // kPrescriptionMaxSteps entries. Default: empty
    std::vector<int> step_seconds;
    // Fixed days: bit 0 Monday ... bit 6 Sunday (bit 7 never set). 0 = use times_per_week; exactly one
    // of days_mask and times_per_week is set. Default: 0
    std::uint8_t days_mask = 0;
    // 1 to 7 sessions a week on days the person chooses, when days_mask is 0. Default: 0
    int times_per_week = 0;
    // The day the programme begins, 2020-01-01 to 2099-12-31. Default: 2020-01-01
    CalendarDate start;
    // The day to see the physio again: after start, at most 366 days after it. Default: none
    std::optional<CalendarDate> review;
    // A few words from the physio, plain text: at most 200 code points and 300 UTF-8 bytes, no control,
    // invisible or direction-changing characters except '\n' line breaks. It travels in the link and
    // anyone with the link can read it: no name, no diagnosis. Default: empty
    std::string note;
    // The clinic's name, by the rules of the clinic= launch parameter (clinic_name_problem), with no
    // leading or trailing space. Default: empty (no clinic shown)
    std::string clinic;
    // The clinic's phone, by the rules of the phone= launch parameter (phone_problem), with no
    // leading or trailing space. Default: empty (no call button)
    std::string phone;

    bool operator==(const Prescription&) const = default;
};

//-----------------------------------------------------------------------------
// [SECTION] Checks
//-----------------------------------------------------------------------------

struct PrescriptionCheck {
    // Every problem, one line each, starting with the field: "note: at most 200 characters".
    std::vector<std::string> problems;
    [[nodiscard]] bool ok() const { return problems.empty(); }
};

// Checks every field against its rule above. Knows no content: whether the routine exists and has
// as many steps as step_seconds is apply_prescription's question.
PrescriptionCheck check_prescription(const Prescription& prescription);

//-----------------------------------------------------------------------------
// [SECTION] Encoding and links
//-----------------------------------------------------------------------------

enum class PrescriptionError : std::uint8_t {
    None,
    Empty,             // no code at all
    TooLong,           // over kPrescriptionCodeMaxChars: refused before decoding
    NotBase64url,      // a character outside A-Z a-z 0-9 - _ (padding '=' included), or stray bits at the end
    Truncated,         // fewer bytes than the code's own length field says: cut off (a link split by e-mail)
    ChecksumMismatch,  // the bytes are all there but differ from what was written: damaged or edited
    NewerVersion,      // intact, written by a newer Calf Coach
    UnknownVersion,    // intact, but a version no Calf Coach writes (0, or 128 and above)
    FieldOutOfRange,   // intact and version 1, but a field breaks its rule (the message names it)
    TrailingBytes,     // more bytes than the length field says, or bytes left after the last field
};
std::string_view to_string(PrescriptionError error);  // "none", "empty", "too_long", "not_base64url", ...

struct PrescriptionDecode {
    std::optional<Prescription> prescription;  // set exactly when error is None; then it passes check_prescription
    PrescriptionError error = PrescriptionError::None;
    std::string message;  // one plain line when error is set: "damaged or edited: the checksum does not match"
    [[nodiscard]] bool ok() const { return prescription.has_value(); }
};

// The code for #rx=: base64url without padding of the version-1 bytes (docs/prescriptions.md). Meant
// for a prescription that passes check_prescription; encoding any other never fails either, but what
// the format cannot hold is clamped (a start before 2020 as 2020-01-01...), so its code may decode to
// an error or to a different value. Deterministic: the same prescription always gives the same code.
std::string encode_prescription(const Prescription& prescription);

// Any text in, a valid prescription or one error out; never throws. Every code has exactly one
// meaning and every prescription exactly one code: decode(encode(p)) == p and, for a code that
// decodes, encode(decode(code)) == code.
PrescriptionDecode decode_prescription(std::string_view code);

// The value of the "rx" parameter in a URL fragment (location.hash: "#rx=CODE", possibly among other
// '&'-separated parameters, the leading '#' optional); the first one wins. nullopt when there is none.
std::optional<std::string> prescription_code_from_fragment(std::string_view hash);

// "rx-" and 16 hex digits: FNV-1a of the code. The history records it against each session the
// programme gave; the same prescription always has the same id, a different one another (barring a
// one-in-2^64 chance).
std::string prescription_id(const Prescription& prescription);

// "APP#rx=CODE": app_url with any fragment it had removed. An empty app_url gives "#rx=CODE".
std::string prescription_link(std::string_view app_url, const Prescription& prescription);

//-----------------------------------------------------------------------------
// [SECTION] JSON form
//-----------------------------------------------------------------------------

// The physio's input file and the tool's output:
//   {"routine": "standard", "legs": "both"|"left"|"right", "preset": "quick"|"standard"|"thorough",
//    "step_seconds": [30, 60, 0, ...], "days": ["mon", "wed", "fri"] or "times_per_week": 3,
//    "start": "2026-12-01", "review": "2027-01-12", "note": "...", "clinic": "...", "phone": "..."}
// Only "start" and one of "days" / "times_per_week" are required; the rest take the defaults above.
struct PrescriptionParse {
    std::optional<Prescription> prescription;  // set when there is no problem (it passes check_prescription)
    std::vector<std::string> problems;         // every problem, each naming its key: "days[1]: ..."
    [[nodiscard]] bool ok() const { return prescription.has_value(); }
};

// At most 64 KB and 8 levels deep; unknown keys are problems (a typo must not silently drop a
// field). "clinic" and "phone" are trimmed of spaces first, as the launch parameters are.
PrescriptionParse prescription_from_json(std::string_view text);

// The JSON form in the order above; step_seconds, review, note, clinic and phone only when set.
std::string prescription_to_json(const Prescription& prescription, int indent = 2);

//-----------------------------------------------------------------------------
// [SECTION] The session a prescription gives
//-----------------------------------------------------------------------------

enum class PrescribedSessionError : std::uint8_t {
    None,
    InvalidPrescription,  // check_prescription found a problem
    UnknownRoutine,       // the app's content has no routine with that id
    StepCountMismatch,    // step_seconds names a different number of steps than the routine has
    NoLegAllowed,         // the programme's one leg is not the one today's options allow
    NothingToDo,          // no step on the legs is left (all left out, or only deep steps under gentle)
};

struct PrescribedSession {
    // The routine to play: a copy of the content's, with the prescription's durations in all three
    // preset slots when step_seconds is given. Set exactly when error is None.
    std::optional<Routine> routine;
    // The options to play it with: the ones passed in, narrowed (see apply_prescription).
    SessionOptions options;
    PrescribedSessionError error = PrescribedSessionError::None;
    std::string message;  // one plain line when error is set
    [[nodiscard]] bool ok() const { return routine.has_value(); }
};

// Applies a prescription to the options that the safety check and the settings gave. It only
// narrows, and never touches what safety decides:
//   * options.preset becomes the prescription's preset (a length the content defines);
//   * legs LeftOnly/RightOnly set only_leg; if the options already allow one leg only (a wound on
//     the other) and it is not the prescribed one, that is NoLegAllowed, never a leg added back;
//   * step_seconds replaces each step's duration in all three preset slots: 0 leaves the step out,
//     else 10 s to kMaxStepSeconds, the content's own cap. A step the routine leaves out (duration
//     0) for the prescription's preset stays out whatever time it is given: a prescription never
//     adds a step;
//   * it never changes gentle (the caution result), get_ready_ms, switch_legs_ms, due_tolerance_ms,
//     first_leg, nor any step's pressure, deep flag or per_leg: deep steps stay deep, so gentle and a
//     pain "ease" still leave them out, and pressure is never above the step's own.
// At least one step on the legs must remain under these options, else NothingToDo.
PrescribedSession apply_prescription(const Prescription& prescription, const ContentSet& content,
                                     const SessionOptions& from_safety_and_settings);

//-----------------------------------------------------------------------------
// [SECTION] Schedule
//-----------------------------------------------------------------------------
// Planned days run from start to review (both included), or from start on without a review.

// The planned weekdays as a mask (bit 0 Monday): days_mask itself, or for times_per_week = n the
// days spread evenly over the week from start's weekday (offsets floor(i * 7 / n): 3 a week from a
// Tuesday gives Tue, Thu, Sat). 0 when neither is set.
std::uint8_t planned_weekdays(const Prescription& prescription);
// "Mon, Wed and Fri" or "3 times a week (suggested: Tue, Thu and Sat)"; "no days set" when neither.
std::string planned_days_text(const Prescription& prescription);
bool planned_on(const Prescription& prescription, const CalendarDate& day);
// The first planned day on or after `today` (start when today is earlier); nullopt after the review.
std::optional<CalendarDate> next_planned_day(const Prescription& prescription, const CalendarDate& today);
// review - today in days (0 on the day, negative once it has passed); nullopt without a review.
std::optional<int> days_until_review(const Prescription& prescription, const CalendarDate& today);

}  // namespace calfcoach
