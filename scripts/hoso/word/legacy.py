"""Placeholder: replaced by the legacy reader."""

from __future__ import annotations

from collections.abc import Sequence

from hoso.errors import UserError
from hoso.word.extract import Block
from hoso.word.layout import Layout
from hoso.word.normalise import Note
from hoso.word.read import Extracted


class LegacyReader:
    def __init__(self, layout: Layout) -> None:
        self.layout = layout

    def read(self, blocks: Sequence[Block]) -> tuple[Extracted, list[Note]]:
        raise UserError("Tệp Word này không do hoso word tạo.")
