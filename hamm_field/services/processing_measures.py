"""The technical measures of the record of processing (Art. 30 (1) g), read from what runs.

Every figure comes from where the program itself takes it: the cipher pragmas of the open
database, the Argon2id parameters in the key file, the constants of the password rule, the
unlock delay, the sync envelope and the suppression of small numbers, the auto-lock minutes
of this computer's settings and a fresh walk of the audit chain. A changed constant or
setting changes the document with it.
"""

from __future__ import annotations

from hamm_field.reports.processing_record_model import Entry
from hamm_field.reports.suppression import SMALL, THRESHOLD
from hamm_field.services import password_policy, unlock_attempts
from hamm_field.services.context import Context
from hamm_field.services.settings import load_settings
from hamm_field.store import audit, keyfile
from hamm_field.store.integrity import cipher_settings
from hamm_field.store.kdf import KDF_CEILING, KDF_FLOOR, MIB, KdfParams
from hamm_field.sync import envelope

_ON = {"1": "an", "0": "aus"}
_SYNCHRONOUS = {"0": "OFF", "1": "NORMAL", "2": "FULL", "3": "EXTRA"}
_TEMP_STORE = {"0": "Standard", "1": "Datei", "2": "Arbeitsspeicher"}


def _argon(params: KdfParams) -> str:
    text = (f"{params.memory_cost // MIB} MiB, {params.iterations} Durchläufe, "
            f"Parallelität {params.lanes}")  # fmt: skip
    if params.target_ms:
        text += f", kalibriert auf {params.target_ms} ms je Entsperren"
    return text


def database(context: Context) -> list[Entry]:
    c = cipher_settings(context.store)
    return [
        Entry("Verschlüsselung der Datenbank", (
            f"SQLCipher {c['cipher_version']} mit {c['cipher_provider']} "
            f"({c['cipher_provider_version']}): jede Seite ({c['cipher_page_size']} Byte) "
            f"mit AES-256 verschlüsselt und mit {c['cipher_hmac_algorithm']} gegen Veränderung "
            f"geschützt (HMAC {_ON.get(c['cipher_use_hmac'], c['cipher_use_hmac'])}), "
            f"unverschlüsselter Dateikopf: {c['cipher_plaintext_header_size']} Byte. "
            "Schlüssel ist ein zufälliger 256-Bit-Datenschlüssel, der als Rohschlüssel "
            "übergeben wird; kein Passwort gelangt in SQL.")),
        Entry("Betrieb der Datenbank", (
            f"Gelöschte Inhalte werden überschrieben (secure_delete "
            f"{_ON.get(c['secure_delete'], c['secure_delete'])}); Zwischenergebnisse nur im "
            f"{_TEMP_STORE.get(c['temp_store'], c['temp_store'])} (temp_store); Journal "
            f"{c['journal_mode'].upper()}, synchronous = "
            f"{_SYNCHRONOUS.get(c['synchronous'], c['synchronous'])}; Fremdschlüssel geprüft "
            f"({_ON.get(c['foreign_keys'], c['foreign_keys'])}).")),
    ]  # fmt: skip


def keys(context: Context) -> list[Entry]:
    key_file = keyfile.KeyFile.load(context.store.paths.keyfile)
    kdfs = sorted(set(key_file.password_kdfs()), key=lambda p: (p.memory_cost, p.iterations))
    slots = len(key_file.password_kdfs())
    access = "ein Passwort-Zugang" if slots == 1 else f"{slots} Passwort-Zugänge"
    recovery = "ein Wiederherstellungsschlüssel" if key_file.has_recovery() \
        else "kein Wiederherstellungsschlüssel"
    settings = load_settings(context.store.paths.root)
    return [
        Entry("Schlüsselverwaltung", (
            f"Schlüsseldatei (Format {keyfile.FORMAT}) neben der Datenbank: {access} und "
            f"{recovery}. Der Datenschlüssel ist je Zugang mit "
            "ChaCha20-Poly1305 verschlüsselt und an Ablage, Zugang und Parameter gebunden. "
            "Passwörter werden mit Argon2id gestreckt: "
            f"{'; '.join(_argon(p) for p in kdfs) or '–'}. Untergrenze "
            f"{KDF_FLOOR.memory_cost // MIB} MiB und {KDF_FLOOR.iterations} Durchläufe, "
            f"Obergrenze {KDF_CEILING.memory_cost // MIB} MiB und {KDF_CEILING.iterations} "
            "Durchläufe. Wiederherstellungsschlüssel: 130 Bit Zufall über HKDF-SHA256, bei "
            "der Einrichtung einmal gezeigt und als Notfallblatt gedruckt.")),
        Entry("Passwortregeln und Anmeldung", (
            f"Passwort mit mindestens {password_policy.MIN_PASSWORD_LENGTH} Zeichen. Nach "
            f"{unlock_attempts.FREE_ATTEMPTS} falschen Passwörtern in Folge wartet jeder "
            f"weitere Versuch länger, bis {unlock_attempts.MAX_DELAY_SECONDS} Sekunden. "
            f"Automatische Sperre nach {settings.lock_minutes} Minuten ohne Eingabe "
            "(Einstellung dieses Computers). Ein Passwortwechsel verschlüsselt nur den "
            "Datenschlüssel neu.")),
    ]  # fmt: skip


def transfer(devices: int, revoked: int, quarantine_days: int) -> list[Entry]:
    return [
        Entry("Sync-Pakete (Laptop ↔ Koordination)", (
            f"Umschlag Format {envelope.VERSION}: vom Absendergerät mit Ed25519 signiert, "
            "die Signatur wird vor jeder Entschlüsselung geprüft; verschlüsselt an das "
            "Empfängergerät mit X25519 (Einmalschlüssel), HKDF-SHA256 und ChaCha20-Poly1305. "
            "Der Inhalt ist eine SQLCipher-Datenbank mit eigenem zufälligem "
            f"{envelope.PAYLOAD_KEY_BYTES * 8}-Bit-Schlüssel, jedes Teil mit SHA-256 im "
            "Manifest. Vor dem Übernehmen wird jede Zeile gegen die Schreibrechte des Geräts "
            "geprüft; ein abgelehntes Paket ändert nichts und kommt in Quarantäne "
            f"(Kopie {quarantine_days} Tage). Angemeldete Laptops: {devices}, davon "
            f"gesperrt: {revoked}.")),
    ]  # fmt: skip


def chain(context: Context) -> Entry:
    with context.store.read() as session:
        check = audit.verify(session)
    state = "in Ordnung" if check.ok else f"unterbrochen bei Eintrag {check.first_bad_seq}"
    return Entry("Änderungsprotokoll (Protokollkette)", (
        "Jede Änderung an einem Datensatz wird mit Zeitpunkt, Gerät, Person, Art und "
        "Feldnamen protokolliert, ohne Werte. Jeder Eintrag enthält den SHA-256 seines "
        "Vorgängers, so fällt jede Änderung, Lücke oder Kürzung auf (Prüfung auch mit "
        f"„hamm-field check“). Prüfung beim Erstellen dieses Verzeichnisses: {check.entries} "
        f"Einträge, Kette {state}."))  # fmt: skip


def access(closed_months: int) -> list[Entry]:
    return [
        Entry("Zugriff und Rollen", (
            "Ein Laptop hält nur die Familien seiner Person und die mit ihr geteilten; "
            f"abgeschlossene Familien verlassen die Laptops nach {closed_months} Monaten. "
            "Beobachtungen zum Kindeswohl sieht nur, wer sie erfasst hat, und die "
            "Koordination. Nur die Koordination löscht nach Art. 17; die Löschung erreicht "
            "jeden Laptop mit dem nächsten Rückpaket.")),
        Entry("Dateien und Protokolle", (
            "Der Datenordner ist nur für das eigene Benutzerkonto lesbar (Linux, macOS: "
            "0700/0600; Windows: im eigenen Benutzerprofil). Jede Datei wird unter einem "
            "vorläufigen Namen geschrieben und dann umbenannt; es gibt keine unverschlüsselten "
            "Zwischendateien. Auskunft, Berichte und dieses Verzeichnis entstehen im "
            "Arbeitsspeicher und werden nur gespeichert, wo eine Person es wählt. Das "
            "Programmprotokoll enthält Kennungen, nie Namen, Notizen oder Passwörter.")),
        Entry("Berichte nach außen", (
            f"Nur zusammengefasste Zahlen; Werte von 1 bis {THRESHOLD - 1} erscheinen als "
            f"„{SMALL}“, weitere Zellen werden verborgen, damit sich keine zurückrechnen "
            "lässt.")),
    ]  # fmt: skip
