// draw_signature.cpp — a frame's drawing as bytes, compared with the last frame's.
#include "ui/draw_signature.hpp"

#include <cstring>

namespace calfcoach::ui {
namespace {

void append_bytes(std::vector<unsigned char>& out, const void* data, std::size_t size) {
    if (size == 0) return;
    const std::size_t at = out.size();
    out.resize(at + size);
    std::memcpy(out.data() + at, data, size);
}

template <typename T>
void append(std::vector<unsigned char>& out, const T& value) {
    append_bytes(out, &value, sizeof value);
}

}  // namespace

bool DrawSignature::changed(const ImDrawData& draw_data, int framebuffer_width, int framebuffer_height, ImVec4 clear_colour) {
    next_.clear();
    append(next_, framebuffer_width);
    append(next_, framebuffer_height);
    for (const float v : {clear_colour.x, clear_colour.y, clear_colour.z, clear_colour.w, draw_data.DisplayPos.x,
                          draw_data.DisplayPos.y, draw_data.FramebufferScale.x, draw_data.FramebufferScale.y})
        append(next_, v);
    append(next_, draw_data.CmdListsCount);
    for (int i = 0; i < draw_data.CmdListsCount; ++i) {
        const ImDrawList& list = *draw_data.CmdLists[i];
        append(next_, list.VtxBuffer.Size);
        append(next_, list.IdxBuffer.Size);
        append(next_, list.CmdBuffer.Size);
        // Padding bytes mean nothing: ImDrawVert has none (copied whole), ImDrawCmd goes field by field.
        if constexpr (sizeof(ImDrawVert) == sizeof(ImVec2) * 2 + sizeof(ImU32)) {
            append_bytes(next_, list.VtxBuffer.Data, static_cast<std::size_t>(list.VtxBuffer.Size) * sizeof(ImDrawVert));
        } else {
            for (const ImDrawVert& v : list.VtxBuffer) {
                append(next_, v.pos);
                append(next_, v.uv);
                append(next_, v.col);
            }
        }
        append_bytes(next_, list.IdxBuffer.Data, static_cast<std::size_t>(list.IdxBuffer.Size) * sizeof(ImDrawIdx));
        for (const ImDrawCmd& command : list.CmdBuffer) {
            append(next_, command.ClipRect);
            append(next_, command.TextureId);
            append(next_, command.VtxOffset);
            append(next_, command.IdxOffset);
            append(next_, command.ElemCount);
            append(next_, command.UserCallback);
            append(next_, command.UserCallbackData);
        }
    }
    const bool same = known_ && next_.size() == last_.size() && std::memcmp(next_.data(), last_.data(), next_.size()) == 0;
    last_.swap(next_);
    known_ = true;
    return !same;
}

void DrawSignature::forget() { known_ = false; }

}  // namespace calfcoach::ui
