// default_content.hpp — the content shipped with the app, compiled in (library calfcoach_default_content,
// generated from content/*.json), so the app and the tool work with no other file.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace calfcoach {

struct DefaultContentFile {
    std::string_view name;  // file name, e.g. "routines.json"
    std::string_view text;  // the JSON text as shipped
};

const std::vector<DefaultContentFile>& default_content_files();

// The text of one shipped file, or empty when there is none of that name.
inline std::string_view default_content_file(std::string_view name) {
    for (const DefaultContentFile& f : default_content_files())
        if (f.name == name) return f.text;
    return {};
}

// The shipped files as load_content takes them: file name -> JSON text.
inline std::map<std::string, std::string, std::less<>> default_content_map() {
    std::map<std::string, std::string, std::less<>> files;
    for (const DefaultContentFile& f : default_content_files()) files.emplace(f.name, f.text);
    return files;
}

}  // namespace calfcoach
