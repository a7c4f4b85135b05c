// clinic_setup.cpp — see clinic_setup.hpp. The checks are the app's own (launch_options): what the kit
// accepts is exactly what the embedded app will use, so a snippet never carries a value the app drops.
#include "core/clinic_setup.hpp"

#include <cctype>

#include <nlohmann/json.hpp>

#include "core/clinic_routines.hpp"
#include "core/json_safe.hpp"
#include "core/launch_options.hpp"
#include "core/xml_escape.hpp"

namespace calfcoach {
namespace {

std::string trimmed(std::string_view text) {
    std::size_t begin = 0, end = text.size();
    while (begin < end && (text[begin] == ' ' || text[begin] == '\t')) ++begin;
    while (end > begin && (text[end - 1] == ' ' || text[end - 1] == '\t')) --end;
    return std::string(text.substr(begin, end - begin));
}

bool starts_with_http(std::string_view text) {
    auto lower_prefix = [&](std::string_view prefix) {
        if (text.size() < prefix.size()) return false;
        for (std::size_t i = 0; i < prefix.size(); ++i)
            if (static_cast<char>(std::tolower(static_cast<unsigned char>(text[i]))) != prefix[i]) return false;
        return true;
    };
    return lower_prefix("https://") || lower_prefix("http://");
}

// "https://host[:port]/path?x#y" -> origin and path (the path without query and fragment), or false.
bool split_address(std::string_view text, std::string& origin, std::string& path) {
    if (!starts_with_http(text) || text.size() > kContentUrlMaxChars) return false;
    for (char c : text)
        if (static_cast<unsigned char>(c) <= 0x20 || static_cast<unsigned char>(c) >= 0x7F || c == '"' || c == '<' ||
            c == '>' || c == '\\' || c == '`' || c == '\'')
            return false;
    const std::size_t authority = text.find("//") + 2;
    const std::size_t end = std::min(text.find_first_of("/?#", authority), text.size());
    const auto parsed = parse_bare_origin(text.substr(0, end));
    if (!parsed) return false;
    origin = *parsed;
    const std::size_t path_end = std::min(text.find_first_of("?#", end), text.size());
    path = std::string(text.substr(end, path_end - end));
    return true;
}

}  // namespace

ClinicSetupProblems check_clinic_setup(const ClinicSetup& setup) {
    ClinicSetupProblems problems;
    const std::string name = trimmed(setup.name);
    if (!name.empty() && clinic_name_problem(name) != nullptr)
        problems.name = std::string("This name cannot be used: ") + clinic_name_problem(name) + ".";
    const std::string phone = trimmed(setup.phone);
    if (!phone.empty() && phone_problem(phone) != nullptr)
        problems.phone = "Type the number with digits only: 3 to 20 of them, a + in front if you like, and single spaces "
                         "between groups (for example +44 20 7946 0000).";
    const std::string colour = trimmed(setup.colour);
    if (!colour.empty() && !parse_hex_colour(colour))
        problems.colour = "Type the colour as # and 3 or 6 hexadecimal digits, for example #2a7 or #22aa77.";
    std::string origin, path;
    const std::string app = trimmed(setup.app_address);
    if (!app.empty() && !split_address(app, origin, path))
        problems.app_address = "Type the full address where Calf Coach is hosted, starting with https://.";
    const std::string page = trimmed(setup.page_address);
    if (!page.empty() && !split_address(page, origin, path))
        problems.page_address = "Type your website's address, starting with https://.";
    return problems;
}

std::string shown_clinic_name(const ClinicSetup& setup) {
    std::string name = trimmed(setup.name);
    return clinic_name_problem(name) == nullptr ? name : std::string();
}

std::string shown_clinic_phone(const ClinicSetup& setup) {
    std::string phone = trimmed(setup.phone);
    return phone_problem(phone) == nullptr ? phone : std::string();
}

std::string app_base(const ClinicSetup& setup, std::string_view fallback) {
    std::string origin, path;
    if (!split_address(trimmed(setup.app_address), origin, path)) return std::string(fallback);
    // A page's address names its folder: ".../index.html" -> ".../".
    const std::size_t slash = path.rfind('/');
    if (slash == std::string::npos) path = "/";
    else if (path.find('.', slash) != std::string::npos) path.resize(slash + 1);
    else if (path.back() != '/') path += '/';
    return origin + path;
}

std::string page_origin(const ClinicSetup& setup) {
    std::string origin, path;
    return split_address(trimmed(setup.page_address), origin, path) ? origin : std::string();
}

std::string percent_encoded(std::string_view text) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (std::isalnum(byte) != 0 || c == '-' || c == '_' || c == '.' || c == '~') {
            out += c;
        } else {
            out += '%';
            out += kHex[byte >> 4];
            out += kHex[byte & 15];
        }
    }
    return out;
}

std::string launch_query(const ClinicSetup& setup, std::string_view host) {
    const ClinicSetupProblems problems = check_clinic_setup(setup);
    std::string query;
    auto add = [&](const char* name, const std::string& value) {
        if (value.empty()) return;
        query += query.empty() ? '?' : '&';
        query += name;
        query += '=';
        query += percent_encoded(value);
    };
    if (problems.name.empty()) add("clinic", trimmed(setup.name));
    if (problems.colour.empty()) add("accent", trimmed(setup.colour));
    if (problems.phone.empty()) add("phone", trimmed(setup.phone));
    add("host", std::string(host));
    return query;
}

std::string embed_snippet(const ClinicSetup& setup, std::string_view base, std::string_view content_bundle) {
    const ClinicSetupProblems problems = check_clinic_setup(setup);
    std::string div = "<div data-calfcoach";
    auto attribute = [&](const char* name, const std::string& value) {
        if (!value.empty()) div += std::string("\n     ") + name + "=\"" + xml_escaped(value) + "\"";
    };
    if (problems.name.empty()) attribute("data-clinic", trimmed(setup.name));
    if (problems.colour.empty()) attribute("data-accent", trimmed(setup.colour));
    if (problems.phone.empty()) attribute("data-phone", trimmed(setup.phone));
    div += ">";
    if (!content_bundle.empty())
        div += "\n  <script type=\"application/json\" data-calfcoach-content>" + script_safe_json(content_bundle) + "</script>\n";
    div += "</div>\n";
    return div + "<script src=\"" + xml_escaped(std::string(base)) + "embed.js\" async></script>\n";
}

std::string iframe_snippet(const ClinicSetup& setup, std::string_view base) {
    const std::string origin = page_origin(setup);
    std::string query = launch_query(setup, origin);
    query = (query.empty() ? "?" : query + "&") + "embed=1";
    const std::string name = trimmed(setup.name);
    std::string title = "Calf Coach: guided calf self-massage";
    if (!name.empty() && check_clinic_setup(setup).name.empty()) title += ", offered by " + name;
    return "<iframe src=\"" + xml_escaped(std::string(base) + query) + "\"\n        title=\"" + xml_escaped(title) +
           "\"\n        sandbox=\"allow-scripts allow-same-origin allow-popups allow-downloads\"\n"
           "        allow=\"screen-wake-lock; autoplay; web-share\"\n"
           "        style=\"width:100%;height:900px;border:0\"></iframe>\n";
}

std::string frame_ancestors_header(const ClinicSetup& setup) {
    const std::string origin = page_origin(setup);
    return "Content-Security-Policy: frame-ancestors 'self'" + (origin.empty() ? std::string() : " " + origin);
}

std::string clinic_setup_to_json(const ClinicSetup& setup) {
    const nlohmann::json draft = {{"version", 1},
                                  {"clinic",
                                   {{"name", setup.name},
                                    {"phone", setup.phone},
                                    {"colour", setup.colour},
                                    {"app_address", setup.app_address},
                                    {"page_address", setup.page_address}}}};
    return dump_json(draft);
}

bool clinic_setup_from_json(std::string_view text, ClinicSetup& setup) {
    JsonLimits limits;
    limits.max_bytes = 64 * 1024;
    limits.max_depth = 4;
    const JsonParseResult parsed = parse_json_limited(text, limits);
    if (!parsed.ok || !parsed.value.is_object()) return false;
    const auto version = parsed.value.find("version");
    if (version == parsed.value.end() || !version->is_number_integer() || version->get<int>() != 1) return false;
    const auto clinic = parsed.value.find("clinic");
    if (clinic == parsed.value.end() || !clinic->is_object()) return false;
    ClinicSetup read;
    for (auto [key, field] : {std::pair<const char*, std::string*>{"name", &read.name}, {"phone", &read.phone},
                              {"colour", &read.colour}, {"app_address", &read.app_address},
                              {"page_address", &read.page_address}}) {
        const auto value = clinic->find(key);
        if (value == clinic->end()) continue;
        if (!value->is_string()) return false;
        *field = value->get<std::string>();
        if (field->size() > 4096) return false;
    }
    setup = std::move(read);
    return true;
}

}  // namespace calfcoach
