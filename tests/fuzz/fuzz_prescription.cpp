// libFuzzer: any bytes as a prescription code (and as a URL fragment holding one). Nothing may crash,
// hang or throw; a code that decodes must pass check_prescription, re-encode to the very same code
// and decode again to the same value, and its JSON form must read back to the same value too.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "core/calendar_ics.hpp"
#include "core/prescription.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace calfcoach;
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    // The input as a location.hash too: whatever code it holds must decode without harm.
    if (const auto in_fragment = prescription_code_from_fragment(input)) (void)decode_prescription(*in_fragment);
    const PrescriptionDecode decoded = decode_prescription(input);
    if (decoded.ok() != (decoded.error == PrescriptionError::None)) std::abort();
    if (!decoded.ok()) {
        if (decoded.message.empty() || decoded.message.find('\n') != std::string::npos) std::abort();
        return 0;
    }
    const Prescription& rx = *decoded.prescription;
    if (!check_prescription(rx).ok()) std::abort();
    const std::string code = encode_prescription(rx);
    if (code != input) std::abort();  // one code per prescription, one prescription per code
    const PrescriptionDecode again = decode_prescription(code);
    if (!again.ok() || !(*again.prescription == rx)) std::abort();
    const PrescriptionParse json = prescription_from_json(prescription_to_json(rx));
    if (!json.ok() || !(*json.prescription == rx)) std::abort();
    (void)planned_days_text(rx);
    (void)next_planned_day(rx, rx.start);
    (void)prescription_ics(rx);
    return 0;
}
