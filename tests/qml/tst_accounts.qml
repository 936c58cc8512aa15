import QtQuick
import QtTest
import Evented

// The accounts plugin through the QML types: commands through CommandRunner, their rows
// pending in the ProjectionModel until the hosted projection has them, a rejection with its
// fields, and another process's deposit shown as it commits, in both models.
TestCase {
    id: test
    name: "Accounts"

    EventStore {
        id: store
        url: storeUrl
        pluginPath: [pluginDir]
    }

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

    EntityModel {
        id: entities
        store: store
        entityType: "account"
    }

    CommandRunner {
        id: runner
        store: store
        property var lastRejection: null
        property string lastFailure
        onRejected: (commandId, rejection, fields) => lastRejection = {commandId: commandId, name: rejection, fields: fields}
        onFailed: (commandId, message) => lastFailure = message
    }

    SignalSpy {
        id: applied
        target: runner
        signalName: "applied"
    }

    SignalSpy {
        id: rejected
        target: runner
        signalName: "rejected"
    }

    SignalSpy {
        id: failed
        target: runner
        signalName: "failed"
    }

    function init() {
        tryCompare(store, "open", true, 10000)
        runner.lastRejection = null
        runner.lastFailure = ""
        applied.clear()
        rejected.clear()
        failed.clear()
    }

    function row(id) {
        const index = accounts.indexOf({id: id})
        return index < 0 ? null : accounts.get(index)
    }

    /*! The account's balance as the view has it (no longer pending), or undefined. */
    function settledBalance(id) {
        const account = row(id)
        return account && !account.pending ? account.balance : undefined
    }

    /*! Sends \a command with its expected balance and waits until it applied and settled. */
    function apply(id, command, parameters, balance) {
        const before = applied.count
        runner.send("account", id, command, parameters, accounts, {id: id, balance: balance})
        tryCompare(applied, "count", before + 1, 10000)
        compare(failed.count, 0, failed.count ? String(failed.signalArguments[0][1]) : "")
        tryVerify(() => settledBalance(id) === balance, 10000, command + " settles at " + balance)
    }

    function createAccount(balance) {
        const id = runner.newId()
        const before = applied.count
        runner.send("account", id, "Create")
        tryCompare(applied, "count", before + 1, 10000)
        if (balance > 0)
            apply(id, "Deposit", {amount: balance}, balance)
        return id
    }

    function test_depositWithdrawTransfer() {
        const a = createAccount(0)
        const b = createAccount(0)
        runner.send("account", a, "Deposit", {amount: 100}, accounts, {id: a, balance: 100})
        compare(row(a).pending, true) // at once, before the command has run
        compare(row(a).balance, 100)
        tryVerify(() => settledBalance(a) === 100, 10000)
        apply(a, "Withdraw", {amount: 30}, 70)
        apply(a, "Transfer", {to: b, amount: 20}, 50)
        tryVerify(() => settledBalance(b) === 20, 10000)
        compare(applied.signalArguments[applied.count - 1][1].length, 2) // Debited here, Deposited there
        compare(accounts.pendingCount, 0)
    }

    function test_rejectedWithdraw() {
        const a = createAccount(40)
        const command = runner.send("account", a, "Withdraw", {amount: 500}, accounts, {id: a, balance: -460})
        compare(row(a).pending, true)
        compare(row(a).balance, -460)
        tryCompare(rejected, "count", 1, 10000)
        compare(rejected.signalArguments[0][1], "InsufficientBalance")
        compare(rejected.signalArguments[0][2].balance, 40)
        compare(rejected.signalArguments[0][2].amount, 500)
        // and the same in a handler
        compare(String(runner.lastRejection.commandId), String(command))
        compare(runner.lastRejection.name, "InsufficientBalance")
        compare(runner.lastRejection.fields.balance, 40)
        tryCompare(accounts, "pendingCount", 0)
        compare(row(a).pending, false)
        compare(row(a).balance, 40)
        compare(applied.count, 2) // Create and Deposit only
    }

    function test_failed() {
        const a = createAccount(0)
        runner.send("account", a, "NoSuchCommand", {}, accounts, {id: a, balance: 1})
        compare(accounts.pendingCount, 1)
        tryCompare(failed, "count", 1, 10000)
        verify(runner.lastFailure.indexOf("NoSuchCommand") >= 0, runner.lastFailure)
        tryCompare(accounts, "pendingCount", 0)
    }

    function test_otherProcess() {
        const a = createAccount(10)
        tryVerify(() => entities.indexOf(a) >= 0 && entities.get(entities.indexOf(a)).balance === 10, 10000)
        otherProcess.send("account", a, "Deposit", "{\"amount\":5}")
        tryCompare(otherProcess, "running", false, 10000)
        compare(otherProcess.exitCode, 0, otherProcess.output)
        tryVerify(() => settledBalance(a) === 15, 10000, "the view shows the other process's deposit")
        tryVerify(() => entities.get(entities.indexOf(a)).balance === 15, 10000, "so does the entity model")
    }
}
