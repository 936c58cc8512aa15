<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>Main</name>
    <message>
        <source>Accounts: %1</source>
        <translation>Comptes : %1</translation>
    </message>
    <message>
        <source>Done.</source>
        <translation>Fait.</translation>
    </message>
    <message>
        <source>Others kept changing the account: %1</source>
        <translation>D’autres n’ont cessé de modifier le compte : %1</translation>
    </message>
    <message>
        <source>Not enough money: the balance is %1, %2 was asked for.</source>
        <translation>Pas assez d’argent : le solde est de %1, %2 ont été demandés.</translation>
    </message>
    <message>
        <source>The amount must be more than zero.</source>
        <translation>Le montant doit être supérieur à zéro.</translation>
    </message>
    <message>
        <source>The account was never created.</source>
        <translation>Le compte n’a jamais été ouvert.</translation>
    </message>
    <message>
        <source>The recipient was never created.</source>
        <translation>Le compte destinataire n’a jamais été ouvert.</translation>
    </message>
    <message>
        <source>An account cannot transfer to itself.</source>
        <translation>Un compte ne peut pas virer à lui-même.</translation>
    </message>
    <message>
        <source>The balance cannot hold that much.</source>
        <translation>Le solde ne peut pas contenir autant.</translation>
    </message>
    <message>
        <source>Rejected: %1</source>
        <translation>Refusé : %1</translation>
    </message>
    <message>
        <source>New account</source>
        <translation>Nouveau compte</translation>
    </message>
    <message>
        <source>Projection: %1</source>
        <translation>Projection : %1</translation>
    </message>
    <message>
        <source>Opening the store…</source>
        <translation>Ouverture du store…</translation>
    </message>
    <message>
        <source>pending</source>
        <translation>en attente</translation>
    </message>
    <message>
        <source>No accounts yet: create one.</source>
        <translation>Aucun compte pour l’instant : ouvrez-en un.</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Montant</translation>
    </message>
    <message>
        <source>Deposit</source>
        <translation>Déposer</translation>
    </message>
    <message>
        <source>Withdraw</source>
        <translation>Retirer</translation>
    </message>
    <message>
        <source>Transfer to</source>
        <translation>Virer à</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Accounts of an event store, in Qt Quick.</source>
        <translation>Les comptes d’un event store, en Qt Quick.</translation>
    </message>
    <message>
        <source>The store (default: an SQLite file of this application).</source>
        <translation>Le store (par défaut : un fichier SQLite de cette application).</translation>
    </message>
    <message>
        <source>A directory of domain plugins.</source>
        <translation>Un répertoire de plugins de domaine.</translation>
    </message>
    <message>
        <source>directory</source>
        <translation>répertoire</translation>
    </message>
</context>
</TS>
