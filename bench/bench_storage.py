"""Storage benchmark: ArticleStore.upsert_article vs a plain sqlite-utils upsert_all.

Generates 10,000 realistic articles (half English, half Russian, ~400-word
bodies), stores them through the project's storage path (sanitising, stemming,
FTS triggers, batched commits) into one fresh database, and the same rows with
the same columns (derived values computed beforehand, untimed) through one
sqlite-utils ``upsert_all`` transaction into another. Prints both rates, their
ratio (target >= 0.5) and median full-text query times. Prints, never asserts.

    .venv/bin/python bench/bench_storage.py [--articles N]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from itertools import accumulate
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlite_utils import Database  # noqa: E402

from pipelines.storage.content_hash import content_hash  # noqa: E402
from pipelines.storage.sanitize import sanitize_html  # noqa: E402
from pipelines.storage.search import search  # noqa: E402
from pipelines.storage.store import ArticleStore, to_json, utc_now  # noqa: E402
from pipelines.storage.tables import ARTICLES, FTS_TOKENIZE, SEARCHABLE_COLUMNS  # noqa: E402
from pipelines.storage.words import search_stems, word_count  # noqa: E402

EN_WORDS = (
    "collective security treaty organization member states secretary general meeting "
    "council ministers foreign affairs defence joint exercise peacekeeping forces armed "
    "cooperation border protection terrorism extremism drug trafficking cyber threats "
    "regional stability delegation agreement signed session discussed issues strengthening "
    "military political situation central asia afghanistan tajikistan kyrgyzstan armenia "
    "belarus kazakhstan russia moscow minsk dushanbe bishkek yerevan astana operation "
    "training command staff units rapid reaction troops headquarters air defence system "
    "information crisis response mechanism report plan program year international "
    "partners united nations statement conference forum expert consultations working "
    "group parliamentary assembly chairman deputy chief representative commission "
    "emergency humanitarian assistance supply equipment weapons modernization strategy "
    "decision summit heads state leaders visit official talks bilateral multilateral "
    "framework implementation measures legal documents resolution adopted approved"
).split()

RU_STEMS = (
    "организац договор безопасност государств член генеральн секретар заседан совет "
    "министр иностранн дел оборон совместн учен миротворческ сил вооружен сотрудничеств "
    "границ защит терроризм экстремизм наркотик угроз регион стабильност делегац "
    "соглашен подписан сесс обсужден вопрос укреплен военн политическ ситуац "
    "централь ази афганистан таджикистан киргиз армен беларус казахстан росс москв "
    "минск душанб бишкек ереван астан операц подготовк командн штабн подразделен "
    "реагирован войск штаб противовоздушн систем информац кризисн механизм доклад "
    "план программ международн партнер объединен нац заявлен конференц форум эксперт "
    "консультац рабоч групп парламентск ассамбле председател заместител начальник "
    "представител комисс чрезвычайн гуманитарн помощ поставк техник оруж модернизац "
    "стратеги решен саммит глав лидер визит официальн переговор двусторонн"
).split()
RU_ENDINGS = ("", "а", "ы", "ов", "ам", "ами", "ах", "е", "и", "ий", "ия", "ий", "ях", "ой",
              "ого", "ому", "ым", "ых", "ую", "ая", "ое", "ей", "ью", "ом")
EN_ENDINGS = ("", "", "", "s", "ed", "ing", "al", "ly")
FILLER = {"en": "the of and to in on for with by at as is was were a an".split(),
          "ru": "и в на с по для о что как из за к от не также".split()}

EN_QUERIES = ["joint exercise", "peacekeeping forces", "border protection", "secretary general",
              "drug trafficking", "air defence system", "crisis response", "parliamentary",
              "modernization strategy", "terrorism extremism"]
RU_QUERIES = ["совместные учения", "миротворческих сил", "защита границ", "генеральный секретарь",
              "наркотиков", "противовоздушной обороны", "кризисного реагирования",
              "парламентской ассамблеи", "модернизации", "терроризм экстремизм"]


def _vocab(lang: str) -> list[str]:
    """Word forms with a Zipf-like weighting by position (frequent words first)."""
    if lang == "en":
        return [w + e for w in EN_WORDS for e in EN_ENDINGS]
    return [s + e for s in RU_STEMS for e in RU_ENDINGS]


def _sentence(rng: random.Random, lang: str, vocab: list[str], weights: list[float]) -> str:
    """8-20 words: fillers, numbers and Zipf-weighted vocabulary (weights cumulative)."""
    words = []
    for _ in range(rng.randint(8, 20)):
        if rng.random() < 0.35:
            words.append(rng.choice(FILLER[lang]))
        elif rng.random() < 0.03:
            words.append(str(rng.randint(1, 2025)))
        else:
            words.append(rng.choices(vocab, cum_weights=weights)[0])
    return " ".join(words).capitalize() + "."


def make_articles(n: int, seed: int = 42) -> list[dict[str, Any]]:
    """n items shaped like the ones the pipeline receives, alternating en/ru."""
    rng = random.Random(seed)
    vocabs = {lang: _vocab(lang) for lang in ("en", "ru")}
    weights = {lang: list(accumulate(1 / (i + 5) for i in range(len(v))))
               for lang, v in vocabs.items()}
    sections = ["news_odkb", "smi", "news_sg", "news_pa"]
    items = []
    for i in range(n):
        lang = "en" if i % 2 == 0 else "ru"
        base = "https://en.odkb-csto.org" if lang == "en" else "https://odkb-csto.org"
        section = sections[i % len(sections)]
        slug = f"news-{i // 2}-{rng.randint(1000, 9999)}"
        v, w = vocabs[lang], weights[lang]
        paragraphs = []
        while sum(len(p.split()) for p in paragraphs) < 400:
            paragraphs.append(" ".join(_sentence(rng, lang, v, w) for _ in range(4)))
        url = f"{base}/news/{section}/{slug}/"
        items.append({
            "url": url, "lang": lang, "section": section, "slug": slug,
            "title": _sentence(rng, lang, v, w)[:-1],
            "published": f"{rng.randint(2010, 2024)}-{rng.randint(1, 12):02d}-"
                         f"{rng.randint(1, 28):02d}",
            "summary": paragraphs[0][:200],
            "body": "\n\n".join(paragraphs),
            "body_html": "".join(f'<p onclick="x()">{p}</p>' for p in paragraphs)
            + f'<p><a href="/upload/doc{i}.pdf">doc</a><img src="img/{i}.jpg"></p>',
            "listing_date": None, "date_source": "article:time",
            "extraction": {"title": "profile", "date": "structure", "body": "trafilatura"},
            "images": [{"url": f"{base}/upload/{i}.jpg", "caption": "Photo"}],
            "attachments": [{"url": f"{base}/upload/doc{i}.pdf", "title": "Document"}],
            "flags": [],
        })
    return items


def plain_rows(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The same rows and columns as articles, with derived values precomputed."""
    now = utc_now()
    rows = []
    for it in items:
        row = {c: it.get(c) for c in ARTICLES.names}
        row.update(
            first_seen=now, last_seen=now, updated=now, status="live",
            content_hash=content_hash(it),
            word_count=word_count(it["body"]),
            body_html=sanitize_html(it["body_html"], it["url"]),
            extraction=to_json(it["extraction"]), flags=to_json(it["flags"]),
            search_stems=search_stems(it["title"], it["body"], it["lang"]),
        )
        rows.append(row)
    return rows


def timed(fn: Callable[[], Any]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def bench_store(items: list[dict[str, Any]], path: Path) -> float:
    def run() -> None:
        with ArticleStore(path) as store:
            for item in items:
                store.upsert_article(item)

    return timed(run)


def bench_plain(rows: list[dict[str, Any]], path: Path, fts: bool = False) -> float:
    """One upsert_all transaction; with ``fts`` into a table that already has the
    same FTS5 index and triggers as ours (the fair floor for "FTS included")."""

    def run() -> None:
        db = Database(path)
        db.enable_wal()
        if fts:
            db["articles"].create({c: str for c in ARTICLES.names}, pk="url")
            db["articles"].enable_fts(
                list(SEARCHABLE_COLUMNS), create_triggers=True, tokenize=FTS_TOKENIZE
            )
        with db.atomic():
            db["articles"].upsert_all(rows, pk="url")
        db.close()

    return timed(run)  # creating the empty table is negligible next to the rows


def query_medians(path: Path, queries: list[str], lang: str, repeat: int = 5) -> float:
    """Median over the queries of each query's best-of-``repeat`` time, in ms."""
    db = Database(path)
    times = []
    for q in queries:
        best = min(timed(lambda q=q: search(db, q, lang=lang, limit=20)) for _ in range(repeat))
        times.append(best * 1000)
    hits = sum(len(search(db, q, lang=lang)) > 0 for q in queries)
    db.close()
    print(f"  {lang}: median {statistics.median(times):.2f} ms over {len(queries)} queries "
          f"({hits} with hits; max {max(times):.2f} ms)")
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    args = parser.parse_args()
    items = make_articles(args.articles)
    words = statistics.mean(word_count(i["body"]) for i in items)
    print(f"{len(items)} articles ({words:.0f} body words on average)")
    with tempfile.TemporaryDirectory() as tmp:
        store_path, plain_path = Path(tmp) / "store.db", Path(tmp) / "plain.db"
        rows = plain_rows(items)  # untimed: derived values for the plain baseline
        plain_s = bench_plain(rows, plain_path)
        store_s = bench_store(items, store_path)
        store_rate, plain_rate = len(items) / store_s, len(items) / plain_s
        print(f"ArticleStore.upsert_article (FTS, stemming, sanitising): {store_rate:,.0f} "
              f"articles/s ({store_s:.2f} s)")
        print(f"plain sqlite-utils upsert_all (one transaction, no FTS): {plain_rate:,.0f} "
              f"articles/s ({plain_s:.2f} s)")
        print(f"ratio: {store_rate / plain_rate:.2f} (target >= 0.5)")
        fts_s = bench_plain(rows, Path(tmp) / "plain_fts.db", fts=True)
        fts_rate = len(items) / fts_s
        print(f"reference, plain upsert_all into the same FTS5 index and triggers: "
              f"{fts_rate:,.0f} articles/s; ArticleStore reaches {store_rate / fts_rate:.2f} "
              f"of it")
        recrawl_s = bench_store(items, store_path)
        print(f"re-crawl, all unchanged: {len(items) / recrawl_s:,.0f} articles/s")
        print(f"database size: {store_path.stat().st_size / 1e6:.0f} MB "
              f"(plain {plain_path.stat().st_size / 1e6:.0f} MB)")
        print("full-text search (search(), bm25, snippet, limit 20):")
        query_medians(store_path, EN_QUERIES, "en")
        query_medians(store_path, RU_QUERIES, "ru")


if __name__ == "__main__":
    main()
