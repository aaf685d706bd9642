"""Input encoding: the encoding the user chose with ``--encoding``, reading input files and git blobs as
text in it (UTF-8 by default, a BOM dropped), and a best guess at a legacy encoding (Shift_JIS, EUC-JP,
UTF-16, Windows-1252) for the message when a file is not UTF-8.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from dibcyber.errors import InvalidInputError, Msg, Problem, cap
from dibcyber.io.safeio import read_bytes_limited

_ENCODING: list[str | None] = [None]
"""The encoding the user chose for the files dibcyber reads (``--encoding``); None: UTF-8."""


def set_input_encoding(name: str | None) -> None:
    """Read input files in ``name`` (e.g. cp932) instead of UTF-8: the user's explicit choice, never a
    guess. Files edited in place (interactive answering, evidence lock, import --into) stay UTF-8 only, so
    nothing is silently re-encoded on save."""
    if name is not None:
        import codecs

        try:
            name = codecs.lookup(name).name
        except LookupError:
            from dibcyber.errors import UsageError

            raise UsageError(Msg("encoding.unknown", name=cap(name)), hint=Msg("encoding.unknown.hint")) from None
    _ENCODING[0] = name


def input_encoding() -> str | None:
    return _ENCODING[0]


def read_text(path: Path, what: str = "file") -> str:
    """Read a regular file of bounded size (``safeio.read_bytes_limited``) as UTF-8, or in the encoding
    chosen with ``--encoding``. Anything else is an input error that says what the file looks like."""
    return decode_input(read_bytes_limited(path, what=what), str(path))


def decode_input(data: bytes, name: str) -> str:
    """Bytes of an input (a file, a git blob) as text: UTF-8, or the encoding chosen with ``--encoding``."""
    chosen = _ENCODING[0]
    if chosen is None or chosen == "utf-8":
        return decode_utf8(data, name)
    try:
        return data.decode(chosen)
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        raise InvalidInputError(Problem(Msg("encoding.invalid", encoding=chosen, byte=f"0x{data[e.start]:02x}",
                                            offset=e.start), file=name, line=line,
                                        hint=Msg("encoding.invalid.hint"))) from None


def decode_utf8(data: bytes, name: str) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        guess = guess_encoding(data)
        hint = Msg("utf8.save.hint")
        if guess:
            command = f"iconv -f {guess[1]} -t UTF-8 {name} > converted.yaml"
            hint = (Msg("utf8.looks_like_readable.hint", encoding=guess[0], command=command,
                        option=f"--encoding {guess[1].lower()}") if guess[1] in ("CP932", "EUC-JP")
                    else Msg("utf8.looks_like.hint", encoding=guess[0], command=command))
        raise InvalidInputError(
            Problem(
                Msg("encoding.invalid", encoding="UTF-8", byte=f"0x{data[e.start]:02x}", offset=e.start),
                file=name,
                line=line,
                hint=hint,
            )
        ) from None


def _japanese_share(text: str) -> float:
    if not text:
        return 0.0
    jp = sum(1 for c in text if "\u3040" <= c <= "\u30ff" or "\u4e00" <= c <= "\u9fff")
    odd = sum(1 for c in text if "\uff61" <= c <= "\uff9f" or c == "\ufffd")
    return (jp - 3 * odd) / len(text)


def guess_encoding(data: bytes) -> tuple[str, str] | None:
    """A best guess at a legacy encoding, as (name for people, name for iconv)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return ("UTF-16", "UTF-16")
    best: tuple[float, tuple[str, str]] | None = None
    for codec, label in (("cp932", ("Shift_JIS (CP932)", "CP932")), ("euc_jp", ("EUC-JP", "EUC-JP"))):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        score = _japanese_share(text)
        if score > 0 and (best is None or score > best[0]):
            best = (score, label)
    if best:
        return best[1]
    with contextlib.suppress(UnicodeDecodeError):
        data.decode("cp1252")
        return ("Windows-1252 (Latin-1)", "CP1252")
    return None
