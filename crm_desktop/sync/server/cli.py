"""`crm-server`: administer and run the central sync server."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from crm_desktop import __version__


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="crm-server", description="CRM Desktop sync server")
    parser.add_argument("--version", action="version", version=f"crm-server {__version__}")
    parser.parse_args(argv)
    print(f"crm-server {__version__}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
