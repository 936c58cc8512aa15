#pragma once

#include <QJsonValue>
#include <QPlainTextEdit>

namespace Evented::Inspector {

/*! Read-only, indented, monospaced JSON. */
class JsonView : public QPlainTextEdit
{
    Q_OBJECT
public:
    explicit JsonView(QWidget *parent = nullptr);
    void setJson(const QJsonValue &value);
};

} // namespace Evented::Inspector
