// The clinic kit's settings: checked by the app's own rules, and turned into snippets the embedded
// app reads back exactly (parse_launch_options is the app's reader, not a copy of it).
#include <catch2/catch.hpp>

#include <regex>
#include <string>

#include <nlohmann/json.hpp>

#include "core/clinic_setup.hpp"
#include "core/launch_options.hpp"

using namespace calfcoach;

namespace {
ClinicSetup riverside() {
    ClinicSetup setup;
    setup.name = "Riverside Physio & Sport";
    setup.phone = "+44 20 7946 0000";
    setup.colour = "#2a7";
    setup.page_address = "https://www.riverside.example/calf-massage?x=1";
    return setup;
}

// The value of attribute `name` in the first tag of `html` that has it, with &amp; &quot; &lt; &gt; decoded.
std::string attribute(const std::string& html, const std::string& name) {
    const std::regex pattern(name + "=\"([^\"]*)\"");
    std::smatch match;
    if (!std::regex_search(html, match, pattern)) return "<missing>";
    std::string value = match[1];
    for (const auto& [entity, text] : {std::pair<std::string, std::string>{"&quot;", "\""}, {"&lt;", "<"}, {"&gt;", ">"}, {"&amp;", "&"}}) {
        for (std::size_t at = value.find(entity); at != std::string::npos; at = value.find(entity, at + text.size()))
            value.replace(at, entity.size(), text);
    }
    return value;
}
}  // namespace

TEST_CASE("clinic setup: fine fields have no problems and empty optional fields are fine", "[clinic_setup]") {
    CHECK_FALSE(check_clinic_setup(riverside()).any());
    CHECK_FALSE(check_clinic_setup(ClinicSetup{}).any());
}

TEST_CASE("clinic setup: each field is refused by the app's own rule", "[clinic_setup]") {
    ClinicSetup setup = riverside();
    setup.name = std::string(61, 'a');
    setup.phone = "12";
    setup.colour = "green";
    setup.app_address = "calfcoach.example";
    setup.page_address = "ftp://riverside.example";
    const ClinicSetupProblems problems = check_clinic_setup(setup);
    CHECK(problems.name == "This name cannot be used: longer than 60 characters.");
    CHECK_FALSE(problems.phone.empty());
    CHECK_FALSE(problems.colour.empty());
    CHECK_FALSE(problems.app_address.empty());
    CHECK_FALSE(problems.page_address.empty());
    setup.name = "Clinic <b>";
    CHECK(check_clinic_setup(setup).name == "This name cannot be used: control, invisible or markup characters.");
    setup.name = "  Riverside  ";  // spaces around are trimmed, as the app trims them
    CHECK(check_clinic_setup(setup).name.empty());
}

TEST_CASE("clinic setup: the launch query reads back through the app's parser unchanged", "[clinic_setup]") {
    const ClinicSetup setup = riverside();
    const std::string query = launch_query(setup, "http://127.0.0.1:8080");
    CHECK(query.rfind("?clinic=", 0) == 0);
    const LaunchOptions options = parse_launch_options(query);
    CHECK(options.warnings.empty());
    CHECK(options.clinic == "Riverside Physio & Sport");
    CHECK(options.phone == "+44 20 7946 0000");
    REQUIRE(options.accent.has_value());
    CHECK(options.accent->r == 0x22);
    CHECK(options.accent->g == 0xaa);
    CHECK(options.host == "http://127.0.0.1:8080");
}

TEST_CASE("clinic setup: a field with a problem is left out of the query and the snippets", "[clinic_setup]") {
    ClinicSetup setup = riverside();
    setup.colour = "#12345";
    const std::string query = launch_query(setup, "");
    CHECK(query.find("accent") == std::string::npos);
    CHECK(parse_launch_options(query).warnings.empty());
    CHECK(embed_snippet(setup, "https://calfcoach.example/").find("data-accent") == std::string::npos);
}

TEST_CASE("clinic setup: the embed snippet carries the settings escaped and loads embed.js from the app", "[clinic_setup]") {
    const std::string snippet = embed_snippet(riverside(), "https://calfcoach.example/app/");
    CHECK(snippet.find("<div data-calfcoach") == 0);
    CHECK(attribute(snippet, "data-clinic") == "Riverside Physio & Sport");
    CHECK(snippet.find("Physio &amp; Sport") != std::string::npos);
    CHECK(attribute(snippet, "data-accent") == "#2a7");
    CHECK(attribute(snippet, "data-phone") == "+44 20 7946 0000");
    CHECK(attribute(snippet, "src") == "https://calfcoach.example/app/embed.js");
}

TEST_CASE("clinic setup: the plain iframe names the clinic's site as host and reads back", "[clinic_setup]") {
    const std::string frame = iframe_snippet(riverside(), "https://calfcoach.example/");
    const std::string src = attribute(frame, "src");
    REQUIRE(src.rfind("https://calfcoach.example/?", 0) == 0);
    const LaunchOptions options = parse_launch_options(src.substr(src.find('?')));
    CHECK(options.warnings.empty());
    CHECK(options.embed);
    CHECK(options.host == "https://www.riverside.example");
    CHECK(options.clinic == "Riverside Physio & Sport");
    CHECK(attribute(frame, "title") == "Calf Coach: guided calf self-massage, offered by Riverside Physio & Sport");
    CHECK(attribute(frame, "sandbox") == "allow-scripts allow-same-origin allow-popups allow-downloads");
}

TEST_CASE("clinic setup: the app's address becomes a folder and falls back when not usable", "[clinic_setup]") {
    ClinicSetup setup;
    CHECK(app_base(setup, "http://127.0.0.1:8080/") == "http://127.0.0.1:8080/");
    setup.app_address = "https://CalfCoach.example";
    CHECK(app_base(setup, "x") == "https://calfcoach.example/");
    setup.app_address = "https://calfcoach.example/coach/index.html?embed=1";
    CHECK(app_base(setup, "x") == "https://calfcoach.example/coach/");
    setup.app_address = "https://calfcoach.example/coach";
    CHECK(app_base(setup, "x") == "https://calfcoach.example/coach/");
    setup.app_address = "javascript:alert(1)";
    CHECK(app_base(setup, "x") == "x");
}

TEST_CASE("clinic setup: the frame-ancestors header names the clinic's site", "[clinic_setup]") {
    CHECK(frame_ancestors_header(riverside()) == "Content-Security-Policy: frame-ancestors 'self' https://www.riverside.example");
    CHECK(frame_ancestors_header(ClinicSetup{}) == "Content-Security-Policy: frame-ancestors 'self'");
}

TEST_CASE("clinic setup: the draft round-trips and a damaged one leaves the setup as it was", "[clinic_setup]") {
    const ClinicSetup setup = riverside();
    ClinicSetup read;
    REQUIRE(clinic_setup_from_json(clinic_setup_to_json(setup), read));
    CHECK(read == setup);
    ClinicSetup kept = setup;
    for (const char* damaged : {"", "{", "[]", "{\"version\":2,\"clinic\":{}}", "{\"version\":1,\"clinic\":{\"name\":5}}",
                                "{\"version\":1}", "{\"version\":\"1\",\"clinic\":{}}"}) {
        INFO(damaged);
        CHECK_FALSE(clinic_setup_from_json(damaged, kept));
        CHECK(kept == setup);
    }
}

TEST_CASE("clinic setup: percent-encoding keeps only unreserved characters", "[clinic_setup]") {
    CHECK(percent_encoded("a b&c=d/é") == "a%20b%26c%3Dd%2F%C3%A9");
    CHECK(percent_encoded("AZaz09-_.~") == "AZaz09-_.~");
}

TEST_CASE("clinic setup: the snippet carries content in a script element nothing in it can end", "[clinic_setup]") {
    const std::string bundle = R"({"learn.json":{"x":"</script><b>"}})";
    const std::string snippet = embed_snippet(ClinicSetup{}, "https://calfcoach.example/", bundle);
    const std::size_t open = snippet.find("<script type=\"application/json\" data-calfcoach-content>");
    REQUIRE(open != std::string::npos);
    const std::size_t body = open + std::string("<script type=\"application/json\" data-calfcoach-content>").size();
    const std::size_t close = snippet.find("</script>", body);
    REQUIRE(close != std::string::npos);
    const std::string inside = snippet.substr(body, close - body);
    CHECK(inside.find('<') == std::string::npos);
    CHECK(nlohmann::json::parse(inside) == nlohmann::json::parse(bundle));  // the same JSON
    CHECK(snippet.find("</script>\n</div>") != std::string::npos);
    CHECK(embed_snippet(ClinicSetup{}, "https://calfcoach.example/").find("data-calfcoach-content") == std::string::npos);
}
