"""What may go out with an announcement: a photo, or a document of an office-like type.

Files are re-sent by Telegram file_id, so nothing is downloaded; the checks are about what
recipients should be asked to open: no programs or scripts, nothing huge.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import PurePath
from typing import Any

from bot.services.errors import InvalidInput

DOCUMENT_EXTENSIONS = frozenset(
    {
        "pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "odt", "ods", "odp", "rtf",
        "txt", "csv", "jpg", "jpeg", "png",
    }
)  # fmt: skip
# A renamed program still announces itself by its type.
FORBIDDEN_MIME = frozenset(
    {
        "application/x-msdownload",
        "application/x-msdos-program",
        "application/x-executable",
        "application/x-sh",
        "application/x-bat",
        "application/java-archive",
        "application/vnd.android.package-archive",
        "application/javascript",
        "text/javascript",
        "text/html",
    }
)
MAX_DOCUMENT_BYTES = 20 * 1024 * 1024
MAX_PHOTO_BYTES = 10 * 1024 * 1024


@dataclass(frozen=True)
class Attachment:
    kind: str  # photo | document
    file_id: str
    name: str | None = None
    size: int | None = None
    mime: str | None = None

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any] | None) -> Attachment | None:
        return cls(**data) if data else None


def allowed_types() -> str:
    return ", ".join(sorted(DOCUMENT_EXTENSIONS))


def check_document(
    file_id: str, name: str | None, mime: str | None, size: int | None
) -> Attachment:
    extension = PurePath(name or "").suffix.lower().lstrip(".")
    if extension not in DOCUMENT_EXTENSIONS or (mime or "").lower() in FORBIDDEN_MIME:
        raise InvalidInput("ann-document-type", allowed=allowed_types())
    if size is not None and size > MAX_DOCUMENT_BYTES:
        raise InvalidInput("ann-document-size", max=MAX_DOCUMENT_BYTES // (1024 * 1024))
    if size == 0:
        raise InvalidInput("ann-document-empty")
    return Attachment("document", file_id, name, size, mime)


def check_photo(file_id: str, size: int | None) -> Attachment:
    if size is not None and size > MAX_PHOTO_BYTES:
        raise InvalidInput("ann-photo-size", max=MAX_PHOTO_BYTES // (1024 * 1024))
    return Attachment("photo", file_id, None, size, "image/jpeg")
