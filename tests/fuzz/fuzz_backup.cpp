// libFuzzer: any bytes as a backup file. Nothing may crash, hang or throw; a refusal has a code and
// one line; a backup that reads must write back to a text that reads to the same backup, and merging
// it with itself (a restore of the same file twice) and with an empty device must change nothing.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "core/backup.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace calfcoach;
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    const BackupReadResult read = read_backup(input);
    if (read.ok() != (read.error == BackupError::None)) std::abort();
    if (!read.ok()) {
        if (read.message.empty() || read.message.find('\n') != std::string::npos) std::abort();
        return 0;
    }
    const Backup& backup = *read.backup;
    const BackupReadResult again = read_backup(write_backup(backup, read.created_at));
    if (!again.ok() || !(*again.backup == backup) || again.created_at != read.created_at) std::abort();
    if (!(merge_histories(backup.history, backup.history) == backup.history)) std::abort();
    if (!(merge_backup_into(backup, backup).state == backup)) std::abort();
    if (!(merge_backup_into(Backup{}, backup).state.history == merge_histories(HistoryData{}, backup.history))) std::abort();
    (void)restore_summary_text(merge_backup_into(Backup{}, backup).summary);
    (void)export_csv(backup.history);
    return 0;
}
