// Which characters a text uses (core/text_code_points): the UI adds their glyphs to its font atlas for
// a clinic's name and content, so decoding must be exact and never trust malformed input.
#include <catch2/catch.hpp>

#include <set>
#include <string>

#include "core/text_code_points.hpp"

using namespace calfcoach;

TEST_CASE("UTF-8: one to four bytes decode to their code points", "[text]") {
    CHECK(decode_utf8_at("A", 0).code_point == U'A');
    CHECK(decode_utf8_at("A", 0).length == 1);
    const std::string e_acute = "\xC3\xA9";  // é
    CHECK(decode_utf8_at(e_acute, 0).code_point == 0xE9);
    CHECK(decode_utf8_at(e_acute, 0).length == 2);
    const std::string euro = "\xE2\x82\xAC";
    CHECK(decode_utf8_at(euro, 0).code_point == 0x20AC);
    CHECK(decode_utf8_at(euro, 0).length == 3);
    const std::string emoji = "\xF0\x9F\x98\x80";  // U+1F600
    CHECK(decode_utf8_at(emoji, 0).code_point == 0x1F600);
    CHECK(decode_utf8_at(emoji, 0).length == 4);
    const std::string mid = "x\xC3\xA9y";
    CHECK(decode_utf8_at(mid, 1).code_point == 0xE9);
}

TEST_CASE("UTF-8: malformed, overlong, surrogate and out-of-range sequences are refused", "[text]") {
    for (const std::string& bad : {std::string("\x80"), std::string("\xC3"), std::string("\xC3\x28"),
                                  std::string("\xC0\xAF"), std::string("\xE0\x80\xAF"), std::string("\xED\xA0\x80"),
                                  std::string("\xF4\x90\x80\x80"), std::string("\xF8\x88\x80\x80\x80"),
                                  std::string("\xE2\x82")}) {
        INFO("bytes: " << bad.size());
        CHECK(decode_utf8_at(bad, 0).length == 0);
    }
}

TEST_CASE("code points of a text: each once, malformed bytes skipped", "[text]") {
    std::set<char32_t> used;
    add_code_points("Physioth\xC3\xA9rapie Gen\xC3\xA8ve \xFF!", used);
    CHECK(used.count(0xE9) == 1);
    CHECK(used.count(0xE8) == 1);
    CHECK(used.count(U'!') == 1);
    CHECK(used.count(0xFF) == 0);  // the lone 0xFF byte is not the letter ÿ
    CHECK(used.size() == std::set<char>({'P', 'h', 'y', 's', 'i', 'o', 't', 'r', 'a', 'p', 'e', ' ', 'G', 'n', 'v', '!'}).size() + 2);
}

TEST_CASE("code points of a JSON document: string values with escapes decoded, keys left out", "[text]") {
    const std::set<char32_t> used = code_points_in_json_strings(
        R"({"learn.json": {"articles": [{"title": "Ma\u00f1ana", "body": ["\u00fc", 42, true, null]}]}, "k\u00e7y": "z"})");
    CHECK(used.count(0xF1) == 1);  // ñ, written as an escape
    CHECK(used.count(0xFC) == 1);  // ü, inside an array
    CHECK(used.count(U'z') == 1);
    CHECK(used.count(0xE7) == 0);  // ç only appears in a key
    CHECK(used.count(U'l') == 0);  // "learn.json" is a key
    CHECK(used.count(U'4') == 0);  // numbers are not text
    CHECK(code_points_in_json_strings("{not json").empty());
    CHECK(code_points_in_json_strings("").empty());
}

TEST_CASE("append_utf8 writes what decode_utf8_at reads", "[text]") {
    for (const char32_t cp : {char32_t{0x41}, char32_t{0xE9}, char32_t{0x7FF}, char32_t{0x800}, char32_t{0x20AC},
                              char32_t{0xFFFD}, char32_t{0x10000}, char32_t{0x10FFFF}}) {
        std::string text;
        append_utf8(text, cp);
        const Utf8Step step = decode_utf8_at(text, 0);
        CHECK(step.code_point == cp);
        CHECK(step.length == text.size());
    }
    std::string surrogate;
    append_utf8(surrogate, 0xD800);
    CHECK(decode_utf8_at(surrogate, 0).code_point == 0xFFFD);
}
