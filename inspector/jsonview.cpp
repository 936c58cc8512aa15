#include "jsonview.h"

#include "viewhelpers.h"

#include <QFontDatabase>

namespace Evented::Inspector {

JsonView::JsonView(QWidget *parent)
    : QPlainTextEdit(parent)
{
    setReadOnly(true);
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    setLineWrapMode(QPlainTextEdit::NoWrap);
}

void JsonView::setJson(const QJsonValue &value)
{
    setPlainText(value.isUndefined() ? QString() : jsonText(value));
}

} // namespace Evented::Inspector
