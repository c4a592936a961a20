"""The command line: a stable contract for coordinators' scripts (DESIGN.md).

:mod:`~hamm_field.cli.run` runs a command; :mod:`~hamm_field.cli.parser` builds the parser
from the command groups (:mod:`~hamm_field.cli.store_commands`,
:mod:`~hamm_field.cli.sync_commands`, :mod:`~hamm_field.cli.report`).
"""

from hamm_field.cli.run import keep_new_files_private, main

__all__ = ["keep_new_files_private", "main"]
