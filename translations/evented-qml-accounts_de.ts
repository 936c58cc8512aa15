<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>Main</name>
    <message>
        <source>Accounts: %1</source>
        <translation>Konten: %1</translation>
    </message>
    <message>
        <source>Done.</source>
        <translation>Erledigt.</translation>
    </message>
    <message>
        <source>Others kept changing the account: %1</source>
        <translation>Andere haben das Konto immer wieder geändert: %1</translation>
    </message>
    <message>
        <source>Not enough money: the balance is %1, %2 was asked for.</source>
        <translation>Nicht genug Geld: Der Kontostand ist %1, verlangt wurden %2.</translation>
    </message>
    <message>
        <source>The amount must be more than zero.</source>
        <translation>Der Betrag muss größer als null sein.</translation>
    </message>
    <message>
        <source>The account was never created.</source>
        <translation>Das Konto wurde nie eröffnet.</translation>
    </message>
    <message>
        <source>The recipient was never created.</source>
        <translation>Das Empfängerkonto wurde nie eröffnet.</translation>
    </message>
    <message>
        <source>An account cannot transfer to itself.</source>
        <translation>Ein Konto kann nicht an sich selbst überweisen.</translation>
    </message>
    <message>
        <source>The balance cannot hold that much.</source>
        <translation>So viel fasst der Kontostand nicht.</translation>
    </message>
    <message>
        <source>Rejected: %1</source>
        <translation>Abgelehnt: %1</translation>
    </message>
    <message>
        <source>New account</source>
        <translation>Neues Konto</translation>
    </message>
    <message>
        <source>Projection: %1</source>
        <translation>Projektion: %1</translation>
    </message>
    <message>
        <source>Opening the store…</source>
        <translation>Der Store wird geöffnet…</translation>
    </message>
    <message>
        <source>pending</source>
        <translation>ausstehend</translation>
    </message>
    <message>
        <source>No accounts yet: create one.</source>
        <translation>Noch keine Konten: Eröffnen Sie eines.</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Betrag</translation>
    </message>
    <message>
        <source>Deposit</source>
        <translation>Einzahlen</translation>
    </message>
    <message>
        <source>Withdraw</source>
        <translation>Abheben</translation>
    </message>
    <message>
        <source>Transfer to</source>
        <translation>Überweisen an</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Accounts of an event store, in Qt Quick.</source>
        <translation>Die Konten eines Event-Stores, in Qt Quick.</translation>
    </message>
    <message>
        <source>The store (default: an SQLite file of this application).</source>
        <translation>Der Store (Standard: eine SQLite-Datei dieser Anwendung).</translation>
    </message>
    <message>
        <source>A directory of domain plugins.</source>
        <translation>Ein Verzeichnis mit Domänen-Plugins.</translation>
    </message>
    <message>
        <source>directory</source>
        <translation>Verzeichnis</translation>
    </message>
</context>
</TS>
