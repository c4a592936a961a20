"""``python -m hamm_field`` and the ``hamm-field`` script."""

import time

STARTED = time.perf_counter()  # the start-up probe counts from here (ui/startup_hooks.py)

import sys  # noqa: E402 - after the clock starts

from hamm_field.cli import main as cli_main  # noqa: E402


def main() -> None:
    sys.exit(cli_main())


if __name__ == "__main__":
    main()
