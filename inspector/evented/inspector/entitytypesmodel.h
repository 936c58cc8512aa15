#pragma once

#include <evented/domain.h>
#include <evented/eventlog.h>
#include <evented/inspector/evented_inspector_export.h>

#include <QAbstractTableModel>

#include <memory>

namespace Evented::Inspector {

class EntityTypesModelPrivate;

/*! Entity types with their counts of entities and events; types of the domain without events too. */
class EVENTED_INSPECTOR_EXPORT EntityTypesModel : public QAbstractTableModel
{
    Q_OBJECT
    Q_DECLARE_PRIVATE(EntityTypesModel)
public:
    enum Column { Type, Entities, Events, ColumnCount };
    explicit EntityTypesModel(QObject *parent = nullptr);
    ~EntityTypesModel() override;

    /*! Shows the counts of \a stats, and the types of \a domain without events too. */
    void setStats(const StoreStats &stats, const Domain &domain);
    void clear();
    /*! The highest seq_no when the counts were read. */
    qint64 head() const;
    /*! Counts the events of this process or another that \a events adds. */
    void add(const QList<RecordedEvent> &events);
    QString typeName(int row) const;
    const TypeStats &stats(int row) const;
    int rowOf(const QString &typeName) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::unique_ptr<EntityTypesModelPrivate> d_ptr;
};

} // namespace Evented::Inspector
