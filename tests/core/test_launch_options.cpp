// The embed launch parameters (core/launch_options) and a clinic's content file (core/clinic_content):
// good values are taken, everything else is ignored with one warning, and nothing half-valid gets in.
#include <catch2/catch.hpp>

#include <map>
#include <string>

#include "core/clinic_content.hpp"
#include "core/default_content.hpp"
#include "core/json_safe.hpp"
#include "core/launch_options.hpp"

using namespace calfcoach;

namespace {
bool warned_about(const LaunchOptions& options, const std::string& name) {
    for (const std::string& warning : options.warnings)
        if (warning.find("ignoring " + name + ":") != std::string::npos) return true;
    return false;
}
}  // namespace

TEST_CASE("no parameters: every default", "[launch]") {
    for (const char* query : {"", "?", "?timescale=10&test=1", "&&"}) {
        const LaunchOptions options = parse_launch_options(query);
        CHECK_FALSE(options.embed);
        CHECK(options.clinic.empty());
        CHECK_FALSE(options.accent);
        CHECK(options.phone.empty());
        CHECK(options.host.empty());
        CHECK(options.content.empty());
        CHECK(options.warnings.empty());
        CHECK(options.phone_link().empty());
    }
}

TEST_CASE("a full, valid embed query", "[launch]") {
    const LaunchOptions options = parse_launch_options(
        "?embed=1&clinic=Riverside+Physio%20%26%20Sports&accent=%232A7&phone=%2B44+20+7946+0000"
        "&host=https%3A%2F%2FClinic.Example&content=https%3A%2F%2Fcdn.clinic.example%2Fcalf.json%3Fv%3D2");
    CHECK(options.embed);
    CHECK(options.clinic == "Riverside Physio & Sports");
    REQUIRE(options.accent);
    CHECK(options.accent->r == 0x22);
    CHECK(options.accent->g == 0xAA);
    CHECK(options.accent->b == 0x77);
    CHECK(options.phone == "+44 20 7946 0000");
    CHECK(options.phone_link() == "tel:+442079460000");
    CHECK(options.host == "https://clinic.example");
    CHECK(options.content == "https://cdn.clinic.example/calf.json?v=2");
    CHECK(options.warnings.empty());
}

TEST_CASE("colours: #rgb and #rrggbb only", "[launch]") {
    REQUIRE(parse_hex_colour("#1a2B3c"));
    CHECK(parse_hex_colour("#1a2B3c")->g == 0x2B);
    CHECK(parse_hex_colour("#fff")->r == 255);
    for (const char* bad : {"", "#", "red", "1a2b3c", "#1a2b3", "#1a2b3c4", "#ggg", "#12345g", "rgb(1,2,3)",
                            "#fff;background:red", " #fff"})
        CHECK_FALSE(parse_hex_colour(bad));
    const LaunchOptions options = parse_launch_options("accent=red");
    CHECK_FALSE(options.accent);
    CHECK(warned_about(options, "accent"));
}

TEST_CASE("host: a bare http(s) origin only, normalised as browsers report it", "[launch]") {
    CHECK(parse_bare_origin("https://clinic.example") == std::optional<std::string>("https://clinic.example"));
    CHECK(parse_bare_origin("HTTP://LocalHost:8080") == std::optional<std::string>("http://localhost:8080"));
    CHECK(parse_bare_origin("https://clinic.example:443") == std::optional<std::string>("https://clinic.example"));
    CHECK(parse_bare_origin("http://clinic.example:80") == std::optional<std::string>("http://clinic.example"));
    CHECK(parse_bare_origin("http://clinic.example:443") == std::optional<std::string>("http://clinic.example:443"));
    CHECK(parse_bare_origin("http://127.0.0.1:5000") == std::optional<std::string>("http://127.0.0.1:5000"));
    CHECK(parse_bare_origin("http://[::1]:5000") == std::optional<std::string>("http://[::1]:5000"));
    for (const char* bad : {"", "*", "null", "clinic.example", "//clinic.example", "ftp://clinic.example",
                            "javascript://clinic.example", "file:///etc", "https://", "https://clinic.example/",
                            "https://clinic.example/page", "https://clinic.example?x", "https://clinic.example#x",
                            "https://user@clinic.example", "https://clinic.example:0", "https://clinic.example:65536",
                            "https://clinic.example:8a", "https://clinic.example:", "https://clin ic.example",
                            "https://.clinic.example", "https://clinic..example", "https://[zz]", "https://[]",
                            "https://clinic.example\n"})
        CHECK_FALSE(parse_bare_origin(bad));
    CHECK_FALSE(parse_bare_origin("https://" + std::string(300, 'a') + ".example"));
    const LaunchOptions options = parse_launch_options("host=*");
    CHECK(options.host.empty());
    CHECK(warned_about(options, "host"));
}

TEST_CASE("phone: digits, a leading + and single spaces", "[launch]") {
    CHECK(parse_launch_options("phone=0123456789").phone == "0123456789");
    CHECK(parse_launch_options("phone=+1 555 0100").phone == "1 555 0100");  // a raw + decodes to a space
    CHECK(parse_launch_options("phone=%2B1%20555%200100").phone == "+1 555 0100");
    CHECK(parse_launch_options("phone=%20%200123%20").phone == "0123");  // trimmed
    for (const char* bad : {"phone=", "phone=12", "phone=112-999", "phone=(020)1234", "phone=0123%2B4",
                            "phone=123456789012345678901", "phone=0123%20%204567", "phone=123;tel:999",
                            "phone=0%0A123", "phone=%EF%BC%91%EF%BC%92%EF%BC%93",  // full-width digits
                            "phone=1%2A2%233"}) {
        const LaunchOptions options = parse_launch_options(bad);
        CHECK(options.phone.empty());
        CHECK(warned_about(options, "phone"));
    }
}

TEST_CASE("clinic name: unicode kept, controls and markup refused, length capped", "[launch]") {
    CHECK(parse_launch_options("clinic=Cabinet+de+kin%C3%A9sith%C3%A9rapie+%C3%89toile").clinic ==
          "Cabinet de kin\xC3\xA9sith\xC3\xA9rapie \xC3\x89toile");
    CHECK(parse_launch_options("clinic=%E6%97%A5%E6%9C%AC").clinic == "\xE6\x97\xA5\xE6\x9C\xAC");
    // 60 characters of two bytes each is fine; 61 is not.
    std::string sixty, sixty_one;
    for (int i = 0; i < 60; ++i) sixty += "%C3%A9";
    sixty_one = sixty + "%C3%A9";
    CHECK(parse_launch_options("clinic=" + sixty).clinic.size() == 120);
    for (const std::string& bad : {std::string("clinic="), std::string("clinic=+++"), "clinic=" + sixty_one,
                                   std::string("clinic=%3Cscript%3Ealert(1)%3C%2Fscript%3E"),
                                   std::string("clinic=A%0AB"), std::string("clinic=A%00B"),
                                   std::string("clinic=%E2%80%AEevil"),  // right-to-left override
                                   std::string("clinic=zero%E2%80%8Bwidth"), std::string("clinic=%C3%28"),
                                   std::string("clinic=%ED%A0%80"),  // a UTF-16 surrogate
                                   std::string("clinic=%C0%AF")}) {  // overlong '/'
        const LaunchOptions options = parse_launch_options(bad);
        CHECK(options.clinic.empty());
        CHECK(warned_about(options, "clinic"));
    }
}

TEST_CASE("content: an absolute http(s) URL only", "[launch]") {
    CHECK(parse_launch_options("content=http://127.0.0.1:8080/clinic.json").content == "http://127.0.0.1:8080/clinic.json");
    for (const char* bad : {"content=clinic.json", "content=/clinic.json", "content=//evil.example/x.json",
                            "content=javascript:alert(1)", "content=data:application/json,{}",
                            "content=https://", "content=https://user:pw@evil.example/x.json",
                            "content=https://a.example/%22%3E%3Cscript%3E", "content=https://a.example/a b"}) {
        const LaunchOptions options = parse_launch_options(bad);
        CHECK(options.content.empty());
        CHECK(warned_about(options, "content"));
    }
    const LaunchOptions long_url = parse_launch_options("content=https://a.example/" + std::string(2000, 'x'));
    CHECK(long_url.content.empty());
}

TEST_CASE("embed flag, repeats, odd decoding and over-long queries", "[launch]") {
    CHECK(parse_launch_options("embed=0").embed == false);
    CHECK(parse_launch_options("embed=0").warnings.empty());
    const LaunchOptions yes = parse_launch_options("embed=yes");
    CHECK_FALSE(yes.embed);
    CHECK(warned_about(yes, "embed"));
    // The first occurrence wins, as URLSearchParams.get does; the second is reported.
    const LaunchOptions twice = parse_launch_options("accent=%23123&accent=%23456");
    CHECK(twice.accent->r == 0x11);
    CHECK(warned_about(twice, "accent"));
    // A stray '%' is kept literally (URLSearchParams does the same): not a colour.
    CHECK_FALSE(parse_launch_options("accent=%23%zz").accent);
    // One bad value does not spoil the others.
    const LaunchOptions mixed = parse_launch_options("accent=bad&clinic=Ok+Clinic&phone=x");
    CHECK(mixed.clinic == "Ok Clinic");
    CHECK(mixed.warnings.size() == 2);
    // Warnings never repeat the value (it may be long, or pretend to be a console line of its own).
    const LaunchOptions noisy = parse_launch_options("accent=%0Acalfcoach:+all+good" + std::string(500, 'z'));
    REQUIRE(noisy.warnings.size() == 1);
    CHECK(noisy.warnings[0] == "calfcoach: ignoring accent: #rgb or #rrggbb expected");
    const LaunchOptions huge = parse_launch_options("clinic=A&x=" + std::string(kQueryMaxChars, 'x'));
    CHECK(huge.clinic.empty());
    CHECK(huge.warnings.size() == 1);
}

namespace {
std::map<std::string, std::string, std::less<>> builtin() {
    std::map<std::string, std::string, std::less<>> files;
    for (const DefaultContentFile& file : default_content_files()) files.emplace(file.name, file.text);
    return files;
}
}  // namespace

TEST_CASE("clinic content: files it leaves out are the built-in ones", "[launch][content]") {
    // A clinic's own learn.json (valid: the built-in one with one section retitled).
    nlohmann::json learn = nlohmann::json::parse(std::string(default_content_file("learn.json")));
    REQUIRE(learn["sections"].is_array());
    learn["sections"][0]["title"] = "From your physio";
    const ContentLoad load = load_clinic_content(dump_json({{"learn.json", learn}}), builtin());
    CHECK(load.ok());
    REQUIRE_FALSE(load.content.learn.empty());
    CHECK(load.content.learn[0].title == "From your physio");
    CHECK_FALSE(load.content.routines.empty());
}

TEST_CASE("clinic content: broken bundles are errors, never a crash", "[launch][content]") {
    for (const std::string& bad : {std::string(""), std::string("[]"), std::string("{}"), std::string("{\"a\":"),
                                   std::string("{\"evil.json\": {}}"), std::string("{\"triage.json\": 3}"),
                                   std::string(40, '[') + std::string(40, ']'),
                                   std::string(kClinicContentMaxBytes + 1, ' ')}) {
        const ContentLoad load = load_clinic_content(bad, builtin());
        CHECK_FALSE(load.ok());
        REQUIRE_FALSE(load.issues.empty());
        CHECK(load.issues[0].file == "clinic content");
    }
    // A triage that drops a safety-floor rule is refused by the core, as for any content.
    nlohmann::json triage = nlohmann::json::parse(std::string(default_content_file("triage.json")));
    REQUIRE(triage["rules"].is_array());
    triage["rules"] = nlohmann::json::array();
    const ContentLoad weaker = load_clinic_content(dump_json({{"triage.json", triage}}), builtin());
    CHECK_FALSE(weaker.ok());
}

TEST_CASE("content=inline: the host sends the content and needs a host", "[launch]") {
    const LaunchOptions inline_content = parse_launch_options("embed=1&host=https%3A%2F%2Fclinic.example&content=inline");
    CHECK(inline_content.content_inline);
    CHECK(inline_content.content.empty());
    CHECK(inline_content.warnings.empty());
    // The order of the parameters does not matter.
    CHECK(parse_launch_options("content=inline&host=https%3A%2F%2Fclinic.example").content_inline);
    // No host: nobody could send it, so it is ignored (the built-in content runs at once).
    const LaunchOptions no_host = parse_launch_options("embed=1&content=inline");
    CHECK_FALSE(no_host.content_inline);
    CHECK(warned_about(no_host, "content"));
    const LaunchOptions bad_host = parse_launch_options("host=*&content=inline");
    CHECK_FALSE(bad_host.content_inline);
    CHECK(warned_about(bad_host, "content"));
    // Only the exact word: anything else that is not a URL is refused as before.
    for (const char* bad : {"content=Inline", "content=inline%20", "content=%20inline", "content=inline1", "content=",
                            "content=inline:https://a.example/x.json", "content=file:///etc/passwd"}) {
        const LaunchOptions options = parse_launch_options(std::string(bad) + "&host=https%3A%2F%2Fclinic.example");
        CHECK_FALSE(options.content_inline);
        CHECK(options.content.empty());
        CHECK(warned_about(options, "content"));
    }
    // A URL given first wins over a later inline, and the repeat is said.
    const LaunchOptions both = parse_launch_options("host=https%3A%2F%2Fclinic.example&content=https%3A%2F%2Fa.example%2Fx.json&content=inline");
    CHECK(both.content == "https://a.example/x.json");
    CHECK_FALSE(both.content_inline);
    CHECK(warned_about(both, "content"));
}

TEST_CASE("clinic content: a bundle refused unread for its size is worded as the loader words it", "[launch][content]") {
    const std::size_t bytes = kClinicContentMaxBytes + 1;
    const ContentLoad read = load_clinic_content(std::string(bytes, ' '), builtin());
    const ContentLoad unread = clinic_content_too_large(bytes);
    REQUIRE(read.issues.size() == 1);
    REQUIRE(unread.issues.size() == 1);
    CHECK_FALSE(unread.ok());
    CHECK(format_issue(unread.issues[0]) == format_issue(read.issues[0]));
    CHECK(format_issue(unread.issues[0]) == "clinic content (whole file): too large: " + std::to_string(bytes) +
                                                " bytes, the limit is " + std::to_string(kClinicContentMaxBytes));
}
