// clinic_routines: the copies the kit adds (a step from the app's, a second routine) get ids no
// sibling has, so the loader never refuses what the kit made.
#include <catch2/catch.hpp>

#include <string>

#include <nlohmann/json.hpp>

#include "core/clinic_content.hpp"
#include "core/clinic_routines.hpp"
#include "core/default_content.hpp"
#include "core/json_safe.hpp"

using namespace calfcoach;

TEST_CASE("clinic routines: a routine copied in gets a fresh id each time and the loader takes the file", "[core][clinic]") {
    const ContentFiles files = default_content_map();
    nlohmann::json routines = nlohmann::json::parse(files.at("routines.json"));
    const nlohmann::json model = routines["routines"][0];
    routines["routines"].push_back(routine_copy_for(routines, model, "After a run"));
    routines["routines"].push_back(routine_copy_for(routines, model, "Before bed"));
    REQUIRE(routines["routines"].size() == 3);
    CHECK(routines["routines"][1]["id"] == "routine");
    CHECK(routines["routines"][2]["id"] == "routine_2");
    CHECK(routines["routines"][1]["title"] == "After a run");
    CHECK(routines["routines"][1]["steps"] == model["steps"]);
    const ClinicContentCheck check = check_clinic_routines(routines, files);
    CHECK(check.ok());
    const ContentLoad load = load_clinic_content(check.bundle, files);
    REQUIRE(load.ok());
    CHECK(load.content.routines.size() == 3);
    CHECK(load.content.find_routine("routine_2") != nullptr);
}

TEST_CASE("clinic routines: a step copied twice into a routine gets numbered ids", "[core][clinic]") {
    nlohmann::json routine = {{"steps", nlohmann::json::array({{{"id", "warm_up"}}})}};
    const nlohmann::json step = {{"id", "warm_up"}, {"title", "Warm up"}};
    routine["steps"].push_back(step_copy_for(routine, step));
    routine["steps"].push_back(step_copy_for(routine, step));
    CHECK(routine["steps"][1]["id"] == "warm_up_2");
    CHECK(routine["steps"][2]["id"] == "warm_up_3");
    CHECK(routine["steps"][2]["title"] == "Warm up");
    // Something that is not a list of steps yet: the step's own id.
    CHECK(step_copy_for(nlohmann::json::object(), step)["id"] == "warm_up");
}
