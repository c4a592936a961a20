"""``python -m hamm_field`` and the ``hamm-field`` script."""

import sys

from hamm_field.cli import main as cli_main


def main() -> None:
    sys.exit(cli_main())


if __name__ == "__main__":
    main()
