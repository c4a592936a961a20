"""Command handlers for sync: invite, export, import, devices, revoke, device lost."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from hamm_field.cli_commands import _out, _unlock
from hamm_field.domain.vocab import WorkerRole
from hamm_field.i18n import gettext as _
from hamm_field.i18n import ngettext
from hamm_field.services import Services
from hamm_field.services.sync import handover_lines


def _services(args: argparse.Namespace) -> Services:
    return Services.for_store(_unlock(args))


def cmd_invite(args: argparse.Namespace) -> int:
    services = _services(args)
    try:
        path = services.sync.invite(args.worker, WorkerRole(args.role), Path(args.out),
                                    team=args.team)
    finally:
        services.close()
    _out(_("Einladung geschrieben: {path}").format(path=path))
    _out(_("Geben Sie die Datei nur persönlich weiter (USB-Stick)."))
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    services = _services(args)
    try:
        result = services.sync.export(Path(args.out))
    finally:
        services.close()
    _out(ngettext("Paket {number} geschrieben und geprüft: {path} ({changes} Änderung)",
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
    services = _services(args)
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
            _out(_("{file}: schon eingelesen, nichts geändert").format(file=result.path.name))
        else:
            _out(ngettext("{file}: {count} Änderung übernommen",
                          "{file}: {count} Änderungen übernommen", result.changes)
                 .format(file=result.path.name, count=result.changes))
            if result.gaps:
                _out(ngettext("  Achtung: Paket {numbers} dieses Geräts fehlt noch.",
                              "  Achtung: Pakete {numbers} dieses Geräts fehlen noch.",
                              len(result.gaps)).format(
                    numbers=", ".join(map(str, result.gaps))))
            if result.conflicts:
                _out(ngettext("  {count} gleichzeitige Änderung zur Prüfung vorgemerkt.",
                              "  {count} gleichzeitige Änderungen zur Prüfung vorgemerkt.",
                              result.conflicts).format(count=result.conflicts))
            for line in handover_lines(result):
                _out("  " + line)
            alerts = len(getattr(result, "kindeswohl", ()))
            if alerts:
                _out("  " + alert_text(alerts) + " – "
                     + _("bitte in der App unter „Heute“ ansehen."))
    return 1 if refused else 0


def cmd_return(args: argparse.Namespace) -> int:
    services = _services(args)
    try:
        result = services.sync.make_return(args.device, Path(args.out))
    finally:
        services.close()
    _out(_("Rückpaket geschrieben: {path} (bestätigt bis Paket {number})").format(
        path=result.path, number=result.acked_sequence))
    return 0


def cmd_devices(args: argparse.Namespace) -> int:
    services = _services(args)
    try:
        rows = services.sync.devices()
    finally:
        services.close()
    for row in rows:
        revoked = _("gesperrt") if row.device.revoked_on else ""
        _out(f"{row.device.id}  {row.device.role:<8} {row.worker_name}  {revoked}".rstrip())
    return 0


def cmd_revoke(args: argparse.Namespace) -> int:
    services = _services(args)
    try:
        services.sync.revoke(args.device)
    finally:
        services.close()
    _out(_("Gerät gesperrt: {device}").format(device=args.device))
    return 0


def cmd_device(args: argparse.Namespace) -> int:
    """``device lost NAME --pdf FILE``: lock the laptop out, write the document to FILE.

    Prints counts and dates only; the family names are in the PDF alone.
    """
    from hamm_field.services.documents import save_document

    services = _services(args)
    try:
        result = services.lost_devices.declare_lost(services.lost_devices.find(args.name))
    finally:
        services.close()
    save_document(Path(args.pdf), result.pdf)
    if result.newly_revoked:
        _out(_("Gerät gesperrt: {device}").format(device=result.device_id))
    else:
        _out(_("Das Gerät {device} war schon gesperrt.").format(device=result.device_id))
    last = result.last_package.date().isoformat() if result.last_package else "–"
    _out(ngettext("{count} Familie war nach Wissen der Koordination auf dem Laptop "
                  "(letztes Paket: {last}).",
                  "{count} Familien waren nach Wissen der Koordination auf dem Laptop "
                  "(letztes Paket: {last}).", result.families).format(
        count=result.families, last=last))  # fmt: skip
    _out(_("Was seitdem erfasst wurde, ist nicht bekannt."))
    _out(_("Bestandsaufnahme und Entwurf der Meldung: {path}").format(path=args.pdf))
    return 0


def cmd_retention(args: argparse.Namespace) -> int:
    """``retention due``: what is past its Löschfrist, by id, without names (a script may
    write the output to a plain file)."""
    services = _services(args)
    try:
        items = services.retention.due()
    finally:
        services.close()
    for item in items:
        state = (f"hold:{item.hold_until.isoformat()}" if item.hold_until
                 else "marked" if item.marked_by else "due")  # fmt: skip
        _out(f"{item.subject_id}  {item.kind:<11} {item.reason:<12} "
             f"{item.since.isoformat()}  {item.due_on.isoformat()}  {state}")
    return 0
