#include <evented/translations.h>

#include <QCoreApplication>
#include <QMap>
#include <QMutex>
#include <QPointer>
#include <QTranslator>

namespace Evented {

namespace {

/*! The catalogs installed so far, by name, each with its translator for the language in use
    (none where that language has no catalog): what changeLanguage() installs again. */
struct Catalogs
{
    QMutex mutex;
    QMap<QString, QPointer<QTranslator>> installed;
};

Catalogs &catalogs()
{
    static Catalogs instance;
    return instance;
}

} // namespace

bool installCatalog(const QString &catalog, const QLocale &locale)
{
    Catalogs &all = catalogs();
    const QMutexLocker lock(&all.mutex);
    // The catalog's translator for another language gives way.
    if (QTranslator *previous = all.installed.value(catalog)) {
        QCoreApplication::removeTranslator(previous);
        delete previous;
    }
    all.installed.insert(catalog, nullptr);
    auto *translator = new QTranslator(QCoreApplication::instance());
    if (!translator->load(locale, catalog, QStringLiteral("_"), QStringLiteral(":/i18n"))) {
        delete translator;
        return false;
    }
    QCoreApplication::installTranslator(translator);
    all.installed.insert(catalog, translator);
    return true;
}

bool installTranslations(const QLocale &locale, const QString &catalog)
{
    const bool library = installCatalog(QStringLiteral("evented"), locale);
    const bool application = !catalog.isEmpty() && installCatalog(catalog, locale);
    return library || application;
}

bool changeLanguage(const QLocale &locale)
{
    QLocale::setDefault(locale);
    QStringList names;
    {
        Catalogs &all = catalogs();
        const QMutexLocker lock(&all.mutex);
        names = all.installed.keys();
    }
    bool found = false;
    for (const QString &name : std::as_const(names))
        found = installCatalog(name, locale) || found;
    return found;
}

} // namespace Evented
