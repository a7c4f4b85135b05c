#include "cli/content_files.hpp"

#include <filesystem>
#include <fstream>
#include <iterator>

#include "core/content.hpp"
#include "core/default_content.hpp"

namespace calfcoach::cli {

std::string read_capped(std::istream& in, std::size_t max_bytes) {
    std::string text(max_bytes + 1, '\0');
    in.read(text.data(), static_cast<std::streamsize>(text.size()));
    text.resize(static_cast<std::size_t>(in.gcount()));
    return text;
}

bool read_content_folder(std::string_view folder, std::map<std::string, std::string, std::less<>>& files,
                         std::string& error) {
    namespace fs = std::filesystem;
    std::error_code ec;
    const fs::path dir{std::string(folder)};
    if (!fs::is_directory(dir, ec)) {
        error = "not a folder: " + std::string(folder);
        return false;
    }
    for (std::string_view name : kContentFileNames) {
        const fs::path path = dir / std::string(name);
        if (!fs::is_regular_file(path, ec)) continue;
        std::ifstream in(path, std::ios::binary);
        if (!in) {
            error = "cannot read " + path.string();
            return false;
        }
        files[std::string(name)] = read_capped(in, kContentMaxBytes);
    }
    return true;
}

std::map<std::string, std::string, std::less<>> default_content_map() {
    std::map<std::string, std::string, std::less<>> files;
    for (const DefaultContentFile& f : default_content_files()) files[std::string(f.name)] = std::string(f.text);
    return files;
}

}  // namespace calfcoach::cli
