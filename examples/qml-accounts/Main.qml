import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Evented

// The accounts of the store, with their balances as the projection "account" keeps them. A
// command's row shows its expected balance at once, marked pending, until the projection has
// its events, or goes back when the command is rejected.
ApplicationWindow {
    id: window

    required property string storeUrl
    required property var pluginPath

    width: 640
    height: 480
    visible: true
    title: qsTr("Accounts: %1").arg(storeUrl)

    EventStore {
        id: store
        url: window.storeUrl
        pluginPath: window.pluginPath
    }

    // Hosted here; a second instance of the application waits on standby.
    Projection {
        id: projection
        store: store
        name: "account"
        running: true
    }

    ProjectionModel {
        id: accounts
        store: store
        table: "account"
        keyColumns: ["id"]
        projection: "account"
    }

    CommandRunner {
        id: runner
        store: store
        onApplied: status.text = qsTr("Done.")
        onRejected: (commandId, rejection, fields) => status.text = window.rejectionText(rejection, fields)
        onConflict: (commandId, message) => status.text = qsTr("Others kept changing the account: %1").arg(message)
        onFailed: (commandId, message) => status.text = message
    }

    function rejectionText(rejection, fields) {
        switch (rejection) {
        case "InsufficientBalance":
            return qsTr("Not enough money: the balance is %1, %2 was asked for.").arg(fields.balance).arg(fields.amount)
        case "InvalidAmount":
            return qsTr("The amount must be more than zero.")
        case "NotCreated":
            return qsTr("The account was never created.")
        case "RecipientNotOpen":
            return qsTr("The recipient was never created.")
        case "SameAccount":
            return qsTr("An account cannot transfer to itself.")
        case "BalanceOverflow":
            return qsTr("The balance cannot hold that much.")
        default:
            return qsTr("Rejected: %1").arg(rejection)
        }
    }

    /*! The selected account's row, or null. */
    function selected() {
        return list.currentIndex >= 0 ? accounts.get(list.currentIndex) : null
    }

    /*! Sends \a command to the selected account, its row expected at \a balance meanwhile. */
    function send(command, parameters, balance) {
        const account = selected()
        if (!account)
            return
        status.text = ""
        runner.send("account", account.id, command, parameters, accounts, {id: account.id, balance: balance(account.balance)})
    }

    header: ToolBar {
        RowLayout {
            anchors.fill: parent
            ToolButton {
                text: qsTr("New account")
                enabled: store.open
                onClicked: runner.send("account", runner.newId(), "Create")
            }
            Label {
                Layout.fillWidth: true
                elide: Text.ElideRight
                text: store.open ? qsTr("Projection: %1").arg(projection.statusText)
                                 : (store.error !== "" ? store.error : qsTr("Opening the store…"))
            }
        }
    }

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: 8

        ListView {
            id: list
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            model: accounts
            delegate: ItemDelegate {
                id: row
                required property int index
                required property var model
                width: ListView.view.width
                highlighted: ListView.isCurrentItem
                onClicked: list.currentIndex = index
                contentItem: RowLayout {
                    Label {
                        Layout.fillWidth: true
                        elide: Text.ElideRight
                        text: row.model.id
                    }
                    Label {
                        font.bold: true
                        text: row.model.balance
                    }
                    Label {
                        visible: row.model.pending
                        opacity: 0.6
                        text: qsTr("pending")
                    }
                }
            }
            Label {
                anchors.centerIn: parent
                visible: accounts.ready && accounts.count === 0
                text: qsTr("No accounts yet: create one.")
            }
        }

        RowLayout {
            enabled: list.currentIndex >= 0
            Label { text: qsTr("Amount") }
            SpinBox {
                id: amount
                from: 1
                to: 1000000
                value: 10
                editable: true
            }
            Button {
                text: qsTr("Deposit")
                onClicked: window.send("Deposit", {amount: amount.value}, balance => balance + amount.value)
            }
            Button {
                text: qsTr("Withdraw")
                onClicked: window.send("Withdraw", {amount: amount.value}, balance => balance - amount.value)
            }
            Button {
                text: qsTr("Transfer to")
                enabled: recipient.currentIndex >= 0
                onClicked: window.send("Transfer", {to: recipient.currentValue, amount: amount.value},
                                       balance => balance - amount.value)
            }
            ComboBox {
                id: recipient
                Layout.fillWidth: true
                model: accounts
                textRole: "id"
                valueRole: "id"
            }
        }

        Label {
            id: status
            Layout.fillWidth: true
            wrapMode: Text.Wrap
        }
    }
}
