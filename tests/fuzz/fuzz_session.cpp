// libFuzzer: any bytes as a saved session, restored against the fixture routine. Nothing may crash
// or throw; a session that restores must run to its end and save/restore again to the same point.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "core/session.hpp"
#include "../core/fixture_routine.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace calfcoach;
    static const Routine routine = test::fixture_routine();
    const std::string text(reinterpret_cast<const char*>(data), size);
    auto restored = Session::from_json(text, routine, 1'000);
    if (!restored.session) return 0;
    Session& s = *restored.session;
    const std::int64_t remaining = s.remaining_ms(1'000);
    auto again = Session::from_json(s.to_json(1'000), routine, 5'000);
    if (!again.session || again.session->remaining_ms(5'000) != remaining) std::abort();
    s.start(1'000);
    s.resume(1'000);
    (void)s.cues(1'000, 3'600'000);
    (void)s.update(2'000);
    s.report_pain(2'500, 5, false);
    (void)s.update(1'000'000'000'000);
    if (s.started() && !s.finished()) std::abort();  // every phase has a time, so it must end
    return 0;
}
