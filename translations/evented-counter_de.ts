<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>counter</name>
    <message>
        <source>usage: evented-counter [URL] [COUNTER-ID]</source>
        <translation>Aufruf: evented-counter [URL] [ZÄHLER-ID]</translation>
    </message>
    <message>
        <source>  committed #%1 v%2 %3</source>
        <translation>  festgeschrieben #%1 v%2 %3</translation>
    </message>
    <message>
        <source>counter %1 at version %2, value %3</source>
        <translation>Zähler %1 in Version %2, Wert %3</translation>
    </message>
    <message>
        <source>rejected: cannot decrease %1 by %2</source>
        <translation>abgelehnt: %1 kann nicht um %2 verringert werden</translation>
    </message>
    <message>
        <source>counter %1 now at version %2, value %3</source>
        <translation>Zähler %1 jetzt in Version %2, Wert %3</translation>
    </message>
</context>
</TS>
