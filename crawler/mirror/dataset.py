"""Deterministic article dataset for the local mirror of the CSTO news site.

The mirror is the only "site" tests and benchmarks can reach, so the articles here are the
ground truth: ``MirrorArticle.body`` is exactly what a correct crawler must extract.
"""

from __future__ import annotations

import json
import random
import re
import zlib
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any

CORPUS_PATH = Path(__file__).with_name("data") / "corpus.json"
LANGS = ("en", "ru")
DEFAULT_PER_SECTION = {"news_odkb": 45, "smi": 20}
DEFAULT_START = date(2019, 1, 1)
# Generated articles stay older than the three real "latest news" of the seed page.
DEFAULT_GENERATED_END = date(2024, 4, 17)
SLUG_MAX = 100  # Bitrix truncates symbolic codes to 100 characters by default.
# Positions (within news_odkb generated articles) whose English slug differs from the Russian.
DIVERGENT_SLUG_POSITIONS = (4, 11)
MEDIA_EVERY = 9  # every 9th article carries one image and one attachment
# Article shapes that real pages have and crawlers got wrong (issue 11), by position within
# a section's generated articles, repeating every SHAPE_PERIOD: each shape on 10 % of them,
# three positions in twenty combining two. Applied after all random draws, so the articles
# at other positions are exactly what they were before shapes existed.
SHAPE_PERIOD = 20
SHAPE_PLAN = {
    1: ("dateline",), 2: ("source",), 5: ("nolead",), 6: ("interview",), 8: ("quote",),
    9: ("dateline", "source"), 12: ("nolead", "signature"), 15: ("signature",),
    17: ("quote", "interview"),
}  # fmt: skip
SHAPES = ("nolead", "dateline", "quote", "interview", "source", "signature")

_TRANSLIT = dict(
    zip(
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
        "a b v g d e e zh z i y k l m n o p r s t u f kh ts ch sh shch _ y _ e yu ya".split(),
        strict=True,
    )
)
_TRANSLIT["ъ"] = _TRANSLIT["ь"] = ""


@dataclass(frozen=True)
class MirrorArticle:
    """One news article as published on the mirror, in one language."""

    lang: str
    section: str
    slug: str
    published: date
    title: str
    lead: str
    paragraphs: tuple[str, ...]
    images: tuple[tuple[str, str], ...] = ()
    attachments: tuple[tuple[str, str], ...] = ()
    shapes: tuple[str, ...] = ()  # which of SHAPES this article has, e.g. ("nolead",)

    @property
    def body(self) -> str:
        """The clean text a crawler is expected to produce for this article."""
        return "\n\n".join(self.paragraphs)

    @property
    def path(self) -> str:
        """Site-relative URL of the article page."""
        return f"/news/{self.section}/{self.slug}/"


def slugify(title: str) -> str:
    """Bitrix-style symbolic code: transliterate Cyrillic, lowercase, hyphens, max 100 chars."""
    text = "".join(_TRANSLIT.get(ch, ch) for ch in title.lower())
    slug = "-".join(re.findall(r"[a-z0-9]+", text))
    if len(slug) > SLUG_MAX:
        slug = slug[:SLUG_MAX].rsplit("-", 1)[0]
    return slug


@lru_cache(maxsize=1)
def load_corpus() -> dict[str, Any]:
    """Read corpus.json once; it is small and immutable."""
    with CORPUS_PATH.open(encoding="utf-8") as fh:
        return json.load(fh)


def _fixed_articles(start: date | None, end: date | None) -> list[tuple[MirrorArticle, ...]]:
    """The real articles (seed page and its latest-news block) as (en, ru) pairs, newest first."""
    pairs = []
    for item in load_corpus()["fixed"]:
        published = date.fromisoformat(item["date"])
        if (start and published < start) or (end and published > end):
            continue
        pairs.append(
            tuple(
                MirrorArticle(
                    lang=lang,
                    section=item["section"],
                    slug=item["slug"],
                    published=published,
                    title=item[lang]["title"],
                    lead=item[lang]["lead"],
                    paragraphs=tuple(item[lang]["paragraphs"]),
                )
                for lang in LANGS
            )
        )
    return pairs


def _spread_dates(rng: random.Random, count: int, start: date, end: date) -> list[date]:
    """Random publication dates in [start, end], newest first."""
    span = max((end - start).days, 0)
    days = sorted((rng.randint(0, span) for _ in range(count)), reverse=True)
    return [start + timedelta(days=d) for d in days]


def _slot_values(rng: random.Random, published: date) -> dict[str, Any]:
    """Pick one filler per slot; the same values feed both languages so they stay parallel."""
    corpus = load_corpus()
    slots = corpus["slots"]
    city, country = rng.choice(slots["city"]), rng.choice(slots["country"])
    media, topic = rng.choice(slots["media"]), rng.choice(slots["topic"])
    channel = rng.choice(slots["channel"])
    d1 = min(published.day, 24)
    month = published.month - 1
    return {
        "year": published.year, "day": published.day, "d1": d1, "d2": d1 + 4,
        "month_en": corpus["months"]["en"][month], "month_ru": corpus["months"]["ru_gen"][month],
        "city": city["en"], "city_ru": city["ru"], "city_loc": city["ru_loc"],
        "city_ins": city["ru_ins"], "country": country["en"], "country_gen": country["ru_gen"],
        "media": media["en"], "media_ru": media["ru"], "media_dat": media["ru_dat"],
        "media_src": media["en_src"], "media_src_ru": media["ru_src"],
        "topic": topic["en"], "topic_gen": topic["ru_gen"],
        "channel": channel["en"], "channel_ru": channel["ru"],
    }  # fmt: skip


def _paragraph_plan(rng: random.Random, pool_size: int) -> list[list[int]]:
    """Choose 3–7 paragraphs of 2–5 sentence indices, avoiding repeats while the pool lasts."""
    sizes = [rng.randint(2, 5) for _ in range(rng.randint(3, 7))]
    total = sum(sizes)
    order = rng.sample(range(pool_size), min(total, pool_size))
    order += rng.choices(range(pool_size), k=total - len(order))
    plan, pos = [], 0
    for size in sizes:
        plan.append(order[pos : pos + size])
        pos += size
    return plan


def _compose(rng: random.Random, kind: dict[str, Any], values: dict[str, Any]) -> dict[str, Any]:
    """Build the parallel en/ru texts (title, lead, paragraphs) of one generated article."""
    pool = kind["sentences"] + load_corpus()["general"]
    title = rng.choice(kind["titles"])
    lead = rng.choice(kind["leads"])
    plan = _paragraph_plan(rng, len(pool))
    out: dict[str, Any] = {}
    for lang in LANGS:
        paragraphs = [" ".join(pool[i][lang].format_map(values) for i in idx) for idx in plan]
        lead_text = lead[lang].format_map(values)
        paragraphs[0] = f"{lead_text} {paragraphs[0]}"
        out[lang] = (title[lang].format_map(values), lead_text, tuple(paragraphs))
    return out


def _pick(slug: str, choice: str, count: int) -> int:
    """A stable choice among `count` for one article (crc32: hash() is salted per process)."""
    return zlib.crc32(f"{slug}|{choice}".encode()) % count


def _shape_paragraphs(
    paragraphs: tuple[str, ...], lang: str, shapes: tuple[str, ...], slug: str,
    values: dict[str, Any],
) -> list[str]:  # fmt: skip
    """One language's paragraphs with the shapes' paragraphs added; choices depend on the
    (shared) Russian slug only, so both languages get the same texts in the same places."""
    texts = load_corpus()["shapes"]
    out = list(paragraphs)
    if "dateline" in shapes:  # "Moscow, 12 September 2024. On 12 September …"
        out[0] = f"{texts['dateline'][lang].format_map(values)} {out[0]}"
    if "quote" in shapes:  # a whole-paragraph quotation, mostly followed by its attribution
        quote = texts["quotes"][_pick(slug, "quote", len(texts["quotes"]))]
        block = [quote["quote"][lang]]
        if _pick(slug, "attribution", 3):
            block.append(quote["attribution"][lang])
        at = 2 if _pick(slug, "quote-place", 2) else len(out)  # after paragraph 2, or last
        out[at:at] = block
    if "interview" in shapes:  # questions as paragraphs, each answer led by "— "
        pairs = texts["interview"]
        start, count = _pick(slug, "questions", len(pairs)), 2 + _pick(slug, "answers", 2)
        out.append(texts["interview_intro"][lang].format_map(values))
        for i in range(count):
            pair = pairs[(start + i) % len(pairs)]
            out += [pair["q"][lang], pair["a"][lang]]
    if "source" in shapes:
        out.append(texts["source"][lang].format_map(values))
    if "signature" in shapes:
        out.append(texts["signatures"][_pick(slug, "signature", len(texts["signatures"]))][lang])
    return out


def _shaped(
    texts: dict[str, Any], position: int, slug: str, values: dict[str, Any]
) -> tuple[dict[str, Any], tuple[str, ...]]:
    """The composed texts with the shapes planned for this position, and those shapes.

    Nothing here draws from the generator's random stream, so adding shapes changed no
    other article; a "nolead" article keeps its first paragraph as it was.
    """
    shapes = SHAPE_PLAN.get(position % SHAPE_PERIOD, ())
    if not shapes:
        return texts, shapes
    out = {}
    for lang, (title, lead, paragraphs) in texts.items():
        body = _shape_paragraphs(paragraphs, lang, shapes, slug, values)
        out[lang] = (title, "" if "nolead" in shapes else lead, tuple(body))
    return out, shapes


def _media(
    position: int, slug: str, published: date
) -> dict[str, tuple[tuple[tuple[str, str], ...], tuple[tuple[str, str], ...]]]:
    """One image and one attachment per language for every MEDIA_EVERY-th article."""
    if position % MEDIA_EVERY != 3:
        return {lang: ((), ()) for lang in LANGS}
    corpus = load_corpus()
    caption = corpus["captions"][position % len(corpus["captions"])]
    attachment = corpus["attachments"][position % len(corpus["attachments"])]
    folder = f"{zlib.crc32(slug.encode()) & 0xFFF:03x}"
    ext = "pdf" if "PDF" in attachment["en"] else "docx"
    img = f"/upload/iblock/{folder}/{published:%Y%m%d}_{position}.jpg"
    doc = f"/upload/docs/{slug[:40].rstrip('-')}.{ext}"
    return {lang: (((img, caption[lang]),), ((doc, attachment[lang]),)) for lang in LANGS}


def _unique(slug: str, used: set[str]) -> str:
    """Bitrix appends a numeric suffix when a symbolic code is taken; so do we."""
    candidate, n = slug, 1
    while candidate in used:
        n += 1
        candidate = f"{slug[: SLUG_MAX - 6]}-{n}"
    used.add(candidate)
    return candidate


def _generate_section(
    rng: random.Random, section: str, count: int, start: date, end: date, used: set[str]
) -> list[tuple[MirrorArticle, MirrorArticle]]:
    """Generated (en, ru) pairs of one section, newest first."""
    kinds = [k for k in load_corpus()["kinds"].values() if section in k["sections"]]
    kinds = kinds or list(load_corpus()["kinds"].values())
    pairs = []
    for position, published in enumerate(_spread_dates(rng, count, start, end)):
        values = _slot_values(rng, published)
        texts = _compose(rng, rng.choice(kinds), values)
        ru_slug = _unique(slugify(texts["ru"][0]), used)
        en_slug = ru_slug
        if section == "news_odkb" and position in DIVERGENT_SLUG_POSITIONS:
            en_slug = _unique(slugify(texts["en"][0]), used)
        media = _media(position, ru_slug, published)
        texts, shapes = _shaped(texts, position, ru_slug, values)
        pair = tuple(
            MirrorArticle(lang, section, slug, published, *texts[lang], *media[lang], shapes)
            for lang, slug in (("en", en_slug), ("ru", ru_slug))
        )
        pairs.append(pair)
    return pairs


def build_dataset(
    per_section: dict[str, int] | None = None,
    start: date | None = None,
    end: date | None = None,
    seed: int = 7,
) -> list[MirrorArticle]:
    """Generate the mirror's articles: per language and section, newest first.

    The real seed articles are always part of ``news_odkb`` when their dates fall inside
    [start, end]; they count towards that section's total. Output order: all English
    articles (section by section), then all Russian ones.
    """
    per_section = dict(DEFAULT_PER_SECTION if per_section is None else per_section)
    rng = random.Random(seed)
    gen_start = start or DEFAULT_START
    gen_end = end or DEFAULT_GENERATED_END
    by_lang: dict[str, list[MirrorArticle]] = {lang: [] for lang in LANGS}
    for section, count in per_section.items():
        fixed = _fixed_articles(start, end) if section == "news_odkb" else []
        used = {pair[0].slug for pair in fixed}
        generated = _generate_section(
            rng, section, max(count - len(fixed), 0), gen_start, gen_end, used
        )
        # Stable sort: fixed articles precede generated ones published on the same day.
        pairs = sorted(fixed + generated, key=lambda p: p[0].published, reverse=True)
        for pair in pairs[:count]:
            for article in pair:
                by_lang[article.lang].append(article)
    return by_lang["en"] + by_lang["ru"]
