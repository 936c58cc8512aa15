<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>Evented::Inspector::Banner</name>
    <message>
        <source>Close</source>
        <translation>Fermer</translation>
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
        <translation>Heure</translation>
    </message>
    <message>
        <source>Events per minute, last hour</source>
        <translation>Événements par minute, dernière heure</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>Événements</translation>
    </message>
    <message>
        <source>Projection lag, last %1 minutes</source>
        <translation>Retard des projections, %1 dernières minutes</translation>
    </message>
    <message>
        <source>Events behind</source>
        <translation>Événements de retard</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Actualiser</translation>
    </message>
    <message>
        <source>All types</source>
        <translation>Tous les types</translation>
    </message>
    <message>
        <source>Events in the last hour: %1</source>
        <translation>Événements de la dernière heure : %1</translation>
    </message>
    <message>
        <source>Per entity type</source>
        <translation>Par type d’entité</translation>
    </message>
    <message>
        <source>Per event</source>
        <translation>Par événement</translation>
    </message>
</context>
<context>
    <name>Evented::Inspector::CommandPanel</name>
    <message>
        <source>New entity</source>
        <translation>Nouvelle entité</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Exécuter</translation>
    </message>
    <message>
        <source>Command</source>
        <translation>Commande</translation>
    </message>
    <message>
        <source>Entity</source>
        <translation>Entité</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Résultat</translation>
    </message>
    <message>
        <source>JSON</source>
        <translation>JSON</translation>
    </message>
    <message>
        <source>Read-only: commands cannot be run.</source>
        <translation>Lecture seule : les commandes ne peuvent pas être exécutées.</translation>
    </message>
    <message>
        <source>Select an entity type.</source>
        <translation>Choisissez un type d’entité.</translation>
    </message>
    <message>
        <source>No commands: there is no domain code for the entity type %1.</source>
        <translation>Aucune commande : il n’y a pas de code de domaine pour le type d’entité %1.</translation>
    </message>
    <message>
        <source>Runs on a new entity with the id above.</source>
        <translation>S’exécute sur une nouvelle entité avec l’identifiant ci-dessus.</translation>
    </message>
    <message>
        <source>Runs on the selected entity at version %1.</source>
        <translation>S’exécute sur l’entité choisie, à la version %1.</translation>
    </message>
    <message>
        <source>%1 needs a whole number</source>
        <translation>%1 doit être un nombre entier</translation>
    </message>
    <message>
        <source>%1 needs a JSON value</source>
        <translation>%1 doit être une valeur JSON</translation>
    </message>
    <message>
        <source>Not run: %1 is not a valid id.</source>
        <translation>Non exécutée : %1 n’est pas un identifiant valide.</translation>
    </message>
    <message>
        <source>Not run: %1.</source>
        <translation>Non exécutée : %1.</translation>
    </message>
    <message numerus="yes">
        <source>Applied: %n new event(s); the entity is at version %1.</source>
        <translation>
            <numerusform>Appliquée : %n nouvel événement ; l’entité est à la version %1.</numerusform>
            <numerusform>Appliquée : %n nouveaux événements ; l’entité est à la version %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>Rejected by the domain: %1</source>
        <translation>Refusée par le domaine : %1</translation>
    </message>
    <message>
        <source>Nothing was written.</source>
        <translation>Rien n’a été écrit.</translation>
    </message>
    <message>
        <source>Version conflict: %1</source>
        <translation>Conflit de version : %1</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>Échec : %1</translation>
    </message>
    <message>
        <source>Not run: the domain&apos;s views could not be set up: %1</source>
        <translation>Non exécutée : les vues du domaine n’ont pas pu être mises en place : %1</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Running…</source>
        <translation>En cours…</translation>
    </message>
    <message>
        <source>Running %1…</source>
        <translation>Exécution de %1…</translation>
    </message>
    <message>
        <source>Entity id: pick one of the list or type it</source>
        <translation>Identifiant d’entité : choisissez-en un dans la liste ou saisissez-le</translation>
    </message>
    <message>
        <source>Version %1, last changed %2</source>
        <translation>Version %1, dernière modification le %2</translation>
    </message>
    <message>
        <source>%1 needs an entity id</source>
        <translation>%1 doit être un identifiant d’entité</translation>
    </message>
</context>
<context>
    <name>Evented::Inspector::ConnectDialog</name>
    <message>
        <source>Read-only: nothing can be written</source>
        <translation>Lecture seule : rien ne peut être écrit</translation>
    </message>
    <message>
        <source>Open a store</source>
        <translation>Ouvrir un magasin d’événements</translation>
    </message>
    <message>
        <source>SQLite file</source>
        <translation>Fichier SQLite</translation>
    </message>
    <message>
        <source>PostgreSQL server</source>
        <translation>Serveur PostgreSQL</translation>
    </message>
    <message>
        <source>not remembered</source>
        <translation>jamais mémorisé</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Fichier</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Parcourir…</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>Hôte</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>Port</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>Base de données</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Utilisateur</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Mot de passe</translation>
    </message>
    <message>
        <source>Schema</source>
        <translation>Schéma</translation>
    </message>
    <message>
        <source>Store</source>
        <translation>Magasin</translation>
    </message>
    <message>
        <source>Recent</source>
        <translation>Récents</translation>
    </message>
    <message>
        <source>SQLite store</source>
        <translation>Magasin SQLite</translation>
    </message>
    <message>
        <source>SQLite databases (*.db *.sqlite *.sqlite3);;All files (*)</source>
        <translation>Bases SQLite (*.db *.sqlite *.sqlite3);;Tous les fichiers (*)</translation>
    </message>
</context>
<context>
    <name>Evented::Inspector::EntitiesModel</name>
    <message>
        <source>Id</source>
        <translation>Identifiant</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>Last change</source>
        <translation>Dernière modification</translation>
    </message>
</context>
<context>
    <name>Evented::Inspector::EntitiesPage</name>
    <message>
        <source>Entity types</source>
        <translation>Types d’entité</translation>
    </message>
    <message>
        <source>Filter by id…</source>
        <translation>Filtrer par identifiant…</translation>
    </message>
    <message>
        <source>Entities</source>
        <translation>Entités</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Historique</translation>
    </message>
    <message>
        <source>Replay</source>
        <translation>Relecture</translation>
    </message>
    <message>
        <source>Commands</source>
        <translation>Commandes</translation>
    </message>
</context>
<context>
    <name>Evented::Inspector::EntityTypesModel</name>
    <message>
        <source>Entity type</source>
        <translation>Type d’entité</translation>
    </message>
    <message>
        <source>Entities</source>
        <translation>Entités</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>Événements</translation>
    </message>
</context>
<context>
    <name>Evented::Inspector::EventsModel</name>
    <message>
        <source>Seq no</source>
        <translation>N° de séquence</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Entity</source>
        <translation>Entité</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Événement</translation>
    </message>
    <message>
        <source>Recorded at</source>
        <translation>Enregistré le</translation>
    </message>
    <message>
        <source>Metadata</source>
        <translation>Métadonnées</translation>
    </message>
</context>
<context>
    <name>Evented::Inspector::HistoryCheckDialog</name>
    <message>
        <source>event</source>
        <translation>événement</translation>
    </message>
    <message>
        <source>stale snapshot</source>
        <translation>instantané périmé</translation>
    </message>
    <message>
        <source>undecodable snapshot</source>
        <translation>instantané indécodable</translation>
    </message>
    <message>
        <source>orphaned snapshot</source>
        <translation>instantané orphelin</translation>
    </message>
    <message>
        <source>Check history</source>
        <translation>Vérifier l’historique</translation>
    </message>
    <message>
        <source>Type / problem</source>
        <translation>Type / problème</translation>
    </message>
    <message>
        <source>Entity</source>
        <translation>Entité</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>Seq no</source>
        <translation>N° de séquence</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>Reading every event with the domain&apos;s current code, folding every entity and comparing its snapshots…</source>
        <translation>Lecture de chaque événement avec le code actuel du domaine, recalcul de chaque entité et comparaison de ses instantanés…</translation>
    </message>
    <message>
        <source>Checking the history…</source>
        <translation>Vérification de l’historique…</translation>
    </message>
    <message>
        <source>Checking the history: %1 of %2 events…</source>
        <translation>Vérification de l’historique : %1 événements sur %2…</translation>
    </message>
    <message>
        <source>The history could not be read: %1</source>
        <translation>L’historique n’a pas pu être lu : %1</translation>
    </message>
    <message>
        <source>%1 events, %2 entities, %3 snapshots compared, %4 of another state version, %5 problems</source>
        <translation>%1 événements, %2 entités, %3 instantanés comparés, %4 d’une autre version d’état, %5 problèmes</translation>
    </message>
    <message>
        <source>not checked: no domain code for this type</source>
        <translation>non vérifié : aucun code de domaine pour ce type</translation>
    </message>
    <message>
        <source>The check was cancelled; what it read so far is shown.</source>
        <translation>La vérification a été annulée ; ce qui a été lu jusque-là est affiché.</translation>
    </message>
    <message>
        <source>The history is sound: every event reads and folds with the current code, and every snapshot agrees.</source>
        <translation>L’historique est sain : chaque événement se lit et s’applique avec le code actuel, et chaque instantané concorde.</translation>
    </message>
    <message numerus="yes">
        <source>%n problem(s) found.</source>
        <translation>
            <numerusform>%n problème trouvé.</numerusform>
            <numerusform>%n problèmes trouvés.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Evented::Inspector::InspectorWidget</name>
    <message>
        <source>Entities</source>
        <translation>Entités</translation>
    </message>
    <message>
        <source>Event log</source>
        <translation>Journal des événements</translation>
    </message>
    <message>
        <source>Projections</source>
        <translation>Projections</translation>
    </message>
    <message>
        <source>%1 is not an entity id</source>
        <translation>%1 n’est pas un identifiant d’entité</translation>
    </message>
    <message>
        <source>All types</source>
        <translation>Tous les types</translation>
    </message>
    <message numerus="yes">
        <source>Reading %n event(s)…</source>
        <translation>
            <numerusform>Lecture de %n événement…</numerusform>
            <numerusform>Lecture de %n événements…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Reading the history was cancelled: the first %n event(s) are shown.</source>
        <translation>
            <numerusform>La lecture de l’historique a été annulée : le premier événement est affiché.</numerusform>
            <numerusform>La lecture de l’historique a été annulée : les %n premiers événements sont affichés.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 is not a command id</source>
        <translation>%1 n’est pas un identifiant de commande</translation>
    </message>
    <message>
        <source>%1 is not a correlation id</source>
        <translation>%1 n’est pas un identifiant de corrélation</translation>
    </message>
    <message>
        <source>Charts</source>
        <translation>Graphiques</translation>
    </message>
    <message>
        <source>Next entity</source>
        <translation>Entité suivante</translation>
    </message>
    <message>
        <source>Previous entity</source>
        <translation>Entité précédente</translation>
    </message>
    <message>
        <source>Replay one event forward</source>
        <translation>Relecture : un événement en avant</translation>
    </message>
    <message>
        <source>Replay one event back</source>
        <translation>Relecture : un événement en arrière</translation>
    </message>
    <message>
        <source>Filter</source>
        <translation>Filtrer</translation>
    </message>
</context>
<context>
    <name>Evented::Inspector::InspectorWindow</name>
    <message>
        <source>&amp;Store</source>
        <translation>&amp;Magasin</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>&amp;Ouvrir…</translation>
    </message>
    <message>
        <source>Open &amp;recent</source>
        <translation>Ouvrir un fichier &amp;récent</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>&amp;Fermer</translation>
    </message>
    <message>
        <source>Read-&amp;only</source>
        <translation>&amp;Lecture seule</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Affichage</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Actualiser</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Langue</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>Langue du système</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Aide</translation>
    </message>
    <message>
        <source>Domain &amp;plugins…</source>
        <translation>&amp;Greffons de domaine…</translation>
    </message>
    <message>
        <source>&amp;About</source>
        <translation>À &amp;propos</translation>
    </message>
    <message>
        <source>About the Evented inspector</source>
        <translation>À propos de l’inspecteur Evented</translation>
    </message>
    <message>
        <source>Browses the entities and events of an event store, replays histories, runs commands and watches projections.
Library schema version %1.</source>
        <translation>Parcourt les entités et les événements d’un magasin d’événements, rejoue les historiques, exécute des commandes et surveille les projections.
Version du schéma de la bibliothèque : %1.</translation>
    </message>
    <message>
        <source>Not an event store</source>
        <translation>Pas un magasin d’événements</translation>
    </message>
    <message>
        <source>%1 holds no event store. Create one there?</source>
        <translation>%1 ne contient aucun magasin d’événements. En créer un ?</translation>
    </message>
    <message>
        <source>Cannot open the store</source>
        <translation>Impossible d’ouvrir le magasin</translation>
    </message>
    <message>
        <source>Check the host, port, database name, user and password, and that the server runs.</source>
        <translation>Vérifiez l’hôte, le port, le nom de la base, l’utilisateur et le mot de passe, et que le serveur fonctionne.</translation>
    </message>
    <message>
        <source>The database is not an event store of a version this inspector reads.</source>
        <translation>La base n’est pas un magasin d’événements d’une version que cet inspecteur sait lire.</translation>
    </message>
    <message>
        <source>The database holds no event store.</source>
        <translation>La base ne contient aucun magasin d’événements.</translation>
    </message>
    <message>
        <source>Check the store URL.</source>
        <translation>Vérifiez l’URL du magasin.</translation>
    </message>
    <message>
        <source>%1 – Evented inspector</source>
        <translation>%1 – Inspecteur Evented</translation>
    </message>
    <message>
        <source>Evented inspector</source>
        <translation>Inspecteur Evented</translation>
    </message>
    <message numerus="yes">
        <source>No store open · %n plugin(s)</source>
        <translation>
            <numerusform>Aucun magasin ouvert · %n greffon</numerusform>
            <numerusform>Aucun magasin ouvert · %n greffons</numerusform>
        </translation>
    </message>
    <message>
        <source>Browses an event store: entities, histories, commands and projections.</source>
        <translation>Parcourt un magasin d’événements : entités, historiques, commandes et projections.</translation>
    </message>
    <message>
        <source>Open the store read-only.</source>
        <translation>Ouvrir le magasin en lecture seule.</translation>
    </message>
    <message>
        <source>Look for domain plugins in &lt;DIR&gt; first (repeatable).</source>
        <translation>Chercher d’abord les greffons de domaine dans &lt;DIR&gt; (répétable).</translation>
    </message>
    <message>
        <source>Use &lt;LANGUAGE&gt; (de, fr, en) instead of the chosen one.</source>
        <translation>Utiliser &lt;LANGUAGE&gt; (de, fr, en) au lieu de la langue choisie.</translation>
    </message>
    <message>
        <source>The store: sqlite:/path/file.db or postgresql://user@host/database.</source>
        <translation>Le magasin : sqlite:/chemin/fichier.db ou postgresql://utilisateur@hôte/base.</translation>
    </message>
    <message numerus="yes">
        <source>%1 · read-only · %n plugin(s)</source>
        <translation>
            <numerusform>%1 · lecture seule · %n greffon</numerusform>
            <numerusform>%1 · lecture seule · %n greffons</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 · %n plugin(s)</source>
        <translation>
            <numerusform>%1 · %n greffon</numerusform>
            <numerusform>%1 · %n greffons</numerusform>
        </translation>
    </message>
    <message>
        <source>Check &amp;history…</source>
        <translation>Vérifier l’&amp;historique…</translation>
    </message>
    <message>
        <source>Reads every event with the plugins&apos; current code, folds every entity and compares its snapshots</source>
        <translation>Lit chaque événement avec le code actuel des greffons, recalcule chaque entité et compare ses instantanés</translation>
    </message>
</context>
<context>
    <name>Evented::Inspector::LogPage</name>
    <message>
        <source>Entity id</source>
        <translation>Identifiant d’entité</translation>
    </message>
    <message>
        <source>Event name</source>
        <translation>Nom de l’événement</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Correlation id</source>
        <translation>Identifiant de corrélation</translation>
    </message>
    <message>
        <source>Only the events of one conversation: a chain of commands and the events they appended</source>
        <translation>Uniquement les événements d’une conversation : une chaîne de commandes et les événements qu’elles ont ajoutés</translation>
    </message>
    <message>
        <source>Command id</source>
        <translation>Identifiant de commande</translation>
    </message>
    <message>
        <source>Only the events one command appended (their causation id)</source>
        <translation>Uniquement les événements ajoutés par une commande (leur identifiant de causalité)</translation>
    </message>
    <message>
        <source>Events of its command</source>
        <translation>Événements de sa commande</translation>
    </message>
    <message>
        <source>Show the events the command that appended the selected event appended</source>
        <translation>Affiche les événements ajoutés par la commande qui a ajouté l’événement choisi</translation>
    </message>
    <message>
        <source>Events of its correlation</source>
        <translation>Événements de sa corrélation</translation>
    </message>
    <message>
        <source>Show the events of the selected event&apos;s conversation</source>
        <translation>Affiche les événements de la conversation de l’événement choisi</translation>
    </message>
    <message>
        <source>Event contains JSON</source>
        <translation>L’événement contient le JSON</translation>
    </message>
    <message>
        <source>Only the events whose JSON contains this object, for example {&quot;Increased&quot;: {&quot;inc&quot;: 5}}: each key given with the value given; an array given matches an array that has its elements</source>
        <translation>Seulement les événements dont le JSON contient cet objet, par exemple {&quot;Increased&quot;: {&quot;inc&quot;: 5}} : chaque clé donnée avec la valeur donnée ; un tableau donné correspond à un tableau qui a ses éléments</translation>
    </message>
</context>
<context>
    <name>Evented::Inspector::ParkedModel</name>
    <message>
        <source>Seq no</source>
        <translation>N° de séquence</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Entity</source>
        <translation>Entité</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Événement</translation>
    </message>
    <message>
        <source>Parked at</source>
        <translation>Mis de côté le</translation>
    </message>
    <message>
        <source>Re-runs</source>
        <translation>Relances</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Erreur</translation>
    </message>
</context>
<context>
    <name>Evented::Inspector::PluginsDialog</name>
    <message>
        <source>Domain plugins</source>
        <translation>Greffons de domaine</translation>
    </message>
    <message>
        <source>Plugin</source>
        <translation>Greffon</translation>
    </message>
    <message>
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Entity types</source>
        <translation>Types d’entité</translation>
    </message>
    <message>
        <source>Projections</source>
        <translation>Projections</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Fichier</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1 : %2</translation>
    </message>
    <message>
        <source>Searched: %1 (and the directories in EVENTED_PLUGIN_PATH)</source>
        <translation>Recherché dans : %1 (et les répertoires de EVENTED_PLUGIN_PATH)</translation>
    </message>
    <message>
        <source>no directory</source>
        <translation>aucun répertoire</translation>
    </message>
</context>
<context>
    <name>Evented::Inspector::ProgressStrip</name>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>This task cannot be cancelled once begun.</source>
        <translation>Cette tâche ne peut pas être annulée une fois commencée.</translation>
    </message>
</context>
<context>
    <name>Evented::Inspector::ProjectionsModel</name>
    <message>
        <source>pid %1 since %2</source>
        <translation>pid %1 depuis %2</translation>
    </message>
    <message>
        <source>at %1: %2</source>
        <translation>à %1 : %2</translation>
    </message>
    <message>
        <source>Projection</source>
        <translation>Projection</translation>
    </message>
    <message>
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>Position</translation>
    </message>
    <message>
        <source>Lag</source>
        <translation>Retard</translation>
    </message>
    <message>
        <source>Waiting on</source>
        <translation>Attend</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Propriétaire</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Erreur</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>Mise à jour</translation>
    </message>
</context>
<context>
    <name>Evented::Inspector::ProjectionsPanel</name>
    <message>
        <source>Rebuild…</source>
        <translation>Reconstruire…</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Actualiser</translation>
    </message>
    <message>
        <source>Read-only: projections cannot be rebuilt.</source>
        <translation>Lecture seule : les projections ne peuvent pas être reconstruites.</translation>
    </message>
    <message>
        <source>Rebuild</source>
        <translation>Reconstruire</translation>
    </message>
    <message>
        <source>There is no domain code for the projection %1, so it cannot be run here.</source>
        <translation>Il n’y a pas de code de domaine pour la projection %1 : elle ne peut pas être exécutée ici.</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Démarrer</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Arrêter</translation>
    </message>
    <message>
        <source>Re-run</source>
        <translation>Relancer</translation>
    </message>
    <message>
        <source>Read-only: projections cannot be run here.</source>
        <translation>Lecture seule : les projections ne peuvent pas être exécutées ici.</translation>
    </message>
    <message>
        <source>Read-only: parked events cannot be re-run.</source>
        <translation>Lecture seule : les événements mis de côté ne peuvent pas être relancés.</translation>
    </message>
    <message>
        <source>Runs the projection here, with the domain&apos;s code, until Stop</source>
        <translation>Exécute la projection ici, avec le code du domaine, jusqu’à ce qu’elle soit arrêtée</translation>
    </message>
    <message>
        <source>Stops the projection that runs here; its position stays</source>
        <translation>Arrête la projection qui s’exécute ici ; sa position reste</translation>
    </message>
    <message>
        <source>Runs the domain&apos;s handler again on every parked event of the projection; those that fail again stay parked</source>
        <translation>Relance le gestionnaire du domaine sur chaque événement mis de côté de la projection ; ceux qui échouent de nouveau restent mis de côté</translation>
    </message>
    <message>
        <source>Parked events</source>
        <translation>Événements mis de côté</translation>
    </message>
    <message>
        <source>Parked events of %1</source>
        <translation>Événements mis de côté de %1</translation>
    </message>
    <message>
        <source>Re-running the parked events of %1…</source>
        <translation>Relance des événements mis de côté de %1…</translation>
    </message>
    <message>
        <source>Re-run of %1: %2, %3.</source>
        <translation>Relance de %1 : %2, %3.</translation>
    </message>
    <message numerus="yes">
        <source>%n applied</source>
        <translation>
            <numerusform>%n appliqué</numerusform>
            <numerusform>%n appliqués</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n failed again</source>
        <translation>
            <numerusform>%n de nouveau en échec</numerusform>
            <numerusform>%n de nouveau en échec</numerusform>
        </translation>
    </message>
    <message>
        <source>Builds the projection anew beside its view while it keeps running, compares the two key by key and swaps the new one in; one that declares no view is rebuilt in place</source>
        <translation>Reconstruit la projection à côté de sa vue pendant qu’elle continue, compare les deux clé par clé et met la nouvelle en place ; celle qui ne déclare aucune vue est reconstruite sur place</translation>
    </message>
    <message>
        <source>Build %1 anew beside its view, from the first event, while it keeps running, and compare the two key by key?</source>
        <translation>Reconstruire %1 à côté de sa vue, depuis le premier événement, pendant qu’elle continue, et comparer les deux clé par clé ?</translation>
    </message>
    <message>
        <source>Rebuild and swap puts the new version in place of the view when no key differs; Verify only compares and keeps the view. Once begun, neither can be cancelled. A projection that declares no view can only be rebuilt in place: you are asked then.</source>
        <translation>Reconstruire et échanger met la nouvelle version à la place de la vue si aucune clé ne diffère ; Vérifier seulement compare et garde la vue. Une fois commencée, aucune des deux ne peut être annulée. Une projection qui ne déclare aucune vue ne peut être reconstruite que sur place : la question vous est alors posée.</translation>
    </message>
    <message>
        <source>Rebuild and swap</source>
        <translation>Reconstruire et échanger</translation>
    </message>
    <message>
        <source>Verify only</source>
        <translation>Vérifier seulement</translation>
    </message>
    <message>
        <source>Verifying %1 beside its view…</source>
        <translation>Vérification de %1 à côté de sa vue…</translation>
    </message>
    <message>
        <source>Rebuilding %1 beside its view…</source>
        <translation>Reconstruction de %1 à côté de sa vue…</translation>
    </message>
    <message>
        <source>%1 cannot be rebuilt beside its view. Clear its view and project every event again here instead?</source>
        <translation>%1 ne peut pas être reconstruite à côté de sa vue. Vider sa vue et projeter à nouveau tous les événements ici à la place ?</translation>
    </message>
    <message>
        <source>%1 built anew and compared at seq_no %2: %3, %4 compared, %5 differ. %6 (%7 ms)</source>
        <translation>%1 reconstruite et comparée au seq_no %2 : %3, %4 comparées, %5 diffèrent. %6 (%7 ms)</translation>
    </message>
    <message numerus="yes">
        <source>%n event(s)</source>
        <translation>
            <numerusform>%n événement</numerusform>
            <numerusform>%n événements</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n key(s)</source>
        <translation>
            <numerusform>%n clé</numerusform>
            <numerusform>%n clés</numerusform>
        </translation>
    </message>
    <message>
        <source>The new version is the view now.</source>
        <translation>La nouvelle version est maintenant la vue.</translation>
    </message>
    <message>
        <source>Verified only: the view is as it was.</source>
        <translation>Vérifiée seulement : la vue est telle qu’elle était.</translation>
    </message>
    <message>
        <source>The view is as it was.</source>
        <translation>La vue est telle qu’elle était.</translation>
    </message>
    <message numerus="yes">
        <source>… and %n more</source>
        <translation>
            <numerusform>… et %n autre</numerusform>
            <numerusform>… et %n autres</numerusform>
        </translation>
    </message>
    <message>
        <source>Keys that differ:
%1</source>
        <translation>Clés qui diffèrent :
%1</translation>
    </message>
    <message numerus="yes">
        <source>%n key(s) of %1 differ, so the view was kept. Swap anyway?</source>
        <translation>
            <numerusform>%n clé de %1 diffère, la vue a donc été gardée. Échanger quand même ?</numerusform>
            <numerusform>%n clés de %1 diffèrent, la vue a donc été gardée. Échanger quand même ?</numerusform>
        </translation>
    </message>
    <message>
        <source>Builds the new version again and puts it in place even though keys differ: when the handler changed on purpose.</source>
        <translation>Reconstruit la nouvelle version et la met en place bien que des clés diffèrent : quand le gestionnaire a changé exprès.</translation>
    </message>
    <message>
        <source>Rebuilding %1 in place…</source>
        <translation>Reconstruction de %1 sur place…</translation>
    </message>
    <message>
        <source>%1 rebuilt in place: at seq_no %2 of %3.</source>
        <translation>%1 reconstruite sur place : au seq_no %2 sur %3.</translation>
    </message>
</context>
<context>
    <name>Evented::Inspector::ReplayPanel</name>
    <message>
        <source>%1: added %2</source>
        <translation>%1 : ajouté %2</translation>
    </message>
    <message>
        <source>%1: %2 → %3</source>
        <translation>%1 : %2 → %3</translation>
    </message>
    <message>
        <source>%1: removed</source>
        <translation>%1 : supprimé</translation>
    </message>
    <message>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <source>(no change)</source>
        <translation>(aucun changement)</translation>
    </message>
    <message>
        <source>First event</source>
        <translation>Premier événement</translation>
    </message>
    <message>
        <source>Back one event</source>
        <translation>Un événement en arrière</translation>
    </message>
    <message>
        <source>Forward one event</source>
        <translation>Un événement en avant</translation>
    </message>
    <message>
        <source>Last event</source>
        <translation>Dernier événement</translation>
    </message>
    <message>
        <source>State after this event</source>
        <translation>État après cet événement</translation>
    </message>
    <message>
        <source>Change from the state before</source>
        <translation>Changement par rapport à l’état précédent</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Événement</translation>
    </message>
    <message>
        <source>Version %1 of %2</source>
        <translation>Version %1 sur %2</translation>
    </message>
    <message>
        <source>Select an entity to replay its history.</source>
        <translation>Choisissez une entité pour rejouer son historique.</translation>
    </message>
    <message>
        <source>No state: there is no domain code for the entity type %1. Load a plugin that provides it, or register the type in the application that embeds the inspector. The events are shown as stored.</source>
        <translation>Pas d’état : il n’y a pas de code de domaine pour le type d’entité %1. Chargez un greffon qui le fournit, ou enregistrez le type dans l’application qui intègre l’inspecteur. Les événements sont affichés tels qu’ils sont stockés.</translation>
    </message>
    <message>
        <source>The event at version %1 (seq no %2) cannot be decoded: %3</source>
        <translation>L’événement de la version %1 (n° de séquence %2) ne peut pas être décodé : %3</translation>
    </message>
    <message>
        <source>The state before the first event.</source>
        <translation>L’état avant le premier événement.</translation>
    </message>
    <message>
        <source>A load of this entity starts from its snapshot at version %1 and gives another state than its events do: the snapshot is stale. Check the history (Store menu).</source>
        <translation>Le chargement de cette entité part de son instantané à la version %1 et donne un autre état que ses événements : l’instantané est périmé. Vérifiez l’historique (menu Magasin).</translation>
    </message>
    <message>
        <source>A load of this entity starts from its snapshot at version %1.</source>
        <translation>Le chargement de cette entité part de son instantané à la version %1.</translation>
    </message>
    <message>
        <source>Compare with the state after version</source>
        <translation>Comparer avec l’état après la version</translation>
    </message>
    <message>
        <source>The version whose state is shown beside this one; 0 is the state before the first event</source>
        <translation>La version dont l’état est affiché à côté de celui-ci ; 0 est l’état avant le premier événement</translation>
    </message>
    <message>
        <source>Version %1 cannot be folded: %2</source>
        <translation>La version %1 ne peut pas être calculée : %2</translation>
    </message>
    <message>
        <source>Fields that differ: %1</source>
        <translation>Champs qui diffèrent : %1</translation>
    </message>
</context>
<context>
    <name>Evented::Inspector::StateComparisonModel</name>
    <message>
        <source>(the state)</source>
        <translation>(l’état)</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(aucun)</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Champ</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>Avant</translation>
    </message>
    <message>
        <source>Version %1</source>
        <translation>Version %1</translation>
    </message>
    <message>
        <source>After</source>
        <translation>Après</translation>
    </message>
</context>
<context>
    <name>Evented::Inspector::SyncStatus</name>
    <message>
        <source>never</source>
        <translation>jamais</translation>
    </message>
    <message>
        <source>Linked to %1. Pending commands: %2; rejected: %3; last sync: %4</source>
        <translation>Lié à %1. Commandes en attente : %2 ; refusées : %3 ; dernière synchronisation : %4</translation>
    </message>
    <message>
        <source>last error: %1</source>
        <translation>dernière erreur : %1</translation>
    </message>
</context>
</TS>
