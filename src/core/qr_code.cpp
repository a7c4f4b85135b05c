// qr_code.cpp — see qr_code.hpp.
#include "core/qr_code.hpp"

#include <qrcodegen.h>

#include <algorithm>
#include <cstdint>

#include "core/xml_escape.hpp"

namespace calfcoach {

std::optional<QrCode> make_qr_code(std::string_view text) {
    if (text.empty() || text.size() > kQrTextMaxBytes) return std::nullopt;
    // The generator takes the text as UTF-8 bytes in byte mode, in a buffer it also works in, and
    // picks the smallest version that holds it at level M or better (it raises the level for free
    // when the version has room). Within kQrTextMaxBytes every text fits a version 40 code.
    std::vector<std::uint8_t> work(qrcodegen_BUFFER_LEN_MAX), modules(qrcodegen_BUFFER_LEN_MAX);
    std::copy(text.begin(), text.end(), work.begin());
    if (!qrcodegen_encodeBinary(work.data(), text.size(), modules.data(), qrcodegen_Ecc_MEDIUM, qrcodegen_VERSION_MIN,
                                qrcodegen_VERSION_MAX, qrcodegen_Mask_AUTO, true))
        return std::nullopt;
    QrCode code;
    code.size = qrcodegen_getSize(modules.data());
    code.modules.resize(static_cast<std::size_t>(code.size) * static_cast<std::size_t>(code.size));
    for (int y = 0; y < code.size; ++y)
        for (int x = 0; x < code.size; ++x)
            code.modules[static_cast<std::size_t>(y * code.size + x)] = qrcodegen_getModule(modules.data(), x, y);
    return code;
}

std::string qr_code_svg(const QrCode& code, std::string_view title) {
    constexpr int kQuiet = 4;
    const std::string side = std::to_string(code.size + 2 * kQuiet);
    std::string svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + side + " " + side +
                      "\" shape-rendering=\"crispEdges\" role=\"img\"><title>" + xml_escaped(title) +
                      "</title><rect width=\"100%\" height=\"100%\" fill=\"#fff\"/><path fill=\"#000\" d=\"";
    // One horizontal run of dark modules per subpath: a few KB for a 1,000-character link.
    for (int y = 0; y < code.size; ++y) {
        for (int x = 0; x < code.size;) {
            if (!code.dark(x, y)) {
                ++x;
                continue;
            }
            int run = 1;
            while (code.dark(x + run, y)) ++run;
            svg += "M" + std::to_string(x + kQuiet) + " " + std::to_string(y + kQuiet) + "h" + std::to_string(run) +
                   "v1h-" + std::to_string(run) + "z";
            x += run;
        }
    }
    svg += "\"/></svg>";
    return svg;
}

}  // namespace calfcoach
