// The clinic kit's "Prescribe" tab, driven as a physio would: the form's choices and typing give the
// link the patient app decodes to exactly that programme; each problem shows beside its field and
// holds the link back; the QR code, handout and reminders are files a patient can use.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "core/calendar_date.hpp"
#include "core/content.hpp"
#include "core/default_content.hpp"
#include "core/prescription.hpp"
#include "kit_driver.hpp"

using namespace calfcoach;
using namespace calfcoach::kit;
using calfcoach::testing::KitDriver;

namespace {

// The programme the kit's link carries, as the patient app reads it.
Prescription decoded_link(const KitDriver& kit) {
    const std::string link = kit.state()["prescription"]["link"].get<std::string>();
    const std::size_t hash = link.find('#');
    REQUIRE(hash != std::string::npos);
    const auto code = prescription_code_from_fragment(link.substr(hash));
    REQUIRE(code.has_value());
    const PrescriptionDecode decoded = decode_prescription(*code);
    INFO(decoded.message);
    REQUIRE(decoded.ok());
    return *decoded.prescription;
}

void open_prescribe(KitDriver& kit) {
    REQUIRE(kit.tap("kit.tab.4"));
    REQUIRE(kit.state()["screen"] == "kit.prescribe");
}

std::string error_of(const KitDriver& kit, const std::string& id) {
    const nlohmann::json field = kit.item(id);
    REQUIRE(field.is_object());
    return field.value("error", std::string());
}

}  // namespace

TEST_CASE("prescribe: the form's choices give a link the app decodes to that programme", "[ui][kit][prescribe]") {
    KitDriver kit;
    REQUIRE(kit.type("kit.name", "Riverside Physiotherapy"));
    REQUIRE(kit.type("kit.phone", "+44 20 7946 0000"));
    open_prescribe(kit);
    // The defaults already make a programme: Monday, Wednesday and Friday from today.
    Prescription rx = decoded_link(kit);
    CHECK(rx.start == CalendarDate{2026, 11, 21});  // FakeServices' today
    CHECK(rx.days_mask == 0b0010101);
    CHECK(rx.clinic == "Riverside Physiotherapy");
    CHECK(rx.phone == "+44 20 7946 0000");
    CHECK(kit.state()["prescription"]["link"].get<std::string>().starts_with("http://127.0.0.1:8080/#rx="));

    REQUIRE(kit.tap("kit.rx.legs.1"));      // left leg only
    REQUIRE(kit.tap("kit.rx.length.0"));    // quick
    REQUIRE(kit.tap("kit.rx.day.2"));       // Wednesday off
    REQUIRE(kit.tap("kit.rx.day.5"));       // Saturday on
    REQUIRE(kit.type("kit.rx.start", "2026-12-01"));
    REQUIRE(kit.type("kit.rx.review", "2027-01-12"));
    REQUIRE(kit.type("kit.rx.note", "Gentle on the left calf for the first week."));
    rx = decoded_link(kit);
    CHECK(rx.legs == PrescribedLegs::LeftOnly);
    CHECK(rx.preset == Preset::Quick);
    CHECK(rx.days_mask == 0b0110001);  // Mon, Fri, Sat
    CHECK(rx.start == CalendarDate{2026, 12, 1});
    REQUIRE(rx.review.has_value());
    CHECK(*rx.review == CalendarDate{2027, 1, 12});
    CHECK(rx.note == "Gentle on the left calf for the first week.");
    CHECK(rx.step_seconds.empty());

    // Times a week instead of set days.
    REQUIRE(kit.tap("kit.rx.schedule.1"));
    REQUIRE(kit.kit().set_slider_item(kit.index_of("kit.rx.times"), 4));
    kit.frames(3);
    rx = decoded_link(kit);
    CHECK(rx.days_mask == 0);
    CHECK(rx.times_per_week == 4);
    CHECK(kit.state()["prescription"]["qr_size"].get<int>() >= 21);
}

TEST_CASE("prescribe: each step's own time travels in the link and 0 leaves a step out", "[ui][kit][prescribe]") {
    KitDriver kit;
    open_prescribe(kit);
    CHECK(kit.item("kit.rx.step.0").is_null());  // only once asked for
    REQUIRE(kit.tap("kit.rx.own_times"));
    // Filled with the standard length's times, so the physio changes only what differs.
    const std::string first = kit.item("kit.rx.step.1")["text"].get<std::string>();
    CHECK_FALSE(first.empty());
    REQUIRE(kit.type("kit.rx.step.1", "90"));
    REQUIRE(kit.type("kit.rx.step.3", "0"));
    const Prescription rx = decoded_link(kit);
    REQUIRE(rx.step_seconds.size() >= 4);
    CHECK(rx.step_seconds[1] == 90);
    CHECK(rx.step_seconds[3] == 0);
    CHECK(kit.says("Seconds on each leg; 0 leaves the step out"));
}

TEST_CASE("prescribe: a problem shows beside its field in plain words and holds the link back", "[ui][kit][prescribe]") {
    KitDriver kit;
    open_prescribe(kit);
    REQUIRE(kit.type("kit.rx.start", "15/01/2027"));
    CHECK(error_of(kit, "kit.rx.start").find("year-month-day") != std::string::npos);
    CHECK(kit.state()["prescription"]["link"] == "");
    CHECK(kit.item("kit.rx.copy_link").is_null());
    CHECK(kit.says("Fix what is marked above"));

    REQUIRE(kit.type("kit.rx.start", "2027-01-15"));
    REQUIRE(kit.type("kit.rx.review", "2027-01-10"));
    CHECK(error_of(kit, "kit.rx.start").empty());
    CHECK(error_of(kit, "kit.rx.review").find("after the start") != std::string::npos);
    REQUIRE(kit.type("kit.rx.review", ""));
    CHECK(error_of(kit, "kit.rx.review").empty());
    CHECK(kit.state()["prescription"]["link"] != "");

    for (const char* day : {"kit.rx.day.0", "kit.rx.day.2", "kit.rx.day.4"}) REQUIRE(kit.tap(day));
    CHECK(kit.says("Choose at least one day"));
    CHECK(kit.state()["prescription"]["link"] == "");
    REQUIRE(kit.tap("kit.rx.day.1"));
    CHECK(kit.state()["prescription"]["link"] != "");

    REQUIRE(kit.type("kit.rx.note", std::string(201, 'a')));
    CHECK(error_of(kit, "kit.rx.note") == "At most 200 characters.");
    REQUIRE(kit.type("kit.rx.note", ""));

    REQUIRE(kit.tap("kit.rx.own_times"));
    REQUIRE(kit.type("kit.rx.step.1", "5"));
    CHECK(error_of(kit, "kit.rx.step.1").find("10 to 1800 seconds") != std::string::npos);
    REQUIRE(kit.type("kit.rx.step.1", "ten"));
    CHECK(error_of(kit, "kit.rx.step.1").find("whole number") != std::string::npos);
    CHECK(kit.state()["prescription"]["link"] == "");
}

TEST_CASE("prescribe: a clinic name or phone with a problem is left out of the programme", "[ui][kit][prescribe]") {
    KitDriver kit;
    REQUIRE(kit.type("kit.phone", "call us"));
    open_prescribe(kit);
    const Prescription rx = decoded_link(kit);
    CHECK(rx.phone.empty());
    CHECK(rx.clinic.empty());
    CHECK(kit.says("Add your clinic's name and phone"));
}

TEST_CASE("prescribe: the QR code as PNG and SVG and the calendar reminders are saved as files", "[ui][kit][prescribe]") {
    KitDriver kit;
    open_prescribe(kit);
    REQUIRE(kit.type("kit.rx.start", "2026-11-21"));  // a Saturday
    const int qr_size = kit.state()["prescription"]["qr_size"].get<int>();
    REQUIRE(qr_size >= 21);

    REQUIRE(kit.tap("kit.rx.save_png"));
    REQUIRE(kit.services().downloads.size() == 1);
    const auto& png = kit.services().downloads[0];
    CHECK(png.file_name == "calf-coach-qr-code.png");
    CHECK(png.mime_type == "image/png");
    REQUIRE(png.content.size() > 24);
    CHECK(png.content.substr(0, 8) == std::string("\x89PNG\r\n\x1a\n", 8));
    const auto side = static_cast<std::uint32_t>((qr_size + 8) * 8);  // 8 pixels a module, the quiet zone
    CHECK(static_cast<std::uint8_t>(png.content[18]) == (side >> 8));  // IHDR width, big-endian
    CHECK(static_cast<std::uint8_t>(png.content[19]) == (side & 0xFF));
    CHECK(kit.says("Saved as calf-coach-qr-code.png"));

    REQUIRE(kit.tap("kit.rx.save_svg"));
    REQUIRE(kit.services().downloads.size() == 2);
    CHECK(kit.services().downloads[1].mime_type == "image/svg+xml");
    CHECK(kit.services().downloads[1].content.find("viewBox=\"0 0 " + std::to_string(qr_size + 8)) != std::string::npos);

    REQUIRE(kit.tap("kit.rx.reminder_time.0"));  // 7:00
    REQUIRE(kit.tap("kit.rx.save_ics"));
    REQUIRE(kit.services().downloads.size() == 3);
    const auto& ics = kit.services().downloads[2];
    CHECK(ics.file_name == "calf-coach-reminders.ics");
    CHECK(ics.mime_type == "text/calendar");
    CHECK(ics.content.find("RRULE:FREQ=WEEKLY;WKST=MO;BYDAY=MO,WE,FR\r\n") != std::string::npos);
    CHECK(ics.content.find("DTSTART:20261123T070000") != std::string::npos);  // the first Monday, at 7:00
    CHECK(ics.content.find("DTSTAMP:20261121T083000Z") != std::string::npos);

    kit.services().download_succeeds = false;
    REQUIRE(kit.tap("kit.rx.save_ics"));
    CHECK(kit.says("This browser did not save the file"));
}

TEST_CASE("prescribe: the handout prints the programme with its link and the warning signs", "[ui][kit][prescribe]") {
    KitDriver kit;
    REQUIRE(kit.type("kit.name", "Riverside Physiotherapy"));
    open_prescribe(kit);
    REQUIRE(kit.type("kit.rx.note", "Stop if the left calf swells."));
    REQUIRE(kit.tap("kit.rx.print"));
    REQUIRE(kit.services().printed.size() == 1);
    const std::string& page = kit.services().printed[0];
    CHECK(page.starts_with("<!DOCTYPE html>"));
    CHECK(page.find("Riverside Physiotherapy") != std::string::npos);
    CHECK(page.find("Stop if the left calf swells.") != std::string::npos);
    CHECK(page.find("<svg") != std::string::npos);  // the QR code
    CHECK(kit.says("Choose a printer"));

    kit.services().print_outcome = ui::Services::PrintOutcome::Failed;
    REQUIRE(kit.tap("kit.rx.print"));
    CHECK(kit.says("could neither print nor save the handout"));
}

TEST_CASE("prescribe: the form is kept as it was left and a damaged one starts again with a note", "[ui][kit][prescribe]") {
    std::string stored;
    {
        KitDriver kit;
        open_prescribe(kit);
        REQUIRE(kit.tap("kit.rx.legs.2"));
        REQUIRE(kit.type("kit.rx.review", "2027-02-01"));
        const auto saved = kit.services().storage_values.get(kPrescribeDraftKey);
        REQUIRE(saved.has_value());
        stored = *saved;
    }
    {
        KitDriver kit(1280, 800, KitDriver::Stored{{kPrescribeDraftKey, stored}});
        open_prescribe(kit);
        CHECK(kit.item("kit.rx.review")["text"] == "2027-02-01");
        CHECK(decoded_link(kit).legs == PrescribedLegs::RightOnly);
    }
    {
        KitDriver kit(1280, 800, KitDriver::Stored{{kPrescribeDraftKey, "{\"legs\": \"sideways\"}"}});
        open_prescribe(kit);
        CHECK(kit.says("could not be read back"));
        CHECK(decoded_link(kit).legs == PrescribedLegs::Both);
    }
}

TEST_CASE("prescribe form: the JSON kept in storage reads back to the same form", "[kit][prescribe]") {
    PrescribeForm form;
    form.legs = PrescribedLegs::LeftOnly;
    form.preset = Preset::Thorough;
    form.own_times = true;
    form.step_seconds = {"30", "0", "abc"};
    form.set_days = false;
    form.times_per_week = 5;
    form.start = "2027-01-01";
    form.note = "Line one\nline two";
    form.reminder_time = 3;
    PrescribeForm read;
    REQUIRE(prescribe_form_from_json(prescribe_form_to_json(form), read));
    CHECK(read == form);
    PrescribeForm untouched;
    CHECK_FALSE(prescribe_form_from_json("[1, 2]", untouched));
    CHECK_FALSE(prescribe_form_from_json("{\"days\": [true]}", untouched));
    CHECK_FALSE(prescribe_form_from_json("not json", untouched));
    CHECK(untouched == PrescribeForm{});
}

TEST_CASE("prescribe: the preview opens the programme as the patient's link does and follows the form", "[ui][kit][prescribe]") {
    KitDriver kit;
    CHECK(kit.page.shown.src.find('#') == std::string::npos);
    open_prescribe(kit);
    const auto fragment_of = [](const std::string& address) {
        const std::size_t hash = address.find('#');
        return hash == std::string::npos ? std::string() : address.substr(hash);
    };
    // At once on opening the tab: the same programme as the link.
    const std::string link = kit.state()["prescription"]["link"].get<std::string>();
    CHECK(fragment_of(kit.page.shown.src) == fragment_of(link));
    CHECK(kit.page.shown.src.starts_with("index.html?host="));
    // A change reaches the preview once typing pauses.
    REQUIRE(kit.type("kit.rx.note", "Little and often."));
    const std::string changed = kit.state()["prescription"]["link"].get<std::string>();
    CHECK(fragment_of(changed) != fragment_of(link));
    kit.frame(kPreviewSettleMs);
    kit.frame();
    CHECK(fragment_of(kit.page.shown.src) == fragment_of(changed));
    // Back on another tab the preview is the app's first screen again.
    REQUIRE(kit.tap("kit.tab.0"));
    CHECK(fragment_of(kit.page.shown.src).empty());
}

TEST_CASE("prescribe: a link made before opens its programme in the form and a damaged one changes nothing", "[ui][kit][prescribe]") {
    KitDriver kit;
    open_prescribe(kit);
    REQUIRE(kit.tap("kit.rx.legs.2"));
    REQUIRE(kit.type("kit.rx.review", "2027-03-01"));
    REQUIRE(kit.type("kit.rx.note", "Every evening."));
    const std::string link = kit.state()["prescription"]["link"].get<std::string>();
    // Another programme in the form, then the first one's link pasted back.
    REQUIRE(kit.tap("kit.rx.legs.0"));
    REQUIRE(kit.type("kit.rx.note", "Something else."));
    REQUIRE(kit.type("kit.rx.open", "  " + link + "\n"));
    CHECK(kit.state()["prescription"]["link"] == link);
    CHECK(kit.item("kit.rx.note")["text"] == "Every evening.");
    CHECK(kit.says("The programme from the link is in the form below"));

    // A link cut short (as an e-mail may split it): said beside the field, the form as it was.
    REQUIRE(kit.type("kit.rx.note", "Kept as typed."));
    const std::string typed_link = kit.state()["prescription"]["link"].get<std::string>();
    REQUIRE(kit.type("kit.rx.open", link.substr(0, link.size() - 6)));
    CHECK(error_of(kit, "kit.rx.open").find("cannot be opened") != std::string::npos);
    CHECK(kit.item("kit.rx.note")["text"] == "Kept as typed.");
    CHECK(kit.state()["prescription"]["link"] == typed_link);
}

TEST_CASE("prescribe form: a prescription's form gives that prescription back", "[kit][prescribe]") {
    Prescription rx;
    rx.legs = PrescribedLegs::RightOnly;
    rx.preset = Preset::Quick;
    rx.times_per_week = 4;
    rx.start = {2027, 2, 3};
    rx.review = CalendarDate{2027, 4, 1};
    rx.note = "Two lines\nof note";
    rx.clinic = "Riverside Physiotherapy";
    const ContentLoad shipped = load_content([] {
        std::map<std::string, std::string, std::less<>> files;
        for (const DefaultContentFile& f : default_content_files()) files.emplace(f.name, f.text);
        return files;
    }());
    const Routine* routine = shipped.content.find_routine("standard");
    REQUIRE(routine != nullptr);
    rx.step_seconds.assign(routine->steps.size(), 30);
    rx.step_seconds[0] = 0;
    const PrescribeForm form = prescribe_form_of(rx, 1);
    CHECK(form.reminder_time == 1);
    const PrescribeResult back = prescription_from_form(form, shipped.content, rx.clinic, "", {2026, 1, 1});
    INFO((back.problems.empty() ? std::string() : back.problems.begin()->second));
    REQUIRE(back.prescription.has_value());
    CHECK(*back.prescription == rx);
    // What a physio may paste: the whole link, its fragment or the code alone.
    CHECK(prescription_code_in(" https://x.example/#rx=AbC_-1\n") == "AbC_-1");
    CHECK(prescription_code_in("#rx=AbC") == "AbC");
    CHECK(prescription_code_in("rx=AbC") == "AbC");
    CHECK(prescription_code_in("AbC") == "AbC");
    CHECK(prescription_code_in("https://x.example/#other=1").empty());
}
