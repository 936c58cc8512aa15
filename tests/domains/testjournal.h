#pragma once

// The tests' Journal: an entity with metadata (who wrote) and a command that emits several
// events at once, one Note per text.

#include <evented/entity.h>

#include <QStringList>

#include <variant>

namespace TestDomain {

struct Note
{
    Q_GADGET
    Q_PROPERTY(QString text MEMBER text)
public:
    QString text;
    friend bool operator==(const Note &, const Note &) = default;
};

struct Audit
{
    Q_GADGET
    Q_PROPERTY(QString user MEMBER user)
public:
    QString user;
};

struct Journal
{
    using Event = std::variant<Note>;
    using Metadata = Audit;
    static constexpr auto typeName = "journal";
    QStringList notes;
    void apply(const Event &event) { notes.append(std::get<Note>(event).text); }
};

struct Write
{
    QStringList texts;
    QString user;
    Evented::Decision<Journal> handle(const QUuid &, const Journal &) const
    {
        Evented::Decision<Journal> decision;
        for (const QString &text : texts)
            decision.add(Note{text}, Audit{user});
        return decision;
    }
};

} // namespace TestDomain
