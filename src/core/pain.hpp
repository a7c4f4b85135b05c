// pain.hpp — the in-session pain rule (DOMAIN: "pain that is not bearable is a reason to stop").
// Shared by triage (advice wording) and the session engine (what happens to the remaining steps).
#pragma once

namespace calfcoach {

enum class PainAction { Continue, Ease, Stop };

// score: 0 to 10 (clamped). sharp_or_numb: sharp or shooting pain, numbness or tingling.
// Safety first: the flag or 7+ stops; 4 to 6 eases (light pressure, no deep step); 0 to 3 continues.
constexpr PainAction classify_pain(int score, bool sharp_or_numb) {
    if (score < 0) score = 0;
    if (score > 10) score = 10;
    if (sharp_or_numb || score >= 7) return PainAction::Stop;
    if (score >= 4) return PainAction::Ease;
    return PainAction::Continue;
}

}  // namespace calfcoach
