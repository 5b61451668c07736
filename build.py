"""Build the Briefly site: ``python build.py [build|check|serve|new] --help``."""

from __future__ import annotations

import sys

from briefly.cli import main

if __name__ == "__main__":
    sys.exit(main())
