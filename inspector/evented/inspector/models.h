#pragma once

// The inspector's models, each in a header of its own.

#include <evented/inspector/entitiesmodel.h>
#include <evented/inspector/entitytypesmodel.h>
#include <evented/inspector/eventsmodel.h>
#include <evented/inspector/parkedmodel.h>
#include <evented/inspector/projectionsmodel.h>
