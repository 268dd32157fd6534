"""The conversation kit: the few widgets every dialog is built from.

A window that answers every press, one Fluent text widget, one Back/Cancel row, one pager,
one multi-select, one date picker, one typed-text input, links to other features' screens:
a dialog that needs more adds it here, so each mechanism keeps one home.
"""

from handlers.kit.dates import day_bounds, day_picker
from handlers.kit.input import keeps_on_leave, sent_file, typed_text
from handlers.kit.links import Link, links
from handlers.kit.nav import TO_CALLER, back_button, cancel_button, leave_button, nav_row
from handlers.kit.pages import Pager, paged, served
from handlers.kit.picks import checklist, choices, choices_page, paged_choices
from handlers.kit.text import Tr
from handlers.kit.window import Window

__all__ = [
    "TO_CALLER",
    "Link",
    "Pager",
    "Tr",
    "Window",
    "back_button",
    "cancel_button",
    "checklist",
    "choices",
    "choices_page",
    "day_bounds",
    "day_picker",
    "keeps_on_leave",
    "leave_button",
    "links",
    "nav_row",
    "paged",
    "paged_choices",
    "sent_file",
    "served",
    "typed_text",
]
