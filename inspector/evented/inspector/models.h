#pragma once

#include <evented/domain.h>
#include <evented/eventlog.h>
#include <evented/eventstore.h>
#include <evented/inspector/evented_inspector_export.h>
#include <evented/projection.h>

#include <QtGlobal>

#include <QAbstractTableModel>
#include <QHash>
#include <QPointer>

#include <functional>

namespace Evented::Inspector {

class StoreReader;

/*! Entity types with their counts of entities and events; types of the domain without events too. */
class EVENTED_INSPECTOR_EXPORT EntityTypesModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Type, Entities, Events, ColumnCount };
    using QAbstractTableModel::QAbstractTableModel;

    /*! Shows the counts of \a stats, and the types of \a domain without events too. */
    void setStats(const StoreStats &stats, const Domain &domain);
    void clear();
    /*! The highest seq_no when the counts were read. */
    qint64 head() const { return m_head; }
    /*! Counts the events of this process or another that \a events adds. */
    void add(const QList<RecordedEvent> &events);
    QString typeName(int row) const;
    const TypeStats &stats(int row) const { return m_types.at(row); }
    int rowOf(const QString &typeName) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<TypeStats> m_types;
    qint64 m_head = 0;
};

/*!
    The entities of one type, loaded a page at a time as the view scrolls: sorted by id each
    page costs the same however far down it is. Pages are read by a StoreReader and their
    rows inserted when they arrive; a page of an earlier query that arrives late is dropped.
*/
class EVENTED_INSPECTOR_EXPORT EntitiesModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Id, Version, LastChange, ColumnCount };
    explicit EntitiesModel(QObject *parent = nullptr);

    /*! Shows the entities of \a typeName whose id begins with \a idPrefix, read by \a reader; the first page follows. */
    void setQuery(StoreReader *reader, const QString &typeName, const QString &idPrefix = {});
    QString typeName() const { return m_query.typeName; }
    void setPageSize(int entities) { m_query.limit = entities; }
    const EntitySummary &entity(int row) const { return m_rows.at(row); }
    int rowOf(const QUuid &id) const { return m_rowOf.value(id, -1); }
    /*! Sorted by id, whether \a id would be among the rows loaded so far (so no page holds it). */
    bool isPast(const QUuid &id) const;
    /*! Updates the rows of the entities \a events changes; adds those that belong to the loaded range. */
    void add(const QList<RecordedEvent> &events);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;
    /*! A page is on its way. */
    bool isFetching() const { return m_fetching == m_generation; }

Q_SIGNALS:
    void failed(const Evented::Error &error, QPrivateSignal);
    /*! A page of the current query arrived (or failed) and its rows are in. */
    void fetched(QPrivateSignal);

private:
    void reload();
    void pageArrived(quint64 generation, const Result<QList<EntitySummary>> &page);
    void reindex(int from, int to);
    bool sortsBefore(const EntitySummary &a, const EntitySummary &b) const;
    /*! The row \a entity belongs at among the rows other than \a except. */
    int placeOf(const EntitySummary &entity, int except) const;

    QPointer<StoreReader> m_reader;
    EntityQuery m_query;
    QList<EntitySummary> m_rows;
    QHash<QUuid, int> m_rowOf;
    bool m_complete = true;
    quint64 m_generation = 1; //!< counts the queries: a reply of another is stale
    quint64 m_fetching = 0;   //!< the query whose next page is on its way
    quint64 m_arrived = 0;    //!< the query whose first page has arrived
};

/*!
    Events that pass a filter. The history of one entity lists them oldest first, all at once;
    the log lists them newest first, a page at a time as the view scrolls. They are read by a
    StoreReader and shown when they arrive; a reply to an earlier filter is dropped.
*/
class EVENTED_INSPECTOR_EXPORT EventsModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { SeqNo, Type, EntityId, Version, EventName, RecordedAt, Metadata, ColumnCount };
    enum class Order { OldestFirst, NewestFirst };
    explicit EventsModel(Order order, QObject *parent = nullptr);

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
    bool isLoading() const { return m_loading == m_generation; }
    /*! The history load was stopped before its end. */
    bool isPartial() const { return m_partial; }
    void clear();
    const EventFilter &filter() const { return m_filter; }
    const RecordedEvent &event(int row) const { return m_rows.at(row); }
    const QList<RecordedEvent> &events() const { return m_rows; }
    void setPageSize(int events) { m_pageSize = events; }
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

    Order m_order;
    QPointer<StoreReader> m_reader;
    EventFilter m_filter;
    QList<RecordedEvent> m_rows;
    int m_pageSize = 500;
    bool m_complete = true;
    bool m_partial = false;
    quint64 m_generation = 1; //!< counts the filters: a reply to another is stale
    quint64 m_loading = 0;    //!< the filter whose rows are on their way
    quint64 m_arrived = 0;    //!< the filter whose first rows have arrived
};

/*! The stored state of every projection, as any process sees it. */
class EVENTED_INSPECTOR_EXPORT ProjectionsModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Name, Status, Position, Lag, WaitingOn, Owner, Error, Updated, ColumnCount };
    using QAbstractTableModel::QAbstractTableModel;

    /*! Shows \a states; the same projections in the same order keep their rows (and the selection). */
    void setStates(const QList<ProjectionState> &states);
    void clear();
    const ProjectionState &state(int row) const { return m_states.at(row); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<ProjectionState> m_states;
};


} // namespace Evented::Inspector
