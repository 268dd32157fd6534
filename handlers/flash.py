"""Router of the flash feature (filled in by that feature's work)."""

from __future__ import annotations

from aiogram import F, Router

router = Router(name=__name__)
router.message.filter(F.chat.type == "private")
