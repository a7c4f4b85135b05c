// The core must stay pure C++: it is built natively for the tests and the tool, and a dependency on
// ImGui or Emscripten there would make that impossible (and blur the one-way layers).
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace {

std::vector<std::string> forbidden_uses_in(const fs::path& folder) {
    static const std::regex forbidden(R"((#\s*include\s*[<"](imgui|emscripten|GLFW))|\bEM_JS\b|\bEM_ASM|__EMSCRIPTEN__)");
    std::vector<std::string> found;
    for (const auto& entry : fs::recursive_directory_iterator(folder)) {
        if (!entry.is_regular_file()) continue;
        std::ifstream in(entry.path());
        std::string line;
        int number = 0;
        while (std::getline(in, line)) {
            ++number;
            if (std::regex_search(line, forbidden))
                found.push_back(entry.path().string() + ":" + std::to_string(number) + ": " + line);
        }
    }
    return found;
}

}  // namespace

TEST_CASE("src/core uses neither ImGui nor Emscripten", "[layering]") {
    const fs::path core = fs::path(CALFCOACH_SOURCE_DIR) / "src" / "core";
    REQUIRE(fs::is_directory(core));
    const auto found = forbidden_uses_in(core);
    INFO("forbidden uses:\n" << [&] { std::ostringstream s; for (auto& f : found) s << f << "\n"; return s.str(); }());
    CHECK(found.empty());
}

TEST_CASE("src/ui knows ImGui but not Emscripten", "[layering]") {
    const fs::path ui = fs::path(CALFCOACH_SOURCE_DIR) / "src" / "ui";
    REQUIRE(fs::is_directory(ui));
    static const std::regex web(R"((#\s*include\s*[<"]emscripten)|\bEM_JS\b|\bEM_ASM|__EMSCRIPTEN__)");
    for (const auto& entry : fs::recursive_directory_iterator(ui)) {
        if (!entry.is_regular_file()) continue;
        std::ifstream in(entry.path());
        std::stringstream text;
        text << in.rdbuf();
        INFO(entry.path().string());
        CHECK_FALSE(std::regex_search(text.str(), web));
    }
}

TEST_CASE("src/kit knows ImGui but not Emscripten", "[layering]") {
    const fs::path kit = fs::path(CALFCOACH_SOURCE_DIR) / "src" / "kit";
    REQUIRE(fs::is_directory(kit));
    static const std::regex web(R"((#\s*include\s*[<"]emscripten)|\bEM_JS\b|\bEM_ASM|__EMSCRIPTEN__)");
    int files = 0;
    for (const auto& entry : fs::recursive_directory_iterator(kit)) {
        if (!entry.is_regular_file()) continue;
        ++files;
        std::ifstream in(entry.path());
        std::stringstream text;
        text << in.rdbuf();
        INFO(entry.path().string());
        CHECK_FALSE(std::regex_search(text.str(), web));
    }
    CHECK(files >= 3);
}

TEST_CASE("the layering check catches a forbidden include", "[layering]") {
    const fs::path tmp = fs::temp_directory_path() / "calfcoach_layering_probe";
    fs::create_directories(tmp);
    { std::ofstream(tmp / "bad.cpp") << "#include <emscripten.h>\nint x;\n"; }
    { std::ofstream(tmp / "bad2.hpp") << "#include \"imgui.h\"\n"; }
    { std::ofstream(tmp / "good.cpp") << "#include <string>\n// emscripten is mentioned in a comment only\n"; }
    CHECK(forbidden_uses_in(tmp).size() == 2);
    fs::remove_all(tmp);
}
