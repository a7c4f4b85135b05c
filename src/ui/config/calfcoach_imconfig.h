// calfcoach_imconfig.h — our Dear ImGui configuration, selected with IMGUI_USER_CONFIG so the
// library's own imconfig.h is never edited.
#pragma once

// No .ini files, no file dialogs: the app has no filesystem (-sFILESYSTEM=0) and keeps its own state.
#define IMGUI_DISABLE_FILE_FUNCTIONS
// The demo and debug tools are not shipped.
#define IMGUI_DISABLE_DEMO_WINDOWS
#define IMGUI_DISABLE_DEBUG_TOOLS
// Strict API: no deprecated names in our code.
#define IMGUI_DISABLE_OBSOLETE_FUNCTIONS
#define IMGUI_DISABLE_OBSOLETE_KEYIO
