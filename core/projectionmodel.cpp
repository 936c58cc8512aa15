// The live model over a view: reads on the store's worker, differences applied a slice at a time.

#include <evented/projectionmodel.h>

#include "modelpoll_p.h"
#include "rowdiff_p.h"
#include "viewreader_p.h"

#include <evented/projection.h>

#include <QFuture>
#include <QHash>
#include <QPointer>
#include <QTimer>

#include <algorithm>
#include <limits>
#include <utility>

namespace Evented {

namespace {

/*! Rows a slice of the differences applies before the event loop turns again. */
constexpr int rowsPerSlice = 2000;
/*! How long a settled command waits for the projection before its expected values go. */
constexpr int settleTimeoutMs = 30'000;
constexpr quint64 notSettled = std::numeric_limits<quint64>::max();

/*! Where projection \a name (or its partitions) stands: a text that changes whenever it moves. */
struct Position
{
    QString signature;
    qint64 seqNo = 0;
    Error error;
};

Position positionOf(EventStore *store, const QString &name)
{
    Position position;
    const Result<QList<ProjectionState>> states = ProjectionState::read(store);
    if (!states) {
        position.error = states.error();
        return position;
    }
    bool first = true;
    for (const ProjectionState &state : states.value()) {
        if (state.name != name && !state.name.startsWith(name + u'#'))
            continue;
        position.signature += state.name + u'@' + state.transactionId + u':' + QString::number(state.seqNo) + u';';
        position.seqNo = first ? state.seqNo : std::min(position.seqNo, state.seqNo);
        first = false;
    }
    return position;
}

/*! A read of the model's and what it gave. */
struct Read
{
    enum class Kind { First, More, Again };
    Kind kind = Kind::First;
    quint64 id = 0;
    quint64 generation = 0;
    bool unchanged = false; //!< Again: the projection had not moved, nothing was read
    Position position;
    Detail::ViewReading view;
    bool diffed = false;          //!< Again, with the shape the model has: runs holds the differences
    QList<Detail::RowRun> runs;   //!< computed on the worker, applied in the model's thread
};

} // namespace

class ProjectionModelPrivate
{
public:
    struct Pending
    {
        int token = 0;
        QString key;
        QVariantMap values;
        quint64 settleAfter = notSettled; //!< dropped once a read started after this one is applied
    };

    ProjectionModel *q_ptr;
    QPointer<EventStore> store;
    QString table;
    QStringList keyColumns;
    QStringList declaredColumns;
    QString projection;
    int pageSize = 256;
    QTimer poll;

    QStringList columns;
    QList<int> keyIndexes;
    QList<QVariantList> rows;
    QList<QString> keys; //!< rowKey() of each row
    QList<QString> extraKeys; //!< pending rows whose key the view has not
    bool complete = false;
    bool ready = false;
    Error lastError;
    QString signature; //!< the projection's position as of the rows shown

    quint64 generation = 0; //!< a new table or store starts a new one; older reads are dropped
    quint64 readsStarted = 0;
    bool reading = false;
    bool wantMore = false;
    bool wantAgain = false;
    QList<Detail::RowRun> runs; //!< of the read being applied
    qsizetype runIndex = 0;
    int runDone = 0;
    Read applying;

    QList<Pending> pending;
    int nextToken = 1;
    mutable QHash<QString, int> rowOfKey;
    mutable bool rowOfKeyStale = true;

    Q_DECLARE_PUBLIC(ProjectionModel)

    explicit ProjectionModelPrivate(ProjectionModel *q)
        : q_ptr(q)
    {
        poll.setInterval(250);
        QObject::connect(&poll, &QTimer::timeout, q, [this] { startRead(Read::Kind::Again, false); });
    }

    QStringList keyNames() const
    {
        if (!keyColumns.isEmpty() || columns.isEmpty())
            return keyColumns;
        QStringList names;
        for (int index : keyIndexes)
            names.append(columns.at(index));
        return names;
    }

    /*! The rowKey() of the row whose key columns \a values names; null when one is missing. */
    QString keyOf(const QVariantMap &values) const
    {
        const QStringList names = keyNames();
        if (names.isEmpty())
            return {};
        QVariantList key;
        QList<int> positions;
        for (const QString &name : names) {
            const auto found = values.constFind(name);
            if (found == values.cend())
                return {};
            positions.append(int(key.size()));
            key.append(found.value());
        }
        return Detail::rowKey(key, positions);
    }

    int rowOf(const QString &key) const
    {
        if (rowOfKeyStale) {
            rowOfKey.clear();
            rowOfKey.reserve(keys.size());
            for (qsizetype i = 0; i < keys.size(); ++i)
                rowOfKey.insert(keys.at(i), int(i));
            rowOfKeyStale = false;
        }
        return rowOfKey.value(key, -1);
    }

    /*! The value of \a column for \a key as a pending command expects it, if one does. */
    const QVariant *expected(const QString &key, const QString &column) const
    {
        for (auto it = pending.crbegin(); it != pending.crend(); ++it) {
            if (it->key == key) {
                const auto value = it->values.constFind(column);
                if (value != it->values.cend())
                    return &value.value();
            }
        }
        return nullptr;
    }
    bool isPending(const QString &key) const
    {
        return std::any_of(pending.cbegin(), pending.cend(), [&key](const Pending &p) { return p.key == key; });
    }

    /*! Shows the change of \a key's expected values: its row, or its pending row. */
    void pendingChanged(const QString &key)
    {
        Q_Q(ProjectionModel);
        if (const int row = rowOf(key); row >= 0)
            Q_EMIT q->dataChanged(q->index(row, 0), q->index(row, int(columns.size()) - 1));
        syncExtraRows();
        Q_EMIT q->pendingCountChanged();
    }

    /*! The pending rows after the view's: one for each expected key the view has not. */
    void syncExtraRows()
    {
        Q_Q(ProjectionModel);
        QList<QString> wanted;
        for (const Pending &p : std::as_const(pending)) {
            if (rowOf(p.key) < 0 && !wanted.contains(p.key))
                wanted.append(p.key);
        }
        if (wanted == extraKeys)
            return;
        for (qsizetype i = extraKeys.size() - 1; i >= 0; --i) {
            if (!wanted.contains(extraKeys.at(i))) {
                const int row = int(rows.size() + i);
                q->beginRemoveRows({}, row, row);
                extraKeys.removeAt(i);
                q->endRemoveRows();
            }
        }
        for (const QString &key : std::as_const(wanted)) {
            if (extraKeys.contains(key))
                continue;
            const int row = int(rows.size() + extraKeys.size());
            q->beginInsertRows({}, row, row);
            extraKeys.append(key);
            q->endInsertRows();
        }
        Q_EMIT q->countChanged();
    }

    /*! Starts a read unless one is under way, which then starts it once it is applied. */
    void startRead(Read::Kind kind, bool force)
    {
        if (!store || table.isEmpty())
            return;
        if (kind == Read::Kind::More)
            wantMore = true;
        if (kind == Read::Kind::Again && force)
            wantAgain = true;
        if (reading)
            return;
        if (!ready)
            kind = Read::Kind::First;
        else if (wantMore)
            kind = Read::Kind::More;
        else
            kind = Read::Kind::Again;
        force = force || wantAgain || projection.isEmpty();
        wantMore = false;
        wantAgain = false;
        reading = true;

        Read read;
        read.kind = kind;
        read.id = ++readsStarted;
        read.generation = generation;
        Detail::ViewQuery query;
        query.table = table;
        query.keyColumns = keyNames();
        query.columns = declaredColumns;
        query.limit = pageSize;
        if (kind == Read::Kind::More) {
            query.boundary = lastKey();
        } else if (kind == Read::Kind::Again) {
            query.range = Detail::ViewQuery::Range::UpTo;
            if (!complete)
                query.boundary = lastKey();
        }
        EventStore *s = store;
        const QString name = projection;
        const QString known = signature;
        // The rows shown, to tell the differences from on the worker: they change only when a
        // read is applied, and this is the only read under way.
        const QList<QVariantList> shown = kind == Read::Kind::Again ? rows : QList<QVariantList>();
        const QStringList shape = columns;
        const QList<int> keyShape = keyIndexes;
        s->runAsync<Read>([s, read, query, name, known, force, shown, shape, keyShape]() mutable {
             if (!name.isEmpty() && read.kind != Read::Kind::More) {
                 read.position = positionOf(s, name);
                 if (read.position.error.isError()) {
                     read.view.error = read.position.error;
                     return read;
                 }
                 if (!force && read.kind == Read::Kind::Again && read.position.signature == known) {
                     read.unchanged = true;
                     return read;
                 }
             }
             read.view = Detail::readView(s, query);
             if (read.kind == Read::Kind::Again && !read.view.error.isError() && read.view.columns == shape
                 && read.view.keyIndexes == keyShape) {
                 read.runs = Detail::diffRows(shown, read.view.rows, keyShape);
                 read.diffed = true;
             }
             return read;
         }).then(q_ptr, [this](const Read &read) { received(read); });
    }

    QVariantList lastKey() const
    {
        QVariantList key;
        if (rows.isEmpty())
            return key;
        for (int index : keyIndexes)
            key.append(rows.last().at(index));
        return key;
    }

    void received(const Read &read)
    {
        Q_Q(ProjectionModel);
        if (read.generation != generation)
            return; // of a table or store the model no longer shows
        if (read.view.error.isError()) {
            lastError = read.view.error;
            reading = false;
            Q_EMIT q->errorOccurred(lastError);
            return; // the next poll tries again
        }
        lastError = {};
        if (read.unchanged) {
            finishRead(read);
            return;
        }
        const bool shapeChanged = read.kind == Read::Kind::Again && !read.diffed;
        if (read.kind == Read::Kind::First || shapeChanged) {
            // The first read, or a table that has other columns now: there is nothing to keep.
            const bool newColumns = read.view.columns != columns;
            q->beginResetModel();
            columns = read.view.columns;
            keyIndexes = read.view.keyIndexes;
            setRows(read.view.rows);
            extraKeys.clear();
            complete = read.kind == Read::Kind::Again ? complete : rows.size() < pageSize;
            const bool wasReady = std::exchange(ready, true); // a view may fetch more from the reset's slots
            q->endResetModel();
            if (newColumns)
                Q_EMIT q->columnsChanged();
            if (!wasReady)
                Q_EMIT q->readyChanged();
            finishRead(read);
            return;
        }
        if (read.kind == Read::Kind::More) {
            const int first = int(rows.size());
            if (!read.view.rows.isEmpty()) {
                q->beginInsertRows({}, first, first + int(read.view.rows.size()) - 1);
                for (const QVariantList &row : read.view.rows) {
                    rows.append(row);
                    keys.append(Detail::rowKey(row, keyIndexes));
                }
                rowOfKeyStale = true;
                q->endInsertRows();
            }
            complete = read.view.rows.size() < pageSize;
            finishRead(read);
            return;
        }
        runs = read.runs;
        runIndex = 0;
        runDone = 0;
        applying = read;
        applySlice();
    }

    void setRows(const QList<QVariantList> &fresh)
    {
        rows = fresh;
        keys.clear();
        keys.reserve(rows.size());
        for (const QVariantList &row : std::as_const(rows))
            keys.append(Detail::rowKey(row, keyIndexes));
        rowOfKeyStale = true;
    }

    /*! Applies up to rowsPerSlice rows of the runs, and the rest after the event loop turned. */
    void applySlice()
    {
        Q_Q(ProjectionModel);
        int budget = rowsPerSlice;
        const int lastColumn = int(columns.size()) - 1;
        while (runIndex < runs.size() && budget > 0) {
            const Detail::RowRun &run = runs.at(runIndex);
            const int n = std::min(run.count - runDone, budget);
            switch (run.kind) {
            case Detail::RowRun::Kind::Insert: {
                const int at = run.row + runDone;
                q->beginInsertRows({}, at, at + n - 1);
                for (int i = 0; i < n; ++i) {
                    const QVariantList &row = run.rows.at(runDone + i);
                    rows.insert(at + i, row);
                    keys.insert(at + i, Detail::rowKey(row, keyIndexes));
                }
                rowOfKeyStale = true;
                q->endInsertRows();
                break;
            }
            case Detail::RowRun::Kind::Remove:
                q->beginRemoveRows({}, run.row, run.row + n - 1);
                rows.remove(run.row, n);
                keys.remove(run.row, n);
                rowOfKeyStale = true;
                q->endRemoveRows();
                break;
            case Detail::RowRun::Kind::Change: {
                const int at = run.row + runDone;
                for (int i = 0; i < n; ++i)
                    rows[at + i] = run.rows.at(runDone + i);
                Q_EMIT q->dataChanged(q->index(at, 0), q->index(at + n - 1, lastColumn));
                break;
            }
            }
            budget -= n;
            runDone += n;
            if (runDone == run.count) {
                ++runIndex;
                runDone = 0;
            }
        }
        if (runIndex < runs.size()) {
            QTimer::singleShot(0, q, [this, generation = generation] {
                if (generation == this->generation)
                    applySlice();
            });
            return;
        }
        runs.clear();
        finishRead(applying);
    }

    void finishRead(const Read &read)
    {
        Q_Q(ProjectionModel);
        if (read.kind != Read::Kind::More && !read.position.signature.isNull())
            signature = read.position.signature;
        // Expected values of commands whose events the rows now show go.
        QList<QString> settled;
        pending.removeIf([&](const Pending &p) {
            const bool done = p.settleAfter < read.id;
            if (done)
                settled.append(p.key);
            return done;
        });
        for (const QString &key : std::as_const(settled))
            pendingChanged(key);
        syncExtraRows();
        Q_EMIT q->countChanged();
        reading = false;
        if (!read.unchanged && read.kind != Read::Kind::More)
            Q_EMIT q->refreshed(read.position.seqNo);
        if (wantMore || wantAgain)
            startRead(Read::Kind::Again, false);
    }

    /*! Starts over: for a new store, table or key. */
    void restart()
    {
        Q_Q(ProjectionModel);
        ++generation;
        reading = false;
        runs.clear();
        q->beginResetModel();
        columns = declaredColumns;
        keyIndexes.clear();
        rows.clear();
        keys.clear();
        extraKeys.clear();
        pending.clear();
        rowOfKeyStale = true;
        complete = false;
        signature.clear();
        const bool wasReady = ready;
        ready = false;
        q->endResetModel();
        if (wasReady)
            Q_EMIT q->readyChanged();
        Q_EMIT q->countChanged();
        Q_EMIT q->pendingCountChanged();
        if (store && !table.isEmpty()) {
            if (poll.interval() > 0)
                poll.start();
            startRead(Read::Kind::First, true);
        } else {
            poll.stop();
        }
    }
};

ProjectionModel::ProjectionModel(QObject *parent)
    : QAbstractTableModel(parent)
    , d_ptr(std::make_unique<ProjectionModelPrivate>(this))
{
}

ProjectionModel::ProjectionModel(EventStore *store, QObject *parent)
    : ProjectionModel(parent)
{
    d_ptr->store = store;
}

ProjectionModel::~ProjectionModel() = default;

EventStore *ProjectionModel::store() const
{
    return d_ptr->store;
}

void ProjectionModel::setStore(EventStore *store)
{
    Q_D(ProjectionModel);
    if (d->store == store)
        return;
    d->store = store;
    d->restart();
    Q_EMIT storeChanged();
}

QString ProjectionModel::table() const
{
    return d_ptr->table;
}

void ProjectionModel::setTable(const QString &table)
{
    Q_D(ProjectionModel);
    if (d->table == table)
        return;
    d->table = table;
    d->restart();
    Q_EMIT tableChanged();
}

QStringList ProjectionModel::keyColumns() const
{
    return d_ptr->keyColumns;
}

void ProjectionModel::setKeyColumns(const QStringList &columns)
{
    Q_D(ProjectionModel);
    if (d->keyColumns == columns)
        return;
    d->keyColumns = columns;
    d->restart();
    Q_EMIT keyColumnsChanged();
}

QString ProjectionModel::projection() const
{
    return d_ptr->projection;
}

void ProjectionModel::setProjection(const QString &name)
{
    Q_D(ProjectionModel);
    if (d->projection == name)
        return;
    d->projection = name;
    d->signature.clear();
    Q_EMIT projectionChanged();
}

int ProjectionModel::refreshInterval() const
{
    return d_ptr->poll.interval();
}

void ProjectionModel::setRefreshInterval(int milliseconds)
{
    Q_D(ProjectionModel);
    if (Detail::setPollInterval(d->poll, milliseconds, d->store && !d->table.isEmpty()))
        Q_EMIT refreshIntervalChanged();
}

int ProjectionModel::pageSize() const
{
    return d_ptr->pageSize;
}

void ProjectionModel::setPageSize(int rows)
{
    Q_D(ProjectionModel);
    rows = std::max(rows, 1);
    if (d->pageSize == rows)
        return;
    d->pageSize = rows;
    Q_EMIT pageSizeChanged();
}

QStringList ProjectionModel::columns() const
{
    return d_ptr->columns;
}

void ProjectionModel::setColumns(const QStringList &columns)
{
    Q_D(ProjectionModel);
    if (d->declaredColumns == columns)
        return;
    d->declaredColumns = columns;
    d->restart();
    Q_EMIT columnsChanged();
}

int ProjectionModel::count() const
{
    return rowCount();
}

bool ProjectionModel::isReady() const
{
    return d_ptr->ready;
}

Error ProjectionModel::lastError() const
{
    return d_ptr->lastError;
}

QVariantMap ProjectionModel::get(int row) const
{
    Q_D(const ProjectionModel);
    QVariantMap values;
    if (row < 0 || row >= rowCount())
        return values;
    for (qsizetype column = 0; column < d->columns.size(); ++column)
        values.insert(d->columns.at(column), data(index(row, int(column)), Qt::EditRole));
    values.insert(QStringLiteral("pending"), data(index(row, 0), PendingRole));
    return values;
}

int ProjectionModel::indexOf(const QVariantMap &key) const
{
    Q_D(const ProjectionModel);
    const QString text = d->keyOf(key);
    if (text.isNull())
        return -1;
    if (const int row = d->rowOf(text); row >= 0)
        return row;
    const qsizetype extra = d->extraKeys.indexOf(text);
    return extra < 0 ? -1 : int(d->rows.size() + extra);
}

int ProjectionModel::expect(const QVariantMap &values)
{
    Q_D(ProjectionModel);
    const QString key = d->keyOf(values);
    if (key.isNull())
        return 0;
    ProjectionModelPrivate::Pending pending;
    pending.token = d->nextToken++;
    pending.key = key;
    pending.values = values;
    d->pending.append(pending);
    d->pendingChanged(pending.key);
    return pending.token;
}

void ProjectionModel::settle(int token, const QList<RecordedEvent> &events)
{
    Q_D(ProjectionModel);
    const auto settleNow = [d, token] {
        for (auto &p : d->pending) {
            if (p.token == token)
                p.settleAfter = d->readsStarted; // the next read to start shows the events
        }
        d->startRead(Read::Kind::Again, true);
    };
    if (d->projection.isEmpty() || events.isEmpty() || !d->store) {
        settleNow();
        return;
    }
    Projection::waitForAsync(d->store, d->projection, events, settleTimeoutMs)
        .then(this, [this, d, token, settleNow](const Error &error) {
            if (error.isError()) {
                drop(token);
                d->lastError = error;
                Q_EMIT errorOccurred(error);
                return;
            }
            settleNow();
        });
}

void ProjectionModel::drop(int token)
{
    Q_D(ProjectionModel);
    const auto found = std::find_if(d->pending.begin(), d->pending.end(),
                                    [token](const ProjectionModelPrivate::Pending &p) { return p.token == token; });
    if (found == d->pending.end())
        return;
    const QString key = found->key;
    d->pending.erase(found);
    d->pendingChanged(key);
}

int ProjectionModel::pendingCount() const
{
    return int(d_ptr->pending.size());
}

void ProjectionModel::refresh()
{
    d_ptr->startRead(Read::Kind::Again, true);
}

int ProjectionModel::rowCount(const QModelIndex &parent) const
{
    Q_D(const ProjectionModel);
    return parent.isValid() ? 0 : int(d->rows.size() + d->extraKeys.size());
}

int ProjectionModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(d_ptr->columns.size());
}

QVariant ProjectionModel::data(const QModelIndex &index, int role) const
{
    Q_D(const ProjectionModel);
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const int row = index.row();
    const bool inView = row < d->rows.size();
    const QString &key = inView ? d->keys.at(row) : d->extraKeys.at(row - d->rows.size());
    if (role == PendingRole)
        return !d->pending.isEmpty() && d->isPending(key);
    int column = index.column();
    if (role >= FirstColumnRole)
        column = role - FirstColumnRole;
    else if (role != Qt::DisplayRole && role != Qt::EditRole)
        return {};
    if (column >= d->columns.size())
        return {};
    if (!d->pending.isEmpty()) {
        if (const QVariant *value = d->expected(key, d->columns.at(column)))
            return *value;
    }
    return inView ? d->rows.at(row).at(column) : QVariant();
}

QVariant ProjectionModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    Q_D(const ProjectionModel);
    if (orientation == Qt::Horizontal && role == Qt::DisplayRole && section >= 0 && section < d->columns.size())
        return d->columns.at(section);
    return QAbstractTableModel::headerData(section, orientation, role);
}

QHash<int, QByteArray> ProjectionModel::roleNames() const
{
    Q_D(const ProjectionModel);
    QHash<int, QByteArray> names{{Qt::DisplayRole, "display"}, {PendingRole, "pending"}};
    for (qsizetype i = 0; i < d->columns.size(); ++i)
        names.insert(FirstColumnRole + int(i), d->columns.at(i).toUtf8());
    return names;
}

bool ProjectionModel::canFetchMore(const QModelIndex &parent) const
{
    Q_D(const ProjectionModel);
    return !parent.isValid() && d->ready && !d->complete;
}

void ProjectionModel::fetchMore(const QModelIndex &parent)
{
    if (canFetchMore(parent))
        d_ptr->startRead(Read::Kind::More, false);
}

} // namespace Evented
