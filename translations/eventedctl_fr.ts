<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>eventedctl</name>
    <message>
        <source>Try &apos;eventedctl --help&apos;.</source>
        <translation>Essayez « eventedctl --help ».</translation>
    </message>
    <message>
        <source>type</source>
        <translation>type</translation>
    </message>
    <message>
        <source>command</source>
        <translation>commande</translation>
    </message>
    <message>
        <source>parameters (defaults)</source>
        <translation>paramètres (valeurs par défaut)</translation>
    </message>
    <message>
        <source>no plugin files found</source>
        <translation>aucun fichier de greffon trouvé</translation>
    </message>
    <message>
        <source>file</source>
        <translation>fichier</translation>
    </message>
    <message>
        <source>name</source>
        <translation>nom</translation>
    </message>
    <message>
        <source>status</source>
        <translation>état</translation>
    </message>
    <message>
        <source>entity types</source>
        <translation>types d’entité</translation>
    </message>
    <message>
        <source>projections</source>
        <translation>projections</translation>
    </message>
    <message>
        <source>why</source>
        <translation>raison</translation>
    </message>
    <message>
        <source>searched: %1</source>
        <translation>recherché dans : %1</translation>
    </message>
    <message>
        <source>no domain plugin knows the entity type %1: none was found (see eventedctl plugins)</source>
        <translation>aucun greffon de domaine ne connaît le type d’entité %1 : aucun n’a été trouvé (voir eventedctl plugins)</translation>
    </message>
    <message>
        <source>no domain plugin knows the entity type %1 (known: %2)</source>
        <translation>aucun greffon de domaine ne connaît le type d’entité %1 (connus : %2)</translation>
    </message>
    <message>
        <source>the entity type %1 has no command %2 (known: %3)</source>
        <translation>le type d’entité %1 n’a pas de commande %2 (connues : %3)</translation>
    </message>
    <message>
        <source>cannot set up the domains: %1</source>
        <translation>impossible de mettre en place les domaines : %1</translation>
    </message>
    <message>
        <source>the entity id must be a UUID: %1</source>
        <translation>l’identifiant d’entité doit être un UUID : %1</translation>
    </message>
    <message>
        <source>--version needs a version of 0 or more</source>
        <translation>--version attend une version positive ou nulle</translation>
    </message>
    <message>
        <source>version %1</source>
        <translation>version %1</translation>
    </message>
    <message>
        <source>the parameters are not valid JSON: %1 at offset %2</source>
        <translation>les paramètres ne sont pas du JSON valide : %1 à la position %2</translation>
    </message>
    <message>
        <source>the parameters must be a JSON object</source>
        <translation>les paramètres doivent être un objet JSON</translation>
    </message>
    <message>
        <source>--expect-version needs a version of 0 or more</source>
        <translation>--expect-version attend une version positive ou nulle</translation>
    </message>
    <message>
        <source>rejected: %1 %2</source>
        <translation>refusée : %1 %2</translation>
    </message>
    <message>
        <source>%1: %2, position %3, lag %4</source>
        <translation>%1 : %2, position %3, retard %4</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1 : %2</translation>
    </message>
    <message>
        <source>cannot watch for signals: %1</source>
        <translation>impossible de surveiller les signaux : %1</translation>
    </message>
    <message>
        <source>running projections: %1</source>
        <translation>projections en cours d’exécution : %1</translation>
    </message>
    <message>
        <source>no domain plugin has a projection %1</source>
        <translation>aucun greffon de domaine n’a de projection %1</translation>
    </message>
    <message>
        <source>no projections to run: no domain plugin has one (see eventedctl plugins)</source>
        <translation>aucune projection à exécuter : aucun greffon de domaine n’en a (voir eventedctl plugins)</translation>
    </message>
    <message>
        <source>The domain plugins found: status, entity types, projections, commands.</source>
        <translation>Les greffons de domaine trouvés : état, types d’entité, projections, commandes.</translation>
    </message>
    <message>
        <source>The state after version &lt;N&gt; (default: after all events).</source>
        <translation>L’état après la version &lt;N&gt; (par défaut : après tous les événements).</translation>
    </message>
    <message>
        <source>Handle COMMAND with the JSON object JSON-PARAMETERS on entity ID of type TYPE; print the new events.</source>
        <translation>Exécute COMMAND avec l’objet JSON JSON-PARAMETERS sur l’entité ID de type TYPE ; affiche les nouveaux événements.</translation>
    </message>
    <message>
        <source>Handle it only if the entity is at version &lt;N&gt;, without retrying on a conflict.</source>
        <translation>L’exécuter seulement si l’entité est à la version &lt;N&gt;, sans nouvel essai en cas de conflit.</translation>
    </message>
    <message>
        <source>Run the plugins&apos; projections, printing their states, until SIGTERM or SIGINT.</source>
        <translation>Exécute les projections des greffons, en affichant leurs états, jusqu’à SIGTERM ou SIGINT.</translation>
    </message>
    <message>
        <source>Run projection &lt;NAME&gt; (repeatable; default: all of them).</source>
        <translation>Exécuter la projection &lt;NAME&gt; (répétable ; par défaut : toutes).</translation>
    </message>
    <message>
        <source>seq_no</source>
        <translation>n° de séquence</translation>
    </message>
    <message>
        <source>entity</source>
        <translation>entité</translation>
    </message>
    <message>
        <source>version</source>
        <translation>version</translation>
    </message>
    <message>
        <source>event</source>
        <translation>événement</translation>
    </message>
    <message>
        <source>recorded at</source>
        <translation>enregistré le</translation>
    </message>
    <message>
        <source>data</source>
        <translation>données</translation>
    </message>
    <message>
        <source>following the events as they are committed; stop with Ctrl-C</source>
        <translation>suivi des événements à mesure qu’ils sont validés ; arrêt avec Ctrl-C</translation>
    </message>
    <message>
        <source>--%1 needs a positive seq_no</source>
        <translation>--%1 attend un n° de séquence positif</translation>
    </message>
    <message>
        <source>--follow prints the events committed from now on: it takes no --from or --to</source>
        <translation>--follow affiche les événements validés à partir de maintenant : il n’accepte ni --from ni --to</translation>
    </message>
    <message>
        <source>Events in seq_no order, as a table or JSON lines.</source>
        <translation>Événements dans l’ordre des n° de séquence, en tableau ou en lignes JSON.</translation>
    </message>
    <message>
        <source>Only events of entity type &lt;T&gt;.</source>
        <translation>Uniquement les événements du type d’entité &lt;T&gt;.</translation>
    </message>
    <message>
        <source>Only events of entity &lt;ID&gt;.</source>
        <translation>Uniquement les événements de l’entité &lt;ID&gt;.</translation>
    </message>
    <message>
        <source>Only events named &lt;NAME&gt;.</source>
        <translation>Uniquement les événements nommés &lt;NAME&gt;.</translation>
    </message>
    <message>
        <source>From seq_no &lt;SEQ&gt;.</source>
        <translation>À partir du n° de séquence &lt;SEQ&gt;.</translation>
    </message>
    <message>
        <source>Up to seq_no &lt;SEQ&gt;.</source>
        <translation>Jusqu’au n° de séquence &lt;SEQ&gt;.</translation>
    </message>
    <message>
        <source>Print the events committed from now on, by any process, as they commit, until SIGTERM or SIGINT.</source>
        <translation>Afficher les événements validés à partir de maintenant, par tout processus, au fur et à mesure, jusqu’à SIGTERM ou SIGINT.</translation>
    </message>
    <message>
        <source>The store is given by --url URL before the command, or $EVENTED_URL.</source>
        <translation>Le magasin est indiqué par --url URL avant la commande, ou par $EVENTED_URL.</translation>
    </message>
    <message>
        <source>Domain plugins are looked for in each --plugin-path DIR before the command, then in $EVENTED_PLUGIN_PATH, then beside the program.</source>
        <translation>Les greffons de domaine sont cherchés dans chaque --plugin-path DIR donné avant la commande, puis dans $EVENTED_PLUGIN_PATH, puis à côté du programme.</translation>
    </message>
    <message>
        <source>Inspect and manage an event store.</source>
        <translation>Inspecte et gère un magasin d’événements.</translation>
    </message>
    <message>
        <source>The store (default: $EVENTED_URL).</source>
        <translation>Le magasin (par défaut : $EVENTED_URL).</translation>
    </message>
    <message>
        <source>Look for domain plugins in &lt;DIR&gt; first (repeatable).</source>
        <translation>Chercher d’abord les greffons de domaine dans &lt;DIR&gt; (répétable).</translation>
    </message>
    <message>
        <source>One of:</source>
        <translation>Au choix :</translation>
    </message>
    <message>
        <source>no command given</source>
        <translation>aucune commande indiquée</translation>
    </message>
    <message>
        <source>unknown command %1</source>
        <translation>commande %1 inconnue</translation>
    </message>
    <message>
        <source>wrong number of arguments for %1</source>
        <translation>nombre d’arguments incorrect pour %1</translation>
    </message>
    <message>
        <source>no store: give --url URL or set EVENTED_URL</source>
        <translation>aucun magasin : indiquez --url URL ou définissez EVENTED_URL</translation>
    </message>
    <message>
        <source>pid %1</source>
        <translation>pid %1</translation>
    </message>
    <message>
        <source>at %1: %2</source>
        <translation>à %1 : %2</translation>
    </message>
    <message>
        <source>position</source>
        <translation>position</translation>
    </message>
    <message>
        <source>lag</source>
        <translation>retard</translation>
    </message>
    <message>
        <source>state</source>
        <translation>état</translation>
    </message>
    <message>
        <source>waiting on</source>
        <translation>attend</translation>
    </message>
    <message>
        <source>error</source>
        <translation>erreur</translation>
    </message>
    <message>
        <source>Set projection NAME back to the beginning (its view is left as it is).</source>
        <translation>Remet la projection NAME au début (sa vue est laissée telle quelle).</translation>
    </message>
    <message>
        <source>projection %1 reset</source>
        <translation>projection %1 réinitialisée</translation>
    </message>
    <message>
        <source>Create or upgrade the schema.</source>
        <translation>Crée ou met à niveau le schéma.</translation>
    </message>
    <message>
        <source>schema version %1</source>
        <translation>version du schéma %1</translation>
    </message>
    <message>
        <source>Events and entities per type, head seq_no, database size.</source>
        <translation>Événements et entités par type, dernier n° de séquence, taille de la base de données.</translation>
    </message>
    <message>
        <source>events</source>
        <translation>événements</translation>
    </message>
    <message>
        <source>entities</source>
        <translation>entités</translation>
    </message>
    <message>
        <source>events: %1, head seq_no: %2, database size: %3 bytes</source>
        <translation>événements : %1, dernier n° de séquence : %2, taille de la base de données : %3 octets</translation>
    </message>
    <message>
        <source>Entities with their version and last change.</source>
        <translation>Entités avec leur version et leur dernière modification.</translation>
    </message>
    <message>
        <source>Only entities of type &lt;T&gt;.</source>
        <translation>Uniquement les entités de type &lt;T&gt;.</translation>
    </message>
    <message>
        <source>id</source>
        <translation>identifiant</translation>
    </message>
    <message>
        <source>last change</source>
        <translation>dernière modification</translation>
    </message>
    <message>
        <source>Check version continuity, JSON and the event envelope; exit 1 on any problem.</source>
        <translation>Vérifie la continuité des versions, le JSON et l’enveloppe des événements ; code de sortie 1 au moindre problème.</translation>
    </message>
    <message>
        <source>seq_no %1: %2</source>
        <translation>n° de séquence %1 : %2</translation>
    </message>
    <message>
        <source>problems found: %1</source>
        <translation>problèmes trouvés : %1</translation>
    </message>
    <message>
        <source>no problems found</source>
        <translation>aucun problème trouvé</translation>
    </message>
    <message>
        <source>line %1: %2</source>
        <translation>ligne %1 : %2</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>impossible d’écrire %1 : %2</translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation>impossible de lire %1 : %2</translation>
    </message>
    <message>
        <source>imported %1 of %2 events</source>
        <translation>%1 événements importés sur %2</translation>
    </message>
    <message>
        <source>copy needs --to URL</source>
        <translation>copy nécessite --to URL</translation>
    </message>
    <message>
        <source>copied %1 events</source>
        <translation>%1 événements copiés</translation>
    </message>
    <message>
        <source>Write all events as JSON lines to FILE (default: standard output).</source>
        <translation>Écrit tous les événements en lignes JSON dans FILE (par défaut : sortie standard).</translation>
    </message>
    <message>
        <source>Add the events of JSON lines from FILE (default: standard input); all or nothing, and events already there are skipped.</source>
        <translation>Ajoute les événements des lignes JSON de FILE (par défaut : entrée standard) ; tout ou rien, et les événements déjà présents sont ignorés.</translation>
    </message>
    <message>
        <source>The target store.</source>
        <translation>Le magasin cible.</translation>
    </message>
    <message>
        <source>no domain plugin with entity types was found (see eventedctl plugins)</source>
        <translation>aucun greffon de domaine avec des types d’entité n’a été trouvé (voir eventedctl plugins)</translation>
    </message>
    <message>
        <source>from snapshot at version %1</source>
        <translation>à partir de l’instantané à la version %1</translation>
    </message>
    <message>
        <source>The state of entity ID of type TYPE as JSON, its version, and the snapshot it started from.</source>
        <translation>L’état de l’entité ID de type TYPE en JSON, sa version et l’instantané dont il est parti.</translation>
    </message>
    <message>
        <source>Fold from the first event even where a snapshot is stored (as --version always does).</source>
        <translation>Recalculer l’état à partir du premier événement même si un instantané est stocké (comme le fait toujours --version).</translation>
    </message>
    <message>
        <source>Show the events as stored, not in the current shapes and versions of the plugins&apos; code.</source>
        <translation>Afficher les événements tels qu’ils sont stockés, et non dans les formes et versions actuelles du code des greffons.</translation>
    </message>
    <message>
        <source>snapshot</source>
        <translation>instantané</translation>
    </message>
    <message>
        <source>not checked</source>
        <translation>non vérifié</translation>
    </message>
    <message>
        <source>snapshots compared</source>
        <translation>instantanés comparés</translation>
    </message>
    <message>
        <source>snapshots outdated</source>
        <translation>instantanés obsolètes</translation>
    </message>
    <message>
        <source>problems</source>
        <translation>problèmes</translation>
    </message>
    <message>
        <source>problem</source>
        <translation>problème</translation>
    </message>
    <message>
        <source>stopped before the end: not every event was checked</source>
        <translation>arrêté avant la fin : tous les événements n’ont pas été vérifiés</translation>
    </message>
    <message>
        <source>--batch-size needs a number of events of 1 or more</source>
        <translation>--batch-size attend un nombre d’événements supérieur ou égal à 1</translation>
    </message>
    <message>
        <source>events read: %1, would rewrite: %2</source>
        <translation>événements lus : %1, à réécrire : %2</translation>
    </message>
    <message>
        <source>events read: %1, rewritten: %2</source>
        <translation>événements lus : %1, réécrits : %2</translation>
    </message>
    <message>
        <source>events left as they are: %1</source>
        <translation>événements laissés tels quels : %1</translation>
    </message>
    <message>
        <source>stopped before the end: run it again to go on</source>
        <translation>arrêté avant la fin : relancez la commande pour continuer</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>inconnu</translation>
    </message>
    <message>
        <source>current</source>
        <translation>à jour</translation>
    </message>
    <message>
        <source>stale</source>
        <translation>périmé</translation>
    </message>
    <message>
        <source>state version</source>
        <translation>version d’état</translation>
    </message>
    <message>
        <source>snapshots</source>
        <translation>instantanés</translation>
    </message>
    <message>
        <source>bytes</source>
        <translation>octets</translation>
    </message>
    <message>
        <source>snapshot at version %1</source>
        <translation>instantané à la version %1</translation>
    </message>
    <message>
        <source>deleted %1 snapshots</source>
        <translation>%1 instantanés supprimés</translation>
    </message>
    <message>
        <source>Fold every stored entity with the plugins&apos; code and check its snapshots, read-only; exit 1 on any problem.</source>
        <translation>Recalcule chaque entité stockée avec le code des greffons et vérifie ses instantanés, en lecture seule ; code de sortie 1 au moindre problème.</translation>
    </message>
    <message>
        <source>Check only entity type &lt;T&gt; (repeatable; default: every type a plugin knows).</source>
        <translation>Vérifier uniquement le type d’entité &lt;T&gt; (répétable ; par défaut : tous les types connus d’un greffon).</translation>
    </message>
    <message>
        <source>Rewrite stored events in the plugins&apos; current shapes, for stores that no evented service or older build reads.</source>
        <translation>Réécrit les événements stockés dans les formes actuelles des greffons, pour les magasins qu’aucun service evented ni aucune compilation plus ancienne ne lit.</translation>
    </message>
    <message>
        <source>Upgrade only entity type &lt;T&gt; (repeatable; default: every type a plugin knows).</source>
        <translation>Mettre à niveau uniquement le type d’entité &lt;T&gt; (répétable ; par défaut : tous les types connus d’un greffon).</translation>
    </message>
    <message>
        <source>Count what would be rewritten and write nothing.</source>
        <translation>Compter ce qui serait réécrit, sans rien écrire.</translation>
    </message>
    <message>
        <source>Rewrite &lt;N&gt; events per transaction (default: 1000); a stopped upgrade goes on where it was when run again.</source>
        <translation>Réécrire &lt;N&gt; événements par transaction (par défaut : 1000) ; une mise à niveau arrêtée reprend là où elle en était quand on la relance.</translation>
    </message>
    <message>
        <source>Snapshots per type and state version: current, stale or unknown to the plugins&apos; code.</source>
        <translation>Instantanés par type et version d’état : à jour, périmés ou inconnus du code des greffons.</translation>
    </message>
    <message>
        <source>Take a snapshot of entity ID of type TYPE now; print its version.</source>
        <translation>Prend maintenant un instantané de l’entité ID de type TYPE ; affiche sa version.</translation>
    </message>
    <message>
        <source>Delete the snapshots of entity type TYPE (default: all).</source>
        <translation>Supprime les instantanés du type d’entité TYPE (par défaut : tous).</translation>
    </message>
    <message>
        <source>Write the events in the current shapes and versions of the plugins&apos; code instead of as stored (an event no upcaster takes there fails the export).</source>
        <translation>Écrire les événements dans les formes et versions actuelles du code des greffons plutôt que tels qu’ils sont stockés (un événement qu’aucun upcaster n’y amène fait échouer l’export).</translation>
    </message>
    <message>
        <source>copied %1 snapshots</source>
        <translation>%1 instantanés copiés</translation>
    </message>
    <message>
        <source>Copy the whole store (events as stored, then snapshots) to the store at --to URL, resuming after the last event there.</source>
        <translation>Copie tout le magasin (les événements tels que stockés, puis les instantanés) vers le magasin à --to URL, en reprenant après son dernier événement.</translation>
    </message>
    <message>
        <source>--%1 needs a UUID</source>
        <translation>--%1 attend un UUID</translation>
    </message>
    <message>
        <source>--timeout is how long --wait-for waits: give --wait-for NAME</source>
        <translation>--timeout indique combien de temps --wait-for attend : indiquez --wait-for NAME</translation>
    </message>
    <message>
        <source>--timeout needs a number of milliseconds, 0 or more</source>
        <translation>--timeout attend un nombre de millisecondes positif ou nul</translation>
    </message>
    <message>
        <source>command %1 was handled before: nothing was appended; its events are printed</source>
        <translation>la commande %1 a déjà été exécutée : rien n’a été ajouté ; ses événements sont affichés</translation>
    </message>
    <message>
        <source>The command&apos;s id &lt;UUID&gt;: it is handled at most once. Sent again, it appends nothing, prints the events it appended the first time, says so on standard error and exits 0. A rejected command is not recorded and may be sent again.</source>
        <translation>L’identifiant &lt;UUID&gt; de la commande : elle est exécutée au plus une fois. Envoyée à nouveau, elle n’ajoute rien, affiche les événements ajoutés la première fois, le signale sur la sortie d’erreur standard et se termine avec le code de sortie 0. Une commande refusée n’est pas enregistrée et peut être envoyée à nouveau.</translation>
    </message>
    <message>
        <source>The conversation &lt;UUID&gt; the events belong to (default: a new one).</source>
        <translation>La conversation &lt;UUID&gt; à laquelle appartiennent les événements (par défaut : une nouvelle).</translation>
    </message>
    <message>
        <source>After the command, wait until projection &lt;NAME&gt; (run by any process) has handled its events, so that its view shows them; exit 1 if it has not within --timeout.</source>
        <translation>Après la commande, attendre que la projection &lt;NAME&gt; (exécutée par n’importe quel processus) ait traité ses événements, pour que sa vue les montre ; code de sortie 1 si ce n’est pas le cas dans le délai --timeout.</translation>
    </message>
    <message>
        <source>How long --wait-for waits, in milliseconds (default: %1).</source>
        <translation>Durée d’attente de --wait-for, en millisecondes (par défaut : %1).</translation>
    </message>
    <message>
        <source>Only events of the conversation &lt;ID&gt; (their correlation id).</source>
        <translation>Uniquement les événements de la conversation &lt;ID&gt; (leur identifiant de corrélation).</translation>
    </message>
    <message>
        <source>Only events appended by the command &lt;ID&gt; (their causation id: the command id send --command-id gave, or a new one per command).</source>
        <translation>Uniquement les événements ajoutés par la commande &lt;ID&gt; (leur identifiant de causalité : l’identifiant de commande donné par send --command-id, ou un nouveau par commande).</translation>
    </message>
    <message>
        <source>Print JSON lines (the export format, with correlation_id and causation_id).</source>
        <translation>Afficher des lignes JSON (le format d’export, avec correlation_id et causation_id).</translation>
    </message>
    <message>
        <source>Delete the records of the commands handled longer ago than --older-than; print how many.</source>
        <translation>Supprime les enregistrements des commandes exécutées il y a plus de --older-than ; affiche leur nombre.</translation>
    </message>
    <message>
        <source>The age &lt;DURATION&gt;: a number and d, h, m or s (30d, 12h, 90m, 45s). A command sent again after its record is gone is handled again.</source>
        <translation>L’âge &lt;DURATION&gt; : un nombre suivi de d, h, m ou s (30d, 12h, 90m, 45s). Une commande envoyée à nouveau après la suppression de son enregistrement est exécutée à nouveau.</translation>
    </message>
    <message>
        <source>commands-prune needs --older-than DURATION (30d, 12h, 90m, 45s)</source>
        <translation>commands-prune nécessite --older-than DURATION (30d, 12h, 90m, 45s)</translation>
    </message>
    <message>
        <source>--older-than needs a duration such as 30d, 12h, 90m or 45s: %1</source>
        <translation>--older-than attend une durée comme 30d, 12h, 90m ou 45s : %1</translation>
    </message>
    <message>
        <source>command records deleted: %1</source>
        <translation>enregistrements de commandes supprimés : %1</translation>
    </message>
    <message>
        <source>%1, lease %2</source>
        <translation>%1, bail %2</translation>
    </message>
    <message>
        <source>%1, woken by %2</source>
        <translation>%1, réveillée par %2</translation>
    </message>
    <message>
        <source>--lease takes milliseconds, at least 300: %1</source>
        <translation>--lease attend des millisecondes, au moins 300 : %1</translation>
    </message>
    <message>
        <source>The lease of the active instance, in milliseconds &lt;MS&gt; (default 10000): a standby takes over from an instance that died or hangs after that long.</source>
        <translation>Le bail de l’instance active, en millisecondes &lt;MS&gt; (10000 par défaut) : une instance de réserve prend le relais d’une instance morte ou bloquée après ce délai.</translation>
    </message>
    <message>
        <source>%1, reads from %2</source>
        <translation>%1, lit depuis %2</translation>
    </message>
    <message>
        <source>On a Citus coordinator: also distribute the store&apos;s tables over the cluster (see README, Running on Citus).</source>
        <translation>Sur un coordinateur Citus : distribuer aussi les tables du magasin sur la grappe (voir README, Running on Citus).</translation>
    </message>
    <message>
        <source>distributed over a Citus cluster</source>
        <translation>distribué sur une grappe Citus</translation>
    </message>
    <message>
        <source>projection %1 stored its position (seq_no %2) without a digest: reset it to start one</source>
        <translation>la projection %1 a enregistré sa position (seq_no %2) sans empreinte : réinitialisez-la pour en commencer une</translation>
    </message>
    <message>
        <source>projection %1: %2 events up to seq_no %3, each passed once</source>
        <translation>projection %1 : %2 événements jusqu&apos;à seq_no %3, chacun parcouru une fois</translation>
    </message>
    <message>
        <source>Instead, check that projection &lt;NAME&gt; passed every event up to its position exactly once (its running digest, recomputed from the events).</source>
        <translation>À la place, vérifier que la projection &lt;NAME&gt; a parcouru chaque événement jusqu&apos;à sa position exactement une fois (son empreinte courante, recalculée à partir des événements).</translation>
    </message>
    <message>
        <source>projection %1: the digest differs in the events after seq_no %2 up to seq_no %3 in commit order: one of them was skipped or passed twice</source>
        <translation>projection %1 : l&apos;empreinte diffère dans les événements après seq_no %2 jusqu&apos;à seq_no %3 dans l&apos;ordre des commits : l&apos;un d&apos;eux a été sauté ou parcouru deux fois</translation>
    </message>
    <message>
        <source>Projections with position, lag, state, error; also those the plugins declare that never ran.</source>
        <translation>Projections avec position, retard, état, erreur ; aussi celles que les plugins déclarent et qui n’ont jamais été exécutées.</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>oui</translation>
    </message>
    <message>
        <source>in a plugin</source>
        <translation>dans un plugin</translation>
    </message>
    <message>
        <source>no parked events</source>
        <translation>aucun événement mis de côté</translation>
    </message>
    <message>
        <source>projection %1 has no parked events</source>
        <translation>la projection %1 n’a aucun événement mis de côté</translation>
    </message>
    <message>
        <source>projection</source>
        <translation>projection</translation>
    </message>
    <message>
        <source>parked at</source>
        <translation>mis de côté le</translation>
    </message>
    <message>
        <source>re-runs</source>
        <translation>relances</translation>
    </message>
    <message>
        <source>no domain plugin has a projection %1 to re-run its events with (see eventedctl plugins)</source>
        <translation>aucun plugin de domaine n’a de projection %1 pour relancer ses événements (voir eventedctl plugins)</translation>
    </message>
    <message>
        <source>projection %1: %2 parked events applied, %3 failed again</source>
        <translation>projection %1 : %2 événements mis de côté appliqués, %3 de nouveau en échec</translation>
    </message>
    <message>
        <source>The events projection NAME (default: every one) parked; with --rerun, apply them again.</source>
        <translation>Les événements que la projection NAME (par défaut : toutes) a mis de côté ; avec --rerun, les appliquer de nouveau.</translation>
    </message>
    <message>
        <source>Run the handler of projection NAME from its plugin on its parked events again, each in a transaction of its own; one that fails again stays parked (exit 1).</source>
        <translation>Relancer le gestionnaire de la projection NAME de son plugin sur ses événements mis de côté, chacun dans sa propre transaction ; celui qui échoue de nouveau reste mis de côté (code 1).</translation>
    </message>
    <message>
        <source>With --rerun, only the parked event &lt;N&gt;.</source>
        <translation>Avec --rerun, seulement l’événement mis de côté &lt;N&gt;.</translation>
    </message>
    <message>
        <source>--seq-no needs --rerun</source>
        <translation>--seq-no demande --rerun</translation>
    </message>
    <message>
        <source>--rerun needs the projection&apos;s NAME</source>
        <translation>--rerun demande le NAME de la projection</translation>
    </message>
    <message>
        <source>--seq-no takes a seq_no above 0: %1</source>
        <translation>--seq-no prend un seq_no supérieur à 0 : %1</translation>
    </message>
    <message>
        <source>%1, holds %2 of %3 partitions</source>
        <translation>%1, détient %2 partitions sur %3</translation>
    </message>
    <message>
        <source>--partitions takes a number, at least 1: %1</source>
        <translation>--partitions prend un nombre, au moins 1 : %1</translation>
    </message>
    <message>
        <source>Run each projection as &lt;N&gt; partitions, shared with the other instances run with the same number; each partition keeps a position of its own, NAME#k/N (default: as the plugin sets it, mostly 1).</source>
        <translation>Exécuter chaque projection en &lt;N&gt; partitions, partagées avec les autres instances lancées avec le même nombre ; chaque partition garde sa propre position, NAME#k/N (par défaut : comme le plugin le fixe, le plus souvent 1).</translation>
    </message>
    <message>
        <source>no domain plugin has a projection %1 (see eventedctl plugins)</source>
        <translation>aucun plugin de domaine n’a de projection %1 (voir eventedctl plugins)</translation>
    </message>
    <message>
        <source>projection %1: %2 events, %3 keys compared at seq_no %4, %5 differ</source>
        <translation>projection %1 : %2 événements, %3 clés comparées au seq_no %4, %5 diffèrent</translation>
    </message>
    <message>
        <source>differs: %1</source>
        <translation>diffère : %1</translation>
    </message>
    <message>
        <source>the new version is the view now (%1 ms)</source>
        <translation>la nouvelle version est maintenant la vue (%1 ms)</translation>
    </message>
    <message>
        <source>the view is as it was (%1 ms)</source>
        <translation>la vue est telle qu’elle était (%1 ms)</translation>
    </message>
    <message>
        <source>Build projection NAME anew beside its view with its plugin&apos;s code while it keeps running, compare the two key by key, and swap the new one in.</source>
        <translation>Reconstruire la projection NAME à côté de sa vue avec le code de son plugin pendant qu’elle continue, comparer les deux clé par clé et mettre la nouvelle en place.</translation>
    </message>
    <message>
        <source>Build and compare, but keep the view as it is.</source>
        <translation>Construire et comparer, mais garder la vue telle quelle.</translation>
    </message>
    <message>
        <source>Swap even when keys differ (the handler changed on purpose); without it, differing keys keep the view as it is (exit 1).</source>
        <translation>Échanger même si des clés diffèrent (le gestionnaire a changé exprès) ; sans cela, des clés différentes gardent la vue telle quelle (code 1).</translation>
    </message>
    <message>
        <source>command id</source>
        <translation>id de commande</translation>
    </message>
    <message>
        <source>rejected with</source>
        <translation>rejetée avec</translation>
    </message>
    <message>
        <source>linked; types: %1</source>
        <translation>lié ; types : %1</translation>
    </message>
    <message>
        <source>all</source>
        <translation>tous</translation>
    </message>
    <message>
        <source>sync failed, nothing is lost; sync again: %1</source>
        <translation>la synchronisation a échoué, rien n&apos;est perdu ; synchronisez à nouveau : %1</translation>
    </message>
    <message>
        <source>accepted %1, rejected %2 commands; pulled %3 events, withdrew %4 provisional events</source>
        <translation>%1 commandes acceptées, %2 rejetées ; %3 événements récupérés, %4 événements provisoires retirés</translation>
    </message>
    <message>
        <source>pending commands: %1</source>
        <translation>commandes en attente : %1</translation>
    </message>
    <message>
        <source>last sync: %1</source>
        <translation>dernière synchronisation : %1</translation>
    </message>
    <message>
        <source>never</source>
        <translation>jamais</translation>
    </message>
    <message>
        <source>last error: %1</source>
        <translation>dernière erreur : %1</translation>
    </message>
    <message>
        <source>rejected commands: %1</source>
        <translation>commandes rejetées : %1</translation>
    </message>
    <message>
        <source>Link this SQLite store to the PostgreSQL store UPSTREAM-URL for offline-first sync: commands sent here are recorded and decided again upstream by sync.</source>
        <translation>Lier ce store SQLite au store PostgreSQL UPSTREAM-URL pour une synchronisation hors ligne d&apos;abord : les commandes envoyées ici sont enregistrées et décidées à nouveau en amont par sync.</translation>
    </message>
    <message>
        <source>Follow only the entity types &lt;A,B&gt; (comma-separated; default: all).</source>
        <translation>Ne suivre que les types d&apos;entité &lt;A,B&gt; (séparés par des virgules ; par défaut : tous).</translation>
    </message>
    <message>
        <source>Push the commands handled on this linked store to its upstream, which decides them again, then follow the upstream&apos;s events; print the commands it rejected.</source>
        <translation>Envoyer les commandes traitées sur ce store lié à son amont, qui les décide à nouveau, puis suivre les événements de l&apos;amont ; afficher les commandes rejetées.</translation>
    </message>
    <message>
        <source>Show the sync of this linked store: pending commands, the last sync, and the commands the upstream rejected, with their reasons.</source>
        <translation>Montrer la synchronisation de ce store lié : les commandes en attente, la dernière synchronisation et les commandes rejetées par l&apos;amont, avec leurs raisons.</translation>
    </message>
</context>
</TS>
