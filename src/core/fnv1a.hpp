// fnv1a.hpp — FNV-1a, 64 bits: a small, fast, stable hash for checksums and ids (the history's
// checksum, a prescription's id). Not cryptographic: it detects accidents, not attacks.
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

namespace calfcoach {

inline std::uint64_t fnv1a64(std::string_view bytes) {
    std::uint64_t hash = 0xcbf29ce484222325ULL;
    for (const char c : bytes) {
        hash ^= static_cast<unsigned char>(c);
        hash *= 0x100000001b3ULL;
    }
    return hash;
}

// 16 lower-case hex digits.
inline std::string hex64(std::uint64_t value) {
    char buffer[17];
    std::snprintf(buffer, sizeof buffer, "%016llx", static_cast<unsigned long long>(value));
    return buffer;
}

}  // namespace calfcoach
