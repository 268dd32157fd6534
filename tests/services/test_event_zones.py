"""An event's time on each recipient's clock: the audience's zones and what the author is told."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import select

from bot.app import App
from bot.db import transaction
from bot.services import registration
from bot.services.access import actor_for
from bot.services.audience import AudienceSpec
from bot.services.broadcast import announcements, rendering
from models import Organization, Region, RoleGrant
from models.enums import Role, ScopeLevel
from tests.support import World

STARTS = datetime(2026, 12, 10, 8, 0, tzinfo=UTC)


def test_other_zone_times_lists_each_other_clock_once() -> None:
    tomsk = ZoneInfo("Asia/Tomsk")
    zones = ["Asia/Novosibirsk", "Asia/Tomsk", "Europe/Samara", "Europe/Ulyanovsk"]
    # Novosibirsk is on Tomsk's clock (UTC+7); Ulyanovsk on Samara's (UTC+4).
    assert rendering.other_zone_times(STARTS, tomsk, zones) == ["10.12.2026 12:00 (UTC+4)"]
    assert rendering.other_zone_times(STARTS, tomsk, ["Asia/Tomsk"]) == []
    samara = ZoneInfo("Europe/Samara")
    assert rendering.other_zone_times(STARTS, samara, ["Asia/Tomsk", "Europe/Moscow"]) == [
        "10.12.2026 15:00 (UTC+7)",
        "10.12.2026 11:00 (UTC+3)",
    ]


async def test_recipient_zones_follow_the_audience(app: App, world: World) -> None:
    coord = await world.add_person(710, org="СОШ № 1 г. Кедрового")
    await world.add_person(1000, org="СОШ № 1 г. Кедрового")
    await world.add_person(1001, org="СОШ № 1 Самара")
    async with transaction(app.factory) as session:
        regions = {name: id_ for name, id_ in await session.execute(select(Region.name, Region.id))}
        for region in ("Томская область", "Самарская область"):
            session.add(
                RoleGrant(
                    participant_id=coord.id,
                    role=Role.coordinator,
                    scope_level=ScopeLevel.region,
                    scope_id=regions[region],
                    created_at=world.now(),
                )
            )
    async with transaction(app.factory) as session:
        actor = actor_for(710, await registration.find_by_tg(session, 710), [])
        everyone = await announcements.recipient_zones(session, actor, AudienceSpec())
        samara = await session.scalar(
            select(Organization.id).where(Organization.short_name == "СОШ № 1 Самара")
        )
        assert samara is not None
        one_school = await announcements.recipient_zones(
            session, actor, AudienceSpec(organization_ids=frozenset({samara}))
        )
    assert everyone == ["Asia/Tomsk", "Europe/Samara"]
    assert one_school == ["Europe/Samara"]
