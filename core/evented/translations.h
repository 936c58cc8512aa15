#pragma once

#include <evented/evented_core_export.h>

#include <QLocale>

namespace Evented {

/*!
    Installs the library's translations (embedded in it) for \a locale on the application,
    and, when \a catalog names one, the translations of an application embedded the same way
    under \c :/i18n/<catalog>_<language>.qm. Returns false when none was found for the locale.
    Call it after creating the QCoreApplication.
*/
EVENTED_CORE_EXPORT bool installTranslations(const QLocale &locale = QLocale(), const QString &catalog = {});

/*!
    Installs one catalog embedded under \c :/i18n/<catalog>_<language>.qm, for example a domain
    plugin's own, for \a locale (by default the application's default locale, which the
    inspector and eventedctl set to the chosen language), in place of the one installed for
    another language before. Returns false when there is none.
*/
EVENTED_CORE_EXPORT bool installCatalog(const QString &catalog, const QLocale &locale = QLocale());

/*!
    Makes \a locale the default locale and installs every catalog installed so far (the
    library's, the application's, the plugins') again for it: Qt then sends every widget
    QEvent::LanguageChange, on which it shows its texts anew. Returns false when \a locale has
    none of them (English, the language of the sources).
*/
EVENTED_CORE_EXPORT bool changeLanguage(const QLocale &locale);

} // namespace Evented
