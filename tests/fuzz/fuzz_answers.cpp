// libFuzzer target: the answers parser and the triage engine with the shipped content.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/content.hpp"
#include "core/default_content.hpp"

using namespace calfcoach;

namespace {
const TriageContent& shipped_triage() {
    static const ContentLoad load = [] {
        std::map<std::string, std::string, std::less<>> files;
        for (const DefaultContentFile& f : default_content_files()) files[std::string(f.name)] = std::string(f.text);
        return load_content(files);
    }();
    if (!load.ok()) __builtin_trap();
    return load.content.triage;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    const TriageContent& triage = shipped_triage();
    const AnswersParse parsed = parse_answers_json(input, triage);
    if (!parsed.ok()) {
        if (!parsed.answers.empty() || parsed.error.find('\n') != std::string::npos) __builtin_trap();
        return 0;
    }
    const TriageResult result = evaluate_triage(triage, parsed.answers);

    // Unsure is the same as yes.
    TriageAnswers as_yes = parsed.answers;
    for (auto& entry : as_yes)
        if (entry.second == Answer::Unsure) entry.second = Answer::Yes;
    if (evaluate_triage(triage, as_yes).level != result.level) __builtin_trap();

    // An early emergency decision is never contradicted by the full evaluation.
    if (answers_decide_emergency(triage, parsed.answers) && result.level != SafetyLevel::Emergency) __builtin_trap();

    // The output is valid JSON with the same level.
    const nlohmann::json out = nlohmann::json::parse(triage_result_to_json(result), nullptr, false);
    if (out.is_discarded() || out.value("level", "") != to_string(result.level)) __builtin_trap();
    return 0;
}
