<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>Evented::Inspector::Banner</name>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>%1 (SQLSTATE %2)</source>
        <translation>%1 (SQLSTATE %2)</translation>
    </message>
</context>
<context>
    <name>Evented::Inspector::ChartsPage</name>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Events per minute, last hour</source>
        <translation>Ereignisse pro Minute, letzte Stunde</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>Ereignisse</translation>
    </message>
    <message>
        <source>Projection lag, last %1 minutes</source>
        <translation>Rückstand der Projektionen, letzte %1 Minuten</translation>
    </message>
    <message>
        <source>Events behind</source>
        <translation>Ereignisse im Rückstand</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>All types</source>
        <translation>Alle Typen</translation>
    </message>
    <message>
        <source>Events in the last hour: %1</source>
        <translation>Ereignisse in der letzten Stunde: %1</translation>
    </message>
    <message>
        <source>Per entity type</source>
        <translation>Je Entitätstyp</translation>
    </message>
    <message>
        <source>Per event</source>
        <translation>Je Ereignis</translation>
    </message>
</context>
<context>
    <name>Evented::Inspector::CommandPanel</name>
    <message>
        <source>New entity</source>
        <translation>Neue Entität</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Ausführen</translation>
    </message>
    <message>
        <source>Command</source>
        <translation>Befehl</translation>
    </message>
    <message>
        <source>Entity</source>
        <translation>Entität</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>JSON</source>
        <translation>JSON</translation>
    </message>
    <message>
        <source>Read-only: commands cannot be run.</source>
        <translation>Nur lesen: Befehle können nicht ausgeführt werden.</translation>
    </message>
    <message>
        <source>Select an entity type.</source>
        <translation>Wählen Sie einen Entitätstyp.</translation>
    </message>
    <message>
        <source>No commands: there is no domain code for the entity type %1.</source>
        <translation>Keine Befehle: Für den Entitätstyp %1 gibt es keinen Domänencode.</translation>
    </message>
    <message>
        <source>Runs on a new entity with the id above.</source>
        <translation>Läuft auf einer neuen Entität mit der obigen ID.</translation>
    </message>
    <message>
        <source>Runs on the selected entity at version %1.</source>
        <translation>Läuft auf der gewählten Entität in Version %1.</translation>
    </message>
    <message>
        <source>%1 needs a whole number</source>
        <translation>%1 braucht eine ganze Zahl</translation>
    </message>
    <message>
        <source>%1 needs a JSON value</source>
        <translation>%1 braucht einen JSON-Wert</translation>
    </message>
    <message>
        <source>Not run: %1 is not a valid id.</source>
        <translation>Nicht ausgeführt: %1 ist keine gültige ID.</translation>
    </message>
    <message>
        <source>Not run: %1.</source>
        <translation>Nicht ausgeführt: %1.</translation>
    </message>
    <message numerus="yes">
        <source>Applied: %n new event(s); the entity is at version %1.</source>
        <translation>
            <numerusform>Angewendet: %n neues Ereignis; die Entität ist in Version %1.</numerusform>
            <numerusform>Angewendet: %n neue Ereignisse; die Entität ist in Version %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>Rejected by the domain: %1</source>
        <translation>Von der Domäne abgelehnt: %1</translation>
    </message>
    <message>
        <source>Nothing was written.</source>
        <translation>Es wurde nichts geschrieben.</translation>
    </message>
    <message>
        <source>Version conflict: %1</source>
        <translation>Versionskonflikt: %1</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>Fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Not run: the domain&apos;s views could not be set up: %1</source>
        <translation>Nicht ausgeführt: Die Sichten der Domäne konnten nicht eingerichtet werden: %1</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Running…</source>
        <translation>Läuft…</translation>
    </message>
    <message>
        <source>Running %1…</source>
        <translation>%1 läuft…</translation>
    </message>
    <message>
        <source>Entity id: pick one of the list or type it</source>
        <translation>Entitäts-ID: aus der Liste wählen oder eingeben</translation>
    </message>
    <message>
        <source>Version %1, last changed %2</source>
        <translation>Version %1, zuletzt geändert %2</translation>
    </message>
    <message>
        <source>%1 needs an entity id</source>
        <translation>%1 braucht eine Entitäts-ID</translation>
    </message>
</context>
<context>
    <name>Evented::Inspector::ConnectDialog</name>
    <message>
        <source>Read-only: nothing can be written</source>
        <translation>Nur lesen: nichts kann geschrieben werden</translation>
    </message>
    <message>
        <source>Open a store</source>
        <translation>Store öffnen</translation>
    </message>
    <message>
        <source>SQLite file</source>
        <translation>SQLite-Datei</translation>
    </message>
    <message>
        <source>PostgreSQL server</source>
        <translation>PostgreSQL-Server</translation>
    </message>
    <message>
        <source>not remembered</source>
        <translation>wird nicht gespeichert</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>Host</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>Port</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>Datenbank</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Benutzer</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Passwort</translation>
    </message>
    <message>
        <source>Schema</source>
        <translation>Schema</translation>
    </message>
    <message>
        <source>Store</source>
        <translation>Store</translation>
    </message>
    <message>
        <source>Recent</source>
        <translation>Zuletzt geöffnet</translation>
    </message>
    <message>
        <source>SQLite store</source>
        <translation>SQLite-Store</translation>
    </message>
    <message>
        <source>SQLite databases (*.db *.sqlite *.sqlite3);;All files (*)</source>
        <translation>SQLite-Datenbanken (*.db *.sqlite *.sqlite3);;Alle Dateien (*)</translation>
    </message>
</context>
<context>
    <name>Evented::Inspector::EntitiesModel</name>
    <message>
        <source>Id</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>Last change</source>
        <translation>Letzte Änderung</translation>
    </message>
</context>
<context>
    <name>Evented::Inspector::EntitiesPage</name>
    <message>
        <source>Entity types</source>
        <translation>Entitätstypen</translation>
    </message>
    <message>
        <source>Filter by id…</source>
        <translation>Nach ID filtern…</translation>
    </message>
    <message>
        <source>Entities</source>
        <translation>Entitäten</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Verlauf</translation>
    </message>
    <message>
        <source>Replay</source>
        <translation>Wiedergabe</translation>
    </message>
    <message>
        <source>Commands</source>
        <translation>Befehle</translation>
    </message>
</context>
<context>
    <name>Evented::Inspector::EntityTypesModel</name>
    <message>
        <source>Entity type</source>
        <translation>Entitätstyp</translation>
    </message>
    <message>
        <source>Entities</source>
        <translation>Entitäten</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>Ereignisse</translation>
    </message>
</context>
<context>
    <name>Evented::Inspector::EventsModel</name>
    <message>
        <source>Seq no</source>
        <translation>Seq.-Nr.</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <source>Entity</source>
        <translation>Entität</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Ereignis</translation>
    </message>
    <message>
        <source>Recorded at</source>
        <translation>Aufgezeichnet</translation>
    </message>
    <message>
        <source>Metadata</source>
        <translation>Metadaten</translation>
    </message>
</context>
<context>
    <name>Evented::Inspector::HistoryCheckDialog</name>
    <message>
        <source>event</source>
        <translation>Ereignis</translation>
    </message>
    <message>
        <source>stale snapshot</source>
        <translation>veralteter Snapshot</translation>
    </message>
    <message>
        <source>undecodable snapshot</source>
        <translation>nicht dekodierbarer Snapshot</translation>
    </message>
    <message>
        <source>orphaned snapshot</source>
        <translation>verwaister Snapshot</translation>
    </message>
    <message>
        <source>Check history</source>
        <translation>Verlauf prüfen</translation>
    </message>
    <message>
        <source>Type / problem</source>
        <translation>Typ / Problem</translation>
    </message>
    <message>
        <source>Entity</source>
        <translation>Entität</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>Seq no</source>
        <translation>Seq.-Nr.</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <source>Reading every event with the domain&apos;s current code, folding every entity and comparing its snapshots…</source>
        <translation>Jedes Ereignis wird mit dem aktuellen Code der Domäne gelesen, jede Entität berechnet und ihre Snapshots werden verglichen…</translation>
    </message>
    <message>
        <source>Checking the history…</source>
        <translation>Verlauf wird geprüft…</translation>
    </message>
    <message>
        <source>Checking the history: %1 of %2 events…</source>
        <translation>Verlauf wird geprüft: %1 von %2 Ereignissen…</translation>
    </message>
    <message>
        <source>The history could not be read: %1</source>
        <translation>Der Verlauf konnte nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>%1 events, %2 entities, %3 snapshots compared, %4 of another state version, %5 problems</source>
        <translation>%1 Ereignisse, %2 Entitäten, %3 Snapshots verglichen, %4 mit anderer Zustandsversion, %5 Probleme</translation>
    </message>
    <message>
        <source>not checked: no domain code for this type</source>
        <translation>nicht geprüft: kein Domänencode für diesen Typ</translation>
    </message>
    <message>
        <source>The check was cancelled; what it read so far is shown.</source>
        <translation>Die Prüfung wurde abgebrochen; das bisher Gelesene wird gezeigt.</translation>
    </message>
    <message>
        <source>The history is sound: every event reads and folds with the current code, and every snapshot agrees.</source>
        <translation>Der Verlauf ist in Ordnung: Jedes Ereignis lässt sich mit dem aktuellen Code lesen und einrechnen, und jeder Snapshot stimmt überein.</translation>
    </message>
    <message numerus="yes">
        <source>%n problem(s) found.</source>
        <translation>
            <numerusform>%n Problem gefunden.</numerusform>
            <numerusform>%n Probleme gefunden.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Evented::Inspector::InspectorWidget</name>
    <message>
        <source>Entities</source>
        <translation>Entitäten</translation>
    </message>
    <message>
        <source>Event log</source>
        <translation>Ereignisprotokoll</translation>
    </message>
    <message>
        <source>Projections</source>
        <translation>Projektionen</translation>
    </message>
    <message>
        <source>%1 is not an entity id</source>
        <translation>%1 ist keine Entitäts-ID</translation>
    </message>
    <message>
        <source>All types</source>
        <translation>Alle Typen</translation>
    </message>
    <message numerus="yes">
        <source>Reading %n event(s)…</source>
        <translation>
            <numerusform>%n Ereignis wird gelesen…</numerusform>
            <numerusform>%n Ereignisse werden gelesen…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Reading the history was cancelled: the first %n event(s) are shown.</source>
        <translation>
            <numerusform>Das Lesen des Verlaufs wurde abgebrochen: Das erste Ereignis wird gezeigt.</numerusform>
            <numerusform>Das Lesen des Verlaufs wurde abgebrochen: Die ersten %n Ereignisse werden gezeigt.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 is not a command id</source>
        <translation>%1 ist keine Befehls-ID</translation>
    </message>
    <message>
        <source>%1 is not a correlation id</source>
        <translation>%1 ist keine Korrelations-ID</translation>
    </message>
    <message>
        <source>Charts</source>
        <translation>Diagramme</translation>
    </message>
    <message>
        <source>Next entity</source>
        <translation>Nächste Entität</translation>
    </message>
    <message>
        <source>Previous entity</source>
        <translation>Vorige Entität</translation>
    </message>
    <message>
        <source>Replay one event forward</source>
        <translation>Wiedergabe ein Ereignis vor</translation>
    </message>
    <message>
        <source>Replay one event back</source>
        <translation>Wiedergabe ein Ereignis zurück</translation>
    </message>
    <message>
        <source>Filter</source>
        <translation>Filter</translation>
    </message>
</context>
<context>
    <name>Evented::Inspector::InspectorWindow</name>
    <message>
        <source>&amp;Store</source>
        <translation>&amp;Store</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>Ö&amp;ffnen…</translation>
    </message>
    <message>
        <source>Open &amp;recent</source>
        <translation>&amp;Zuletzt geöffnet</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>&amp;Schließen</translation>
    </message>
    <message>
        <source>Read-&amp;only</source>
        <translation>Nur &amp;lesen</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>A&amp;ktualisieren</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Sprache</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>Systemsprache</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>Domain &amp;plugins…</source>
        <translation>Domänen-&amp;Plugins…</translation>
    </message>
    <message>
        <source>&amp;About</source>
        <translation>Ü&amp;ber</translation>
    </message>
    <message>
        <source>About the Evented inspector</source>
        <translation>Über den Evented-Inspektor</translation>
    </message>
    <message>
        <source>Browses the entities and events of an event store, replays histories, runs commands and watches projections.
Library schema version %1.</source>
        <translation>Durchsucht die Entitäten und Ereignisse eines Event Stores, spielt Verläufe ab, führt Befehle aus und beobachtet Projektionen.
Schemaversion der Bibliothek: %1.</translation>
    </message>
    <message>
        <source>Not an event store</source>
        <translation>Kein Event Store</translation>
    </message>
    <message>
        <source>%1 holds no event store. Create one there?</source>
        <translation>%1 enthält keinen Event Store. Dort einen anlegen?</translation>
    </message>
    <message>
        <source>Cannot open the store</source>
        <translation>Der Store kann nicht geöffnet werden</translation>
    </message>
    <message>
        <source>Check the host, port, database name, user and password, and that the server runs.</source>
        <translation>Prüfen Sie Host, Port, Datenbankname, Benutzer und Passwort und ob der Server läuft.</translation>
    </message>
    <message>
        <source>The database is not an event store of a version this inspector reads.</source>
        <translation>Die Datenbank ist kein Event Store in einer Version, die dieser Inspektor lesen kann.</translation>
    </message>
    <message>
        <source>The database holds no event store.</source>
        <translation>Die Datenbank enthält keinen Event Store.</translation>
    </message>
    <message>
        <source>Check the store URL.</source>
        <translation>Prüfen Sie die Store-URL.</translation>
    </message>
    <message>
        <source>%1 – Evented inspector</source>
        <translation>%1 – Evented-Inspektor</translation>
    </message>
    <message>
        <source>Evented inspector</source>
        <translation>Evented-Inspektor</translation>
    </message>
    <message numerus="yes">
        <source>No store open · %n plugin(s)</source>
        <translation>
            <numerusform>Kein Store geöffnet · %n Plugin</numerusform>
            <numerusform>Kein Store geöffnet · %n Plugins</numerusform>
        </translation>
    </message>
    <message>
        <source>Browses an event store: entities, histories, commands and projections.</source>
        <translation>Durchsucht einen Event Store: Entitäten, Verläufe, Befehle und Projektionen.</translation>
    </message>
    <message>
        <source>Open the store read-only.</source>
        <translation>Den Store nur lesend öffnen.</translation>
    </message>
    <message>
        <source>Look for domain plugins in &lt;DIR&gt; first (repeatable).</source>
        <translation>Domänen-Plugins zuerst in &lt;DIR&gt; suchen (wiederholbar).</translation>
    </message>
    <message>
        <source>Use &lt;LANGUAGE&gt; (de, fr, en) instead of the chosen one.</source>
        <translation>&lt;LANGUAGE&gt; (de, fr, en) statt der gewählten Sprache verwenden.</translation>
    </message>
    <message>
        <source>The store: sqlite:/path/file.db or postgresql://user@host/database.</source>
        <translation>Der Store: sqlite:/pfad/datei.db oder postgresql://benutzer@host/datenbank.</translation>
    </message>
    <message numerus="yes">
        <source>%1 · read-only · %n plugin(s)</source>
        <translation>
            <numerusform>%1 · nur lesen · %n Plugin</numerusform>
            <numerusform>%1 · nur lesen · %n Plugins</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 · %n plugin(s)</source>
        <translation>
            <numerusform>%1 · %n Plugin</numerusform>
            <numerusform>%1 · %n Plugins</numerusform>
        </translation>
    </message>
    <message>
        <source>Check &amp;history…</source>
        <translation>&amp;Verlauf prüfen…</translation>
    </message>
    <message>
        <source>Reads every event with the plugins&apos; current code, folds every entity and compares its snapshots</source>
        <translation>Liest jedes Ereignis mit dem aktuellen Code der Plugins, berechnet jede Entität und vergleicht ihre Snapshots</translation>
    </message>
</context>
<context>
    <name>Evented::Inspector::LogPage</name>
    <message>
        <source>Entity id</source>
        <translation>Entitäts-ID</translation>
    </message>
    <message>
        <source>Event name</source>
        <translation>Ereignisname</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <source>Correlation id</source>
        <translation>Korrelations-ID</translation>
    </message>
    <message>
        <source>Only the events of one conversation: a chain of commands and the events they appended</source>
        <translation>Nur die Ereignisse einer Konversation: eine Kette von Befehlen und die Ereignisse, die sie angehängt haben</translation>
    </message>
    <message>
        <source>Command id</source>
        <translation>Befehls-ID</translation>
    </message>
    <message>
        <source>Only the events one command appended (their causation id)</source>
        <translation>Nur die Ereignisse, die ein Befehl angehängt hat (ihre Kausations-ID)</translation>
    </message>
    <message>
        <source>Events of its command</source>
        <translation>Ereignisse seines Befehls</translation>
    </message>
    <message>
        <source>Show the events the command that appended the selected event appended</source>
        <translation>Zeigt die Ereignisse, die der Befehl angehängt hat, der das gewählte Ereignis angehängt hat</translation>
    </message>
    <message>
        <source>Events of its correlation</source>
        <translation>Ereignisse seiner Korrelation</translation>
    </message>
    <message>
        <source>Show the events of the selected event&apos;s conversation</source>
        <translation>Zeigt die Ereignisse der Konversation des gewählten Ereignisses</translation>
    </message>
    <message>
        <source>Event contains JSON</source>
        <translation>Ereignis enthält JSON</translation>
    </message>
    <message>
        <source>Only the events whose JSON contains this object, for example {&quot;Increased&quot;: {&quot;inc&quot;: 5}}: each key given with the value given; an array given matches an array that has its elements</source>
        <translation>Nur die Ereignisse, deren JSON dieses Objekt enthält, zum Beispiel {&quot;Increased&quot;: {&quot;inc&quot;: 5}}: jeder angegebene Schlüssel mit dem angegebenen Wert; ein angegebenes Array passt zu einem Array, das seine Elemente hat</translation>
    </message>
</context>
<context>
    <name>Evented::Inspector::ParkedModel</name>
    <message>
        <source>Seq no</source>
        <translation>Seq.-Nr.</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <source>Entity</source>
        <translation>Entität</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Ereignis</translation>
    </message>
    <message>
        <source>Parked at</source>
        <translation>Zurückgestellt am</translation>
    </message>
    <message>
        <source>Re-runs</source>
        <translation>Erneute Läufe</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
</context>
<context>
    <name>Evented::Inspector::PluginsDialog</name>
    <message>
        <source>Domain plugins</source>
        <translation>Domänen-Plugins</translation>
    </message>
    <message>
        <source>Plugin</source>
        <translation>Plugin</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Entity types</source>
        <translation>Entitätstypen</translation>
    </message>
    <message>
        <source>Projections</source>
        <translation>Projektionen</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Searched: %1 (and the directories in EVENTED_PLUGIN_PATH)</source>
        <translation>Durchsucht: %1 (und die Verzeichnisse in EVENTED_PLUGIN_PATH)</translation>
    </message>
    <message>
        <source>no directory</source>
        <translation>kein Verzeichnis</translation>
    </message>
</context>
<context>
    <name>Evented::Inspector::ProgressStrip</name>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>This task cannot be cancelled once begun.</source>
        <translation>Diese Aufgabe kann nach dem Beginn nicht abgebrochen werden.</translation>
    </message>
</context>
<context>
    <name>Evented::Inspector::ProjectionsModel</name>
    <message>
        <source>pid %1 since %2</source>
        <translation>PID %1 seit %2</translation>
    </message>
    <message>
        <source>at %1: %2</source>
        <translation>bei %1: %2</translation>
    </message>
    <message>
        <source>Projection</source>
        <translation>Projektion</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>Position</translation>
    </message>
    <message>
        <source>Lag</source>
        <translation>Rückstand</translation>
    </message>
    <message>
        <source>Waiting on</source>
        <translation>Wartet auf</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Besitzer</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>Aktualisiert</translation>
    </message>
</context>
<context>
    <name>Evented::Inspector::ProjectionsPanel</name>
    <message>
        <source>Rebuild…</source>
        <translation>Neu aufbauen…</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>Read-only: projections cannot be rebuilt.</source>
        <translation>Nur lesen: Projektionen können nicht neu aufgebaut werden.</translation>
    </message>
    <message>
        <source>Rebuild</source>
        <translation>Neu aufbauen</translation>
    </message>
    <message>
        <source>There is no domain code for the projection %1, so it cannot be run here.</source>
        <translation>Für die Projektion %1 gibt es keinen Domänencode, daher kann sie hier nicht laufen.</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Starten</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Stoppen</translation>
    </message>
    <message>
        <source>Re-run</source>
        <translation>Erneut ausführen</translation>
    </message>
    <message>
        <source>Read-only: projections cannot be run here.</source>
        <translation>Nur lesen: Projektionen können hier nicht laufen.</translation>
    </message>
    <message>
        <source>Read-only: parked events cannot be re-run.</source>
        <translation>Nur lesen: zurückgestellte Ereignisse können nicht erneut ausgeführt werden.</translation>
    </message>
    <message>
        <source>Runs the projection here, with the domain&apos;s code, until Stop</source>
        <translation>Führt die Projektion hier mit dem Code der Domäne aus, bis sie gestoppt wird</translation>
    </message>
    <message>
        <source>Stops the projection that runs here; its position stays</source>
        <translation>Stoppt die Projektion, die hier läuft; ihre Position bleibt</translation>
    </message>
    <message>
        <source>Runs the domain&apos;s handler again on every parked event of the projection; those that fail again stay parked</source>
        <translation>Führt den Handler der Domäne erneut auf jedes zurückgestellte Ereignis der Projektion aus; die wieder fehlschlagen, bleiben zurückgestellt</translation>
    </message>
    <message>
        <source>Parked events</source>
        <translation>Zurückgestellte Ereignisse</translation>
    </message>
    <message>
        <source>Parked events of %1</source>
        <translation>Zurückgestellte Ereignisse von %1</translation>
    </message>
    <message>
        <source>Re-running the parked events of %1…</source>
        <translation>Die zurückgestellten Ereignisse von %1 werden erneut ausgeführt…</translation>
    </message>
    <message>
        <source>Re-run of %1: %2, %3.</source>
        <translation>Erneuter Lauf von %1: %2, %3.</translation>
    </message>
    <message numerus="yes">
        <source>%n applied</source>
        <translation>
            <numerusform>%n angewandt</numerusform>
            <numerusform>%n angewandt</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n failed again</source>
        <translation>
            <numerusform>%n erneut fehlgeschlagen</numerusform>
            <numerusform>%n erneut fehlgeschlagen</numerusform>
        </translation>
    </message>
    <message>
        <source>Builds the projection anew beside its view while it keeps running, compares the two key by key and swaps the new one in; one that declares no view is rebuilt in place</source>
        <translation>Baut die Projektion neben ihrer Sicht neu auf, während sie weiterläuft, vergleicht beide Schlüssel für Schlüssel und setzt die neue ein; eine, die keine Sicht deklariert, wird an Ort und Stelle neu aufgebaut</translation>
    </message>
    <message>
        <source>Build %1 anew beside its view, from the first event, while it keeps running, and compare the two key by key?</source>
        <translation>%1 neben ihrer Sicht ab dem ersten Ereignis neu aufbauen, während sie weiterläuft, und beide Schlüssel für Schlüssel vergleichen?</translation>
    </message>
    <message>
        <source>Rebuild and swap puts the new version in place of the view when no key differs; Verify only compares and keeps the view. Once begun, neither can be cancelled. A projection that declares no view can only be rebuilt in place: you are asked then.</source>
        <translation>Neu aufbauen und tauschen setzt die neue Version an die Stelle der Sicht, wenn kein Schlüssel abweicht; Nur prüfen vergleicht und behält die Sicht. Nach dem Beginn kann keines von beiden abgebrochen werden. Eine Projektion, die keine Sicht deklariert, kann nur an Ort und Stelle neu aufgebaut werden: Sie werden dann gefragt.</translation>
    </message>
    <message>
        <source>Rebuild and swap</source>
        <translation>Neu aufbauen und tauschen</translation>
    </message>
    <message>
        <source>Verify only</source>
        <translation>Nur prüfen</translation>
    </message>
    <message>
        <source>Verifying %1 beside its view…</source>
        <translation>%1 wird neben ihrer Sicht geprüft…</translation>
    </message>
    <message>
        <source>Rebuilding %1 beside its view…</source>
        <translation>%1 wird neben ihrer Sicht neu aufgebaut…</translation>
    </message>
    <message>
        <source>%1 cannot be rebuilt beside its view. Clear its view and project every event again here instead?</source>
        <translation>%1 kann nicht neben ihrer Sicht neu aufgebaut werden. Stattdessen ihre Sicht leeren und hier alle Ereignisse erneut projizieren?</translation>
    </message>
    <message>
        <source>%1 built anew and compared at seq_no %2: %3, %4 compared, %5 differ. %6 (%7 ms)</source>
        <translation>%1 neu aufgebaut und bei seq_no %2 verglichen: %3, %4 verglichen, %5 weichen ab. %6 (%7 ms)</translation>
    </message>
    <message numerus="yes">
        <source>%n event(s)</source>
        <translation>
            <numerusform>%n Ereignis</numerusform>
            <numerusform>%n Ereignisse</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n key(s)</source>
        <translation>
            <numerusform>%n Schlüssel</numerusform>
            <numerusform>%n Schlüssel</numerusform>
        </translation>
    </message>
    <message>
        <source>The new version is the view now.</source>
        <translation>Die neue Version ist jetzt die Sicht.</translation>
    </message>
    <message>
        <source>Verified only: the view is as it was.</source>
        <translation>Nur geprüft: Die Sicht ist, wie sie war.</translation>
    </message>
    <message>
        <source>The view is as it was.</source>
        <translation>Die Sicht ist, wie sie war.</translation>
    </message>
    <message numerus="yes">
        <source>… and %n more</source>
        <translation>
            <numerusform>… und %n weiterer</numerusform>
            <numerusform>… und %n weitere</numerusform>
        </translation>
    </message>
    <message>
        <source>Keys that differ:
%1</source>
        <translation>Abweichende Schlüssel:
%1</translation>
    </message>
    <message numerus="yes">
        <source>%n key(s) of %1 differ, so the view was kept. Swap anyway?</source>
        <translation>
            <numerusform>%n Schlüssel von %1 weicht ab, daher wurde die Sicht behalten. Trotzdem tauschen?</numerusform>
            <numerusform>%n Schlüssel von %1 weichen ab, daher wurde die Sicht behalten. Trotzdem tauschen?</numerusform>
        </translation>
    </message>
    <message>
        <source>Builds the new version again and puts it in place even though keys differ: when the handler changed on purpose.</source>
        <translation>Baut die neue Version erneut auf und setzt sie ein, obwohl Schlüssel abweichen: wenn der Handler absichtlich geändert wurde.</translation>
    </message>
    <message>
        <source>Rebuilding %1 in place…</source>
        <translation>%1 wird an Ort und Stelle neu aufgebaut…</translation>
    </message>
    <message>
        <source>%1 rebuilt in place: at seq_no %2 of %3.</source>
        <translation>%1 an Ort und Stelle neu aufgebaut: bei seq_no %2 von %3.</translation>
    </message>
</context>
<context>
    <name>Evented::Inspector::ReplayPanel</name>
    <message>
        <source>%1: added %2</source>
        <translation>%1: hinzugefügt %2</translation>
    </message>
    <message>
        <source>%1: %2 → %3</source>
        <translation>%1: %2 → %3</translation>
    </message>
    <message>
        <source>%1: removed</source>
        <translation>%1: entfernt</translation>
    </message>
    <message>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <source>(no change)</source>
        <translation>(keine Änderung)</translation>
    </message>
    <message>
        <source>First event</source>
        <translation>Erstes Ereignis</translation>
    </message>
    <message>
        <source>Back one event</source>
        <translation>Ein Ereignis zurück</translation>
    </message>
    <message>
        <source>Forward one event</source>
        <translation>Ein Ereignis vor</translation>
    </message>
    <message>
        <source>Last event</source>
        <translation>Letztes Ereignis</translation>
    </message>
    <message>
        <source>State after this event</source>
        <translation>Zustand nach diesem Ereignis</translation>
    </message>
    <message>
        <source>Change from the state before</source>
        <translation>Änderung gegenüber dem vorigen Zustand</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Ereignis</translation>
    </message>
    <message>
        <source>Version %1 of %2</source>
        <translation>Version %1 von %2</translation>
    </message>
    <message>
        <source>Select an entity to replay its history.</source>
        <translation>Wählen Sie eine Entität, um ihren Verlauf abzuspielen.</translation>
    </message>
    <message>
        <source>No state: there is no domain code for the entity type %1. Load a plugin that provides it, or register the type in the application that embeds the inspector. The events are shown as stored.</source>
        <translation>Kein Zustand: Für den Entitätstyp %1 gibt es keinen Domänencode. Laden Sie ein Plugin, das ihn bereitstellt, oder registrieren Sie den Typ in der Anwendung, die den Inspektor einbettet. Die Ereignisse werden so gezeigt, wie sie gespeichert sind.</translation>
    </message>
    <message>
        <source>The event at version %1 (seq no %2) cannot be decoded: %3</source>
        <translation>Das Ereignis in Version %1 (Seq.-Nr. %2) kann nicht dekodiert werden: %3</translation>
    </message>
    <message>
        <source>The state before the first event.</source>
        <translation>Der Zustand vor dem ersten Ereignis.</translation>
    </message>
    <message>
        <source>A load of this entity starts from its snapshot at version %1 and gives another state than its events do: the snapshot is stale. Check the history (Store menu).</source>
        <translation>Das Laden dieser Entität beginnt bei ihrem Snapshot in Version %1 und ergibt einen anderen Zustand als ihre Ereignisse: Der Snapshot ist veraltet. Prüfen Sie den Verlauf (Menü Store).</translation>
    </message>
    <message>
        <source>A load of this entity starts from its snapshot at version %1.</source>
        <translation>Das Laden dieser Entität beginnt bei ihrem Snapshot in Version %1.</translation>
    </message>
    <message>
        <source>Compare with the state after version</source>
        <translation>Vergleichen mit dem Zustand nach Version</translation>
    </message>
    <message>
        <source>The version whose state is shown beside this one; 0 is the state before the first event</source>
        <translation>Die Version, deren Zustand neben diesem gezeigt wird; 0 ist der Zustand vor dem ersten Ereignis</translation>
    </message>
    <message>
        <source>Version %1 cannot be folded: %2</source>
        <translation>Version %1 lässt sich nicht berechnen: %2</translation>
    </message>
    <message>
        <source>Fields that differ: %1</source>
        <translation>Abweichende Felder: %1</translation>
    </message>
</context>
<context>
    <name>Evented::Inspector::StateComparisonModel</name>
    <message>
        <source>(the state)</source>
        <translation>(der Zustand)</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(keins)</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Feld</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>Vorher</translation>
    </message>
    <message>
        <source>Version %1</source>
        <translation>Version %1</translation>
    </message>
    <message>
        <source>After</source>
        <translation>Nachher</translation>
    </message>
</context>
<context>
    <name>Evented::Inspector::SyncStatus</name>
    <message>
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message>
        <source>Linked to %1. Pending commands: %2; rejected: %3; last sync: %4</source>
        <translation>Verbunden mit %1. Ausstehende Befehle: %2; abgelehnt: %3; letzter Abgleich: %4</translation>
    </message>
    <message>
        <source>last error: %1</source>
        <translation>letzter Fehler: %1</translation>
    </message>
</context>
</TS>
