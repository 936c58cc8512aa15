<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>Evented::Accounts</name>
    <message>
        <source>Account</source>
        <translation>Konto</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>Eröffnen</translation>
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
        <source>Transfer</source>
        <translation>Überweisen</translation>
    </message>
</context>
</TS>
