<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>Evented::Domain</name>
    <message>
        <source>the entity type %1 is defined twice</source>
        <translation>der Entitätstyp %1 ist doppelt definiert</translation>
    </message>
    <message>
        <source>the projection %1 is defined twice</source>
        <translation>die Projektion %1 ist doppelt definiert</translation>
    </message>
    <message>
        <source>the command %1 of %2 is defined twice</source>
        <translation>der Befehl %1 von %2 ist doppelt definiert</translation>
    </message>
    <message>
        <source>no domain code for the entity type %1</source>
        <translation>kein Domänencode für den Entitätstyp %1</translation>
    </message>
    <message>
        <source>the entity type %1 has no command %2</source>
        <translation>der Entitätstyp %1 hat keinen Befehl %2</translation>
    </message>
    <message>
        <source>the command %1 has no parameter %2</source>
        <translation>der Befehl %1 hat keinen Parameter %2</translation>
    </message>
    <message>
        <source>bad parameters for %1: %2</source>
        <translation>ungültige Parameter für %1: %2</translation>
    </message>
    <message>
        <source>this entity type has no snapshots</source>
        <translation>dieser Entitätstyp hat keine Snapshots</translation>
    </message>
    <message>
        <source>the entity type %1 has no snapshots (it declares no stateVersion)</source>
        <translation>der Entitätstyp %1 hat keine Snapshots (er deklariert keine stateVersion)</translation>
    </message>
    <message>
        <source>%1 %2 has no events</source>
        <translation>%1 %2 hat keine Ereignisse</translation>
    </message>
</context>
<context>
    <name>Evented::DomainPlugins</name>
    <message>
        <source>not a Qt plugin</source>
        <translation>kein Qt-Plugin</translation>
    </message>
    <message>
        <source>a plugin of another interface (%1)</source>
        <translation>ein Plugin einer anderen Schnittstelle (%1)</translation>
    </message>
    <message>
        <source>built for plugin interface version %1, this program has version %2</source>
        <translation>für die Plugin-Schnittstelle in Version %1 gebaut, dieses Programm hat Version %2</translation>
    </message>
    <message>
        <source>loaded</source>
        <translation>geladen</translation>
    </message>
    <message>
        <source>not a domain plugin</source>
        <translation>kein Domänen-Plugin</translation>
    </message>
    <message>
        <source>wrong interface version</source>
        <translation>falsche Schnittstellenversion</translation>
    </message>
    <message>
        <source>cannot be loaded</source>
        <translation>nicht ladbar</translation>
    </message>
    <message>
        <source>conflicts with another plugin</source>
        <translation>kollidiert mit einem anderen Plugin</translation>
    </message>
</context>
<context>
    <name>Evented::Error</name>
    <message>
        <source>version conflict on %1 %2: expected version %3, the store has %4</source>
        <translation>Versionskonflikt bei %1 %2: erwartet war Version %3, gespeichert ist %4</translation>
    </message>
    <message>
        <source>cannot decode event %1: %2</source>
        <translation>Ereignis %1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>the handler failed on event %1: %2</source>
        <translation>der Handler ist bei Ereignis %1 fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>projection %1 lost its lease (token %2) to another instance</source>
        <translation>Projektion %1 hat ihren Lease (Token %2) an eine andere Instanz verloren</translation>
    </message>
</context>
<context>
    <name>Evented::EventFilter</name>
    <message>
        <source>The search is not JSON: %1 at character %2</source>
        <translation>Die Suche ist kein JSON: %1 bei Zeichen %2</translation>
    </message>
    <message>
        <source>The search must be a JSON object, such as {&quot;Increased&quot;: {&quot;inc&quot;: 5}}</source>
        <translation>Die Suche muss ein JSON-Objekt sein, etwa {&quot;Increased&quot;: {&quot;inc&quot;: 5}}</translation>
    </message>
</context>
<context>
    <name>Evented::EventLog</name>
    <message>
        <source>the event is not externally tagged ({&quot;Name&quot;: {…}} or &quot;Name&quot;)</source>
        <translation>das Ereignis ist nicht extern markiert ({&quot;Name&quot;: {…}} oder &quot;Name&quot;)</translation>
    </message>
    <message>
        <source>%1 %2 has version %3 where %4 was expected</source>
        <translation>%1 %2 hat Version %3, wo %4 erwartet war</translation>
    </message>
    <message>
        <source>the entity id %1 is not a UUID</source>
        <translation>die Entitäts-ID %1 ist keine UUID</translation>
    </message>
    <message>
        <source>the type name is empty</source>
        <translation>der Typname ist leer</translation>
    </message>
    <message>
        <source>not JSON: %1</source>
        <translation>kein JSON: %1</translation>
    </message>
    <message>
        <source>not a JSON object</source>
        <translation>kein JSON-Objekt</translation>
    </message>
    <message>
        <source>missing or invalid field %1</source>
        <translation>fehlendes oder ungültiges Feld %1</translation>
    </message>
</context>
<context>
    <name>Evented::EventSchema</name>
    <message>
        <source>the payload of %1 is not an object</source>
        <translation>die Nutzdaten von %1 sind kein Objekt</translation>
    </message>
    <message>
        <source>%1 event %2 has version %3, newer than this code knows (%4)</source>
        <translation>das Ereignis %2 von %1 hat Version %3, neuer als die diesem Code bekannte (%4)</translation>
    </message>
    <message>
        <source>%1 has no event %2 (version %3) and no upcaster from it</source>
        <translation>%1 hat kein Ereignis %2 (Version %3) und keinen Upcaster, der davon ausgeht</translation>
    </message>
    <message>
        <source>no upcaster takes %1 event %2 from version %3 to version %4</source>
        <translation>kein Upcaster bringt das Ereignis %2 von %1 von Version %3 auf Version %4</translation>
    </message>
    <message>
        <source>the upcasters of %1 event %2 go round in a circle</source>
        <translation>die Upcaster des Ereignisses %2 von %1 drehen sich im Kreis</translation>
    </message>
    <message>
        <source>the upcaster of %1 event %2 version %3 failed: %4</source>
        <translation>der Upcaster des Ereignisses %2 von %1 in Version %3 ist fehlgeschlagen: %4</translation>
    </message>
    <message>
        <source>the upcaster of %1 event %2 version %3 does not move it forward</source>
        <translation>der Upcaster des Ereignisses %2 von %1 in Version %3 bringt es nicht weiter</translation>
    </message>
</context>
<context>
    <name>Evented::EventStore</name>
    <message>
        <source>schema %1 has version %2, this library needs %3; open it with migration on</source>
        <translation>Schema %1 hat Version %2, diese Bibliothek braucht %3; öffnen Sie es mit eingeschalteter Migration</translation>
    </message>
    <message>
        <source>malformed store URL: %1</source>
        <translation>fehlerhafte Store-URL: %1</translation>
    </message>
    <message>
        <source>bad value &quot;%1&quot; for store URL option %2</source>
        <translation>ungültiger Wert „%1“ für die Store-URL-Option %2</translation>
    </message>
    <message>
        <source>the store URL names no database: %1</source>
        <translation>die Store-URL nennt keine Datenbank: %1</translation>
    </message>
    <message>
        <source>the connection is not valid</source>
        <translation>die Verbindung ist ungültig</translation>
    </message>
    <message>
        <source>the store is not open</source>
        <translation>der Store ist nicht geöffnet</translation>
    </message>
    <message>
        <source>blocking store calls must come from the thread that opened the store; use the asynchronous calls from other threads</source>
        <translation>blockierende Store-Aufrufe müssen aus dem Thread kommen, der den Store geöffnet hat; verwenden Sie aus anderen Threads die asynchronen Aufrufe</translation>
    </message>
    <message>
        <source>cannot connect to the database: %1</source>
        <translation>keine Verbindung zur Datenbank möglich: %1</translation>
    </message>
    <message>
        <source>the database connection was lost: %1</source>
        <translation>die Datenbankverbindung ist abgerissen: %1</translation>
    </message>
    <message>
        <source>the stored event is not valid JSON</source>
        <translation>das gespeicherte Ereignis ist kein gültiges JSON</translation>
    </message>
    <message>
        <source>the entity id is null</source>
        <translation>die Entitäts-ID ist leer</translation>
    </message>
    <message>
        <source>unknown exception</source>
        <translation>unbekannte Ausnahme</translation>
    </message>
    <message>
        <source>the listener failed on version %1: %2</source>
        <translation>der Listener ist bei Version %1 fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>unsupported store URL scheme &quot;%1&quot; (expected postgresql:// or sqlite:)</source>
        <translation>nicht unterstütztes Store-URL-Schema „%1“ (erwartet: postgresql:// oder sqlite:)</translation>
    </message>
    <message>
        <source>unknown option %1 for an SQLite store</source>
        <translation>unbekannte Option %1 für einen SQLite-Store</translation>
    </message>
    <message>
        <source>the store URL names no database file: %1</source>
        <translation>die Store-URL nennt keine Datenbankdatei: %1</translation>
    </message>
    <message>
        <source>the Qt SQL driver %1 is not available</source>
        <translation>der Qt-SQL-Treiber %1 ist nicht verfügbar</translation>
    </message>
    <message>
        <source>the stored metadata is not valid JSON</source>
        <translation>die gespeicherten Metadaten sind kein gültiges JSON</translation>
    </message>
    <message>
        <source>schema %1 holds no event store; open it with migration on to create one</source>
        <translation>Schema %1 enthält keinen Event-Store; öffnen Sie es mit eingeschalteter Migration, um einen anzulegen</translation>
    </message>
    <message>
        <source>read_only cannot be combined with the libpq option options</source>
        <translation>read_only kann nicht mit der libpq-Option options kombiniert werden</translation>
    </message>
    <message>
        <source>no such database file: %1</source>
        <translation>Datenbankdatei nicht gefunden: %1</translation>
    </message>
    <message>
        <source>unsupported database driver %1</source>
        <translation>nicht unterstützter Datenbanktreiber %1</translation>
    </message>
    <message>
        <source>the %1 is empty</source>
        <translation>%1 ist leer</translation>
    </message>
    <message>
        <source>the %1 has more than %2 bytes</source>
        <translation>%1 hat mehr als %2 Bytes</translation>
    </message>
    <message>
        <source>the %1 must not contain a NUL character</source>
        <translation>%1 darf kein NUL-Zeichen enthalten</translation>
    </message>
    <message>
        <source>schema name</source>
        <translation>der Schemaname</translation>
    </message>
    <message>
        <source>table name</source>
        <translation>der Tabellenname</translation>
    </message>
    <message>
        <source>a snapshot is taken of a state this store loaded or wrote, and this one was not</source>
        <translation>ein Snapshot wird von einem Zustand erstellt, den dieser Store geladen oder geschrieben hat, und dieser wurde es nicht</translation>
    </message>
    <message>
        <source>not valid JSON</source>
        <translation>kein gültiges JSON</translation>
    </message>
    <message>
        <source>ignoring the snapshot of %1 %2 at version %3, which cannot be decoded (%4); folding from the first event</source>
        <translation>der Snapshot von %1 %2 in Version %3 wird ignoriert, da er nicht gelesen werden kann (%4); der Zustand wird ab dem ersten Ereignis berechnet</translation>
    </message>
    <message>
        <source>a command&apos;s own entity (%1 %2) is not one of its other entities</source>
        <translation>die eigene Entität eines Befehls (%1 %2) ist keine seiner anderen Entitäten</translation>
    </message>
    <message>
        <source>the options pooler and direct are for PostgreSQL only</source>
        <translation>die Optionen pooler und direct gibt es nur für PostgreSQL</translation>
    </message>
    <message>
        <source>read_only cannot be enforced through a transaction-mode pooler: connect as a role whose transactions are read-only (ALTER ROLE … SET default_transaction_read_only = on)</source>
        <translation>read_only lässt sich durch einen Pooler im Transaktionsmodus nicht durchsetzen: verbinden Sie sich als eine Rolle, deren Transaktionen nur lesen (ALTER ROLE … SET default_transaction_read_only = on)</translation>
    </message>
    <message>
        <source>event %1 of the append is not valid JSON</source>
        <translation>Ereignis %1 des Anhängens ist kein gültiges JSON</translation>
    </message>
    <message>
        <source>the metadata of event %1 of the append is not valid JSON</source>
        <translation>die Metadaten von Ereignis %1 des Anhängens sind kein gültiges JSON</translation>
    </message>
    <message>
        <source>read replicas (the option replica) are for PostgreSQL only</source>
        <translation>Lese-Replikate (die Option replica) gibt es nur für PostgreSQL</translation>
    </message>
    <message>
        <source>the outcome of the commit is unknown (%1): handle the command again with its command id</source>
        <translation>der Ausgang des Commits ist unbekannt (%1): den Befehl mit seiner Befehls-ID erneut ausführen</translation>
    </message>
    <message>
        <source>the store URL names %1 hosts but %2 ports</source>
        <translation>die Store-URL nennt %1 Hosts, aber %2 Ports</translation>
    </message>
    <message>
        <source>only a PostgreSQL store on a Citus coordinator can be distributed</source>
        <translation>nur ein PostgreSQL-Speicher auf einem Citus-Koordinator kann verteilt werden</translation>
    </message>
    <message>
        <source>the database has no citus extension: a store is distributed on a Citus coordinator</source>
        <translation>die Datenbank hat keine Erweiterung citus: ein Speicher wird auf einem Citus-Koordinator verteilt</translation>
    </message>
</context>
<context>
    <name>Evented::HistoryCheck</name>
    <message>
        <source>the states differ</source>
        <translation>die Zustände unterscheiden sich</translation>
    </message>
    <message>
        <source>the snapshot differs from the fold in %1</source>
        <translation>der Snapshot weicht in %1 vom berechneten Zustand ab</translation>
    </message>
    <message>
        <source>not valid JSON</source>
        <translation>kein gültiges JSON</translation>
    </message>
    <message>
        <source>the snapshot of state version %1 cannot be decoded: %2</source>
        <translation>der Snapshot der Zustandsversion %1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>the snapshot&apos;s version %1 is not a stored event of the entity</source>
        <translation>die Version %1 des Snapshots ist kein gespeichertes Ereignis der Entität</translation>
    </message>
</context>
<context>
    <name>Evented::Json</name>
    <message>
        <source>expected %1</source>
        <translation>erwartet: %1</translation>
    </message>
    <message>
        <source>expected an object for %1</source>
        <translation>erwartet: ein Objekt für %1</translation>
    </message>
    <message>
        <source>missing field %1</source>
        <translation>fehlendes Feld %1</translation>
    </message>
    <message>
        <source>field %1: %2</source>
        <translation>Feld %1: %2</translation>
    </message>
    <message>
        <source>a boolean</source>
        <translation>ein Wahrheitswert</translation>
    </message>
    <message>
        <source>an integer</source>
        <translation>eine ganze Zahl</translation>
    </message>
    <message>
        <source>a non-negative integer</source>
        <translation>eine nicht negative ganze Zahl</translation>
    </message>
    <message>
        <source>integer %1 out of range</source>
        <translation>ganze Zahl %1 außerhalb des Wertebereichs</translation>
    </message>
    <message>
        <source>a number</source>
        <translation>eine Zahl</translation>
    </message>
    <message>
        <source>a string</source>
        <translation>eine Zeichenkette</translation>
    </message>
    <message>
        <source>a UUID</source>
        <translation>eine UUID</translation>
    </message>
    <message>
        <source>an ISO 8601 date-time</source>
        <translation>ein Zeitpunkt nach ISO 8601</translation>
    </message>
    <message>
        <source>an ISO 8601 date</source>
        <translation>ein Datum nach ISO 8601</translation>
    </message>
    <message>
        <source>an object</source>
        <translation>ein Objekt</translation>
    </message>
    <message>
        <source>an array</source>
        <translation>ein Array</translation>
    </message>
    <message>
        <source>an array of strings</source>
        <translation>ein Array von Zeichenketten</translation>
    </message>
    <message>
        <source>cannot read JSON into a value of type %1</source>
        <translation>JSON kann nicht als Wert vom Typ %1 gelesen werden</translation>
    </message>
    <message>
        <source>expected an array</source>
        <translation>erwartet: ein Array</translation>
    </message>
    <message>
        <source>expected an externally tagged value ({&quot;Name&quot;: {…}} or &quot;Name&quot;)</source>
        <translation>erwartet: ein extern markierter Wert ({&quot;Name&quot;: {…}} oder &quot;Name&quot;)</translation>
    </message>
    <message>
        <source>unknown variant %1</source>
        <translation>unbekannte Variante %1</translation>
    </message>
    <message>
        <source>not valid JSON</source>
        <translation>kein gültiges JSON</translation>
    </message>
</context>
<context>
    <name>Evented::Migration</name>
    <message>
        <source>schema %1 has version %2, newer than this library&apos;s %3</source>
        <translation>Schema %1 hat Version %2, neuer als die dieser Bibliothek (%3)</translation>
    </message>
    <message>
        <source>table event in schema %1 is not an event store (missing columns: %2)</source>
        <translation>die Tabelle event im Schema %1 ist kein Event-Store (fehlende Spalten: %2)</translation>
    </message>
</context>
<context>
    <name>Evented::PostgreSQL</name>
    <message>
        <source>the database connection is closed</source>
        <translation>die Datenbankverbindung ist geschlossen</translation>
    </message>
</context>
<context>
    <name>Evented::Projection</name>
    <message>
        <source>projection %1 is active in another instance; stop it first</source>
        <translation>Projektion %1 ist in einer anderen Instanz aktiv; halten Sie diese zuerst an</translation>
    </message>
    <message>
        <source>clearing the view of projection %1 failed: %2</source>
        <translation>das Leeren der Sicht von Projektion %1 ist fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>projection %1 has no handler</source>
        <translation>Projektion %1 hat keinen Handler</translation>
    </message>
    <message>
        <source>a projection needs a name</source>
        <translation>eine Projektion braucht einen Namen</translation>
    </message>
    <message>
        <source>there is no event %1 to wait for</source>
        <translation>es gibt kein Ereignis %1, auf das gewartet werden könnte</translation>
    </message>
    <message>
        <source>the projection %1 has not handled event %2 within %3 ms (it is at %4)</source>
        <translation>die Projektion %1 hat das Ereignis %2 nicht innerhalb von %3 ms verarbeitet (sie steht bei %4)</translation>
    </message>
    <message>
        <source>the event is no longer in the event table</source>
        <translation>das Ereignis ist nicht mehr in der Ereignistabelle</translation>
    </message>
    <message>
        <source>projection %1 has no parked event %2</source>
        <translation>die Projektion %1 hat kein zurückgestelltes Ereignis %2</translation>
    </message>
    <message>
        <source>projection %1 cannot be rebuilt beside itself on a distributed store; reset() rebuilds it in place</source>
        <translation>die Projektion %1 kann in einem verteilten Speicher nicht neben sich neu aufgebaut werden; reset() baut sie an Ort und Stelle neu auf</translation>
    </message>
    <message>
        <source>projection %1 declares no view (addView()): there is nothing to build anew</source>
        <translation>die Projektion %1 deklariert keine Sicht (addView()): es gibt nichts neu aufzubauen</translation>
    </message>
    <message>
        <source>projection %1 has partitions: reset() rebuilds it in place</source>
        <translation>die Projektion %1 hat Partitionen: reset() baut sie an Ort und Stelle neu auf</translation>
    </message>
    <message>
        <source>another rebuild of projection %1 is running</source>
        <translation>ein anderer Neuaufbau der Projektion %1 läuft</translation>
    </message>
</context>
<context>
    <name>Evented::ProjectionModel</name>
    <message>
        <source>view table</source>
        <translation>Sichttabelle</translation>
    </message>
    <message>
        <source>the view %1 has no column %2</source>
        <translation>die Sicht %1 hat keine Spalte %2</translation>
    </message>
    <message>
        <source>column</source>
        <translation>Spalte</translation>
    </message>
</context>
<context>
    <name>Evented::ProjectionState</name>
    <message>
        <source>stopped</source>
        <translation>angehalten</translation>
    </message>
    <message>
        <source>standby</source>
        <translation>in Bereitschaft</translation>
    </message>
    <message>
        <source>catching up</source>
        <translation>holt auf</translation>
    </message>
    <message>
        <source>live</source>
        <translation>aktuell</translation>
    </message>
    <message>
        <source>waiting</source>
        <translation>wartet</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <source>polling</source>
        <translation>Abfragen in Intervallen</translation>
    </message>
    <message>
        <source>commit notifications</source>
        <translation>Commit-Benachrichtigungen</translation>
    </message>
    <message>
        <source>the primary</source>
        <translation>der Primärserver</translation>
    </message>
    <message>
        <source>the primary (no replica can be read)</source>
        <translation>der Primärserver (kein Replikat lesbar)</translation>
    </message>
    <message>
        <source>a replica</source>
        <translation>ein Replikat</translation>
    </message>
    <message>
        <source>a replica, %1 bytes behind</source>
        <translation>ein Replikat, %1 Bytes zurück</translation>
    </message>
    <message>
        <source>a replica, %1 bytes and %2 ms behind</source>
        <translation>ein Replikat, %1 Bytes und %2 ms zurück</translation>
    </message>
    <message>
        <source>never ran</source>
        <translation>nie gelaufen</translation>
    </message>
</context>
<context>
    <name>Evented::SQLite</name>
    <message>
        <source>cannot use %1: %2</source>
        <translation>%1 kann nicht verwendet werden: %2</translation>
    </message>
</context>
<context>
    <name>Evented::SyncLink</name>
    <message>
        <source>the sync link is not attached to a local store: link() or attach() it first</source>
        <translation>die Sync-Verknüpfung hängt an keinem lokalen Store: zuerst link() oder attach() aufrufen</translation>
    </message>
    <message>
        <source>a sync link needs an SQLite local store; this one is PostgreSQL</source>
        <translation>eine Sync-Verknüpfung braucht einen lokalen SQLite-Store; dieser ist PostgreSQL</translation>
    </message>
    <message>
        <source>the upstream of a sync link must be a PostgreSQL store (postgresql://…): %1</source>
        <translation>der Upstream einer Sync-Verknüpfung muss ein PostgreSQL-Store sein (postgresql://…): %1</translation>
    </message>
    <message>
        <source>the store is linked already, to %1 (types: %2)</source>
        <translation>der Store ist bereits verknüpft, mit %1 (Typen: %2)</translation>
    </message>
    <message>
        <source>all</source>
        <translation>alle</translation>
    </message>
    <message>
        <source>the store is not linked to an upstream: link it first</source>
        <translation>der Store ist mit keinem Upstream verknüpft: verknüpfen Sie ihn zuerst</translation>
    </message>
    <message>
        <source>the entity type %1 is not synced by this link (types: %2)</source>
        <translation>der Entitätstyp %1 wird von dieser Verknüpfung nicht synchronisiert (Typen: %2)</translation>
    </message>
    <message>
        <source>command %1 was handled through the sync link before</source>
        <translation>der Befehl %1 wurde bereits über die Sync-Verknüpfung ausgeführt</translation>
    </message>
    <message>
        <source>the local store has %1 %2 at version %3 already, written other than through the sync link: the upstream&apos;s event cannot take its place</source>
        <translation>der lokale Store hat %1 %2 bereits in Version %3, nicht über die Sync-Verknüpfung geschrieben: das Ereignis des Upstreams kann nicht an seine Stelle treten</translation>
    </message>
    <message>
        <source>the local store kept changing during %1 rounds of sync (commands handled, another sync); sync again</source>
        <translation>der lokale Store änderte sich während %1 Sync-Runden immer weiter (ausgeführte Befehle, ein anderer Sync); erneut synchronisieren</translation>
    </message>
</context>
</TS>
