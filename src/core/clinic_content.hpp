// clinic_content.hpp — a clinic's content file (content= in docs/embedding.md): one JSON object
// whose keys are content file names and whose values are those files, e.g.
//   {"routines.json": {...}, "triage.json": {...}}
// Files it leaves out are the built-in ones. The result is checked exactly like the shipped content
// (load_content), including the safety floor a clinic can only make stricter.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <string_view>

#include "core/content.hpp"

namespace calfcoach {

// At most the four files at their own cap, plus a little for the wrapper.
inline constexpr std::size_t kClinicContentMaxBytes = 4 * kContentMaxBytes + 1024;

// builtin: file name -> JSON text of the shipped files. A bundle that is not a JSON object, too
// big, too deep, or has a key that is not a content file is an error (issue file "clinic content").
ContentLoad load_clinic_content(std::string_view bundle_text,
                                const std::map<std::string, std::string, std::less<>>& builtin);

// What load_clinic_content says of a bundle of `bytes` bytes over kClinicContentMaxBytes, for a
// caller that refuses it before reading it (a message from the host page): the same words.
ContentLoad clinic_content_too_large(std::size_t bytes);

}  // namespace calfcoach
