<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>Evented::Domain</name>
    <message>
        <source>the entity type %1 is defined twice</source>
        <translation>le type d’entité %1 est défini deux fois</translation>
    </message>
    <message>
        <source>the projection %1 is defined twice</source>
        <translation>la projection %1 est définie deux fois</translation>
    </message>
    <message>
        <source>the command %1 of %2 is defined twice</source>
        <translation>la commande %1 de %2 est définie deux fois</translation>
    </message>
    <message>
        <source>no domain code for the entity type %1</source>
        <translation>aucun code de domaine pour le type d’entité %1</translation>
    </message>
    <message>
        <source>the entity type %1 has no command %2</source>
        <translation>le type d’entité %1 n’a pas de commande %2</translation>
    </message>
    <message>
        <source>the command %1 has no parameter %2</source>
        <translation>la commande %1 n’a pas de paramètre %2</translation>
    </message>
    <message>
        <source>bad parameters for %1: %2</source>
        <translation>paramètres invalides pour %1 : %2</translation>
    </message>
    <message>
        <source>this entity type has no snapshots</source>
        <translation>ce type d’entité n’a pas d’instantanés</translation>
    </message>
    <message>
        <source>the entity type %1 has no snapshots (it declares no stateVersion)</source>
        <translation>le type d’entité %1 n’a pas d’instantanés (il ne déclare pas de stateVersion)</translation>
    </message>
    <message>
        <source>%1 %2 has no events</source>
        <translation>%1 %2 n’a aucun événement</translation>
    </message>
</context>
<context>
    <name>Evented::DomainPlugins</name>
    <message>
        <source>not a Qt plugin</source>
        <translation>pas un greffon Qt</translation>
    </message>
    <message>
        <source>a plugin of another interface (%1)</source>
        <translation>un greffon d’une autre interface (%1)</translation>
    </message>
    <message>
        <source>built for plugin interface version %1, this program has version %2</source>
        <translation>compilé pour la version %1 de l’interface des greffons, ce programme a la version %2</translation>
    </message>
    <message>
        <source>loaded</source>
        <translation>chargé</translation>
    </message>
    <message>
        <source>not a domain plugin</source>
        <translation>pas un greffon de domaine</translation>
    </message>
    <message>
        <source>wrong interface version</source>
        <translation>mauvaise version d’interface</translation>
    </message>
    <message>
        <source>cannot be loaded</source>
        <translation>impossible à charger</translation>
    </message>
    <message>
        <source>conflicts with another plugin</source>
        <translation>en conflit avec un autre greffon</translation>
    </message>
</context>
<context>
    <name>Evented::Error</name>
    <message>
        <source>version conflict on %1 %2: expected version %3, the store has %4</source>
        <translation>conflit de version sur %1 %2 : version %3 attendue, le magasin a la version %4</translation>
    </message>
    <message>
        <source>cannot decode event %1: %2</source>
        <translation>impossible de décoder l’événement %1 : %2</translation>
    </message>
    <message>
        <source>the handler failed on event %1: %2</source>
        <translation>le gestionnaire a échoué sur l’événement %1 : %2</translation>
    </message>
    <message>
        <source>projection %1 lost its lease (token %2) to another instance</source>
        <translation>la projection %1 a perdu son bail (jeton %2) au profit d’une autre instance</translation>
    </message>
</context>
<context>
    <name>Evented::EventFilter</name>
    <message>
        <source>The search is not JSON: %1 at character %2</source>
        <translation>La recherche n’est pas du JSON : %1 au caractère %2</translation>
    </message>
    <message>
        <source>The search must be a JSON object, such as {&quot;Increased&quot;: {&quot;inc&quot;: 5}}</source>
        <translation>La recherche doit être un objet JSON, par exemple {&quot;Increased&quot;: {&quot;inc&quot;: 5}}</translation>
    </message>
</context>
<context>
    <name>Evented::EventLog</name>
    <message>
        <source>the event is not externally tagged ({&quot;Name&quot;: {…}} or &quot;Name&quot;)</source>
        <translation>l’événement n’est pas étiqueté de l’extérieur ({&quot;Name&quot;: {…}} ou &quot;Name&quot;)</translation>
    </message>
    <message>
        <source>%1 %2 has version %3 where %4 was expected</source>
        <translation>%1 %2 est à la version %3 alors que %4 était attendue</translation>
    </message>
    <message>
        <source>the entity id %1 is not a UUID</source>
        <translation>l’identifiant d’entité %1 n’est pas un UUID</translation>
    </message>
    <message>
        <source>the type name is empty</source>
        <translation>le nom de type est vide</translation>
    </message>
    <message>
        <source>not JSON: %1</source>
        <translation>pas du JSON : %1</translation>
    </message>
    <message>
        <source>not a JSON object</source>
        <translation>pas un objet JSON</translation>
    </message>
    <message>
        <source>missing or invalid field %1</source>
        <translation>champ %1 manquant ou invalide</translation>
    </message>
</context>
<context>
    <name>Evented::EventSchema</name>
    <message>
        <source>the payload of %1 is not an object</source>
        <translation>la charge utile de %1 n’est pas un objet</translation>
    </message>
    <message>
        <source>%1 event %2 has version %3, newer than this code knows (%4)</source>
        <translation>l’événement %2 de %1 est à la version %3, plus récente que celle que connaît ce code (%4)</translation>
    </message>
    <message>
        <source>%1 has no event %2 (version %3) and no upcaster from it</source>
        <translation>%1 n’a pas d’événement %2 (version %3) ni d’upcaster qui en parte</translation>
    </message>
    <message>
        <source>no upcaster takes %1 event %2 from version %3 to version %4</source>
        <translation>aucun upcaster ne fait passer l’événement %2 de %1 de la version %3 à la version %4</translation>
    </message>
    <message>
        <source>the upcasters of %1 event %2 go round in a circle</source>
        <translation>les upcasters de l’événement %2 de %1 tournent en rond</translation>
    </message>
    <message>
        <source>the upcaster of %1 event %2 version %3 failed: %4</source>
        <translation>l’upcaster de l’événement %2 de %1 en version %3 a échoué : %4</translation>
    </message>
    <message>
        <source>the upcaster of %1 event %2 version %3 does not move it forward</source>
        <translation>l’upcaster de l’événement %2 de %1 en version %3 ne le fait pas avancer</translation>
    </message>
</context>
<context>
    <name>Evented::EventStore</name>
    <message>
        <source>bad value &quot;%1&quot; for store URL option %2</source>
        <translation>valeur « %1 » invalide pour l’option d’URL %2</translation>
    </message>
    <message>
        <source>the Qt SQL driver %1 is not available</source>
        <translation>le pilote Qt SQL %1 n’est pas disponible</translation>
    </message>
    <message>
        <source>schema %1 holds no event store; open it with migration on to create one</source>
        <translation>le schéma %1 ne contient aucun magasin d’événements ; ouvrez-le avec la migration activée pour en créer un</translation>
    </message>
    <message>
        <source>schema %1 has version %2, this library needs %3; open it with migration on</source>
        <translation>le schéma %1 est à la version %2, cette bibliothèque demande la %3 ; ouvrez-le avec la migration activée</translation>
    </message>
    <message>
        <source>malformed store URL: %1</source>
        <translation>URL de magasin mal formée : %1</translation>
    </message>
    <message>
        <source>unsupported store URL scheme &quot;%1&quot; (expected postgresql:// or sqlite:)</source>
        <translation>schéma d’URL de magasin « %1 » non pris en charge (attendu : postgresql:// ou sqlite:)</translation>
    </message>
    <message>
        <source>the connection is not valid</source>
        <translation>la connexion n’est pas valide</translation>
    </message>
    <message>
        <source>the store is not open</source>
        <translation>le magasin n’est pas ouvert</translation>
    </message>
    <message>
        <source>blocking store calls must come from the thread that opened the store; use the asynchronous calls from other threads</source>
        <translation>les appels bloquants au magasin doivent venir du thread qui l’a ouvert ; depuis d’autres threads, utilisez les appels asynchrones</translation>
    </message>
    <message>
        <source>the store URL names no database: %1</source>
        <translation>l’URL du magasin ne nomme aucune base de données : %1</translation>
    </message>
    <message>
        <source>read_only cannot be combined with the libpq option options</source>
        <translation>read_only ne peut pas être combiné avec l’option libpq options</translation>
    </message>
    <message>
        <source>the database connection was lost: %1</source>
        <translation>la connexion à la base de données a été perdue : %1</translation>
    </message>
    <message>
        <source>cannot connect to the database: %1</source>
        <translation>impossible de se connecter à la base de données : %1</translation>
    </message>
    <message>
        <source>unknown exception</source>
        <translation>exception inconnue</translation>
    </message>
    <message>
        <source>the stored event is not valid JSON</source>
        <translation>l’événement stocké n’est pas du JSON valide</translation>
    </message>
    <message>
        <source>the stored metadata is not valid JSON</source>
        <translation>les métadonnées stockées ne sont pas du JSON valide</translation>
    </message>
    <message>
        <source>the entity id is null</source>
        <translation>l’identifiant d’entité est nul</translation>
    </message>
    <message>
        <source>the listener failed on version %1: %2</source>
        <translation>l’écouteur a échoué sur la version %1 : %2</translation>
    </message>
    <message>
        <source>unknown option %1 for an SQLite store</source>
        <translation>option %1 inconnue pour un magasin SQLite</translation>
    </message>
    <message>
        <source>the store URL names no database file: %1</source>
        <translation>l’URL du magasin ne nomme aucun fichier de base de données : %1</translation>
    </message>
    <message>
        <source>no such database file: %1</source>
        <translation>fichier de base de données introuvable : %1</translation>
    </message>
    <message>
        <source>unsupported database driver %1</source>
        <translation>pilote de base de données non pris en charge : %1</translation>
    </message>
    <message>
        <source>the %1 is empty</source>
        <translation>%1 est vide</translation>
    </message>
    <message>
        <source>the %1 has more than %2 bytes</source>
        <translation>%1 dépasse %2 octets</translation>
    </message>
    <message>
        <source>the %1 must not contain a NUL character</source>
        <translation>%1 ne doit pas contenir de caractère NUL</translation>
    </message>
    <message>
        <source>schema name</source>
        <translation>le nom du schéma</translation>
    </message>
    <message>
        <source>table name</source>
        <translation>le nom de la table</translation>
    </message>
    <message>
        <source>a snapshot is taken of a state this store loaded or wrote, and this one was not</source>
        <translation>un instantané se prend d’un état que ce magasin a chargé ou écrit, et ce n’est pas le cas de celui-ci</translation>
    </message>
    <message>
        <source>not valid JSON</source>
        <translation>pas du JSON valide</translation>
    </message>
    <message>
        <source>ignoring the snapshot of %1 %2 at version %3, which cannot be decoded (%4); folding from the first event</source>
        <translation>instantané de %1 %2 à la version %3 ignoré, car impossible à décoder (%4) ; recalcul à partir du premier événement</translation>
    </message>
    <message>
        <source>a command&apos;s own entity (%1 %2) is not one of its other entities</source>
        <translation>l’entité propre d’une commande (%1 %2) ne fait pas partie de ses autres entités</translation>
    </message>
    <message>
        <source>the options pooler and direct are for PostgreSQL only</source>
        <translation>les options pooler et direct ne valent que pour PostgreSQL</translation>
    </message>
    <message>
        <source>read_only cannot be enforced through a transaction-mode pooler: connect as a role whose transactions are read-only (ALTER ROLE … SET default_transaction_read_only = on)</source>
        <translation>read_only ne peut être imposé à travers un pooler en mode transaction : connectez-vous avec un rôle dont les transactions sont en lecture seule (ALTER ROLE … SET default_transaction_read_only = on)</translation>
    </message>
    <message>
        <source>event %1 of the append is not valid JSON</source>
        <translation>l’événement %1 de l’ajout n’est pas du JSON valide</translation>
    </message>
    <message>
        <source>the metadata of event %1 of the append is not valid JSON</source>
        <translation>les métadonnées de l’événement %1 de l’ajout ne sont pas du JSON valide</translation>
    </message>
    <message>
        <source>read replicas (the option replica) are for PostgreSQL only</source>
        <translation>les répliques en lecture (l’option replica) sont réservées à PostgreSQL</translation>
    </message>
    <message>
        <source>the outcome of the commit is unknown (%1): handle the command again with its command id</source>
        <translation>l’issue du commit est inconnue (%1) : traitez de nouveau la commande avec son identifiant de commande</translation>
    </message>
    <message>
        <source>the store URL names %1 hosts but %2 ports</source>
        <translation>l’URL du magasin nomme %1 hôtes mais %2 ports</translation>
    </message>
    <message>
        <source>only a PostgreSQL store on a Citus coordinator can be distributed</source>
        <translation>seul un magasin PostgreSQL sur un coordinateur Citus peut être distribué</translation>
    </message>
    <message>
        <source>the database has no citus extension: a store is distributed on a Citus coordinator</source>
        <translation>la base de données n&apos;a pas l&apos;extension citus : un magasin se distribue sur un coordinateur Citus</translation>
    </message>
</context>
<context>
    <name>Evented::HistoryCheck</name>
    <message>
        <source>the states differ</source>
        <translation>les états diffèrent</translation>
    </message>
    <message>
        <source>the snapshot differs from the fold in %1</source>
        <translation>l’instantané diffère de l’état recalculé dans %1</translation>
    </message>
    <message>
        <source>not valid JSON</source>
        <translation>pas du JSON valide</translation>
    </message>
    <message>
        <source>the snapshot of state version %1 cannot be decoded: %2</source>
        <translation>impossible de décoder l’instantané de la version d’état %1 : %2</translation>
    </message>
    <message>
        <source>the snapshot&apos;s version %1 is not a stored event of the entity</source>
        <translation>la version %1 de l’instantané n’est pas un événement stocké de l’entité</translation>
    </message>
</context>
<context>
    <name>Evented::Json</name>
    <message>
        <source>expected %1</source>
        <translation>attendu : %1</translation>
    </message>
    <message>
        <source>expected an object for %1</source>
        <translation>attendu : un objet pour %1</translation>
    </message>
    <message>
        <source>missing field %1</source>
        <translation>champ %1 manquant</translation>
    </message>
    <message>
        <source>field %1: %2</source>
        <translation>champ %1 : %2</translation>
    </message>
    <message>
        <source>a boolean</source>
        <translation>un booléen</translation>
    </message>
    <message>
        <source>an integer</source>
        <translation>un entier</translation>
    </message>
    <message>
        <source>a non-negative integer</source>
        <translation>un entier positif ou nul</translation>
    </message>
    <message>
        <source>integer %1 out of range</source>
        <translation>entier %1 hors limites</translation>
    </message>
    <message>
        <source>a number</source>
        <translation>un nombre</translation>
    </message>
    <message>
        <source>a string</source>
        <translation>une chaîne</translation>
    </message>
    <message>
        <source>a UUID</source>
        <translation>un UUID</translation>
    </message>
    <message>
        <source>an ISO 8601 date-time</source>
        <translation>une date et heure ISO 8601</translation>
    </message>
    <message>
        <source>an ISO 8601 date</source>
        <translation>une date ISO 8601</translation>
    </message>
    <message>
        <source>an object</source>
        <translation>un objet</translation>
    </message>
    <message>
        <source>an array</source>
        <translation>un tableau</translation>
    </message>
    <message>
        <source>an array of strings</source>
        <translation>un tableau de chaînes</translation>
    </message>
    <message>
        <source>cannot read JSON into a value of type %1</source>
        <translation>impossible de lire du JSON dans une valeur de type %1</translation>
    </message>
    <message>
        <source>expected an array</source>
        <translation>attendu : un tableau</translation>
    </message>
    <message>
        <source>expected an externally tagged value ({&quot;Name&quot;: {…}} or &quot;Name&quot;)</source>
        <translation>attendu : une valeur étiquetée de l’extérieur ({&quot;Name&quot;: {…}} ou &quot;Name&quot;)</translation>
    </message>
    <message>
        <source>unknown variant %1</source>
        <translation>variante %1 inconnue</translation>
    </message>
    <message>
        <source>not valid JSON</source>
        <translation>pas du JSON valide</translation>
    </message>
</context>
<context>
    <name>Evented::Migration</name>
    <message>
        <source>schema %1 has version %2, newer than this library&apos;s %3</source>
        <translation>le schéma %1 est à la version %2, plus récente que la %3 de cette bibliothèque</translation>
    </message>
    <message>
        <source>table event in schema %1 is not an event store (missing columns: %2)</source>
        <translation>la table event du schéma %1 n’est pas un magasin d’événements (colonnes manquantes : %2)</translation>
    </message>
</context>
<context>
    <name>Evented::PostgreSQL</name>
    <message>
        <source>the database connection is closed</source>
        <translation>la connexion à la base de données est fermée</translation>
    </message>
</context>
<context>
    <name>Evented::Projection</name>
    <message>
        <source>projection %1 is active in another instance; stop it first</source>
        <translation>la projection %1 est active dans une autre instance ; arrêtez-la d’abord</translation>
    </message>
    <message>
        <source>clearing the view of projection %1 failed: %2</source>
        <translation>échec du vidage de la vue de la projection %1 : %2</translation>
    </message>
    <message>
        <source>projection %1 has no handler</source>
        <translation>la projection %1 n’a pas de gestionnaire</translation>
    </message>
    <message>
        <source>a projection needs a name</source>
        <translation>une projection a besoin d’un nom</translation>
    </message>
    <message>
        <source>there is no event %1 to wait for</source>
        <translation>il n’y a pas d’événement %1 à attendre</translation>
    </message>
    <message>
        <source>the projection %1 has not handled event %2 within %3 ms (it is at %4)</source>
        <translation>la projection %1 n’a pas traité l’événement %2 en %3 ms (elle en est à %4)</translation>
    </message>
    <message>
        <source>the event is no longer in the event table</source>
        <translation>l’événement n’est plus dans la table des événements</translation>
    </message>
    <message>
        <source>projection %1 has no parked event %2</source>
        <translation>la projection %1 n’a pas d’événement mis de côté %2</translation>
    </message>
    <message>
        <source>projection %1 cannot be rebuilt beside itself on a distributed store; reset() rebuilds it in place</source>
        <translation>la projection %1 ne peut pas être reconstruite à côté d’elle-même dans un magasin distribué ; reset() la reconstruit sur place</translation>
    </message>
    <message>
        <source>projection %1 declares no view (addView()): there is nothing to build anew</source>
        <translation>la projection %1 ne déclare aucune vue (addView()) : il n’y a rien à reconstruire</translation>
    </message>
    <message>
        <source>projection %1 has partitions: reset() rebuilds it in place</source>
        <translation>la projection %1 a des partitions : reset() la reconstruit sur place</translation>
    </message>
    <message>
        <source>another rebuild of projection %1 is running</source>
        <translation>une autre reconstruction de la projection %1 est en cours</translation>
    </message>
</context>
<context>
    <name>Evented::ProjectionModel</name>
    <message>
        <source>view table</source>
        <translation>table de vue</translation>
    </message>
    <message>
        <source>the view %1 has no column %2</source>
        <translation>la vue %1 n’a pas de colonne %2</translation>
    </message>
    <message>
        <source>column</source>
        <translation>colonne</translation>
    </message>
</context>
<context>
    <name>Evented::ProjectionState</name>
    <message>
        <source>stopped</source>
        <translation>arrêtée</translation>
    </message>
    <message>
        <source>standby</source>
        <translation>en attente de relève</translation>
    </message>
    <message>
        <source>catching up</source>
        <translation>en rattrapage</translation>
    </message>
    <message>
        <source>live</source>
        <translation>à jour</translation>
    </message>
    <message>
        <source>waiting</source>
        <translation>en attente</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>en échec</translation>
    </message>
    <message>
        <source>polling</source>
        <translation>interrogation périodique</translation>
    </message>
    <message>
        <source>commit notifications</source>
        <translation>notifications de commit</translation>
    </message>
    <message>
        <source>the primary</source>
        <translation>le primaire</translation>
    </message>
    <message>
        <source>the primary (no replica can be read)</source>
        <translation>le primaire (aucune réplique lisible)</translation>
    </message>
    <message>
        <source>a replica</source>
        <translation>une réplique</translation>
    </message>
    <message>
        <source>a replica, %1 bytes behind</source>
        <translation>une réplique, en retard de %1 octets</translation>
    </message>
    <message>
        <source>a replica, %1 bytes and %2 ms behind</source>
        <translation>une réplique, en retard de %1 octets et %2 ms</translation>
    </message>
    <message>
        <source>never ran</source>
        <translation>jamais exécutée</translation>
    </message>
</context>
<context>
    <name>Evented::SQLite</name>
    <message>
        <source>cannot use %1: %2</source>
        <translation>impossible d’utiliser %1 : %2</translation>
    </message>
</context>
<context>
    <name>Evented::SyncLink</name>
    <message>
        <source>the sync link is not attached to a local store: link() or attach() it first</source>
        <translation>le lien de synchronisation n&apos;est rattaché à aucun store local : appelez d&apos;abord link() ou attach()</translation>
    </message>
    <message>
        <source>a sync link needs an SQLite local store; this one is PostgreSQL</source>
        <translation>un lien de synchronisation demande un store local SQLite ; celui-ci est PostgreSQL</translation>
    </message>
    <message>
        <source>the upstream of a sync link must be a PostgreSQL store (postgresql://…): %1</source>
        <translation>l&apos;amont d&apos;un lien de synchronisation doit être un store PostgreSQL (postgresql://…) : %1</translation>
    </message>
    <message>
        <source>the store is linked already, to %1 (types: %2)</source>
        <translation>le store est déjà lié, à %1 (types : %2)</translation>
    </message>
    <message>
        <source>all</source>
        <translation>tous</translation>
    </message>
    <message>
        <source>the store is not linked to an upstream: link it first</source>
        <translation>le store n&apos;est lié à aucun amont : liez-le d&apos;abord</translation>
    </message>
    <message>
        <source>the entity type %1 is not synced by this link (types: %2)</source>
        <translation>le type d&apos;entité %1 n&apos;est pas synchronisé par ce lien (types : %2)</translation>
    </message>
    <message>
        <source>command %1 was handled through the sync link before</source>
        <translation>la commande %1 a déjà été traitée par le lien de synchronisation</translation>
    </message>
    <message>
        <source>the local store has %1 %2 at version %3 already, written other than through the sync link: the upstream&apos;s event cannot take its place</source>
        <translation>le store local a déjà %1 %2 en version %3, écrit autrement que par le lien de synchronisation : l&apos;événement de l&apos;amont ne peut pas prendre sa place</translation>
    </message>
    <message>
        <source>the local store kept changing during %1 rounds of sync (commands handled, another sync); sync again</source>
        <translation>le store local n&apos;a cessé de changer pendant %1 tours de synchronisation (commandes traitées, une autre synchronisation) ; synchronisez à nouveau</translation>
    </message>
</context>
</TS>
