#include "ui/level_look.hpp"

#include <array>

#include "core/safety_level.hpp"

namespace calfcoach::ui {
namespace {
// The banner's words are the core's, so the clinic kit names each level as patients read it.
const char* title(SafetyLevel level) { return safety_level_title(level).data(); }
}  // namespace

const LevelLook& level_look(SafetyLevel level) {
    static const std::array<LevelLook, 6> kLooks = {{
        {Icon::Check, {0x16, 0x6B, 0x60}, title(SafetyLevel::Ok),
         "Nothing in your answers says to hold back. Stay under your pain limit and stop if anything feels wrong."},
        {Icon::Caution, {0x8A, 0x4B, 0x00}, title(SafetyLevel::Caution),
         "Use light pressure only. The deep-pressure step is left out today."},
        {Icon::Wait, {0x7A, 0x45, 0x00}, title(SafetyLevel::Wait),
         "Do not massage the sore or injured leg until the skin or injury has healed."},
        {Icon::Stethoscope, {0x9A, 0x34, 0x12}, title(SafetyLevel::SeeProfessional),
         "Please do not massage your calves until a doctor, nurse or physio says it is fine."},
        {Icon::Urgent, {0xB4, 0x23, 0x18}, title(SafetyLevel::Urgent),
         "Do not massage. Contact your doctor or an urgent care service today (in the UK: NHS 111)."},
        {Icon::Phone, {0x8F, 0x11, 0x11}, title(SafetyLevel::Emergency),
         "These signs can mean a blood clot has moved to the lungs. Call for help now; do not wait."},
    }};
    return kLooks[static_cast<std::size_t>(level)];
}

}  // namespace calfcoach::ui
