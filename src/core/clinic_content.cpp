// clinic_content.cpp — see clinic_content.hpp.
#include "core/clinic_content.hpp"

#include <algorithm>

#include "core/json_safe.hpp"

namespace calfcoach {

namespace {
constexpr const char* kFile = "clinic content";
}  // namespace

ContentLoad clinic_content_too_large(std::size_t bytes) {
    ContentLoad failed;
    failed.issues.push_back({kFile, "", json_too_large_error(bytes, kClinicContentMaxBytes), false});
    return failed;
}

ContentLoad load_clinic_content(std::string_view bundle_text,
                                const std::map<std::string, std::string, std::less<>>& builtin) {
    ContentLoad failed;
    const JsonParseResult parsed = parse_json_limited(bundle_text, JsonLimits{kClinicContentMaxBytes, kContentMaxDepth + 1});
    if (!parsed.ok) {
        failed.issues.push_back({kFile, "", parsed.error, false});
        return failed;
    }
    if (!parsed.value.is_object() || parsed.value.empty()) {
        failed.issues.push_back({kFile, "", "expected {\"triage.json\": {...}, ...}", false});
        return failed;
    }
    std::map<std::string, std::string, std::less<>> files = builtin;
    for (const auto& [name, file] : parsed.value.items()) {
        if (std::find(kContentFileNames.begin(), kContentFileNames.end(), name) == kContentFileNames.end()) {
            failed.issues.push_back({kFile, "/" + name, "not a content file", false});
            continue;
        }
        if (!file.is_object()) {
            failed.issues.push_back({kFile, "/" + name, "expected the file's JSON object", false});
            continue;
        }
        files[name] = dump_json(file);
    }
    if (!failed.issues.empty()) return failed;
    return load_content(files);
}

}  // namespace calfcoach
