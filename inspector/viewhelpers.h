#pragma once

// Small helpers shared by the inspector's views. Private.

#include <QString>

QT_BEGIN_NAMESPACE
class QAbstractItemModel;
class QJsonValue;
class QTableView;
class QToolButton;
class QWidget;
QT_END_NAMESPACE

namespace Evented::Inspector {

/*! A table view as the inspector shows them: whole rows selected, one at a time. */
QTableView *tableView(const QString &objectName, QAbstractItemModel *model, QWidget *parent);

/*! An auto-raised tool button with an icon (its tool tip set by the caller's retranslation). */
QToolButton *toolButton(const QString &objectName, const QString &icon, QWidget *parent);

/*! JSON as the inspector shows it: objects and arrays indented, anything else compact. */
QString jsonText(const QJsonValue &value);

} // namespace Evented::Inspector
