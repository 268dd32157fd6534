"""Functions run in the upload parsing worker by tests (importable by module name there)."""

from __future__ import annotations

import os


def pid() -> int:
    return os.getpid()


def spin() -> None:
    while True:
        pass


def allocate(megabytes: int) -> int:
    return len(bytearray(megabytes * 1024 * 1024))
