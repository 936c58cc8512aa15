<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>Evented::Users</name>
    <message>
        <source>the e-mail address %1 belongs to another user</source>
        <translation>l’adresse e-mail %1 appartient à un autre utilisateur</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Utilisateur</translation>
    </message>
    <message>
        <source>Register</source>
        <translation>Inscrire</translation>
    </message>
    <message>
        <source>Change e-mail address</source>
        <translation>Changer l’adresse e-mail</translation>
    </message>
</context>
</TS>
