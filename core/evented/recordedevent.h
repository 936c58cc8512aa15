#pragma once

#include <evented/evented_core_export.h>

#include <QDateTime>
#include <QJsonValue>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QUuid>

namespace Evented {

/*! An event as the store recorded it: one row of the \c event table. */
struct EVENTED_CORE_EXPORT RecordedEvent
{
    Q_GADGET
    Q_PROPERTY(qint64 seqNo MEMBER seqNo)
    Q_PROPERTY(QString typeName MEMBER typeName)
    Q_PROPERTY(QUuid entityId MEMBER entityId)
    Q_PROPERTY(qint64 version MEMBER version)
    Q_PROPERTY(QString eventName MEMBER eventName)
    Q_PROPERTY(QJsonValue event MEMBER event)
    Q_PROPERTY(int eventVersion MEMBER eventVersion)
    Q_PROPERTY(QJsonValue metadata MEMBER metadata)
    Q_PROPERTY(QDateTime recordedAt MEMBER recordedAt)
    Q_PROPERTY(QUuid correlationId MEMBER correlationId)
    Q_PROPERTY(QUuid causationId MEMBER causationId)
public:
    qint64 seqNo = 0;      //!< global position (\c seq_no)
    QString typeName;      //!< the entity type's name (\c type_name)
    QUuid entityId;        //!< \c entity_id
    qint64 version = 0;    //!< the entity's version after this event, from 1
    QString eventName;     //!< the tag of the externally tagged event ("Increased")
    QJsonValue event;      //!< the event, tag included: as stored, or upcast to its current shape
    int eventVersion = 1;  //!< the version of event's shape (\c event_version; 1 when stored without one)
    QJsonValue metadata;   //!< the metadata as stored (null for none)
    QDateTime recordedAt;  //!< commit-side time stamp, UTC
    QUuid correlationId;   //!< the conversation it belongs to (\c correlation_id; null when written by evented)
    QUuid causationId;     //!< the command that appended it (\c causation_id; null when written by evented)

    friend bool operator==(const RecordedEvent &, const RecordedEvent &) = default;
};

} // namespace Evented

Q_DECLARE_METATYPE(Evented::RecordedEvent)
