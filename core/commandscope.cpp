#include "storetext_p.h"

#include <evented/commandscope.h>
#include <evented/eventstore.h>

namespace Evented {

CommandScope::Entry::~Entry() = default;

CommandScope::CommandScope(EventStore *store, const QString &ownType, const QUuid &ownId)
    : m_store(store)
    , m_ownType(ownType)
    , m_ownId(ownId)
{
}

CommandScope::~CommandScope() = default;

void CommandScope::appendTo(Detail::Decided &decided) const
{
    for (const auto &[key, entry] : m_entries)
        entry->appendTo(decided);
}

Error CommandScope::ownEntity() const
{
    return Error::invalidArgument(Detail::StoreText::tr("a command's own entity (%1 %2) is not one of its other entities")
                                      .arg(m_ownType, m_ownId.toString(QUuid::WithoutBraces)));
}

} // namespace Evented
