// clinic_setup.hpp — what a clinic sets up in the clinic kit (src/kit) and what the kit gives back:
// the fields a physio types, their problems in the words the app's own checks use, and the snippets
// for the clinic's website. Pure string logic; the kit's draft is this, saved as JSON.
#pragma once

#include <string>
#include <string_view>

namespace calfcoach {

// Every field is what the person typed (the kit trims nothing until it checks). Defaults: empty.
struct ClinicSetup {
    std::string name;          // "Riverside Physiotherapy": "Offered by …" and "Call …"
    std::string phone;         // "+44 20 7946 0000": the "Call the clinic" button
    std::string colour;        // "#2a7" or "#22aa77": the clinic's brand colour
    std::string app_address;   // where the app is hosted, e.g. "https://calfcoach.example/" (empty: where the kit is)
    std::string page_address;  // the clinic's website, e.g. "https://riverside.example" (empty: not known yet)
    bool operator==(const ClinicSetup&) const = default;
};

// Why each field cannot be used as it is; empty when it is fine (an empty optional field is fine).
struct ClinicSetupProblems {
    std::string name, phone, colour, app_address, page_address;
    [[nodiscard]] bool any() const {
        return !name.empty() || !phone.empty() || !colour.empty() || !app_address.empty() || !page_address.empty();
    }
};

// The same rules as the app's launch parameters (core/launch_options), in plain words for a form.
ClinicSetupProblems check_clinic_setup(const ClinicSetup& setup);

// The app's address as the snippets use it: "scheme://host[:port]/path/" with a trailing slash, or
// `fallback` when the field is empty or not an http(s) address.
std::string app_base(const ClinicSetup& setup, std::string_view fallback);
// The name and phone as the app shows them (trimmed); empty when empty or when they have a problem.
std::string shown_clinic_name(const ClinicSetup& setup);
std::string shown_clinic_phone(const ClinicSetup& setup);
// The clinic website's origin ("https://riverside.example"), or empty when not given or not valid.
std::string page_origin(const ClinicSetup& setup);

// The app's query for these settings: "?clinic=…&accent=…&phone=…" (only the fields that are fine),
// plus "&host=…" when `host` is not empty. Percent-encoded as URLSearchParams reads it.
std::string launch_query(const ClinicSetup& setup, std::string_view host);

// What the clinic pastes into its website: the div and embed.js from `base` (app_base), with the
// clinic's content inside the div when `content_bundle` is not empty (core/clinic_routines).
std::string embed_snippet(const ClinicSetup& setup, std::string_view base, std::string_view content_bundle = {});
// A plain iframe, for site builders that refuse script tags (no automatic height, no events).
std::string iframe_snippet(const ClinicSetup& setup, std::string_view base);
// The header the app's server must send so the clinic's site may show it in a frame.
std::string frame_ancestors_header(const ClinicSetup& setup);

// The draft as JSON ({"version":1,"clinic":{…}}) and back. A damaged or foreign draft gives false and
// leaves `setup` as it was.
std::string clinic_setup_to_json(const ClinicSetup& setup);
bool clinic_setup_from_json(std::string_view text, ClinicSetup& setup);

// Percent-encoding of one query value (unreserved characters kept, space as %20).
std::string percent_encoded(std::string_view text);

}  // namespace calfcoach
