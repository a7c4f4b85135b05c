// app_storage_keys.hpp — the keys the UI stores under (history keys are in core/history.hpp).
#pragma once

#include <string_view>

namespace calfcoach::ui {

inline constexpr std::string_view kSessionInProgressKey = "session.current";  // Session::to_json
inline constexpr std::string_view kLastSafetyKey = "safety.last";             // {"level","at"}
// The re-check's memory: "None of these" on the page that rarely changes, and when
// (core/triage_recheck.hpp); erased whenever that page is answered otherwise.
inline constexpr std::string_view kRememberedNoneKey = "safety.remembered";
inline constexpr std::string_view kProgrammeKey = "programme";               // {"v":1,"code","kept_on"}
// Set while the session in progress follows the kept programme: its code (a reload plays it again).
inline constexpr std::string_view kSessionProgrammeKey = "session.programme";
// {"v":1,"last_at","reminder_dismissed_at","place_notice_dismissed"}: App::BackupMarks.
inline constexpr std::string_view kBackupMarksKey = "backup.marks";

}  // namespace calfcoach::ui
