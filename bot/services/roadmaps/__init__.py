"""Roadmaps ("дорожные карты"): deadline phrases and table import, free of Telegram and the
database."""

from bot.services.roadmaps.deadlines import (
    DeadlineSpec,
    parse_deadline,
    parse_deadline_cell,
    shift_years,
)
from bot.services.roadmaps.table_import import (
    ImportPreview,
    ImportWarning,
    ParsedDeadline,
    ParsedItem,
    ParsedRoadmap,
    ParsedSection,
    ParsedStage,
    Period,
    PreviewEntry,
    RoadmapImportError,
    import_roadmap,
    load_roadmap_file,
    preview,
    roadmap_to_yaml,
    seed_templates,
    shift_template,
    start_from_template,
)

__all__ = [
    "DeadlineSpec",
    "ImportPreview",
    "ImportWarning",
    "ParsedDeadline",
    "ParsedItem",
    "ParsedRoadmap",
    "ParsedSection",
    "ParsedStage",
    "Period",
    "PreviewEntry",
    "RoadmapImportError",
    "import_roadmap",
    "load_roadmap_file",
    "parse_deadline",
    "parse_deadline_cell",
    "preview",
    "roadmap_to_yaml",
    "seed_templates",
    "shift_template",
    "shift_years",
    "start_from_template",
]
