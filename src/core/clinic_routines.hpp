// clinic_routines.hpp — a clinic's routines as the clinic kit edits them: routines.json as JSON,
// turned into a clinic content bundle (core/clinic_content) and checked by the same loader as the app
// and `calfcoach validate`, so the kit shows exactly their problems, beside the field each concerns.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/content.hpp"

namespace calfcoach {

struct ClinicContentCheck {
    std::string bundle;                // {"routines.json": …, "triage.json": …}: the files that differ; empty when none does
    std::vector<ContentIssue> issues;  // the loader's, errors and warnings
    [[nodiscard]] bool ok() const;     // no error
};

using ContentFiles = std::map<std::string, std::string, std::less<>>;

// Checks the files a clinic edited ({"routines.json": {...}, "triage.json": {...}}) as a clinic's
// content, the others built in. `builtin`: file name -> the shipped text (the kit passes the
// compiled-in content). A file the same as the shipped one is left out of the bundle; no bundle when
// every file is.
ClinicContentCheck check_clinic_files(const nlohmann::json& edited, const ContentFiles& builtin);
// The same for routines.json alone.
ClinicContentCheck check_clinic_routines(const nlohmann::json& routines_file, const ContentFiles& builtin);

// The messages of the issues at `pointer` or under it ("/routines/0/steps/2"), joined with "; ";
// empty when there are none. Warnings are left out.
std::string errors_at(const std::vector<ContentIssue>& issues, std::string_view pointer);
// The errors no field of `shown` (pointers the form has a field for) covers, formatted as
// `calfcoach validate` prints them.
std::vector<std::string> errors_elsewhere(const std::vector<ContentIssue>& issues, const std::vector<std::string>& shown);

// A copy of `step` for `routine` with an id no step of it has yet ("warm_up_circles_2").
nlohmann::json step_copy_for(const nlohmann::json& routine, const nlohmann::json& step);

// A new routine for `routines_file` (routines.json as edited): a copy of `model` (the app's own
// routine, so it starts valid) with an id no routine of the file has yet ("routine", "routine_2") and
// the title `title`.
nlohmann::json routine_copy_for(const nlohmann::json& routines_file, const nlohmann::json& model, const std::string& title);

// The bundle as the text of <script type="application/json" data-calfcoach-content>: every '<' is
// written \u003c (still the same JSON), so nothing in it can end the script element.
std::string script_safe_json(std::string_view json_text);

}  // namespace calfcoach
