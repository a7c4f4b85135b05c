// content_files.hpp — reading a content folder from disk for the tool (the core never touches files).
#pragma once

#include <functional>
#include <istream>
#include <map>
#include <string>
#include <string_view>

namespace calfcoach::cli {

// The four content files found in `folder`, name -> text. A file that is absent is left out (the
// loader reports it). Each is read up to one byte past the content cap so the loader can say "too
// large" without us reading a huge file whole. False with `error` set when `folder` is no folder.
bool read_content_folder(std::string_view folder, std::map<std::string, std::string, std::less<>>& files,
                         std::string& error);

// The compiled-in content as a file map.
std::map<std::string, std::string, std::less<>> default_content_map();

// Up to max_bytes + 1 bytes of `in` (one over, so callers can tell the input was too long).
std::string read_capped(std::istream& in, std::size_t max_bytes);

}  // namespace calfcoach::cli
