// png_image.cpp — see png_image.hpp. The format: PNG (ISO/IEC 15948) signature, IHDR, one IDAT
// holding a zlib stream (RFC 1950) of stored deflate blocks (RFC 1951 section 3.2.4), IEND.
#include "core/png_image.hpp"

#include <algorithm>
#include <array>

namespace calfcoach {
namespace {

constexpr int kQuietModules = 4;
constexpr std::size_t kStoredBlockMax = 65535;

void put_u32_be(std::string& out, std::uint32_t value) {
    for (int shift = 24; shift >= 0; shift -= 8) out += static_cast<char>((value >> shift) & 0xFF);
}

void put_chunk(std::string& out, std::string_view type, std::string_view data) {
    put_u32_be(out, static_cast<std::uint32_t>(data.size()));
    std::string typed(type);
    typed += data;
    out += typed;
    put_u32_be(out, png_crc32(typed));  // over the type and the data, not the length
}

}  // namespace

std::uint32_t png_crc32(std::string_view bytes) {
    static const std::array<std::uint32_t, 256> table = [] {
        std::array<std::uint32_t, 256> t{};
        for (std::uint32_t n = 0; n < 256; ++n) {
            std::uint32_t c = n;
            for (int k = 0; k < 8; ++k) c = (c & 1u) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            t[n] = c;
        }
        return t;
    }();
    std::uint32_t crc = 0xFFFFFFFFu;
    for (const char ch : bytes) crc = table[(crc ^ static_cast<std::uint8_t>(ch)) & 0xFFu] ^ (crc >> 8);
    return crc ^ 0xFFFFFFFFu;
}

std::uint32_t adler32(std::string_view bytes) {
    constexpr std::uint32_t kMod = 65521;
    std::uint32_t a = 1, b = 0;
    for (const char ch : bytes) {
        a = (a + static_cast<std::uint8_t>(ch)) % kMod;
        b = (b + a) % kMod;
    }
    return (b << 16) | a;
}

std::string png_1bit(const Bitmap1& bitmap) {
    if (bitmap.width < 1 || bitmap.height < 1 || bitmap.width > kPngMaxSide || bitmap.height > kPngMaxSide) return {};
    const auto width = static_cast<std::size_t>(bitmap.width);
    const auto height = static_cast<std::size_t>(bitmap.height);
    if (bitmap.dark.size() != width * height) return {};

    // The raw scanlines: filter type 0 (none), then 8 pixels a byte, high bit first; in greyscale
    // 1 bit, 0 is black and 1 is white.
    const std::size_t row_bytes = (width + 7) / 8;
    std::string raw;
    raw.reserve(height * (row_bytes + 1));
    for (std::size_t y = 0; y < height; ++y) {
        raw += '\0';
        for (std::size_t byte = 0; byte < row_bytes; ++byte) {
            std::uint8_t packed = 0;
            for (std::size_t bit = 0; bit < 8; ++bit) {
                const std::size_t x = byte * 8 + bit;
                const bool white = x >= width || !bitmap.dark[y * width + x];  // padding bits: white
                if (white) packed = static_cast<std::uint8_t>(packed | (0x80u >> bit));
            }
            raw += static_cast<char>(packed);
        }
    }

    // zlib: CMF 0x78 (deflate, 32 KB window), FLG 0x01 (no dictionary, fastest; 0x7801 % 31 == 0).
    std::string zlib = "\x78\x01";
    for (std::size_t at = 0;; at += kStoredBlockMax) {  // raw is never empty: one row at least
        const std::size_t length = std::min(kStoredBlockMax, raw.size() - at);
        const bool last = at + length >= raw.size();
        zlib += static_cast<char>(last ? 1 : 0);  // BFINAL, BTYPE 00 (stored), padded to the byte
        zlib += static_cast<char>(length & 0xFF);
        zlib += static_cast<char>(length >> 8);
        zlib += static_cast<char>(~length & 0xFF);
        zlib += static_cast<char>((~length >> 8) & 0xFF);
        zlib.append(raw, at, length);
        if (last) break;
    }
    put_u32_be(zlib, adler32(raw));

    std::string png("\x89PNG\r\n\x1a\n", 8);
    std::string header;
    put_u32_be(header, static_cast<std::uint32_t>(width));
    put_u32_be(header, static_cast<std::uint32_t>(height));
    header += std::string("\x01\x00\x00\x00\x00", 5);  // bit depth 1, greyscale, deflate, filter 0, no interlace
    put_chunk(png, "IHDR", header);
    put_chunk(png, "IDAT", zlib);
    put_chunk(png, "IEND", {});
    return png;
}

Bitmap1 qr_code_bitmap(const QrCode& code, int pixels_per_module) {
    Bitmap1 bitmap;
    if (code.size <= 0) return bitmap;
    const int scale = std::clamp(pixels_per_module, 1, 32);
    const int side = (code.size + 2 * kQuietModules) * scale;
    bitmap.width = bitmap.height = side;
    bitmap.dark.assign(static_cast<std::size_t>(side) * static_cast<std::size_t>(side), false);
    for (int y = 0; y < side; ++y)
        for (int x = 0; x < side; ++x)
            bitmap.dark[static_cast<std::size_t>(y) * static_cast<std::size_t>(side) + static_cast<std::size_t>(x)] =
                code.dark(x / scale - kQuietModules, y / scale - kQuietModules);
    return bitmap;
}

}  // namespace calfcoach
