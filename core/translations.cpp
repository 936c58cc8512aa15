#include <evented/translations.h>

#include <QCoreApplication>
#include <QTranslator>

namespace Evented {

bool installTranslations(const QLocale &locale, const QString &catalog)
{
    bool found = false;
    QStringList catalogs{QStringLiteral("evented")};
    if (!catalog.isEmpty())
        catalogs << catalog;
    for (const QString &name : std::as_const(catalogs)) {
        auto *translator = new QTranslator(QCoreApplication::instance());
        if (translator->load(locale, name, QStringLiteral("_"), QStringLiteral(":/i18n"))) {
            QCoreApplication::installTranslator(translator);
            found = true;
        } else {
            delete translator;
        }
    }
    return found;
}

} // namespace Evented
