"""The words of an article as search sees them: tokens, Snowball stems, word count.

Kept free of SQL so the benchmark and the tests can measure and check them alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import snowballstemmer

#: Word tokens as FTS5's unicode61 tokenizer sees them (letters and digits).
WORD_RE = re.compile(r"\w+", re.UNICODE)

STEMMER_LANGS = {"en": "english", "ru": "russian"}

# Snowball in pure Python costs ~25 µs a word; news vocabulary is small, so a
# per-language memo turns stemming a 400-word body into ~400 dict look-ups.
_CACHE_LIMIT = 500_000
_stem_cache: dict[str, dict[str, str]] = {}
_stemmers: dict[str, snowballstemmer.stemmer] = {}


def tokens(text: str | None) -> list[str]:
    """Lower-cased word tokens, with ё folded to е (Russian texts mix them freely)."""
    if not text:
        return []
    return WORD_RE.findall(text.lower().replace("ё", "е"))


def _stemmer_for(lang: str) -> tuple[snowballstemmer.stemmer, dict[str, str]]:
    """Stemmer and memo for a language code; unknown languages stem as English."""
    name = STEMMER_LANGS.get(lang, "english")
    if name not in _stemmers:
        _stemmers[name] = snowballstemmer.stemmer(name)
        _stem_cache[name] = {}
    cache = _stem_cache[name]
    if len(cache) > _CACHE_LIMIT:
        cache.clear()
    return _stemmers[name], cache


def stem_words(words: Iterable[str], lang: str) -> list[str]:
    """Snowball stems of already-tokenised words, memoised per language."""
    stemmer, cache = _stemmer_for(lang)
    words = list(words)
    stems = list(map(cache.get, words))  # C-speed look-ups; misses come back as None
    if None in stems:
        for i, stem in enumerate(stems):
            if stem is None:
                word = words[i]
                stems[i] = cache[word] = stemmer.stemWord(word)
    return stems


def search_stems(title: str | None, body: str | None, lang: str) -> str:
    """The ``articles.search_stems`` text of an article, computed cheaply.

    It holds each distinct stem of the title and body words once, and only where
    it differs from the word: the words themselves are already in the index
    through title and body. This keeps the FTS index (whose tokenising dominates
    the cost of storing an article) about a third smaller than indexing every
    stem; bm25 still counts term frequency on the exact words. Words are
    de-duplicated by whitespace split first (C speed) so the regex and the
    stemmer only see each distinct chunk once.
    """
    text = f"{title or ''} {body or ''}".lower()
    words = list(dict.fromkeys(WORD_RE.findall(" ".join(set(text.split())))))
    folded = [w.replace("ё", "е") for w in words] if "ё" in text else words
    stems = stem_words(folded, lang)
    # Compared with the unfolded word: "всё" is indexed as "всё", so its stem
    # "все" must be stored for a search for "все" to find it.
    return " ".join(sorted({s for w, s in zip(words, stems, strict=True) if s != w}))


def word_count(body: str | None) -> int:
    """Number of whitespace-separated words in the body (what ``wc -w`` counts)."""
    return len(body.split()) if body else 0
