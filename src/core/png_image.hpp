// png_image.hpp — a black-and-white picture as a PNG file (1 bit per pixel, greyscale), for the QR code
// a physio saves to put in a letter or an e-mail. Pure: pixels in, the file's bytes out. The image data
// is stored uncompressed (deflate's "stored" blocks): a QR code is a few tens of KB that way, and the
// file needs no compressor in the wasm.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/qr_code.hpp"

namespace calfcoach {

// Caps: a bigger picture is refused (png_1bit gives an empty string).
inline constexpr int kPngMaxSide = 4096;

struct Bitmap1 {
    int width = 0, height = 0;   // pixels, 1 to kPngMaxSide each
    std::vector<bool> dark;      // width * height, row by row; true = black
};

// The PNG file's bytes; empty when the bitmap is empty, too big or its pixels do not match its size.
std::string png_1bit(const Bitmap1& bitmap);

// The QR code at `pixels_per_module` (1 to 32, clamped) with the 4-module white quiet zone scanners need.
Bitmap1 qr_code_bitmap(const QrCode& code, int pixels_per_module);

// CRC-32 (ISO 3309, as PNG chunks use) and Adler-32 (as zlib streams end with). Public for the tests.
std::uint32_t png_crc32(std::string_view bytes);
std::uint32_t adler32(std::string_view bytes);

}  // namespace calfcoach
