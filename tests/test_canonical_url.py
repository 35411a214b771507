"""canonical_url: w3lib's canonical form (escapes, IDN, case, query order), then the site's
own path rules. Expected URLs are written out by hand."""

from __future__ import annotations

import pytest

from crawler.extract.urls import canonical_url

EXERCISES = "/news/news_odkb/%D1%83%D1%87%D0%B5%D0%BD%D0%B8%D1%8F/"  # /учения/


@pytest.mark.parametrize(
    "spelling",
    [
        "https://odkb-csto.org/news/news_odkb/учения/",
        "https://odkb-csto.org/news/news_odkb/%D1%83%D1%87%D0%B5%D0%BD%D0%B8%D1%8F/",
        "https://odkb-csto.org/news/news_odkb/%d1%83%d1%87%d0%b5%d0%bd%d0%b8%d1%8f/",
        "https://odkb-csto.org/news/news_odkb/учения",
        "https://odkb-csto.org/news/news_odkb/учения/index.php?utm_source=tg#comments",
        "HTTPS://ODKB-CSTO.ORG:443/news/news_odkb/%d1%83чения/",
    ],
)
def test_every_spelling_of_a_cyrillic_path_is_one_url(spelling: str) -> None:
    assert canonical_url(spelling) == "https://odkb-csto.org" + EXERCISES


@pytest.mark.parametrize(
    ("url", "canonical"),
    [
        ("http://пример.рф/news/a/", "http://xn--e1afmkfd.xn--p1ai/news/a/"),
        ("http://xn--e1afmkfd.xn--p1ai/news/a/", "http://xn--e1afmkfd.xn--p1ai/news/a/"),
        ("http://en.odkb-csto.org:80/news/a/", "http://en.odkb-csto.org/news/a/"),
        ("https://en.odkb-csto.org:8443/news/a/", "https://en.odkb-csto.org:8443/news/a/"),
        ("http://127.0.0.1:8001/news/a/#top", "http://127.0.0.1:8001/news/a/"),
        ("http://en.odkb-csto.org/news/%7Ea/", "http://en.odkb-csto.org/news/~a/"),
        ("http://en.odkb-csto.org/news/a b/", "http://en.odkb-csto.org/news/a%20b/"),
        ("http://en.odkb-csto.org/news/a;jsessionid=ABC/", "http://en.odkb-csto.org/news/a/"),
        ("http://en.odkb-csto.org/news//a/index.html", "http://en.odkb-csto.org/news/a/"),
        ("http://en.odkb-csto.org/upload/plan.pdf", "http://en.odkb-csto.org/upload/plan.pdf"),
        ("http://en.odkb-csto.org/news/a/?sphrase_id=5&clear_cache=Y",
         "http://en.odkb-csto.org/news/a/"),
    ],
)
def test_w3lib_form_with_the_sites_path_rules(url: str, canonical: str) -> None:
    assert canonical_url(url) == canonical


def test_kept_parameters_survive_sorted_and_escaped_once() -> None:
    url = "http://en.odkb-csto.org/news/?utm_source=x&PAGEN_1=2&q=%d0%b0"
    assert canonical_url(url, ("q", "PAGEN_1")) == (
        "http://en.odkb-csto.org/news/?PAGEN_1=2&q=%D0%B0"
    )


@pytest.mark.parametrize(
    "url", ["http://[ccpa-preferences]/news/a/", "http://[ccpa-preferences]", "http://x.org:ab/"]
)
def test_a_url_without_a_canonical_form_is_a_value_error(url: str) -> None:
    with pytest.raises(ValueError):
        canonical_url(url)
