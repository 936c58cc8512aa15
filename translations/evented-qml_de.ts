<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>Evented::Qml::ProjectionElement</name>
    <message>
        <source>no domain plugin declares the projection %1</source>
        <translation>kein Domänen-Plugin deklariert die Projektion %1</translation>
    </message>
</context>
</TS>
