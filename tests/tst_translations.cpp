// The library's messages come in the user's language when its translations are installed.

#include <evented/error.h>
#include <evented/eventstore.h>
#include <evented/translations.h>

#include <QTest>

class tst_Translations : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void germanMessages()
    {
        QVERIFY(Evented::installTranslations(QLocale(QLocale::German)));
        const Evented::Error conflict = Evented::Error::versionConflict(QStringLiteral("counter"), QUuid(), 1, 2);
        QVERIFY2(conflict.message().startsWith(QStringLiteral("Versionskonflikt bei counter")), qPrintable(conflict.message()));
        Evented::EventStore store;
        const Evented::Error error = store.open(QStringLiteral("mysql://x@y/z"));
        QCOMPARE(error.message(), QStringLiteral("nicht unterstütztes Store-URL-Schema „mysql“ (erwartet: postgresql:// oder sqlite:)"));
    }

    void changeLanguageAtOnce()
    {
        const auto conflict = [] { return Evented::Error::versionConflict(QStringLiteral("counter"), QUuid(), 1, 2).message(); };
        QVERIFY(Evented::installTranslations(QLocale(QLocale::German)));
        QVERIFY2(conflict().startsWith(QStringLiteral("Versionskonflikt")), qPrintable(conflict()));
        // The catalogs installed are installed again in the new language, the old ones removed.
        QVERIFY(Evented::changeLanguage(QLocale(QLocale::French)));
        QVERIFY2(conflict().startsWith(QStringLiteral("conflit de version")), qPrintable(conflict()));
        QCOMPARE(QLocale().language(), QLocale::French);
        QVERIFY(!Evented::changeLanguage(QLocale(QLocale::English)));
        QVERIFY2(conflict().startsWith(QStringLiteral("version conflict")), qPrintable(conflict()));
        QVERIFY(Evented::changeLanguage(QLocale(QLocale::German)));
        QVERIFY2(conflict().startsWith(QStringLiteral("Versionskonflikt")), qPrintable(conflict()));
    }

    void unknownLocale()
    {
        QVERIFY(!Evented::installTranslations(QLocale(QLocale::Japanese)));
    }
};

QTEST_GUILESS_MAIN(tst_Translations)
#include "tst_translations.moc"
