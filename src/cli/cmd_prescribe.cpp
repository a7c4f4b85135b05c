// The prescription subcommands (docs/cli.md, docs/prescriptions.md):
//   calfcoach prescribe FILE.json [--app URL] [--content DIR]
//       the physio's JSON file -> the link and its length; every problem and exit 1 when invalid
//   calfcoach prescription LINK-or-CODE
//       a link or code -> its JSON form; the error and exit 1 when it does not decode
//   calfcoach ics LINK-or-CODE [--time HH:MM] [--stamp YYYYMMDDTHHMMSSZ] [--app URL] [--content DIR]
//       the reminders as an .ics file on stdout
//   calfcoach handout [LINK-or-CODE] [--app URL] [--date YYYY-MM-DD] [--preset P] [--content DIR]
//       the printed handout as an HTML page on stdout (a programme's, or the built-in routine's)
// `plan --link` (cmd_plan.cpp) shares prescription_code_in and load_tool_content from here.
#include <chrono>
#include <ctime>
#include <fstream>
#include <ostream>
#include <string>

#include "cli/commands.hpp"
#include "cli/content_files.hpp"
#include "core/calendar_ics.hpp"
#include "core/content.hpp"
#include "core/handout.hpp"
#include "core/prescription.hpp"
#include "core/session.hpp"

namespace calfcoach::cli {

namespace {

constexpr std::size_t kMaxPrescriptionFileBytes = 64 * 1024;  // the cap prescription_from_json applies

// "HH:MM" or "H:MM", 00:00 to 23:59.
bool parse_time(std::string_view text, int& hour, int& minute) {
    const std::size_t colon = text.find(':');
    if (colon == std::string_view::npos || colon < 1 || colon > 2 || text.size() != colon + 3) return false;
    int values[2] = {0, 0};
    for (int part = 0; part < 2; ++part) {
        const std::string_view digits = part == 0 ? text.substr(0, colon) : text.substr(colon + 1);
        for (char c : digits) {
            if (c < '0' || c > '9') return false;
            values[part] = values[part] * 10 + (c - '0');
        }
    }
    hour = values[0];
    minute = values[1];
    return hour < 24 && minute < 60;
}

std::string utc_stamp_now() {
    const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm utc{};
    gmtime_r(&now, &utc);
    char text[32];
    std::strftime(text, sizeof text, "%Y%m%dT%H%M%SZ", &utc);
    return text;
}

}  // namespace

std::optional<std::string> prescription_code_in(std::string_view link_or_code) {
    const std::size_t hash = link_or_code.find('#');
    if (hash != std::string_view::npos) return prescription_code_from_fragment(link_or_code.substr(hash));
    if (link_or_code.starts_with("rx=")) return std::string(link_or_code.substr(3));
    return std::string(link_or_code);
}

namespace {

// The programme in a LINK-or-CODE argument, or nullopt after writing why to `err` as
// "calfcoach COMMAND: ..." (ics and handout say it alike).
std::optional<Prescription> programme_argument(std::string_view link_or_code, std::string_view command, std::ostream& err) {
    const std::optional<std::string> code = prescription_code_in(link_or_code);
    PrescriptionDecode decoded = code ? decode_prescription(*code) : PrescriptionDecode{};
    if (decoded.ok()) return std::move(decoded.prescription);
    err << "calfcoach " << command << ": " << (code ? decoded.message : std::string("the link has no #rx= programme")) << "\n";
    return std::nullopt;
}

// The link back to the app: at --app when given, else at the argument's own address; empty for a
// bare code.
std::string link_back(std::string_view link_or_code, std::string_view app, const Prescription& rx) {
    const std::size_t hash = link_or_code.find('#');
    if (!app.empty()) return prescription_link(app, rx);
    if (hash != std::string_view::npos && hash > 0) return prescription_link(link_or_code.substr(0, hash), rx);
    return "";
}

}  // namespace

bool load_tool_content(std::string_view content_dir, ContentSet& content, std::string& error) {
    std::map<std::string, std::string, std::less<>> files = default_content_map();
    if (!content_dir.empty() && !read_content_folder(content_dir, files, error)) return false;
    ContentLoad loaded = load_content(files);
    if (!loaded.ok()) {
        error = "the content is invalid (run calfcoach validate for details)";
        return false;
    }
    content = std::move(loaded.content);
    return true;
}

int run_prescribe(Args args, Streams io) {
    static constexpr const char* kUsage = "usage: prescribe FILE.json [--app URL] [--content DIR]";
    std::string file, app, content_dir;
    bool bad = false;
    for (std::size_t i = 0; i < args.size() && !bad; ++i) {
        const bool has_value = i + 1 < args.size();
        if (args[i] == "--app" && has_value) app = args[++i];
        else if (args[i] == "--content" && has_value) content_dir = args[++i];
        else if (file.empty() && !args[i].empty() && !args[i].starts_with("-")) file = args[i];
        else bad = true;
    }
    if (bad || file.empty()) {
        io.err << "calfcoach prescribe: " << kUsage << "\n";
        return 2;
    }
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        io.err << "calfcoach prescribe: cannot read '" << file << "'\n";
        return 2;
    }
    const PrescriptionParse parsed = prescription_from_json(read_capped(in, kMaxPrescriptionFileBytes));
    std::vector<std::string> problems = parsed.problems;
    ContentSet content;
    if (std::string error; !load_tool_content(content_dir, content, error)) {
        io.err << "calfcoach prescribe: " << error << "\n";
        return 2;
    }
    // A programme must also fit the routine it names, as the app will check it on opening.
    if (parsed.ok()) {
        const PrescribedSession session = apply_prescription(*parsed.prescription, content, SessionOptions{});
        if (!session.ok()) problems.push_back(session.message);
    }
    if (!problems.empty()) {
        for (const std::string& problem : problems) io.out << "error: " << problem << "\n";
        io.out << file << ": invalid, " << problems.size() << " problem(s)\n";
        return 1;
    }
    const std::string link = prescription_link(app, *parsed.prescription);
    const std::size_t fragment = link.size() - link.find('#') - 1;
    io.out << link << "\n";
    io.out << "link " << link.size() << " characters, fragment (rx= and the code) " << fragment << " characters\n";
    return 0;
}

int run_prescription(Args args, Streams io) {
    if (args.size() != 1 || args[0].empty() || args[0] == "--help") {
        io.err << "calfcoach prescription: usage: prescription LINK-or-CODE\n";
        return 2;
    }
    const std::optional<std::string> code = prescription_code_in(args[0]);
    if (!code) {
        io.err << "calfcoach prescription: the link has no #rx= programme\n";
        return 1;
    }
    const PrescriptionDecode decoded = decode_prescription(*code);
    if (!decoded.ok()) {
        io.err << "calfcoach prescription: " << decoded.message << " (" << to_string(decoded.error) << ")\n";
        return 1;
    }
    io.out << prescription_to_json(*decoded.prescription) << "\n";
    return 0;
}

int run_ics(Args args, Streams io) {
    static constexpr const char* kUsage =
        "usage: ics LINK-or-CODE [--time HH:MM] [--stamp YYYYMMDDTHHMMSSZ] [--app URL] [--content DIR]";
    std::string link_or_code, app, content_dir;
    IcsOptions options;
    options.stamp_utc = utc_stamp_now();
    bool bad = false;
    for (std::size_t i = 0; i < args.size() && !bad; ++i) {
        const bool has_value = i + 1 < args.size();
        if (args[i] == "--time" && has_value) bad = !parse_time(args[++i], options.hour, options.minute);
        else if (args[i] == "--stamp" && has_value) options.stamp_utc = args[++i];
        else if (args[i] == "--app" && has_value) app = args[++i];
        else if (args[i] == "--content" && has_value) content_dir = args[++i];
        else if (link_or_code.empty() && !args[i].empty() && !args[i].starts_with("-")) link_or_code = args[i];
        else bad = true;
    }
    if (bad || link_or_code.empty()) {
        io.err << "calfcoach ics: " << kUsage << "\n";
        return 2;
    }
    // The stamp is checked here so a typo is an error; the core would quietly use the start day.
    if (options.stamp_utc.size() != 16 || options.stamp_utc[8] != 'T' || options.stamp_utc[15] != 'Z' ||
        !parse_calendar_date(options.stamp_utc.substr(0, 4) + "-" + options.stamp_utc.substr(4, 2) + "-" +
                             options.stamp_utc.substr(6, 2))) {
        io.err << "calfcoach ics: --stamp must be a UTC time as YYYYMMDDTHHMMSSZ\n";
        return 2;
    }
    const std::optional<Prescription> programme = programme_argument(link_or_code, "ics", io.err);
    if (!programme) return 1;
    const Prescription& rx = *programme;
    options.app_link = link_back(link_or_code, app, rx);

    ContentSet content;
    if (std::string error; !load_tool_content(content_dir, content, error)) {
        io.err << "calfcoach ics: " << error << "\n";
        return 2;
    }
    const PrescribedSession session = apply_prescription(rx, content, SessionOptions{});
    if (session.ok()) {
        options.session_ms = planned_duration_ms(*session.routine, session.options);
        options.routine_title = session.routine->title;
    } else {
        io.err << "calfcoach ics: warning: " << session.message << "; the events last 15 minutes\n";
    }
    io.out << prescription_ics(rx, options);
    return 0;
}

int run_handout(Args args, Streams io) {
    static constexpr const char* kUsage =
        "usage: handout [LINK-or-CODE] [--app URL] [--date YYYY-MM-DD] [--preset quick|standard|thorough] [--content DIR]";
    std::string link_or_code, app, content_dir;
    std::optional<CalendarDate> date;
    std::optional<Preset> preset;
    bool bad = false;
    for (std::size_t i = 0; i < args.size() && !bad; ++i) {
        const bool has_value = i + 1 < args.size();
        if (args[i] == "--app" && has_value) app = args[++i];
        else if (args[i] == "--content" && has_value) content_dir = args[++i];
        else if (args[i] == "--date" && has_value) bad = !(date = parse_calendar_date(args[++i]));
        else if (args[i] == "--preset" && has_value) bad = !(preset = preset_from_string(args[++i]));
        else if (link_or_code.empty() && !args[i].empty() && !args[i].starts_with("-")) link_or_code = args[i];
        else bad = true;
    }
    if (bad) {
        io.err << "calfcoach handout: " << kUsage << "\n";
        return 2;
    }
    ContentSet content;
    if (std::string error; !load_tool_content(content_dir, content, error)) {
        io.err << "calfcoach handout: " << error << "\n";
        return 2;
    }
    HandoutParams params;
    params.triage = &content.triage;
    if (date) params.printed_on = *date;
    else {
        const std::string today = utc_stamp_now();
        params.printed_on = parse_calendar_date(today.substr(0, 4) + "-" + today.substr(4, 2) + "-" + today.substr(6, 2))
                                .value_or(CalendarDate{});
    }
    std::optional<Routine> routine;
    if (!link_or_code.empty()) {
        const std::optional<Prescription> programme = programme_argument(link_or_code, "handout", io.err);
        if (!programme) return 1;
        const Prescription& rx = *programme;
        PrescribedSession session = apply_prescription(rx, content, SessionOptions{});
        if (!session.ok()) {
            io.err << "calfcoach handout: " << session.message << "\n";
            return 1;
        }
        routine = std::move(session.routine);
        params.options = session.options;
        params.programme = rx;
        params.clinic = rx.clinic;
        params.phone = rx.phone;
        params.link = link_back(link_or_code, app, rx);
    } else {
        const Routine* builtin = content.find_routine("standard");
        if (!builtin && !content.routines.empty()) builtin = &content.routines.front();
        if (builtin) routine = *builtin;
        params.options.preset = preset.value_or(Preset::Standard);
        params.link = app;
    }
    if (routine) params.routine = &*routine;
    io.out << handout_html(params);
    return 0;
}

}  // namespace calfcoach::cli
