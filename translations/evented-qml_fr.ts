<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>Evented::Qml::ProjectionElement</name>
    <message>
        <source>no domain plugin declares the projection %1</source>
        <translation>aucun plugin de domaine ne déclare la projection %1</translation>
    </message>
</context>
</TS>
