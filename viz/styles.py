"""viz/styles.yaml, loaded once: colours, shapes, scale thresholds and every word the views show."""
from __future__ import annotations

from pathlib import Path

import yaml

STYLES = yaml.safe_load((Path(__file__).parent / "styles.yaml").read_text(encoding="utf-8"))
WORDS = STYLES["words"]
