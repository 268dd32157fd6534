"""The conversation kit: the few widgets every dialog is built from.

A window that answers every press, one Fluent text widget, one Back/Cancel row, one pager,
one multi-select, one date picker, one typed-text input: a dialog that needs more adds it
here, so each mechanism keeps one home.
"""

from handlers.kit.dates import day_bounds, day_picker
from handlers.kit.input import typed_text
from handlers.kit.nav import cancel_button, leave_button, nav_row
from handlers.kit.pages import Pager, paged
from handlers.kit.picks import checklist, choices, paged_choices
from handlers.kit.text import Tr
from handlers.kit.window import Window

__all__ = [
    "Pager",
    "Tr",
    "Window",
    "cancel_button",
    "checklist",
    "choices",
    "day_bounds",
    "day_picker",
    "leave_button",
    "nav_row",
    "paged",
    "paged_choices",
    "typed_text",
]
