"""Plain-text normalisation shared by extraction and the text pipeline.

The output contract: Unicode NFC, no non-breaking or zero-width spaces, no control
characters or lone surrogates, single spaces inside a paragraph, paragraphs separated
by exactly one blank line, nothing leading or trailing.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Any

_SPACES = re.compile(r"[\s\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+")
_INVISIBLE = re.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad]")
# C0/C1 controls except tab and newline (which are whitespace and collapse anyway).
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_SURROGATES = re.compile(r"[\ud800-\udfff]")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t\u00a0]*\n\s*")

_ASCII_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_NOT_WORD = re.compile(r"[\W_]+")

REPLACEMENT_CHAR = "\ufffd"


def clean_line(text: str) -> str:
    """One paragraph (or a title) as a single clean line.

    `_SPACES` is exactly the set `str.isspace` knows, so `" ".join(text.split())` is the
    same collapse and strip done in one C call.

    Most text needs nothing else, and saying so costs two C scans, not four regex ones:
    once whitespace is collapsed, a printable line holds no control, invisible character
    or surrogate (those are all Cc, Cf or Cs), so the removals change nothing, and whitespace
    neither composes nor reorders under NFC, so NFC works word by word and a line already
    in NFC has every word in it.
    """
    line = " ".join(text.split())
    if line.isprintable() and (line.isascii() or unicodedata.is_normalized("NFC", line)):
        return line
    if text.isascii():
        return " ".join(_ASCII_CONTROLS.sub(" ", text).split())
    text = _SURROGATES.sub("", text)
    text = unicodedata.normalize("NFC", text)
    text = _INVISIBLE.sub("", text)
    text = _CONTROLS.sub(" ", text)
    return " ".join(text.split())


_MARKUP_UNSAFE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


def scrub(value: Any) -> Any:
    """Any field value without control characters or lone surrogates, nested lists and
    dicts included; line breaks and tabs stay (they matter in HTML and raw text).

    SQLite cannot encode a lone surrogate at all, so one in any field would fail the
    write of the whole item.
    """
    if isinstance(value, str):
        return _MARKUP_UNSAFE.sub("", value)
    if isinstance(value, list):
        return [scrub(v) for v in value]
    if isinstance(value, dict):
        return {k: scrub(v) for k, v in value.items()}
    return value


def typed_paragraphs(text: str) -> list[str]:
    """Paragraphs of a body whose paragraphs are separated by blank lines, each as given
    (not cleaned); blank ones left out."""
    return [p for p in _PARAGRAPH_BREAK.split(text) if clean_line(p)]


def split_paragraphs(text: str) -> list[str]:
    """Paragraphs of a body whose paragraphs are separated by blank lines."""
    return [line for line in (clean_line(p) for p in _PARAGRAPH_BREAK.split(text)) if line]


def join_paragraphs(paragraphs: list[str]) -> str:
    """The body text form: one blank line between paragraphs."""
    return "\n\n".join(p for p in paragraphs if p)


def clean_body(text: str) -> str:
    """A whole body brought to the output contract."""
    return join_paragraphs(split_paragraphs(text))


_SHORT_LINE = 300


def comparable(text: str) -> str:
    """A loose form for comparing lines: case- and punctuation-insensitive.

    Short lines (titles, menu items, phrases) recur on every page and are cached;
    paragraphs recur only within a page, and are held for a few pages.
    """
    if len(text) <= _SHORT_LINE:
        return _comparable_short(text)
    if len(text) <= _LONG_LINE:
        return _comparable_long(text)
    return _comparable(text)


@lru_cache(maxsize=8192)
def _comparable_short(text: str) -> str:
    return _comparable(text)


_LONG_LINE = 4000


@lru_cache(maxsize=256)
def _comparable_long(text: str) -> str:
    """A page's paragraphs: extraction compares each with the title and the profile's
    phrases, and the boilerplate pipeline does again for the same page. A few pages' worth,
    at most 256 x 4,000 characters."""
    return _comparable(text)


def _comparable(text: str) -> str:
    """For ASCII, `[\\W_]` is every character but `[A-Za-z0-9]`: one translation to spaces
    and a collapse do what the regex does, many times faster on a long line."""
    folded = clean_line(text).casefold()
    if folded.isascii():
        return " ".join(folded.translate(_ASCII_NOT_WORD_TO_SPACE).split())
    return _NOT_WORD.sub(" ", folded).strip()


_ASCII_NOT_WORD_TO_SPACE = str.maketrans({c: " " for c in map(chr, range(128)) if not c.isalnum()})
