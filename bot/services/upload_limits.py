"""Bounds for reading files people upload: what a container may unpack to, and YAML that
cannot expand (no aliases) or nest without end.

A 700-byte YAML file with nested anchors and aliases expands to 100+ million characters
("billion laughs"), and a few thousand nested brackets exhaust the recursion of PyYAML's
composer; a small zip (XLSX, DOCX) may declare gigabytes inside. These checks run before and
while parsing; the time and memory of the whole parse are bounded by the worker process it
runs in (bot.uploads).
"""

from __future__ import annotations

import io
import zipfile
from typing import Any

import yaml

# What an XLSX or DOCX may hold once unpacked, in all, and how many members.
MAX_UNPACKED_BYTES = 40 * 1024 * 1024
MAX_ZIP_MEMBERS = 2000
# Levels of nested mappings and lists in a YAML file (a roadmap needs about eight).
MAX_YAML_DEPTH = 30


class UploadLimitError(ValueError):
    """A file went past a bound. `code` names the bound, `value` what was found (or the
    bound), `row` the line of a YAML file where known."""

    def __init__(self, code: str, value: int | str | None = None, row: int | None = None):
        super().__init__(code, value, row)
        self.code, self.value, self.row = code, value, row


def check_zip(data: bytes, max_unpacked: int = MAX_UNPACKED_BYTES) -> None:
    """Refuse a zip bomb before a library unpacks it. The sizes are the declared ones, and
    they are what zipfile will unpack: it stops a member at its declared size (and fails
    its CRC check if the data is longer)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        members = archive.infolist()
        if len(members) > MAX_ZIP_MEMBERS:
            raise UploadLimitError("zip_members", value=len(members))
        unpacked = sum(member.file_size for member in members)
    if unpacked > max_unpacked:
        raise UploadLimitError("unpacked", value=unpacked)


class BoundedSafeLoader(yaml.SafeLoader):
    """yaml.SafeLoader that refuses aliases (so nothing expands) and nesting deeper than
    `max_depth` (so the composer's and constructor's recursion stays shallow)."""

    max_depth = MAX_YAML_DEPTH

    def __init__(self, stream: Any) -> None:
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise UploadLimitError("yaml_alias", row=event.start_mark.line + 1)
        self._depth += 1
        try:
            if self._depth > self.max_depth:
                mark = self.peek_event().start_mark
                raise UploadLimitError("yaml_depth", value=self.max_depth, row=mark.line + 1)
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1
