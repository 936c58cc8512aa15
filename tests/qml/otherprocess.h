#pragma once

#include <QObject>
#include <QProcess>
#include <QStringList>

/*!
    eventedctl in a process of its own, on the test's store and plugins, for QML: another
    process that writes while the test watches. send() starts it; \c running goes false when
    it has ended, with \c exitCode and what it printed in \c output.
*/
class OtherProcess : public QObject
{
    Q_OBJECT
    Q_PROPERTY(bool running READ isRunning NOTIFY runningChanged)
    Q_PROPERTY(int exitCode READ exitCode NOTIFY runningChanged)
    Q_PROPERTY(QString output READ output NOTIFY runningChanged)

public:
    OtherProcess(const QString &url, const QString &pluginPath, QObject *parent = nullptr);
    ~OtherProcess() override;

    /*! Starts \c{eventedctl --url URL --plugin-path DIR send TYPE ID COMMAND PARAMETERS}. */
    Q_INVOKABLE void send(const QString &typeName, const QString &id, const QString &command, const QString &parameters);

    bool isRunning() const;
    int exitCode() const;
    QString output() const;

Q_SIGNALS:
    void runningChanged();

private:
    QString m_url;
    QString m_pluginPath;
    QProcess m_process;
    QString m_output;
};
