"""Answering a survey: /surveys, the invitation's button, one question at a time."""

from handlers.surveys.handlers import router

__all__ = ["router"]
