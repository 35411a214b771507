"""Items as the pipelines hand them to storage, for the storage tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

EN = "https://en.odkb-csto.org"
RU = "https://odkb-csto.org"


def make_item(lang: str = "en", slug: str = "joint-exercise", **overrides: Any) -> dict[str, Any]:
    """An item as the earlier pipelines hand it to storage."""
    base = EN if lang == "en" else RU
    section = overrides.pop("section", "news_odkb")
    item: dict[str, Any] = {
        "url": f"{base}/news/{section}/{slug}/",
        "lang": lang,
        "section": section,
        "slug": slug,
        "title": "CSTO joint exercise" if lang == "en" else "Совместные учения ОДКБ",
        "published": "2024-03-15",
        "summary": None,
        "body": (
            "The exercises were held in Tajikistan.\n\nPeacekeepers trained together."
            if lang == "en"
            else "Учения прошли в Таджикистане.\n\nМиротворцы тренировались вместе."
        ),
        "body_html": "<p>Body</p>",
        "listing_date": "2024-03-15",
        "date_source": "article:time",
        "extraction": {"title": "profile", "date": "structure", "body": "trafilatura"},
        "images": [{"url": f"{base}/upload/a.jpg", "caption": "Photo"}],
        "attachments": [{"url": f"{base}/upload/doc.pdf", "title": "Statement"}],
        "flags": [],
    }
    item.update(overrides)
    return item


ROOT = Path(__file__).resolve().parents[2]
