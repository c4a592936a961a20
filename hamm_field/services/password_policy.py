"""The rule for a new password, readable without loading the store.

The unlock and set-up windows show it beside the password fields before anything of the
store is imported (a fast first window); :mod:`hamm_field.services.setup` enforces it.
"""

from __future__ import annotations

MIN_PASSWORD_LENGTH = 8
