// The QR code as a PNG file (core/png_image): a real decoder (zbarimg) reads the link back from the
// file, and the file's structure is what the PNG and zlib specifications say, byte by byte.
#include <catch2/catch.hpp>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>

#include "core/png_image.hpp"
#include "test_support.hpp"

namespace fs = std::filesystem;
using namespace calfcoach;

namespace {

std::uint32_t u32_be(const std::string& s, std::size_t at) {
    return (std::uint32_t(std::uint8_t(s[at])) << 24) | (std::uint32_t(std::uint8_t(s[at + 1])) << 16) |
           (std::uint32_t(std::uint8_t(s[at + 2])) << 8) | std::uint32_t(std::uint8_t(s[at + 3]));
}

struct Chunk {
    std::string type, data;
    bool crc_ok = false;
};

std::vector<Chunk> chunks_of(const std::string& png) {
    std::vector<Chunk> chunks;
    for (std::size_t at = 8; at + 12 <= png.size();) {
        const std::uint32_t length = u32_be(png, at);
        REQUIRE(at + 12 + length <= png.size());
        Chunk chunk{png.substr(at + 4, 4), png.substr(at + 8, length)};
        chunk.crc_ok = u32_be(png, at + 8 + length) == png_crc32(png.substr(at + 4, 4 + length));
        chunks.push_back(chunk);
        at += 12 + length;
    }
    return chunks;
}

// The scanlines back out of a zlib stream of stored blocks; fails the test on anything else.
std::string inflate_stored(const std::string& zlib, int* blocks) {
    REQUIRE(zlib.size() >= 6);
    CHECK(std::uint8_t(zlib[0]) == 0x78);
    CHECK(((std::uint8_t(zlib[0]) << 8) | std::uint8_t(zlib[1])) % 31 == 0);  // the header check bits
    std::string raw;
    std::size_t at = 2;
    *blocks = 0;
    for (bool last = false; !last;) {
        REQUIRE(at + 5 <= zlib.size());
        const auto head = std::uint8_t(zlib[at]);
        last = (head & 1) != 0;
        REQUIRE(((head >> 1) & 3) == 0);  // stored
        const std::size_t length = std::uint8_t(zlib[at + 1]) | (std::size_t(std::uint8_t(zlib[at + 2])) << 8);
        const std::size_t nlength = std::uint8_t(zlib[at + 3]) | (std::size_t(std::uint8_t(zlib[at + 4])) << 8);
        REQUIRE((length ^ nlength) == 0xFFFF);
        raw += zlib.substr(at + 5, length);
        at += 5 + length;
        ++*blocks;
    }
    REQUIRE(at + 4 == zlib.size());
    CHECK(u32_be(zlib, at) == adler32(raw));
    return raw;
}

}  // namespace

TEST_CASE("PNG checksums match their published check values", "[png]") {
    CHECK(png_crc32("123456789") == 0xCBF43926u);  // the CRC-32 check value
    CHECK(png_crc32("") == 0u);
    CHECK(adler32("Wikipedia") == 0x11E60398u);
    CHECK(adler32("") == 1u);
}

TEST_CASE("a QR code saved as PNG decodes back to the exact link", "[png][qr]") {
    const std::string link = "https://calfcoach.example/#rx=AQhzdGFuZGFyZAEBAxUqAFRha2UgaXQgZWFzeSBvbiB0aGUgbGVmdCBsZWcu";
    const auto code = make_qr_code(link);
    REQUIRE(code.has_value());
    const std::string png = png_1bit(qr_code_bitmap(*code, 8));
    REQUIRE(png.size() > 100);
    const fs::path file = fs::temp_directory_path() / "calfcoach-test-qr.png";
    std::ofstream(file, std::ios::binary) << png;
    INFO("zbarimg (Debian's zbar-tools) must be installed: scripts/setup installs it");
    CHECK(test::zbar_decode(file.string()) == link);
    fs::remove(file);
}

TEST_CASE("PNG file: signature and chunks as the specification orders them with their pixels", "[png]") {
    // 10 x 3 with a pattern crossing a byte boundary: row 0 all dark, row 1 only x = 8, row 2 none.
    Bitmap1 bitmap{10, 3, std::vector<bool>(30, false)};
    for (int x = 0; x < 10; ++x) bitmap.dark[static_cast<std::size_t>(x)] = true;
    bitmap.dark[10 + 8] = true;
    const std::string png = png_1bit(bitmap);
    REQUIRE(png.substr(0, 8) == std::string("\x89PNG\r\n\x1a\n", 8));
    const std::vector<Chunk> chunks = chunks_of(png);
    REQUIRE(chunks.size() == 3);
    CHECK(chunks[0].type == "IHDR");
    CHECK(chunks[1].type == "IDAT");
    CHECK(chunks[2].type == "IEND");
    for (const Chunk& chunk : chunks) CHECK(chunk.crc_ok);
    const std::string& ihdr = chunks[0].data;
    REQUIRE(ihdr.size() == 13);
    CHECK(u32_be(ihdr, 0) == 10);
    CHECK(u32_be(ihdr, 4) == 3);
    CHECK(ihdr.substr(8) == std::string("\x01\x00\x00\x00\x00", 5));  // 1 bit, greyscale, no interlace
    int blocks = 0;
    const std::string raw = inflate_stored(chunks[1].data, &blocks);
    CHECK(blocks == 1);
    // Each row: filter 0, then two bytes; 0 is black; the 6 padding bits are white.
    CHECK(raw == std::string("\x00\x00\x3f" "\x00\xff\x7f" "\x00\xff\xff", 9));
    CHECK(chunks[2].data.empty());
}

TEST_CASE("PNG file: a picture over 64 KB of pixels spans several stored blocks", "[png]") {
    Bitmap1 bitmap{4096, 300, std::vector<bool>(4096u * 300u, false)};
    for (std::size_t i = 0; i < bitmap.dark.size(); i += 7) bitmap.dark[i] = true;
    const std::string png = png_1bit(bitmap);
    const std::vector<Chunk> chunks = chunks_of(png);
    REQUIRE(chunks.size() == 3);
    int blocks = 0;
    const std::string raw = inflate_stored(chunks[1].data, &blocks);
    REQUIRE(raw.size() == 300u * (1 + 512));
    CHECK(blocks == 3);  // 153,900 bytes: 65,535 + 65,535 + 22,830
    // Pixel (7, 0) is dark: byte 1 of row 0, bit 7 - 7 = 0 cleared.
    CHECK((std::uint8_t(raw[1]) & 0x01) == 0);
    CHECK((std::uint8_t(raw[1]) & 0x02) != 0);
}

TEST_CASE("PNG file: an empty or mismatched bitmap gives no file", "[png]") {
    CHECK(png_1bit(Bitmap1{}).empty());
    CHECK(png_1bit(Bitmap1{4, 4, std::vector<bool>(15, false)}).empty());
    CHECK(png_1bit(Bitmap1{kPngMaxSide + 1, 1, std::vector<bool>(kPngMaxSide + 1, false)}).empty());
    CHECK(qr_code_bitmap(QrCode{}, 8).dark.empty());
}

TEST_CASE("QR bitmap: a white quiet zone of 4 modules around the code at the scale asked", "[png][qr]") {
    const auto code = make_qr_code("https://calfcoach.example/");
    REQUIRE(code.has_value());
    const Bitmap1 bitmap = qr_code_bitmap(*code, 3);
    CHECK(bitmap.width == (code->size + 8) * 3);
    const auto at = [&](int x, int y) { return bitmap.dark[static_cast<std::size_t>(y * bitmap.width + x)]; };
    for (int i = 0; i < bitmap.width; ++i) {
        CHECK_FALSE(at(i, 11));  // inside the quiet zone (rows 0-11)
        CHECK_FALSE(at(11, i));
    }
    CHECK(at(12, 12) == code->dark(0, 0));  // the finder pattern's corner: dark
    CHECK(at(12, 12));
    CHECK(qr_code_bitmap(*code, 100).width == (code->size + 8) * 32);  // the scale is capped
}
