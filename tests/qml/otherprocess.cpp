#include "otherprocess.h"

OtherProcess::OtherProcess(const QString &url, const QString &pluginPath, QObject *parent)
    : QObject(parent)
    , m_url(url)
    , m_pluginPath(pluginPath)
{
    m_process.setProgram(QStringLiteral(EVENTEDCTL));
    m_process.setProcessChannelMode(QProcess::MergedChannels);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("EVENTED_URL"));
    env.remove(QStringLiteral("EVENTED_PLUGIN_PATH"));
    env.insert(QStringLiteral("LANG"), QStringLiteral("C"));
    m_process.setProcessEnvironment(env);
    connect(&m_process, &QProcess::readyRead, this, [this] { m_output += QString::fromUtf8(m_process.readAll()); });
    connect(&m_process, &QProcess::stateChanged, this, &OtherProcess::runningChanged);
}

OtherProcess::~OtherProcess()
{
    if (m_process.state() != QProcess::NotRunning) {
        m_process.kill();
        m_process.waitForFinished();
    }
}

void OtherProcess::send(const QString &typeName, const QString &id, const QString &command, const QString &parameters)
{
    m_process.setArguments({QStringLiteral("--url"), m_url, QStringLiteral("--plugin-path"), m_pluginPath,
                            QStringLiteral("send"), typeName, id, command, parameters});
    m_output.clear();
    m_process.start();
}

bool OtherProcess::isRunning() const
{
    return m_process.state() != QProcess::NotRunning;
}

int OtherProcess::exitCode() const
{
    return m_process.exitCode();
}

QString OtherProcess::output() const
{
    return m_output;
}
