"""The one strict base every dibcyber model derives from, and the bilingual text type."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, model_validator
from pydantic_core import PydanticCustomError

Lang = Literal["ja", "en"]
LANGS: tuple[Lang, ...] = ("ja", "en")


class Strict(BaseModel):
    """Unknown keys are errors, instances are immutable, whitespace is kept as written."""

    model_config = ConfigDict(extra="forbid", frozen=True, validate_default=True, defer_build=True)


class Text(Strict):
    """A human-readable text in Japanese and English.

    Which language is authoritative is stated by the catalog (``authoritative_language``) and may be
    overridden per requirement: for NIST catalogs English is the official text and Japanese our translation;
    for the organisational items of the Japanese standard it is the other way round. At least one language
    must be present; the shipped catalogs carry both (a test checks this). A missing language falls back to
    the other one when shown, so user catalogs may be written in one language.
    """

    ja: str | None = None
    en: str | None = None

    @model_validator(mode="after")
    def _one_language_at_least(self) -> Text:
        if not (self.ja or self.en):
            raise PydanticCustomError("model.text_language", "a text needs at least one of 'ja' or 'en'")
        return self

    def get(self, lang: Lang) -> str:
        """The text in ``lang``, or in the other language when that one is missing."""
        value = self.ja if lang == "ja" else self.en
        if value:
            return value
        other = self.en if lang == "ja" else self.ja
        return other or ""

    def has(self, lang: Lang) -> bool:
        return bool(self.ja if lang == "ja" else self.en)
