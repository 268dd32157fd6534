"""The tests' own shortcuts must not change what they test."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from aiogram import Router

from bot.app import App
from tests import handler_signatures


def _routers(router: Router) -> Iterator[Router]:
    yield router
    for child in router.sub_routers:
        yield from _routers(child)


def _callbacks(app: App) -> Iterator[Any]:
    for router in _routers(app.dispatcher):
        for observer in router.observers.values():
            yield observer._handler.callback
            for handler in observer.handlers:
                yield handler.callback
                for event_filter in handler.filters or ():
                    yield event_filter.callback


def test_every_handler_is_described_as_aiogram_describes_it(app: App) -> None:
    callbacks = list(_callbacks(app))
    assert len(callbacks) > 1000  # the whole app: every router, dialog, handler and filter
    for callback in callbacks:
        expected = handler_signatures.aiograms_answer(callback)
        assert handler_signatures.remembered(callback) == expected, callback


def test_the_remembered_answer_follows_the_code_not_the_first_function() -> None:
    async def takes_event(event: object, state: object) -> None: ...

    def takes_anything(**kwargs: object) -> None: ...

    first, second = (
        handler_signatures.remembered(takes_event),
        handler_signatures.remembered(takes_anything),
    )
    assert first == (True, frozenset({"event", "state"}), False)
    assert second == (False, frozenset(), True)
