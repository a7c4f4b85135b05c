// The prescription's QR code (core/qr_code): the grid is a real QR code that a real decoder reads back
// exactly (zbarimg from Debian's zbar-tools, over a PBM image of it), and the SVG draws that grid.
#include <catch2/catch.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <regex>
#include <string>

#include "core/qr_code.hpp"
#include "test_support.hpp"

namespace fs = std::filesystem;
using namespace calfcoach;

namespace {

// The code as a PBM image, 4 pixels per module, with the 4-module quiet zone.
void write_pbm(const QrCode& code, const fs::path& path) {
    constexpr int kScale = 4, kQuiet = 4;
    const int side = (code.size + 2 * kQuiet) * kScale;
    std::ofstream out(path);
    out << "P1\n" << side << " " << side << "\n";
    for (int py = 0; py < side; ++py) {
        for (int px = 0; px < side; ++px)
            out << (code.dark(px / kScale - kQuiet, py / kScale - kQuiet) ? '1' : '0') << (px + 1 < side ? " " : "");
        out << "\n";
    }
}

}  // namespace

TEST_CASE("a QR code of a prescription link decodes back to the exact link", "[qr]") {
    const fs::path dir = fs::temp_directory_path() / "calfcoach-test-qr";
    fs::create_directories(dir);
    // A typical link, and one as long as the largest prescription (about 1,000 characters of fragment).
    const std::string typical = "https://calfcoach.example/#rx=AQhzdGFuZGFyZAEBAxUqAFRha2UgaXQgZWFzeSBvbiB0aGUgbGVmdCBsZWcu";
    std::string longest = "https://clinic.example.org/calf-coach/#rx=";
    for (int i = 0; longest.size() < 1100; ++i) longest += "AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_"[i % 38];
    for (const std::string& link : {typical, longest}) {
        const auto code = make_qr_code(link);
        REQUIRE(code.has_value());
        CHECK(code->size >= 21);
        CHECK(code->size <= 177);
        CHECK((code->size - 17) % 4 == 0);  // a QR version's side: 17 + 4 * version
        const fs::path image = dir / ("code-" + std::to_string(link.size()) + ".pbm");
        write_pbm(*code, image);
        INFO("zbarimg (Debian's zbar-tools) must be installed: scripts/setup installs it");
        CHECK(test::zbar_decode(image.string()) == link);
    }
    fs::remove_all(dir);
}

TEST_CASE("QR code: empty and oversized texts give nothing, never an exception", "[qr]") {
    CHECK_FALSE(make_qr_code("").has_value());
    CHECK(make_qr_code(std::string(kQrTextMaxBytes, 'a')).has_value());
    CHECK_FALSE(make_qr_code(std::string(kQrTextMaxBytes + 1, 'a')).has_value());
}

TEST_CASE("QR code SVG: one dark square per dark module, the quiet zone, an escaped title", "[qr]") {
    const auto code = make_qr_code("https://calfcoach.example/#rx=AQ");
    REQUIRE(code.has_value());
    const std::string svg = qr_code_svg(*code, "Your programme's link <scan me> & keep");
    const std::string side = std::to_string(code->size + 8);
    CHECK(svg.find("viewBox=\"0 0 " + side + " " + side + "\"") != std::string::npos);
    CHECK(svg.find("<title>Your programme's link &lt;scan me&gt; &amp; keep</title>") != std::string::npos);
    // Sum the runs of the path: as many modules as the grid has dark ones, and each run on a dark one.
    const std::regex run(R"(M(\d+) (\d+)h(\d+)v1h-(\d+)z)");
    int drawn = 0;
    for (auto it = std::sregex_iterator(svg.begin(), svg.end(), run); it != std::sregex_iterator(); ++it) {
        const int x = std::stoi((*it)[1]) - 4, y = std::stoi((*it)[2]) - 4, length = std::stoi((*it)[3]);
        CHECK((*it)[3] == (*it)[4]);
        for (int i = 0; i < length; ++i) CHECK(code->dark(x + i, y));
        CHECK_FALSE(code->dark(x + length, y));
        drawn += length;
    }
    int dark = 0;
    for (const bool module : code->modules) dark += module ? 1 : 0;
    CHECK(drawn == dark);
    CHECK(dark > 0);
}
