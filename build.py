"""mandate-graph: build the knowledge graph of mandates from a folder of Vietnamese texts.

The thin entry point of a source checkout; the installed command is `mandate-graph`. The flow of a
build reads top to bottom in graph/build.py, the commands and options in graph/cli.py.
"""
import sys

from graph.build import build  # noqa: F401  (tests and scripts call build() from here)
from graph.cli import main

if __name__ == "__main__":
    sys.exit(main())
