#pragma once

#include <evented/eventlog.h>
#include <evented/inspector/evented_inspector_export.h>

#include <QAbstractTableModel>

#include <functional>
#include <memory>

namespace Evented::Inspector {

class EventsModelPrivate;
class StoreReader;

/*!
    Events that pass a filter. The history of one entity lists them oldest first, all at once;
    the log lists them newest first, a page at a time as the view scrolls. They are read by a
    StoreReader and shown when they arrive; a reply to an earlier filter is dropped.
*/
class EVENTED_INSPECTOR_EXPORT EventsModel : public QAbstractTableModel
{
    Q_OBJECT
    Q_DECLARE_PRIVATE(EventsModel)
public:
    enum Column { SeqNo, Type, EntityId, Version, EventName, RecordedAt, Metadata, ColumnCount };
    enum class Order { OldestFirst, NewestFirst };
    explicit EventsModel(Order order, QObject *parent = nullptr);
    ~EventsModel() override;

    /*!
        Called in the reader's thread while a history loads, with the events so far; returning
        false stops the load.
    */
    using Progress = std::function<bool(qint64 loaded)>;

    /*!
        Shows the events that pass \a filter, read by \a reader. A history loads whole, calling
        \a progress after every thousand events; when it stops the load, isPartial() tells.
    */
    void setFilter(StoreReader *reader, const EventFilter &filter, const Progress &progress = {});
    /*! The history, or the log's next page, is on its way. */
    bool isLoading() const;
    /*! The history load was stopped before its end. */
    bool isPartial() const;
    void clear();
    const EventFilter &filter() const;
    const RecordedEvent &event(int row) const;
    const QList<RecordedEvent> &events() const;
    void setPageSize(int events);
    /*! Adds the events of \a events that pass the filter, where the order puts them. */
    void add(const QList<RecordedEvent> &events);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

Q_SIGNALS:
    void failed(const Evented::Error &error, QPrivateSignal);
    /*! The history, or a page of the log, arrived (or failed) and its rows are in. */
    void loaded(QPrivateSignal);

private:
    struct Reply;
    void arrived(quint64 generation, const Reply &reply);

    std::unique_ptr<EventsModelPrivate> d_ptr;
};

} // namespace Evented::Inspector
