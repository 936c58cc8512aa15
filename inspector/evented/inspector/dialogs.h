#pragma once

// The inspector's dialogs, each in a header of its own.

#include <evented/inspector/connectdialog.h>
#include <evented/inspector/pluginsdialog.h>
