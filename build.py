#!/usr/bin/env python3
"""Build the editions: ``python build.py`` (all), ``python build.py check`` (checks only).

See README.md and docs/cli.md; the work is done by the ``editions`` package.
"""

import sys

from editions.cli import main

if __name__ == "__main__":
    sys.exit(main())
