"""Commands for sync and devices: invite, export, import, return, devices, revoke,
device lost, retention.

The parser part runs for every ``--help``; the domain and the services are imported in the
handlers.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from hamm_field.cli.common import out, services_of
from hamm_field.cli.options import command
from hamm_field.i18n import gettext as _
from hamm_field.i18n import ngettext


def add_commands(commands: argparse._SubParsersAction) -> None:
    target = _("Zieldatei")
    invite = command(commands, "invite", _("Einladungsdatei für einen Laptop schreiben"))
    invite.add_argument("--worker", required=True, metavar="NAME",
                        help=_("Name der Person, die den Laptop bekommt"))
    invite.add_argument("--role", choices=("schluesselfigur", "sozialbetreuer"), required=True,
                        help=_("Rolle der Person"))
    invite.add_argument("--team", metavar="TRÄGER",
                        help=_("Träger, für den die Person arbeitet (z. B. AWO)"))
    invite.add_argument("--out", required=True, metavar="FILE", help=target)
    invite.set_defaults(func=cmd_invite)
    export = command(commands, "export", _("Sync-Paket für die Koordination schreiben"))
    export.add_argument("--out", required=True, metavar="FILE", help=target)
    export.set_defaults(func=cmd_export)
    imports = command(commands, "import", _("Sync-Pakete einlesen"))
    imports.add_argument("files", nargs="+", metavar="FILE",
                         help=_("Sync-Pakete oder ein Rückpaket"))
    imports.set_defaults(func=cmd_import)
    back = command(commands, "return", _("Rückpaket für einen Laptop schreiben"))
    back.add_argument("--device", required=True, metavar="DEVICE_ID",
                      help=_("Kennung des Laptops (siehe devices)"))
    back.add_argument("--out", required=True, metavar="FILE", help=target)
    back.set_defaults(func=cmd_return)
    command(commands, "devices", _("Geräte auflisten")).set_defaults(func=cmd_devices)
    revoke = command(commands, "revoke", _("Gerät sperren"))
    revoke.add_argument("device", metavar="DEVICE_ID", help=_("Kennung des Laptops"))
    revoke.set_defaults(func=cmd_revoke)
    device = command(commands, "device", _("Ein Gerät betreffend: als verloren melden"))
    actions = device.add_subparsers(dest="action", metavar="ACTION", required=True)
    lost_text = _("Laptop sperren und Meldung für die Datenschutzbeauftragte schreiben (PDF)")
    lost = actions.add_parser("lost", help=lost_text, description=lost_text)
    lost.add_argument("name", metavar="NAME",
                      help=_("Name der Mitarbeiterin oder des Mitarbeiters oder Kennung"))
    lost.add_argument("--pdf", required=True, metavar="FILE", help=target)
    device.set_defaults(func=cmd_device)
    retention = command(commands, "retention", _("Löschfristen: was zur Löschung fällig ist"))
    retention.add_argument("action", choices=("due",), help=_("due: fällige Einträge auflisten"))
    retention.set_defaults(func=cmd_retention)


def cmd_invite(args: argparse.Namespace) -> int:
    from hamm_field.domain.vocab import WorkerRole

    services = services_of(args)
    try:
        path = services.sync.invite(args.worker, WorkerRole(args.role), Path(args.out),
                                    team=args.team)
    finally:
        services.close()
    out(_("Einladung geschrieben: {path}").format(path=path))
    out(_("Geben Sie die Datei nur persönlich weiter (USB-Stick)."))
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    services = services_of(args)
    try:
        result = services.sync.export(Path(args.out))
    finally:
        services.close()
    out(ngettext("Paket {number} geschrieben und geprüft: {path} ({changes} Änderung)",
                  "Paket {number} geschrieben und geprüft: {path} ({changes} Änderungen)",
                  result.changes).format(
        number=result.sequence, path=result.path, changes=result.changes))
    return 0


def alert_text(count: int) -> str:
    """New Kindeswohl alerts, worded as on the Heute screen."""
    return ngettext("{count} neuer Kindeswohl-Hinweis (erheblich)",
                    "{count} neue Kindeswohl-Hinweise (erheblich)", count).format(count=count)


def cmd_import(args: argparse.Namespace) -> int:
    """One line per file; exit 1 when any file was refused (the others are merged)."""
    from hamm_field.services.sync import handover_lines

    services = services_of(args)
    try:
        results = services.sync.import_files([Path(name) for name in args.files])
    finally:
        services.close()
    refused = False
    for result in results:
        if result.refused is not None:
            refused = True
            print(_("{file}: abgelehnt – {reason}").format(file=result.path.name,
                                                          reason=result.refused), file=sys.stderr)
        elif result.already:
            out(_("{file}: schon eingelesen, nichts geändert").format(file=result.path.name))
        else:
            out(ngettext("{file}: {count} Änderung übernommen",
                          "{file}: {count} Änderungen übernommen", result.changes)
                 .format(file=result.path.name, count=result.changes))
            if result.gaps:
                out(ngettext("  Achtung: Paket {numbers} dieses Geräts fehlt noch.",
                              "  Achtung: Pakete {numbers} dieses Geräts fehlen noch.",
                              len(result.gaps)).format(
                    numbers=", ".join(map(str, result.gaps))))
            if result.conflicts:
                out(ngettext("  {count} gleichzeitige Änderung zur Prüfung vorgemerkt.",
                              "  {count} gleichzeitige Änderungen zur Prüfung vorgemerkt.",
                              result.conflicts).format(count=result.conflicts))
            for line in handover_lines(result):
                out("  " + line)
            alerts = len(getattr(result, "kindeswohl", ()))
            if alerts:
                out("  " + alert_text(alerts) + " – "
                     + _("bitte in der App unter „Heute“ ansehen."))
    return 1 if refused else 0


def cmd_return(args: argparse.Namespace) -> int:
    services = services_of(args)
    try:
        result = services.sync.make_return(args.device, Path(args.out))
    finally:
        services.close()
    out(_("Rückpaket geschrieben: {path} (bestätigt bis Paket {number})").format(
        path=result.path, number=result.acked_sequence))
    return 0


def cmd_devices(args: argparse.Namespace) -> int:
    services = services_of(args)
    try:
        rows = services.sync.devices()
    finally:
        services.close()
    for row in rows:
        revoked = _("gesperrt") if row.device.revoked_on else ""
        out(f"{row.device.id}  {row.device.role:<8} {row.worker_name}  {revoked}".rstrip())
    return 0


def cmd_revoke(args: argparse.Namespace) -> int:
    services = services_of(args)
    try:
        services.sync.revoke(args.device)
    finally:
        services.close()
    out(_("Gerät gesperrt: {device}").format(device=args.device))
    return 0


def cmd_device(args: argparse.Namespace) -> int:
    """``device lost NAME --pdf FILE``: lock the laptop out, write the document to FILE.

    Prints counts and dates only; the family names are in the PDF alone.
    """
    from hamm_field.services.documents import save_document

    services = services_of(args)
    try:
        result = services.lost_devices.declare_lost(services.lost_devices.find(args.name))
    finally:
        services.close()
    save_document(Path(args.pdf), result.pdf)
    if result.newly_revoked:
        out(_("Gerät gesperrt: {device}").format(device=result.device_id))
    else:
        out(_("Das Gerät {device} war schon gesperrt.").format(device=result.device_id))
    last = result.last_package.date().isoformat() if result.last_package else "–"
    out(ngettext("{count} Familie war nach Wissen der Koordination auf dem Laptop "
                  "(letztes Paket: {last}).",
                  "{count} Familien waren nach Wissen der Koordination auf dem Laptop "
                  "(letztes Paket: {last}).", result.families).format(
        count=result.families, last=last))  # fmt: skip
    out(_("Was seitdem erfasst wurde, ist nicht bekannt."))
    out(_("Bestandsaufnahme und Entwurf der Meldung: {path}").format(path=args.pdf))
    return 0


def cmd_retention(args: argparse.Namespace) -> int:
    """``retention due``: what is past its Löschfrist, by id, without names (a script may
    write the output to a plain file)."""
    services = services_of(args)
    try:
        items = services.retention.due()
    finally:
        services.close()
    for item in items:
        state = (f"hold:{item.hold_until.isoformat()}" if item.hold_until
                 else "marked" if item.marked_by else "due")  # fmt: skip
        out(f"{item.subject_id}  {item.kind:<11} {item.reason:<12} "
             f"{item.since.isoformat()}  {item.due_on.isoformat()}  {state}")
    return 0
