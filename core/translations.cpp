#include <evented/translations.h>

#include <QCoreApplication>
#include <QTranslator>

namespace Evented {

bool installCatalog(const QString &catalog, const QLocale &locale)
{
    auto *translator = new QTranslator(QCoreApplication::instance());
    if (!translator->load(locale, catalog, QStringLiteral("_"), QStringLiteral(":/i18n"))) {
        delete translator;
        return false;
    }
    QCoreApplication::installTranslator(translator);
    return true;
}

bool installTranslations(const QLocale &locale, const QString &catalog)
{
    const bool library = installCatalog(QStringLiteral("evented"), locale);
    const bool application = !catalog.isEmpty() && installCatalog(catalog, locale);
    return library || application;
}

} // namespace Evented
