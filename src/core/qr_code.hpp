// qr_code.hpp — a QR code for a short text (a prescription's link), as a module grid and as SVG.
// Wraps Nayuki's QR Code generator (third_party, fetched by scripts/setup). Pure: strings in, strings
// out, and total: a text too long for a QR code gives nothing, never an exception.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace calfcoach {

// Longest text make_qr_code accepts, in bytes: a prescription link is at most about 1,100. A version 40
// code at error correction level M holds 2,331 bytes, so every accepted text fits.
inline constexpr std::size_t kQrTextMaxBytes = 2000;

struct QrCode {
    int size = 0;                // modules per side (21 to 177)
    std::vector<bool> modules;   // size * size, row by row; true = dark
    [[nodiscard]] bool dark(int x, int y) const {
        return x >= 0 && y >= 0 && x < size && y < size && modules[static_cast<std::size_t>(y * size + x)];
    }
};

// Error correction level M (15 % of the code may be damaged or covered), which the generator raises
// for free when the version has room. Empty text or one over kQrTextMaxBytes: nullopt.
std::optional<QrCode> make_qr_code(std::string_view text);

// The code as a standalone SVG: one path of dark modules on white, with the quiet zone of 4 modules
// that scanners need, scalable (viewBox in modules). `title` names it for screen readers.
std::string qr_code_svg(const QrCode& code, std::string_view title);

}  // namespace calfcoach
