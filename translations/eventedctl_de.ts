<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>eventedctl</name>
    <message>
        <source>Try &apos;eventedctl --help&apos;.</source>
        <translation>Siehe &apos;eventedctl --help&apos;.</translation>
    </message>
    <message>
        <source>line %1: %2</source>
        <translation>Zeile %1: %2</translation>
    </message>
    <message>
        <source>Create or upgrade the schema.</source>
        <translation>Legt das Schema an oder aktualisiert es.</translation>
    </message>
    <message>
        <source>schema version %1</source>
        <translation>Schemaversion %1</translation>
    </message>
    <message>
        <source>Events and entities per type, head seq_no, database size.</source>
        <translation>Ereignisse und Entitäten je Typ, höchste seq_no, Datenbankgröße.</translation>
    </message>
    <message>
        <source>type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <source>events</source>
        <translation>Ereignisse</translation>
    </message>
    <message>
        <source>entities</source>
        <translation>Entitäten</translation>
    </message>
    <message>
        <source>events: %1, head seq_no: %2, database size: %3 bytes</source>
        <translation>Ereignisse: %1, höchste seq_no: %2, Datenbankgröße: %3 Bytes</translation>
    </message>
    <message>
        <source>Entities with their version and last change.</source>
        <translation>Entitäten mit Version und letzter Änderung.</translation>
    </message>
    <message>
        <source>Only entities of type &lt;T&gt;.</source>
        <translation>Nur Entitäten vom Typ &lt;T&gt;.</translation>
    </message>
    <message>
        <source>id</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>version</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>last change</source>
        <translation>letzte Änderung</translation>
    </message>
    <message>
        <source>Events in seq_no order, as a table or JSON lines.</source>
        <translation>Ereignisse in seq_no-Reihenfolge, als Tabelle oder JSON-Zeilen.</translation>
    </message>
    <message>
        <source>Only events of entity type &lt;T&gt;.</source>
        <translation>Nur Ereignisse von Entitäten des Typs &lt;T&gt;.</translation>
    </message>
    <message>
        <source>Only events of entity &lt;ID&gt;.</source>
        <translation>Nur Ereignisse der Entität &lt;ID&gt;.</translation>
    </message>
    <message>
        <source>Only events named &lt;NAME&gt;.</source>
        <translation>Nur Ereignisse namens &lt;NAME&gt;.</translation>
    </message>
    <message>
        <source>From seq_no &lt;SEQ&gt;.</source>
        <translation>Ab seq_no &lt;SEQ&gt;.</translation>
    </message>
    <message>
        <source>Up to seq_no &lt;SEQ&gt;.</source>
        <translation>Bis seq_no &lt;SEQ&gt;.</translation>
    </message>
    <message>
        <source>--%1 needs a positive seq_no</source>
        <translation>--%1 braucht eine positive seq_no</translation>
    </message>
    <message>
        <source>seq_no</source>
        <translation>seq_no</translation>
    </message>
    <message>
        <source>entity</source>
        <translation>Entität</translation>
    </message>
    <message>
        <source>event</source>
        <translation>Ereignis</translation>
    </message>
    <message>
        <source>recorded at</source>
        <translation>aufgezeichnet</translation>
    </message>
    <message>
        <source>data</source>
        <translation>Daten</translation>
    </message>
    <message>
        <source>pid %1</source>
        <translation>PID %1</translation>
    </message>
    <message>
        <source>at %1: %2</source>
        <translation>bei %1: %2</translation>
    </message>
    <message>
        <source>name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>position</source>
        <translation>Position</translation>
    </message>
    <message>
        <source>lag</source>
        <translation>Rückstand</translation>
    </message>
    <message>
        <source>state</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>waiting on</source>
        <translation>wartet auf</translation>
    </message>
    <message>
        <source>error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Set projection NAME back to the beginning (its view is left as it is).</source>
        <translation>Setzt die Projektion NAME an den Anfang zurück (ihre Sicht bleibt, wie sie ist).</translation>
    </message>
    <message>
        <source>projection %1 reset</source>
        <translation>Projektion %1 zurückgesetzt</translation>
    </message>
    <message>
        <source>Write all events as JSON lines to FILE (default: standard output).</source>
        <translation>Schreibt alle Ereignisse als JSON-Zeilen nach FILE (Vorgabe: Standardausgabe).</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>Add the events of JSON lines from FILE (default: standard input); all or nothing, and events already there are skipped.</source>
        <translation>Fügt die Ereignisse der JSON-Zeilen aus FILE hinzu (Vorgabe: Standardeingabe); alles oder nichts, schon vorhandene Ereignisse werden übersprungen.</translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>imported %1 of %2 events</source>
        <translation>%1 von %2 Ereignissen importiert</translation>
    </message>
    <message>
        <source>The target store.</source>
        <translation>Der Ziel-Store.</translation>
    </message>
    <message>
        <source>copy needs --to URL</source>
        <translation>copy braucht --to URL</translation>
    </message>
    <message>
        <source>copied %1 events</source>
        <translation>%1 Ereignisse kopiert</translation>
    </message>
    <message>
        <source>Check version continuity, JSON and the event envelope; exit 1 on any problem.</source>
        <translation>Prüft lückenlose Versionen, JSON und die Ereignishülle; Exit-Code 1 bei jedem Problem.</translation>
    </message>
    <message>
        <source>seq_no %1: %2</source>
        <translation>seq_no %1: %2</translation>
    </message>
    <message>
        <source>problems found: %1</source>
        <translation>gefundene Probleme: %1</translation>
    </message>
    <message>
        <source>no problems found</source>
        <translation>keine Probleme gefunden</translation>
    </message>
    <message>
        <source>Inspect and manage an event store.</source>
        <translation>Untersucht und verwaltet einen Event-Store.</translation>
    </message>
    <message>
        <source>The store (default: $EVENTED_URL).</source>
        <translation>Der Store (Vorgabe: $EVENTED_URL).</translation>
    </message>
    <message>
        <source>One of:</source>
        <translation>Einer von:</translation>
    </message>
    <message>
        <source>no command given</source>
        <translation>kein Befehl angegeben</translation>
    </message>
    <message>
        <source>unknown command %1</source>
        <translation>unbekannter Befehl %1</translation>
    </message>
    <message>
        <source>The store is given by --url URL before the command, or $EVENTED_URL.</source>
        <translation>Der Store wird mit --url URL vor dem Befehl angegeben oder mit $EVENTED_URL.</translation>
    </message>
    <message>
        <source>wrong number of arguments for %1</source>
        <translation>falsche Anzahl von Argumenten für %1</translation>
    </message>
    <message>
        <source>no store: give --url URL or set EVENTED_URL</source>
        <translation>kein Store: geben Sie --url URL an oder setzen Sie EVENTED_URL</translation>
    </message>
    <message>
        <source>command</source>
        <translation>Befehl</translation>
    </message>
    <message>
        <source>parameters (defaults)</source>
        <translation>Parameter (Vorgaben)</translation>
    </message>
    <message>
        <source>no plugin files found</source>
        <translation>keine Plugin-Dateien gefunden</translation>
    </message>
    <message>
        <source>file</source>
        <translation>Datei</translation>
    </message>
    <message>
        <source>status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>entity types</source>
        <translation>Entitätstypen</translation>
    </message>
    <message>
        <source>projections</source>
        <translation>Projektionen</translation>
    </message>
    <message>
        <source>why</source>
        <translation>Grund</translation>
    </message>
    <message>
        <source>searched: %1</source>
        <translation>durchsucht: %1</translation>
    </message>
    <message>
        <source>no domain plugin knows the entity type %1: none was found (see eventedctl plugins)</source>
        <translation>kein Domänen-Plugin kennt den Entitätstyp %1: es wurde keines gefunden (siehe eventedctl plugins)</translation>
    </message>
    <message>
        <source>no domain plugin knows the entity type %1 (known: %2)</source>
        <translation>kein Domänen-Plugin kennt den Entitätstyp %1 (bekannt: %2)</translation>
    </message>
    <message>
        <source>the entity type %1 has no command %2 (known: %3)</source>
        <translation>der Entitätstyp %1 hat keinen Befehl %2 (bekannt: %3)</translation>
    </message>
    <message>
        <source>cannot set up the domains: %1</source>
        <translation>die Domänen können nicht eingerichtet werden: %1</translation>
    </message>
    <message>
        <source>the entity id must be a UUID: %1</source>
        <translation>die Entitäts-ID muss eine UUID sein: %1</translation>
    </message>
    <message>
        <source>--version needs a version of 0 or more</source>
        <translation>--version braucht eine Version von 0 oder mehr</translation>
    </message>
    <message>
        <source>version %1</source>
        <translation>Version %1</translation>
    </message>
    <message>
        <source>the parameters are not valid JSON: %1 at offset %2</source>
        <translation>die Parameter sind kein gültiges JSON: %1 an Position %2</translation>
    </message>
    <message>
        <source>the parameters must be a JSON object</source>
        <translation>die Parameter müssen ein JSON-Objekt sein</translation>
    </message>
    <message>
        <source>--expect-version needs a version of 0 or more</source>
        <translation>--expect-version braucht eine Version von 0 oder mehr</translation>
    </message>
    <message>
        <source>rejected: %1 %2</source>
        <translation>abgelehnt: %1 %2</translation>
    </message>
    <message>
        <source>%1: %2, position %3, lag %4</source>
        <translation>%1: %2, Position %3, Rückstand %4</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>cannot watch for signals: %1</source>
        <translation>Signale können nicht überwacht werden: %1</translation>
    </message>
    <message>
        <source>running projections: %1</source>
        <translation>Projektionen laufen: %1</translation>
    </message>
    <message>
        <source>no domain plugin has a projection %1</source>
        <translation>kein Domänen-Plugin hat eine Projektion %1</translation>
    </message>
    <message>
        <source>no projections to run: no domain plugin has one (see eventedctl plugins)</source>
        <translation>keine Projektionen auszuführen: kein Domänen-Plugin hat eine (siehe eventedctl plugins)</translation>
    </message>
    <message>
        <source>The domain plugins found: status, entity types, projections, commands.</source>
        <translation>Die gefundenen Domänen-Plugins: Status, Entitätstypen, Projektionen, Befehle.</translation>
    </message>
    <message>
        <source>The state after version &lt;N&gt; (default: after all events).</source>
        <translation>Der Zustand nach Version &lt;N&gt; (Vorgabe: nach allen Ereignissen).</translation>
    </message>
    <message>
        <source>Handle COMMAND with the JSON object JSON-PARAMETERS on entity ID of type TYPE; print the new events.</source>
        <translation>Führt COMMAND mit dem JSON-Objekt JSON-PARAMETERS auf der Entität ID vom Typ TYPE aus; gibt die neuen Ereignisse aus.</translation>
    </message>
    <message>
        <source>Handle it only if the entity is at version &lt;N&gt;, without retrying on a conflict.</source>
        <translation>Nur ausführen, wenn die Entität bei Version &lt;N&gt; steht; bei einem Konflikt nicht wiederholen.</translation>
    </message>
    <message>
        <source>Run the plugins&apos; projections, printing their states, until SIGTERM or SIGINT.</source>
        <translation>Führt die Projektionen der Plugins bis SIGTERM oder SIGINT aus und gibt ihre Zustände aus.</translation>
    </message>
    <message>
        <source>Run projection &lt;NAME&gt; (repeatable; default: all of them).</source>
        <translation>Projektion &lt;NAME&gt; ausführen (wiederholbar; Vorgabe: alle).</translation>
    </message>
    <message>
        <source>Domain plugins are looked for in each --plugin-path DIR before the command, then in $EVENTED_PLUGIN_PATH, then beside the program.</source>
        <translation>Domänen-Plugins werden in jedem --plugin-path DIR vor dem Befehl gesucht, dann in $EVENTED_PLUGIN_PATH, dann neben dem Programm.</translation>
    </message>
    <message>
        <source>Look for domain plugins in &lt;DIR&gt; first (repeatable).</source>
        <translation>Domänen-Plugins zuerst in &lt;DIR&gt; suchen (wiederholbar).</translation>
    </message>
    <message>
        <source>following the events as they are committed; stop with Ctrl-C</source>
        <translation>Ereignisse werden ausgegeben, sobald sie festgeschrieben sind; Abbruch mit Strg-C</translation>
    </message>
    <message>
        <source>--follow prints the events committed from now on: it takes no --from or --to</source>
        <translation>--follow gibt die ab jetzt festgeschriebenen Ereignisse aus: es nimmt weder --from noch --to</translation>
    </message>
    <message>
        <source>Print the events committed from now on, by any process, as they commit, until SIGTERM or SIGINT.</source>
        <translation>Gibt die ab jetzt festgeschriebenen Ereignisse aller Prozesse aus, sobald sie festgeschrieben sind, bis SIGTERM oder SIGINT.</translation>
    </message>
    <message>
        <source>no domain plugin with entity types was found (see eventedctl plugins)</source>
        <translation>es wurde kein Domänen-Plugin mit Entitätstypen gefunden (siehe eventedctl plugins)</translation>
    </message>
    <message>
        <source>from snapshot at version %1</source>
        <translation>ab Snapshot in Version %1</translation>
    </message>
    <message>
        <source>The state of entity ID of type TYPE as JSON, its version, and the snapshot it started from.</source>
        <translation>Der Zustand der Entität ID vom Typ TYPE als JSON, ihre Version und der Snapshot, von dem ausgegangen wurde.</translation>
    </message>
    <message>
        <source>Fold from the first event even where a snapshot is stored (as --version always does).</source>
        <translation>Den Zustand ab dem ersten Ereignis berechnen, auch wenn ein Snapshot gespeichert ist (wie es --version immer tut).</translation>
    </message>
    <message>
        <source>Show the events as stored, not in the current shapes and versions of the plugins&apos; code.</source>
        <translation>Die Ereignisse so anzeigen, wie sie gespeichert sind, nicht in den aktuellen Formen und Versionen des Codes der Plugins.</translation>
    </message>
    <message>
        <source>snapshot</source>
        <translation>Snapshot</translation>
    </message>
    <message>
        <source>not checked</source>
        <translation>nicht geprüft</translation>
    </message>
    <message>
        <source>snapshots compared</source>
        <translation>verglichene Snapshots</translation>
    </message>
    <message>
        <source>snapshots outdated</source>
        <translation>veraltete Snapshots</translation>
    </message>
    <message>
        <source>problems</source>
        <translation>Probleme</translation>
    </message>
    <message>
        <source>problem</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>stopped before the end: not every event was checked</source>
        <translation>vor dem Ende angehalten: nicht alle Ereignisse wurden geprüft</translation>
    </message>
    <message>
        <source>--batch-size needs a number of events of 1 or more</source>
        <translation>--batch-size braucht eine Anzahl von Ereignissen von 1 oder mehr</translation>
    </message>
    <message>
        <source>events read: %1, would rewrite: %2</source>
        <translation>gelesene Ereignisse: %1, neu zu schreiben: %2</translation>
    </message>
    <message>
        <source>events read: %1, rewritten: %2</source>
        <translation>gelesene Ereignisse: %1, neu geschrieben: %2</translation>
    </message>
    <message>
        <source>events left as they are: %1</source>
        <translation>unverändert gelassene Ereignisse: %1</translation>
    </message>
    <message>
        <source>stopped before the end: run it again to go on</source>
        <translation>vor dem Ende angehalten: zum Fortsetzen erneut ausführen</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <source>current</source>
        <translation>aktuell</translation>
    </message>
    <message>
        <source>stale</source>
        <translation>veraltet</translation>
    </message>
    <message>
        <source>state version</source>
        <translation>Zustandsversion</translation>
    </message>
    <message>
        <source>snapshots</source>
        <translation>Snapshots</translation>
    </message>
    <message>
        <source>bytes</source>
        <translation>Bytes</translation>
    </message>
    <message>
        <source>snapshot at version %1</source>
        <translation>Snapshot in Version %1</translation>
    </message>
    <message>
        <source>deleted %1 snapshots</source>
        <translation>%1 Snapshots gelöscht</translation>
    </message>
    <message>
        <source>Fold every stored entity with the plugins&apos; code and check its snapshots, read-only; exit 1 on any problem.</source>
        <translation>Berechnet jede gespeicherte Entität mit dem Code der Plugins und prüft ihre Snapshots, nur lesend; Exit-Code 1 bei jedem Problem.</translation>
    </message>
    <message>
        <source>Check only entity type &lt;T&gt; (repeatable; default: every type a plugin knows).</source>
        <translation>Nur den Entitätstyp &lt;T&gt; prüfen (wiederholbar; Vorgabe: jeder Typ, den ein Plugin kennt).</translation>
    </message>
    <message>
        <source>Rewrite stored events in the plugins&apos; current shapes, for stores that no evented service or older build reads.</source>
        <translation>Schreibt gespeicherte Ereignisse in den aktuellen Formen der Plugins neu, für Stores, die kein evented-Dienst und kein älterer Build liest.</translation>
    </message>
    <message>
        <source>Upgrade only entity type &lt;T&gt; (repeatable; default: every type a plugin knows).</source>
        <translation>Nur den Entitätstyp &lt;T&gt; aktualisieren (wiederholbar; Vorgabe: jeder Typ, den ein Plugin kennt).</translation>
    </message>
    <message>
        <source>Count what would be rewritten and write nothing.</source>
        <translation>Zählen, was neu geschrieben würde, und nichts schreiben.</translation>
    </message>
    <message>
        <source>Rewrite &lt;N&gt; events per transaction (default: 1000); a stopped upgrade goes on where it was when run again.</source>
        <translation>&lt;N&gt; Ereignisse je Transaktion neu schreiben (Vorgabe: 1000); eine angehaltene Aktualisierung setzt beim erneuten Ausführen dort fort, wo sie war.</translation>
    </message>
    <message>
        <source>Snapshots per type and state version: current, stale or unknown to the plugins&apos; code.</source>
        <translation>Snapshots je Typ und Zustandsversion: aktuell, veraltet oder dem Code der Plugins unbekannt.</translation>
    </message>
    <message>
        <source>Take a snapshot of entity ID of type TYPE now; print its version.</source>
        <translation>Erstellt jetzt einen Snapshot der Entität ID vom Typ TYPE; gibt seine Version aus.</translation>
    </message>
    <message>
        <source>Delete the snapshots of entity type TYPE (default: all).</source>
        <translation>Löscht die Snapshots des Entitätstyps TYPE (Vorgabe: alle).</translation>
    </message>
    <message>
        <source>Write the events in the current shapes and versions of the plugins&apos; code instead of as stored (an event no upcaster takes there fails the export).</source>
        <translation>Die Ereignisse in den aktuellen Formen und Versionen des Codes der Plugins schreiben statt wie gespeichert (ein Ereignis, das kein Upcaster dorthin bringt, lässt den Export fehlschlagen).</translation>
    </message>
    <message>
        <source>copied %1 snapshots</source>
        <translation>%1 Snapshots kopiert</translation>
    </message>
    <message>
        <source>Copy the whole store (events as stored, then snapshots) to the store at --to URL, resuming after the last event there.</source>
        <translation>Kopiert den ganzen Store (die Ereignisse wie gespeichert, dann die Snapshots) in den Store unter --to URL und setzt nach dessen letztem Ereignis fort.</translation>
    </message>
    <message>
        <source>--%1 needs a UUID</source>
        <translation>--%1 braucht eine UUID</translation>
    </message>
    <message>
        <source>--timeout is how long --wait-for waits: give --wait-for NAME</source>
        <translation>--timeout gibt an, wie lange --wait-for wartet: geben Sie --wait-for NAME an</translation>
    </message>
    <message>
        <source>--timeout needs a number of milliseconds, 0 or more</source>
        <translation>--timeout braucht eine Anzahl von Millisekunden von 0 oder mehr</translation>
    </message>
    <message>
        <source>command %1 was handled before: nothing was appended; its events are printed</source>
        <translation>der Befehl %1 wurde bereits ausgeführt: nichts wurde angehängt; seine Ereignisse werden ausgegeben</translation>
    </message>
    <message>
        <source>The command&apos;s id &lt;UUID&gt;: it is handled at most once. Sent again, it appends nothing, prints the events it appended the first time, says so on standard error and exits 0. A rejected command is not recorded and may be sent again.</source>
        <translation>Die ID &lt;UUID&gt; des Befehls: Er wird höchstens einmal ausgeführt. Erneut gesendet, hängt er nichts an, gibt die beim ersten Mal angehängten Ereignisse aus, meldet dies auf der Standardfehlerausgabe und endet mit Exit-Code 0. Ein abgelehnter Befehl wird nicht vermerkt und darf erneut gesendet werden.</translation>
    </message>
    <message>
        <source>The conversation &lt;UUID&gt; the events belong to (default: a new one).</source>
        <translation>Die Konversation &lt;UUID&gt;, zu der die Ereignisse gehören (Vorgabe: eine neue).</translation>
    </message>
    <message>
        <source>After the command, wait until projection &lt;NAME&gt; (run by any process) has handled its events, so that its view shows them; exit 1 if it has not within --timeout.</source>
        <translation>Nach dem Befehl warten, bis die Projektion &lt;NAME&gt; (von einem beliebigen Prozess ausgeführt) seine Ereignisse verarbeitet hat, sodass ihre Sicht sie zeigt; Exit-Code 1, wenn nicht innerhalb von --timeout.</translation>
    </message>
    <message>
        <source>How long --wait-for waits, in milliseconds (default: %1).</source>
        <translation>Wie lange --wait-for wartet, in Millisekunden (Vorgabe: %1).</translation>
    </message>
    <message>
        <source>Only events of the conversation &lt;ID&gt; (their correlation id).</source>
        <translation>Nur Ereignisse der Konversation &lt;ID&gt; (ihre Korrelations-ID).</translation>
    </message>
    <message>
        <source>Only events appended by the command &lt;ID&gt; (their causation id: the command id send --command-id gave, or a new one per command).</source>
        <translation>Nur Ereignisse, die der Befehl &lt;ID&gt; angehängt hat (ihre Kausations-ID: die mit send --command-id angegebene Befehls-ID oder eine neue je Befehl).</translation>
    </message>
    <message>
        <source>Print JSON lines (the export format, with correlation_id and causation_id).</source>
        <translation>JSON-Zeilen ausgeben (das Exportformat, mit correlation_id und causation_id).</translation>
    </message>
    <message>
        <source>Delete the records of the commands handled longer ago than --older-than; print how many.</source>
        <translation>Löscht die Einträge der Befehle, die vor mehr als --older-than ausgeführt wurden; gibt ihre Anzahl aus.</translation>
    </message>
    <message>
        <source>The age &lt;DURATION&gt;: a number and d, h, m or s (30d, 12h, 90m, 45s). A command sent again after its record is gone is handled again.</source>
        <translation>Das Alter &lt;DURATION&gt;: eine Zahl und d, h, m oder s (30d, 12h, 90m, 45s). Ein Befehl, der nach dem Löschen seines Eintrags erneut gesendet wird, wird erneut ausgeführt.</translation>
    </message>
    <message>
        <source>commands-prune needs --older-than DURATION (30d, 12h, 90m, 45s)</source>
        <translation>commands-prune braucht --older-than DURATION (30d, 12h, 90m, 45s)</translation>
    </message>
    <message>
        <source>--older-than needs a duration such as 30d, 12h, 90m or 45s: %1</source>
        <translation>--older-than braucht eine Dauer wie 30d, 12h, 90m oder 45s: %1</translation>
    </message>
    <message>
        <source>command records deleted: %1</source>
        <translation>gelöschte Befehlseinträge: %1</translation>
    </message>
    <message>
        <source>%1, lease %2</source>
        <translation>%1, Lease %2</translation>
    </message>
    <message>
        <source>%1, woken by %2</source>
        <translation>%1, geweckt durch %2</translation>
    </message>
    <message>
        <source>--lease takes milliseconds, at least 300: %1</source>
        <translation>--lease erwartet Millisekunden, mindestens 300: %1</translation>
    </message>
    <message>
        <source>The lease of the active instance, in milliseconds &lt;MS&gt; (default 10000): a standby takes over from an instance that died or hangs after that long.</source>
        <translation>Der Lease der aktiven Instanz in Millisekunden &lt;MS&gt; (Standard 10000): so lange wartet eine Reserve-Instanz, bevor sie eine abgestürzte oder hängende Instanz ablöst.</translation>
    </message>
    <message>
        <source>%1, reads from %2</source>
        <translation>%1, liest von %2</translation>
    </message>
    <message>
        <source>On a Citus coordinator: also distribute the store&apos;s tables over the cluster (see README, Running on Citus).</source>
        <translation>Auf einem Citus-Koordinator: die Tabellen des Speichers auch über den Cluster verteilen (siehe README, Running on Citus).</translation>
    </message>
    <message>
        <source>distributed over a Citus cluster</source>
        <translation>über einen Citus-Cluster verteilt</translation>
    </message>
    <message>
        <source>projection %1 stored its position (seq_no %2) without a digest: reset it to start one</source>
        <translation>Projektion %1 hat ihre Position (seq_no %2) ohne Prüfsumme gespeichert: setzen Sie sie zurück, um eine zu beginnen</translation>
    </message>
    <message>
        <source>projection %1: %2 events up to seq_no %3, each passed once</source>
        <translation>Projektion %1: %2 Ereignisse bis seq_no %3, jedes einmal durchlaufen</translation>
    </message>
    <message>
        <source>Instead, check that projection &lt;NAME&gt; passed every event up to its position exactly once (its running digest, recomputed from the events).</source>
        <translation>Stattdessen prüfen, dass Projektion &lt;NAME&gt; jedes Ereignis bis zu ihrer Position genau einmal durchlaufen hat (ihre laufende Prüfsumme, aus den Ereignissen neu berechnet).</translation>
    </message>
    <message>
        <source>projection %1: the digest differs in the events after seq_no %2 up to seq_no %3 in commit order: one of them was skipped or passed twice</source>
        <translation>Projektion %1: die Prüfsumme weicht bei den Ereignissen nach seq_no %2 bis seq_no %3 in Commit-Reihenfolge ab: eines davon wurde übersprungen oder doppelt durchlaufen</translation>
    </message>
    <message>
        <source>Projections with position, lag, state, error; also those the plugins declare that never ran.</source>
        <translation>Projektionen mit Position, Rückstand, Zustand, Fehler; auch die von den Plugins deklarierten, die nie liefen.</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <source>in a plugin</source>
        <translation>in einem Plugin</translation>
    </message>
    <message>
        <source>no parked events</source>
        <translation>keine zurückgestellten Ereignisse</translation>
    </message>
    <message>
        <source>projection %1 has no parked events</source>
        <translation>die Projektion %1 hat keine zurückgestellten Ereignisse</translation>
    </message>
    <message>
        <source>projection</source>
        <translation>Projektion</translation>
    </message>
    <message>
        <source>parked at</source>
        <translation>zurückgestellt am</translation>
    </message>
    <message>
        <source>re-runs</source>
        <translation>Wiederholungen</translation>
    </message>
    <message>
        <source>no domain plugin has a projection %1 to re-run its events with (see eventedctl plugins)</source>
        <translation>kein Domänen-Plugin hat eine Projektion %1, mit der ihre Ereignisse erneut laufen könnten (siehe eventedctl plugins)</translation>
    </message>
    <message>
        <source>projection %1: %2 parked events applied, %3 failed again</source>
        <translation>Projektion %1: %2 zurückgestellte Ereignisse angewandt, %3 erneut fehlgeschlagen</translation>
    </message>
    <message>
        <source>The events projection NAME (default: every one) parked; with --rerun, apply them again.</source>
        <translation>Die Ereignisse, die die Projektion NAME (Standard: jede) zurückgestellt hat; mit --rerun erneut anwenden.</translation>
    </message>
    <message>
        <source>Run the handler of projection NAME from its plugin on its parked events again, each in a transaction of its own; one that fails again stays parked (exit 1).</source>
        <translation>Den Handler der Projektion NAME aus ihrem Plugin erneut auf ihre zurückgestellten Ereignisse anwenden, jedes in einer eigenen Transaktion; eines, das wieder fehlschlägt, bleibt zurückgestellt (Exit 1).</translation>
    </message>
    <message>
        <source>With --rerun, only the parked event &lt;N&gt;.</source>
        <translation>Mit --rerun nur das zurückgestellte Ereignis &lt;N&gt;.</translation>
    </message>
    <message>
        <source>--seq-no needs --rerun</source>
        <translation>--seq-no braucht --rerun</translation>
    </message>
    <message>
        <source>--rerun needs the projection&apos;s NAME</source>
        <translation>--rerun braucht den NAME der Projektion</translation>
    </message>
    <message>
        <source>--seq-no takes a seq_no above 0: %1</source>
        <translation>--seq-no nimmt eine seq_no über 0: %1</translation>
    </message>
    <message>
        <source>%1, holds %2 of %3 partitions</source>
        <translation>%1, hält %2 von %3 Partitionen</translation>
    </message>
    <message>
        <source>--partitions takes a number, at least 1: %1</source>
        <translation>--partitions nimmt eine Zahl, mindestens 1: %1</translation>
    </message>
    <message>
        <source>Run each projection as &lt;N&gt; partitions, shared with the other instances run with the same number; each partition keeps a position of its own, NAME#k/N (default: as the plugin sets it, mostly 1).</source>
        <translation>Jede Projektion als &lt;N&gt; Partitionen ausführen, geteilt mit den anderen Instanzen mit derselben Zahl; jede Partition hat eine eigene Position, NAME#k/N (Standard: wie das Plugin es festlegt, meist 1).</translation>
    </message>
    <message>
        <source>no domain plugin has a projection %1 (see eventedctl plugins)</source>
        <translation>kein Domänen-Plugin hat eine Projektion %1 (siehe eventedctl plugins)</translation>
    </message>
    <message>
        <source>projection %1: %2 events, %3 keys compared at seq_no %4, %5 differ</source>
        <translation>Projektion %1: %2 Ereignisse, %3 Schlüssel bei seq_no %4 verglichen, %5 weichen ab</translation>
    </message>
    <message>
        <source>differs: %1</source>
        <translation>weicht ab: %1</translation>
    </message>
    <message>
        <source>the new version is the view now (%1 ms)</source>
        <translation>die neue Version ist jetzt die Sicht (%1 ms)</translation>
    </message>
    <message>
        <source>the view is as it was (%1 ms)</source>
        <translation>die Sicht ist, wie sie war (%1 ms)</translation>
    </message>
    <message>
        <source>Build projection NAME anew beside its view with its plugin&apos;s code while it keeps running, compare the two key by key, and swap the new one in.</source>
        <translation>Die Projektion NAME mit dem Code ihres Plugins neben ihrer Sicht neu aufbauen, während sie weiterläuft, beide Schlüssel für Schlüssel vergleichen und die neue einsetzen.</translation>
    </message>
    <message>
        <source>Build and compare, but keep the view as it is.</source>
        <translation>Aufbauen und vergleichen, die Sicht aber lassen, wie sie ist.</translation>
    </message>
    <message>
        <source>Swap even when keys differ (the handler changed on purpose); without it, differing keys keep the view as it is (exit 1).</source>
        <translation>Auch tauschen, wenn Schlüssel abweichen (der Handler wurde absichtlich geändert); ohne dies lassen abweichende Schlüssel die Sicht, wie sie ist (Exit 1).</translation>
    </message>
    <message>
        <source>command id</source>
        <translation>Befehls-ID</translation>
    </message>
    <message>
        <source>rejected with</source>
        <translation>abgelehnt mit</translation>
    </message>
    <message>
        <source>linked; types: %1</source>
        <translation>verknüpft; Typen: %1</translation>
    </message>
    <message>
        <source>all</source>
        <translation>alle</translation>
    </message>
    <message>
        <source>sync failed, nothing is lost; sync again: %1</source>
        <translation>Sync fehlgeschlagen, nichts ist verloren; erneut synchronisieren: %1</translation>
    </message>
    <message>
        <source>accepted %1, rejected %2 commands; pulled %3 events, withdrew %4 provisional events</source>
        <translation>%1 Befehle angenommen, %2 abgelehnt; %3 Ereignisse geholt, %4 vorläufige Ereignisse zurückgezogen</translation>
    </message>
    <message>
        <source>pending commands: %1</source>
        <translation>ausstehende Befehle: %1</translation>
    </message>
    <message>
        <source>last sync: %1</source>
        <translation>letzter Sync: %1</translation>
    </message>
    <message>
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message>
        <source>last error: %1</source>
        <translation>letzter Fehler: %1</translation>
    </message>
    <message>
        <source>rejected commands: %1</source>
        <translation>abgelehnte Befehle: %1</translation>
    </message>
    <message>
        <source>Link this SQLite store to the PostgreSQL store UPSTREAM-URL for offline-first sync: commands sent here are recorded and decided again upstream by sync.</source>
        <translation>Diesen SQLite-Store für Offline-first-Sync mit dem PostgreSQL-Store UPSTREAM-URL verknüpfen: hier gesendete Befehle werden aufgezeichnet und von sync im Upstream erneut entschieden.</translation>
    </message>
    <message>
        <source>Follow only the entity types &lt;A,B&gt; (comma-separated; default: all).</source>
        <translation>Nur den Entitätstypen &lt;A,B&gt; folgen (durch Kommas getrennt; Standard: allen).</translation>
    </message>
    <message>
        <source>Push the commands handled on this linked store to its upstream, which decides them again, then follow the upstream&apos;s events; print the commands it rejected.</source>
        <translation>Die in diesem verknüpften Store ausgeführten Befehle an seinen Upstream senden, der sie erneut entscheidet, dann den Ereignissen des Upstreams folgen; die abgelehnten Befehle ausgeben.</translation>
    </message>
    <message>
        <source>Show the sync of this linked store: pending commands, the last sync, and the commands the upstream rejected, with their reasons.</source>
        <translation>Den Sync dieses verknüpften Stores zeigen: ausstehende Befehle, den letzten Sync und die vom Upstream abgelehnten Befehle mit ihren Gründen.</translation>
    </message>
</context>
</TS>
