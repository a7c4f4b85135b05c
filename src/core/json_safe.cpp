#include "json_safe.hpp"

namespace calfcoach {

int json_nesting_depth(std::string_view text, int stop_at) {
    int depth = 0;
    int deepest = 0;
    bool in_string = false;
    bool escaped = false;
    for (char c : text) {
        if (in_string) {
            if (escaped) escaped = false;
            else if (c == '\\') escaped = true;
            else if (c == '"') in_string = false;
            continue;
        }
        switch (c) {
            case '"': in_string = true; break;
            case '[':
            case '{':
                if (++depth > deepest) deepest = depth;
                if (deepest > stop_at) return deepest;
                break;
            case ']':
            case '}':
                if (depth > 0) --depth;
                break;
            default: break;
        }
    }
    return deepest;
}

std::string json_too_large_error(std::size_t bytes, std::size_t max_bytes) {
    return "too large: " + std::to_string(bytes) + " bytes, the limit is " + std::to_string(max_bytes);
}

JsonParseResult parse_json_limited(std::string_view text, const JsonLimits& limits) {
    JsonParseResult result;
    if (text.size() > limits.max_bytes) {
        result.error = json_too_large_error(text.size(), limits.max_bytes);
        return result;
    }
    if (json_nesting_depth(text, limits.max_depth) > limits.max_depth) {
        result.error = "nesting deeper than " + std::to_string(limits.max_depth) + " levels";
        return result;
    }
    nlohmann::json parsed = nlohmann::json::parse(text.begin(), text.end(), nullptr,
                                                  /*allow_exceptions=*/false, /*ignore_comments=*/false);
    if (parsed.is_discarded()) {
        result.error = "not valid JSON (syntax error or invalid UTF-8)";
        return result;
    }
    result.value = std::move(parsed);
    result.ok = true;
    return result;
}

std::string dump_json(const nlohmann::json& value, int indent) {
    return value.dump(indent, ' ', /*ensure_ascii=*/false, nlohmann::json::error_handler_t::replace);
}

}  // namespace calfcoach
