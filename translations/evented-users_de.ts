<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>Evented::Users</name>
    <message>
        <source>the e-mail address %1 belongs to another user</source>
        <translation>die E-Mail-Adresse %1 gehört einem anderen Benutzer</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Benutzer</translation>
    </message>
    <message>
        <source>Register</source>
        <translation>Registrieren</translation>
    </message>
    <message>
        <source>Change e-mail address</source>
        <translation>E-Mail-Adresse ändern</translation>
    </message>
</context>
</TS>
