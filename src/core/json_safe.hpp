// json_safe.hpp — parse untrusted JSON (content files, stored data, stdin) without exceptions and
// within fixed caps, so a hostile or broken input can neither throw across into JavaScript nor
// overflow the wasm stack (deep nesting) nor stall the page (huge input).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace calfcoach {

struct JsonLimits {
    std::size_t max_bytes = 512 * 1024;  // default: the content-file cap
    int max_depth = 32;                  // default: the content-file cap
};

struct JsonParseResult {
    nlohmann::json value;     // discarded (null) unless ok
    bool ok = false;
    std::string error;        // one line, for people: "nesting deeper than 32 levels"
};

// Checks the caps first (size, then nesting depth by a scan that respects strings), then parses
// with exceptions disabled. Invalid UTF-8 inside strings is rejected by the parser.
JsonParseResult parse_json_limited(std::string_view text, const JsonLimits& limits = {});

// The error parse_json_limited gives for `bytes` bytes over `max_bytes` (for input refused unread).
std::string json_too_large_error(std::size_t bytes, std::size_t max_bytes);

// Nesting depth of the JSON text ([ and { outside strings); stops counting past `stop_at`.
int json_nesting_depth(std::string_view text, int stop_at);

// Serialise for storage or output; invalid UTF-8 in strings is replaced, never thrown on.
std::string dump_json(const nlohmann::json& value, int indent = -1);

}  // namespace calfcoach
