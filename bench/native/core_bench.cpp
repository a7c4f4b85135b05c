// core_bench — native timings of the core for scripts/bench: every triage combination of the 18 fixed
// questions against the shipped content, and 10,000 simulated sessions with random tick gaps.
// Prints one JSON object. A benchmark, not a test: nothing in scripts/test runs it.
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <map>
#include <random>
#include <string>

#include "core/content.hpp"
#include "core/default_content.hpp"
#include "core/session.hpp"
#include "core/triage.hpp"

namespace {

using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point start) {
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

}  // namespace

int main() {
    std::map<std::string, std::string, std::less<>> files;
    for (const calfcoach::DefaultContentFile& file : calfcoach::default_content_files()) files.emplace(file.name, file.text);
    const calfcoach::ContentLoad loaded = calfcoach::load_content(files);
    if (!loaded.ok() || loaded.content.routines.empty()) {
        std::fprintf(stderr, "core_bench: the shipped content is invalid\n");
        return 1;
    }

    // 1. Every yes/no combination of the fixed questions, with the advice built (evaluate_triage).
    const auto triage_start = Clock::now();
    std::uint64_t checksum = 0;
    const std::size_t count = calfcoach::kFixedQuestions.size();
    for (std::uint32_t mask = 0; mask < (1u << count); ++mask) {
        calfcoach::TriageAnswers answers;
        for (std::size_t i = 0; i < count; ++i)
            answers[std::string(calfcoach::kFixedQuestions[i].id)] = (mask >> i) & 1u ? calfcoach::Answer::Yes : calfcoach::Answer::No;
        checksum += static_cast<std::uint64_t>(calfcoach::evaluate_triage(loaded.content.triage, answers).level);
    }
    const double triage_ms = ms_since(triage_start);

    // 2. 10,000 sessions driven to the end with random gaps and commands.
    const calfcoach::Routine& routine = loaded.content.routines.front();
    std::mt19937_64 random(20261121);
    const std::int64_t gaps[] = {16, 1'000, 60'000, 300'000};
    const auto sessions_start = Clock::now();
    std::uint64_t cues = 0;
    for (int n = 0; n < 10'000; ++n) {
        calfcoach::SessionOptions options;
        options.preset = static_cast<calfcoach::Preset>(random() % 3);
        options.first_leg = random() % 2 ? calfcoach::Side::Left : calfcoach::Side::Right;
        calfcoach::Session session(routine, options);
        std::int64_t now = 0;
        session.start(now);
        while (!session.finished()) {
            now += gaps[random() % 4];
            switch (random() % 10) {
                case 0: session.pause(now); break;
                case 1: session.resume(now); break;
                case 2: session.next(now); break;
                default: break;
            }
            if (session.paused() && random() % 2) session.resume(now);
            const calfcoach::UpdateResult update = session.update(now);
            cues += update.due.size() + update.missed.size();
            cues += session.cues(now, 75'000).size();
        }
    }
    const double sessions_ms = ms_since(sessions_start);
    std::printf("{\"triage_all_ms\": %.1f, \"triage_combinations\": %u, \"simulate_10000_sessions_ms\": %.1f, "
                "\"checksum\": %llu}\n",
                triage_ms, 1u << count, sessions_ms, static_cast<unsigned long long>(checksum + cues));
    return 0;
}
