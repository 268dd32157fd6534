"""Flash mentoring: pure ranking core (no database, no Telegram)."""

from bot.services.flash.ranking import (
    DEFAULT_WEIGHTS,
    FlashQuery,
    MentorCandidate,
    RankedMentor,
    RankingWeights,
    Reason,
    bayesian_rating,
    clear_caches,
    rank_mentors,
)
from bot.services.flash.text_match import overlap, stems

__all__ = [
    "DEFAULT_WEIGHTS",
    "FlashQuery",
    "MentorCandidate",
    "RankedMentor",
    "RankingWeights",
    "Reason",
    "bayesian_rating",
    "clear_caches",
    "overlap",
    "rank_mentors",
    "stems",
]
