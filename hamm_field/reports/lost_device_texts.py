"""The words of the lost-laptop document: kinds of data and the draft notification.

German only, as the document (see ``reports/lost_device.py``). The draft follows the
contents Art. 33 Abs. 3 DSGVO asks of a notification; the technical part states what
this installation does, with the numbers of its own key file.
"""

from __future__ import annotations

from collections.abc import Callable

from hamm_field.reports.lost_device_model import LostDeviceData

BLANK = "______"

KINDS = {
    "household": ("Familien", "Familienname oder Pseudonym, Sozialraum, Adresse, "
                  "Herkunftsland, Sprachen, Integrationspakete, Status, Zugang, Erstkontakt"),
    "person": ("Personen", "Vor- und Familienname, Geburtsjahr oder -datum, Beziehung, "
               "Kita/Schule und Klasse, Krankenversicherung"),
    "consent": ("Einwilligungen", "wer, wann, Umfang, Sprache des Formulars, Widerruf"),
    "contact": ("Kontakte", "Datum, Art, Dauer, Themen, Institution, Ort, Sprache, Ergebnis, "
                "Wiedervorlage, Notiz"),
    "starterpaket_handout": ("Starterpaket-Übergaben", "Datum, Sprachausgabe, ausgegebene "
                             "Teile, Empfänger/in, Notiz"),
    "case_phase": ("Fallphasen", "Phase, Beginn, Notiz"),
    "goal": ("Integrationsziele", "Handlungsfeld, Zieltext, Daten, Status, Überprüfungsnotiz"),
    "observation": ("Beobachtungen Kindeswohl", "Kind, Datum, Schulbesuch, U-Untersuchung, "
                    "Sorge, Notiz"),
    "family_share": ("Zuordnungen", "welche Mitarbeitenden mit der Familie arbeiten"),
}  # fmt: skip

SENSITIVE = {
    "observation": "Beobachtungen zum Kindeswohl (Schulbesuch, U-Untersuchungen, Sorge)",
    "person": "Angaben über Kinder und zur Krankenversicherung",
    "contact": "Notizen zu Kontakten, auch zu Arztterminen (Gesundheitsdaten, Art. 9 DSGVO)",
}  # fmt: skip

Format = Callable[[object], str]


def notification(data: LostDeviceData, sensitive: list[str], day: Format, moment: Format
                 ) -> list[tuple[str, str]]:  # fmt: skip
    """(heading, text) of each part of the draft, filled in from ``data``."""
    p = data.protection
    worker = f"{data.worker_name} ({data.team})" if data.team else data.worker_name
    last = moment(data.last_package) if data.last_package else "noch keinem Paket"
    kinds = ", ".join(KINDS.get(table, (table, ""))[0] for table, _count in data.records)
    special = ("\nDarunter besonders schutzbedürftige Angaben: " + "; ".join(sensitive) + "."
               if sensitive else "")  # fmt: skip
    return [
        ("Art der Verletzung",
         f"Verlust oder Diebstahl eines Laptops, auf dem Hamm Field Daten der "
         f"Integrationsarbeit speichert. Gerät {data.device_id}, genutzt von {worker}.\n"
         f"Festgestellt am: {BLANK}   Umstände (Ort, Diebstahl oder Verlust): {BLANK}"),
        ("Zeitraum",
         f"Der Laptop hat sein letztes Paket am {last} an die Koordination geschickt. "
         f"Zeitpunkt des Verlusts: {BLANK}. Die Daten reichen zurück bis {day(data.oldest)}. "
         "Was danach auf dem Laptop erfasst wurde, ist nicht bekannt und gleichermaßen "
         "betroffen."),
        ("Betroffene Personen und Daten",
         f"Ungefähr {len(data.families)} Familien mit {data.persons} Personen "
         "(Familienmitglieder) aus der Integrationsarbeit der Stadt Hamm (Liste in "
         "Abschnitt 3), dazu Namen, Rolle und Träger der Mitarbeitenden des Teams. "
         f"Datenarten: {kinds or 'keine'}."
         f"{special}"),
        ("Schutz der Daten auf dem Laptop",
         "Der gesamte Datenspeicher ist mit SQLCipher 4 verschlüsselt (AES-256, jede Seite mit "
         "HMAC-SHA512 gegen Veränderung gesichert). Der Schlüssel ist ein zufälliger "
         "256-Bit-Schlüssel, der nur verschlüsselt (ChaCha20-Poly1305) neben der Datenbank "
         "liegt; geöffnet wird er mit einem aus dem Passwort abgeleiteten Schlüssel "
         f"(Argon2id). In dieser Installation: {p.memory_mib} MiB Speicher, {p.iterations} "
         f"Durchgänge, {p.lanes} Spur(en) je Versuch (Datenspeicher der Koordination); jeder "
         "Laptop misst seine Werte beim Einrichten auf etwa 0,5 Sekunden je Versuch ein und "
         f"bleibt nie unter {p.floor_mib} MiB und {p.floor_iterations} Durchgängen.\n"
         f"Passwörter haben mindestens {p.min_password} Zeichen. Nach {p.free_tries} falschen "
         f"Passwörtern wartet jeder weitere Versuch länger (bis {p.max_wait_seconds} "
         "Sekunden). Sync-Pakete sind an den Schlüssel der Koordination verschlüsselt und "
         "signiert. Nichts Personenbezogenes liegt unverschlüsselt auf dem Laptop: keine "
         "Protokolle mit Namen, keine temporären Dateien; ausgenommen sind Dokumente, die "
         "jemand ausdrücklich gespeichert hat (z. B. Empfangsbestätigungen). "
         f"Solche Dateien auf dem Laptop: {BLANK}"),
        ("Wahrscheinliche Folgen",
         "Ohne das Passwort sind die Daten nicht lesbar; ein Angreifer müsste das Passwort "
         "mit den oben genannten Kosten je Versuch erraten. Ein Risiko besteht, wenn das "
         "Passwort schwach war, mit dem Laptop aufbewahrt wurde oder der Laptop beim Verlust "
         f"entsperrt war. Einschätzung: {BLANK}"),
        ("Ergriffene Maßnahmen",
         f"Das Gerät ist in Hamm Field seit {day(data.revoked_on)} gesperrt: Pakete von ihm "
         "werden abgelehnt, es bekommt keine Rückpakete mehr. Die Mitarbeiterin oder der "
         "Mitarbeiter bekommt einen neuen Laptop mit neuer Einladung und einem neuen "
         "Passwort. Weitere Maßnahmen (Anzeige bei der Polizei, Fernlöschung): " + BLANK),
        ("Benachrichtigung der Betroffenen (Art. 34 DSGVO)",
         "Nicht erforderlich, wenn die Daten durch die Verschlüsselung für Unbefugte "
         "unzugänglich sind (Art. 34 Abs. 3 lit. a DSGVO). Entscheidung und Begründung: "
         + BLANK),
        ("Ansprechperson",
         f"Koordination: {BLANK}   Telefon/E-Mail: {BLANK}   Datenschutzbeauftragte/r: {BLANK}"),
    ]  # fmt: skip
