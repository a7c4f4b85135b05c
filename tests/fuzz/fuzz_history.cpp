// libFuzzer: any bytes as a stored history value, through decode and a whole store load (two
// generations and the v0 key), then a save and a reload. Nothing may crash, hang or throw, and
// what a load keeps must survive a save and reload unchanged.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "core/history.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace calfcoach;
    const std::string text(reinterpret_cast<const char*>(data), size);
    (void)decode_generation(text);

    // The input as generation a, as v0, and split in two as both generations.
    MemoryKeyValueStore kv;
    kv.values["history.a"] = text.substr(0, size / 2);
    kv.values["history.b"] = text.substr(size / 2);
    kv.values["history"] = text;
    HistoryStore store(kv);
    (void)store.load();
    if (!store.read_only()) {
        SessionRecord r;
        r.id = "fuzz";
        r.started_at = "2026-11-21T08:30:00Z";
        r.routine_id = "calf_basic";
        if (store.add(r).ok) {
            HistoryStore again(kv);
            (void)again.load();
            if (!(again.data() == store.data())) std::abort();  // a save must read back as it was
        }
    }
    (void)export_csv(store.data());
    (void)export_json(store.data());
    return 0;
}
