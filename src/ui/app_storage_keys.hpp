// app_storage_keys.hpp — the keys the UI stores under (history keys are in core/history.hpp).
#pragma once

#include <string_view>

namespace calfcoach::ui {

inline constexpr std::string_view kSessionInProgressKey = "session.current";  // Session::to_json
inline constexpr std::string_view kLastSafetyKey = "safety.last";             // {"level","at"}

}  // namespace calfcoach::ui
