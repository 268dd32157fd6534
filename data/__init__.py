"""Data shipped with the bot: the example directory, and later roadmaps and survey templates."""

from pathlib import Path

DATA_DIR = Path(__file__).parent
DIRECTORY_EXAMPLE = DATA_DIR / "directory_tomsk.yaml"
