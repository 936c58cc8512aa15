// JSON encoding in evented's (serde's) format, without a database.

#include "testcounter.h"

#include <evented/json.h>

#include <QJsonDocument>
#include <QTest>

#include <limits>

using namespace TestDomain;

namespace {
struct Reset
{
    Q_GADGET
};

struct Renamed
{
    Q_GADGET
    Q_PROPERTY(QString note MEMBER note)
public:
    static constexpr auto eventName = "SomethingElse";
    QString note;
};

struct Nested
{
    Q_GADGET
    Q_PROPERTY(Increased inner MEMBER inner)
    Q_PROPERTY(QStringList tags MEMBER tags)
    Q_PROPERTY(QDateTime at MEMBER at)
    Q_PROPERTY(qint64 big MEMBER big)
    Q_PROPERTY(bool flag MEMBER flag)
    Q_PROPERTY(double ratio MEMBER ratio)
public:
    Increased inner;
    QStringList tags;
    QDateTime at;
    qint64 big = 0;
    bool flag = false;
    double ratio = 0;
};

using Event = std::variant<Increased, Decreased, Reset, Renamed>;

QByteArray compact(const QJsonValue &value)
{
    return QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact).mid(1).chopped(1);
}

QJsonValue parse(const QByteArray &text)
{
    return QJsonDocument::fromJson('[' + text + ']').array().first();
}
} // namespace

class tst_Json : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void externallyTagged()
    {
        const QUuid id = QUuid::fromString(QStringLiteral("6a1f0b7e-2c3d-4e5f-8a9b-0c1d2e3f4a5b"));
        QCOMPARE(compact(Evented::toJson(Event(Increased{id, 40}))),
                 QByteArray(R"({"Increased":{"id":"6a1f0b7e-2c3d-4e5f-8a9b-0c1d2e3f4a5b","inc":40}})"));
        QCOMPARE(compact(Evented::toJson(Event(Reset{}))), QByteArray(R"("Reset")"));
        QCOMPARE(compact(Evented::toJson(Event(Renamed{QStringLiteral("x")}))), QByteArray(R"({"SomethingElse":{"note":"x"}})"));
        QCOMPARE(compact(Evented::toJson(Evented::NoMetadata{})), QByteArray("null"));
    }

    void roundTrip_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::newRow("increased") << QByteArray(R"({"Increased":{"id":"6a1f0b7e-2c3d-4e5f-8a9b-0c1d2e3f4a5b","inc":18446744073709551}})");
        QTest::newRow("decreased") << QByteArray(R"({"Decreased":{"id":"6a1f0b7e-2c3d-4e5f-8a9b-0c1d2e3f4a5b","dec":2}})");
        QTest::newRow("unit") << QByteArray(R"("Reset")");
        QTest::newRow("renamed") << QByteArray("{\"SomethingElse\":{\"note\":\"\u00fcn\u00ef\\\"code\"}}"); // moc cannot read \" in raw strings
    }
    void roundTrip()
    {
        QFETCH(QByteArray, json);
        Event event;
        QString why;
        QVERIFY2(Evented::fromJson(parse(json), event, &why), qPrintable(why));
        // Same value; a QJsonObject orders keys by name, jsonb stores them in its own order anyway.
        QCOMPARE(Evented::toJson(event), parse(json));
    }

    void unsignedBeyondSigned()
    {
        // A u64 beyond qint64 keeps every digit in the stored text, as serde_json writes it, and
        // reads back exactly.
        const QUuid id = QUuid::fromString(QStringLiteral("6a1f0b7e-2c3d-4e5f-8a9b-0c1d2e3f4a5b"));
        const Event event = Increased{id, std::numeric_limits<quint64>::max()};
        const QByteArray text = Evented::toJsonText(event);
        QCOMPARE(text, QByteArray(R"({"Increased":{"id":"6a1f0b7e-2c3d-4e5f-8a9b-0c1d2e3f4a5b","inc":18446744073709551615}})"));
        Event back = Reset{};
        QString why;
        QVERIFY2(Evented::fromJsonText(text, back, &why), qPrintable(why));
        QCOMPARE(std::get<Increased>(back).inc, std::numeric_limits<quint64>::max());
        // A number that no u64 holds is an error, not a wrapped value.
        QVERIFY(!Evented::fromJsonText(QByteArray(R"({"Increased":{"id":"6a1f0b7e-2c3d-4e5f-8a9b-0c1d2e3f4a5b","inc":-1}})"), back, &why));
        QVERIFY(!why.isEmpty());
    }

    void unitVariantAcceptsObjectForm()
    {
        Event event = Increased{};
        QVERIFY(Evented::fromJson(parse(R"({"Reset":{}})"), event));
        QVERIFY(std::holds_alternative<Reset>(event));
    }

    void nestedGadgets()
    {
        Nested n;
        n.inner = Increased{QUuid::createUuid(), 7};
        n.tags = {QStringLiteral("a"), QStringLiteral("b")};
        n.at = QDateTime(QDate(2026, 11, 29), QTime(5, 6, 7, 890), Qt::UTC);
        n.big = 9007199254740993; // 2^53 + 1: exact only as an integer
        n.flag = true;
        n.ratio = 0.25;
        const QJsonValue json = Evented::toJson(n);
        QCOMPARE(json[QStringLiteral("at")].toString(), QStringLiteral("2026-11-29T05:06:07.890Z"));
        QVERIFY(compact(json).contains("\"big\":9007199254740993"));
        Nested back;
        QString why;
        QVERIFY2(Evented::fromJson(json, back, &why), qPrintable(why));
        QCOMPARE(back.inner.id, n.inner.id);
        QCOMPARE(back.inner.inc, n.inner.inc);
        QCOMPARE(back.tags, n.tags);
        QCOMPARE(back.at, n.at);
        QCOMPARE(back.big, n.big);
        QCOMPARE(back.flag, true);
        QCOMPARE(back.ratio, 0.25);
    }

    void badInput_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("why");
        QTest::newRow("unknown variant") << QByteArray(R"({"Exploded":{}})") << QStringLiteral("unknown variant Exploded");
        QTest::newRow("not tagged") << QByteArray(R"({"a":1,"b":2})") << QStringLiteral("externally tagged");
        QTest::newRow("number") << QByteArray("42") << QStringLiteral("externally tagged");
        QTest::newRow("missing field") << QByteArray(R"({"Increased":{"id":"6a1f0b7e-2c3d-4e5f-8a9b-0c1d2e3f4a5b"}})")
                                       << QStringLiteral("missing field inc");
        QTest::newRow("wrong type") << QByteArray(R"({"Increased":{"id":"6a1f0b7e-2c3d-4e5f-8a9b-0c1d2e3f4a5b","inc":"x"}})")
                                    << QStringLiteral("field inc: expected an integer");
        QTest::newRow("negative unsigned") << QByteArray(R"({"Increased":{"id":"6a1f0b7e-2c3d-4e5f-8a9b-0c1d2e3f4a5b","inc":-1}})")
                                           << QStringLiteral("non-negative");
        QTest::newRow("fraction") << QByteArray(R"({"Increased":{"id":"6a1f0b7e-2c3d-4e5f-8a9b-0c1d2e3f4a5b","inc":1.5}})")
                                  << QStringLiteral("expected an integer");
        QTest::newRow("bad uuid") << QByteArray(R"({"Increased":{"id":"nope","inc":1}})") << QStringLiteral("field id: expected a UUID");
        QTest::newRow("payload not object") << QByteArray(R"({"Increased":[1]})") << QStringLiteral("expected an object");
    }
    void badInput()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, why);
        Event event;
        QString message;
        QVERIFY(!Evented::fromJson(parse(json), event, &message));
        QVERIFY2(message.contains(why), qPrintable(message));
    }

    void optionalAndLists()
    {
        std::optional<qint32> none;
        QVERIFY(Evented::toJson(none).isNull());
        QList<Increased> list{{QUuid::createUuid(), 1}, {QUuid::createUuid(), 2}};
        QList<Increased> back;
        QVERIFY(Evented::fromJson(Evented::toJson(list), back));
        QCOMPARE(back.size(), 2);
        QCOMPARE(back.at(1).inc, 2u);
        qint32 small = 0;
        QString why;
        QVERIFY(!Evented::fromJson(QJsonValue(qint64(1) << 40), small, &why));
        QVERIFY2(why.contains(QStringLiteral("out of range")), qPrintable(why));
    }
};

QTEST_GUILESS_MAIN(tst_Json)
#include "tst_json.moc"
