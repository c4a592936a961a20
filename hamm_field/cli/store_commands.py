"""Commands about this device's store: init, status, demo, passwd, check.

The parser part runs for every ``--help``; the domain and the services are imported in the
handlers.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from hamm_field.cli.common import (
    NEW_PASSWORD_ENV,
    PASSWORD_ENV,
    RECOVERY_ENV,
    ask_password,
    ask_secret,
    out,
    read_file,
    unlock,
)
from hamm_field.cli.options import command
from hamm_field.i18n import gettext as _
from hamm_field.i18n import ngettext

if TYPE_CHECKING:
    from hamm_field.store.paths import StorePaths


def add_commands(commands: argparse._SubParsersAction) -> None:
    init = command(commands, "init", _("Datenspeicher einrichten"))
    init.add_argument("--role", choices=("field", "central"), required=True,
                      help=_("Laptop im Feld oder Koordination"))
    init.add_argument("--name", required=True, help=_("Name der Person, die hier arbeitet"))
    init.add_argument("--worker-role", choices=("schluesselfigur", "sozialbetreuer"),
                      help=_("Rolle der Person"))
    init.add_argument("--invite", metavar="FILE", help=_("Einladungsdatei der Koordination"))
    init.add_argument("--replace-incomplete", action="store_true",
                      help=_("einen unvollständig eingerichteten Datenspeicher ohne Rückfrage "
                             "neu einrichten (nie einen vollständigen)"))
    init.set_defaults(func=cmd_init)

    command(commands, "status", _("Stand des Datenspeichers zeigen")).set_defaults(
        func=cmd_status)

    demo = command(commands, "demo", _("Beispieldaten laden"))
    demo.add_argument("--families", type=int, default=300, metavar="N",
                      help=_("Anzahl der Familien"))
    demo.add_argument("--seed", type=int, default=1, metavar="S",
                      help=_("Startwert: derselbe Wert ergibt dieselben Daten"))
    demo.add_argument("--year", type=int, default=dt.date.today().year, metavar="YYYY",
                      help=_("Jahr der Kontakte"))
    demo.set_defaults(func=cmd_demo)

    passwd = command(commands, "passwd", _("Passwort ändern"))
    passwd.add_argument(
        "--recovery", action="store_true", help=_("mit dem Wiederherstellungsschlüssel")
    )
    passwd.set_defaults(func=cmd_passwd)
    command(commands, "check", _("Verschlüsselung und Protokollkette prüfen")).set_defaults(
        func=cmd_check)


def cmd_init(args: argparse.Namespace) -> int:
    from dataclasses import replace

    from hamm_field import app
    from hamm_field.domain.errors import UserError
    from hamm_field.domain.vocab import DeviceRole, WorkerRole
    from hamm_field.services import setup
    from hamm_field.services.settings import load_settings, save_settings

    paths = app.store_paths(args.data_dir)
    invitation = read_file(Path(args.invite)) if args.invite else None
    if invitation is not None and args.role != "field":
        raise UserError(_("Eine Einladung richtet nur einen Laptop im Feld ein (--role field)."))
    password = ask_secret(PASSWORD_ENV, _("Neues Passwort: "), confirm=True)
    replacing = _replaceable(args, paths, password)
    if invitation is not None:
        result = setup.join(paths, invitation=invitation, name=args.name, password=password,
                            kdf=app.kdf_params(), replacing=replacing)
    else:
        result = setup.initialize(
            paths,
            device_role=DeviceRole(args.role),
            name=args.name,
            password=password,
            kdf=app.kdf_params(),
            worker_role=WorkerRole(args.worker_role) if args.worker_role else None,
            replacing=replacing,
        )
    result.store.close()
    if getattr(args, "lang", None):  # the window then speaks the language chosen here
        save_settings(paths.root, replace(load_settings(paths.root), language=args.lang))
    out(_("Datenspeicher eingerichtet: {path}").format(path=paths.root))
    out()
    out(_("Ihr Wiederherstellungsschlüssel (wird nur jetzt angezeigt):"))
    out()
    out("    " + result.recovery_key)
    out()
    out(_("Schreiben Sie ihn auf oder drucken Sie ihn aus und bewahren Sie ihn sicher auf."))
    out(_("Damit kommen Sie an die Daten, wenn das Passwort vergessen ist."))
    return 0


def _replaceable(args: argparse.Namespace, paths: StorePaths, password: str) -> str | None:
    """The incomplete store ``init`` may set up anew, once confirmed; None if there is none.

    Only a store this password opens and finds unfinished qualifies; for anything else
    ``incomplete_store_id`` refuses, as a complete store is never replaced.
    """
    from hamm_field.domain.errors import UserError
    from hamm_field.services import setup

    if not setup.store_present(paths):
        return None
    store_id = setup.incomplete_store_id(paths, password)
    if args.replace_incomplete:
        return store_id
    if not sys.stdin.isatty():
        raise UserError(_("Der Datenspeicher in {path} ist unvollständig eingerichtet. Mit "
                          "--replace-incomplete wird er neu eingerichtet.").format(path=paths.root))
    answer = input(_("Der Datenspeicher in {path} ist unvollständig eingerichtet, weil die "
                     "Einrichtung abgebrochen wurde. Neu einrichten? [j/N] ").format(
        path=paths.root))
    yes = _("ja").lower()
    if answer.strip().lower() not in {"j", "ja", "y", "yes", yes, yes[:1]}:
        raise UserError(_("Es wurde nichts geändert."))
    return store_id


def cmd_status(args: argparse.Namespace) -> int:
    from hamm_field.domain.vocab import DeviceRole, WorkerRole
    from hamm_field.i18n.formatting import format_iso, format_number
    from hamm_field.services.status import store_status

    store = unlock(args)
    try:
        status = store_status(store)
    finally:
        store.close()
    none = _("noch nie")
    rows = [
        (_("Rolle"), DeviceRole(status.device_role).label if status.device_role else ""),
        (_("Gerät"), f"{status.device_name} ({status.device_id})"),
        (_("Person"), f"{status.worker_name} ({WorkerRole(status.worker_role).label})"),
        (_("Familien"), format_number(status.counts.get("household", 0))),
        (_("Personen"), format_number(status.counts.get("person", 0))),
        (_("Kontakte"), format_number(status.counts.get("contact", 0))),
        (_("Starterpakete"), format_number(status.counts.get("starterpaket_handout", 0))),
        (_("Integrationsziele"), format_number(status.counts.get("goal", 0))),
        (_("Letzter Export"), format_iso(status.last_export) or none),
        (_("Letzter Import"), format_iso(status.last_import) or none),
        (_("Letzte Bestätigung"), format_iso(status.last_ack) or none),
        (_("Nicht synchronisierte Änderungen"), format_number(status.unsynced_changes)),
    ]
    width = max(len(label) for label, _value in rows)
    for label, value in rows:
        out(f"{label + ':':<{width + 2}}{value}")
    for device in status.devices:
        last = _("Paket {number} am {date}").format(
            number=device.last_sequence, date=format_iso((device.last_received or "")[:10])
        ) if device.last_sequence else _("noch kein Paket")
        gaps = ngettext(", es fehlt: {numbers}", ", es fehlen: {numbers}", len(device.gaps)).format(
            numbers=", ".join(map(str, device.gaps))) if device.gaps else ""
        revoked = _(" (gesperrt)") if device.revoked else ""
        out(f"  {device.worker_name}{revoked} · {device.device_id}: {last}{gaps}")
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from hamm_field.domain.errors import UserError
    if not 1 <= args.families <= 200_000:
        raise UserError(_("Bitte zwischen 1 und 200000 Familien angeben."))
    from hamm_field.i18n.formatting import format_number
    from hamm_field.services.demo import load_demo  # large name lists: load on demand

    store = unlock(args)
    try:
        summary = load_demo(
            store, families=args.families, seed=args.seed, year=args.year, mine=True
        )
    finally:
        store.close()
    counts = (
        ngettext("{count} Familie", "{count} Familien", summary.families),
        ngettext("{count} Person", "{count} Personen", summary.persons),
        ngettext("{count} Kontakt", "{count} Kontakte", summary.contacts),
    )
    families, persons, contacts = (
        text.format(count=format_number(n))
        for text, n in zip(counts, (summary.families, summary.persons, summary.contacts),
                           strict=True)
    )
    out(_("Beispieldaten geladen: {families}, {persons}, {contacts}.").format(
        families=families, persons=persons, contacts=contacts))
    return 0


def cmd_passwd(args: argparse.Namespace) -> int:
    from hamm_field import app
    from hamm_field.services import setup

    paths = app.store_paths(args.data_dir)
    if args.recovery:
        key = ask_secret(RECOVERY_ENV, _("Wiederherstellungsschlüssel: "))
        store = setup.unlock_with_recovery(paths, key)
    else:
        store = setup.unlock(paths, ask_password(paths, _("Bisheriges Passwort: ")))
    try:
        new = ask_secret(NEW_PASSWORD_ENV, _("Neues Passwort: "), confirm=True)
        setup.change_password(store, new, app.kdf_params())
    finally:
        store.close()
    out(_("Das Passwort wurde geändert."))
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from hamm_field.i18n.formatting import format_number
    from hamm_field.services.integrity import check_store

    store = unlock(args)
    try:
        result = check_store(store)
    finally:
        store.close()
    out(_("Verschlüsselte Datenbank: {state}").format(state=result.database))
    entries = ngettext("{count} Eintrag", "{count} Einträge", result.audit_entries)
    out(_("Protokollkette: {entries}, {state}").format(
        entries=entries.format(count=format_number(result.audit_entries)), state=result.audit))
    return 0 if result.ok else 1
