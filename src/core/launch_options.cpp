// launch_options.cpp — see launch_options.hpp. Every check is an allow-list: what is not known to
// be fine is ignored with a warning, so a typo in a clinic's snippet shows in the console instead of
// turning into something half-working.
#include "core/launch_options.hpp"

#include <array>
#include <cctype>

#include "core/text_code_points.hpp"

namespace calfcoach {
namespace {

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

char lower(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }

bool starts_with_ci(std::string_view text, std::string_view prefix) {
    if (text.size() < prefix.size()) return false;
    for (std::size_t i = 0; i < prefix.size(); ++i)
        if (lower(text[i]) != prefix[i]) return false;
    return true;
}

// URLSearchParams decoding: '+' is a space, %XX a byte; a '%' not followed by two hex digits stays.
std::string url_decode(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '+') {
            out += ' ';
        } else if (c == '%' && i + 2 < text.size() && hex_value(text[i + 1]) >= 0 && hex_value(text[i + 2]) >= 0) {
            out += static_cast<char>(hex_value(text[i + 1]) * 16 + hex_value(text[i + 2]));
            i += 2;
        } else {
            out += c;
        }
    }
    return out;
}

std::string trim(std::string_view text) {
    std::size_t begin = 0, end = text.size();
    while (begin < end && text[begin] == ' ') ++begin;
    while (end > begin && text[end - 1] == ' ') --end;
    return std::string(text.substr(begin, end - begin));
}

bool host_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-' || c == '.'; }

}  // namespace

bool hidden_or_control_character(char32_t cp) {
    return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || (cp >= 0x200B && cp <= 0x200F) ||
           (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0xFEFF || cp == 0xFFFD;
}

// Checks the UTF-8 (no malformed, overlong or surrogate sequences), the length in code points and
// each character, in one pass. Markup brackets are refused too: a name has no business holding them.
const char* clinic_name_problem(std::string_view text) {
    std::size_t count = 0;
    for (std::size_t i = 0; i < text.size(); ++count) {
        const Utf8Step step = decode_utf8_at(text, i);
        if (step.length == 0) return "not valid UTF-8";
        if (hidden_or_control_character(step.code_point) || step.code_point == '<' || step.code_point == '>')
            return "control, invisible or markup characters";
        i += step.length;
    }
    if (count == 0) return "empty";
    if (count > kClinicNameMaxChars) return "longer than 60 characters";
    return nullptr;
}

const char* phone_problem(std::string_view text) {
    int digits = 0;
    bool clean = !text.empty() && text.size() <= kPhoneMaxChars;
    for (std::size_t i = 0; i < text.size() && clean; ++i) {
        const char c = text[i];
        if (c >= '0' && c <= '9') ++digits;
        else if (c == '+') clean = i == 0;  // an international prefix, only in front
        else clean = c == ' ' && i > 0 && text[i - 1] != ' ';  // single spaces between groups only
    }
    return clean && digits >= 3 && digits <= 20
               ? nullptr
               : "3 to 20 digits, a leading + and single spaces expected";
}

std::optional<LaunchColour> parse_hex_colour(std::string_view text) {
    if ((text.size() != 4 && text.size() != 7) || text[0] != '#') return std::nullopt;
    std::array<int, 6> digits{};
    for (std::size_t i = 1; i < text.size(); ++i) {
        digits[i - 1] = hex_value(text[i]);
        if (digits[i - 1] < 0) return std::nullopt;
    }
    auto channel = [&](int index) {
        return text.size() == 4 ? static_cast<std::uint8_t>(digits[index] * 17)
                                : static_cast<std::uint8_t>(digits[index * 2] * 16 + digits[index * 2 + 1]);
    };
    return LaunchColour{channel(0), channel(1), channel(2)};
}

std::optional<std::string> parse_bare_origin(std::string_view text) {
    if (text.size() > kHostMaxChars) return std::nullopt;
    std::string scheme;
    if (starts_with_ci(text, "https://")) scheme = "https";
    else if (starts_with_ci(text, "http://")) scheme = "http";
    else return std::nullopt;
    std::string_view rest = text.substr(scheme.size() + 3);
    std::string host;
    if (!rest.empty() && rest.front() == '[') {  // IPv6 literal
        const std::size_t close = rest.find(']');
        if (close == std::string_view::npos || close < 3) return std::nullopt;
        for (char c : rest.substr(1, close - 1))
            if (hex_value(c) < 0 && c != ':' && c != '.') return std::nullopt;
        for (char c : rest.substr(0, close + 1)) host += lower(c);
        rest.remove_prefix(close + 1);
    } else {
        const std::size_t end = rest.find(':');
        const std::string_view name = rest.substr(0, end);
        if (name.empty() || name.front() == '.' || name.back() == '.' || name.find("..") != std::string_view::npos)
            return std::nullopt;
        for (char c : name) {
            if (!host_char(c)) return std::nullopt;
            host += lower(c);
        }
        rest.remove_prefix(name.size());
    }
    std::string port;
    if (!rest.empty()) {
        if (rest.front() != ':' || rest.size() < 2 || rest.size() > 6) return std::nullopt;
        long value = 0;
        for (char c : rest.substr(1)) {
            if (c < '0' || c > '9') return std::nullopt;
            value = value * 10 + (c - '0');
        }
        if (value < 1 || value > 65535) return std::nullopt;
        // The origin a browser reports (MessageEvent.origin) leaves out the scheme's default port.
        if (!((scheme == "http" && value == 80) || (scheme == "https" && value == 443))) port = ":" + std::to_string(value);
    }
    return scheme + "://" + host + port;
}

std::string LaunchOptions::phone_link() const {
    if (phone.empty()) return {};
    std::string link = "tel:";
    for (char c : phone)
        if (c != ' ') link += c;
    return link;
}

namespace {

// Why a content URL is refused (nullptr: fine): absolute http(s), printable ASCII without quotes or
// brackets, a host, and no user:password@ in front of it (it only misleads).
const char* content_url_problem(std::string_view url) {
    static constexpr const char* kWhy = "an absolute http(s) URL or inline expected";
    if (url.size() > kContentUrlMaxChars || !(starts_with_ci(url, "https://") || starts_with_ci(url, "http://"))) return kWhy;
    for (char c : url)
        if (static_cast<unsigned char>(c) <= 0x20 || static_cast<unsigned char>(c) >= 0x7F || c == '"' || c == '<' ||
            c == '>' || c == '\\' || c == '`')
            return kWhy;
    const std::size_t authority = url.find("//") + 2;
    const std::size_t authority_end = std::min(url.find_first_of("/?#", authority), url.size());
    const std::string_view host = url.substr(authority, authority_end - authority);
    return host.empty() || host.find('@') != std::string_view::npos ? kWhy : nullptr;
}

}  // namespace

LaunchOptions parse_launch_options(std::string_view query) {
    LaunchOptions options;
    if (!query.empty() && query.front() == '?') query.remove_prefix(1);
    if (query.size() > kQueryMaxChars) {
        options.warnings.emplace_back("calfcoach: ignoring the page parameters: longer than 8192 characters");
        return options;
    }
    static constexpr std::array<std::string_view, 6> kOurs = {"embed", "clinic", "accent", "phone", "host", "content"};
    unsigned seen = 0;  // bit i: kOurs[i] already given
    std::size_t start = 0;
    while (start <= query.size()) {
        const std::size_t end = std::min(query.find('&', start), query.size());
        const std::string_view pair = query.substr(start, end - start);
        start = end + 1;
        const std::size_t equals = pair.find('=');
        const std::string name = url_decode(pair.substr(0, equals));
        std::size_t which = 0;
        while (which < kOurs.size() && kOurs[which] != name) ++which;
        if (which == kOurs.size()) continue;  // not ours (or empty)
        const std::string value = equals == std::string_view::npos ? std::string() : url_decode(pair.substr(equals + 1));
        const std::string trimmed = trim(value);

        const char* why = nullptr;
        if (seen & (1u << which)) {
            why = "repeated (the first is used)";
        } else if (which == 0) {  // embed
            if (value == "1") options.embed = true;
            else if (value != "0") why = "1 or 0 expected";
        } else if (which == 1) {  // clinic
            why = clinic_name_problem(trimmed);
            if (why == nullptr) options.clinic = trimmed;
        } else if (which == 2) {  // accent
            options.accent = parse_hex_colour(value);
            if (!options.accent) why = "#rgb or #rrggbb expected";
        } else if (which == 3) {  // phone
            why = phone_problem(trimmed);
            if (why == nullptr) options.phone = trimmed;
        } else if (which == 4) {  // host
            const auto origin = parse_bare_origin(value);
            if (origin) options.host = *origin;
            else why = "an http(s) origin, no path, expected";
        } else if (value == "inline") {  // content, carried by the snippet (a message from the host)
            options.content_inline = true;
        } else {  // content
            why = content_url_problem(value);
            if (why == nullptr) options.content = value;
        }
        seen |= 1u << which;
        if (why != nullptr) {
            // The value itself is left out: it may be long, or made to look like something else.
            std::string warning = "calfcoach: ignoring ";
            warning += name;
            warning += ": ";
            warning += why;
            options.warnings.push_back(std::move(warning));
        }
    }
    // Inline content comes by message from the host page: without a host nothing could be heard.
    if (options.content_inline && options.host.empty()) {
        options.content_inline = false;
        options.warnings.emplace_back("calfcoach: ignoring content: inline needs host");
    }
    return options;
}

}  // namespace calfcoach
