"""The page's text laid out once (`crawler.extract.layout.Texts`) against lxml's own walk.

Every extraction rule reads element text through `Texts`, so a slice in the wrong place
would move every field of every page; lxml's `itertext` is the independent answer.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from lxml import etree

from crawler.extract.dom import parse, text_of
from crawler.extract.encoding import decode_html
from crawler.extract.layout import Texts

FIXTURES = Path(__file__).parent / "fixtures"
PAGES = sorted(FIXTURES.glob("articles/*.html")) + sorted(FIXTURES.glob("listings/*.html"))
TRICKY = {
    "tails": "<div>a<b>b</b>c<i>d<u>e</u>f</i>g</div>h<p>i</p>",
    "empty": "<div><p></p><span> </span><br><br>x<img src=a.png></div>",
    "deep": "<div>" * 300 + "deep" + "</div>" * 300 + "after",
    "unclosed": "<div><p>one<p>two<li>three<td>four",
    "whitespace": "<p>\n  spaced \t out\n</p>  <p>\xa0</p>",
}


def check_layout(html: str) -> None:
    doc = parse(html)
    texts = Texts(doc)
    elements = list(doc.iter())
    assert texts.order == {el: i for i, el in enumerate(elements)}
    for el in elements:
        expected = " ".join(el.itertext())
        assert texts.raw(el) == expected
        assert texts.raw_length(el) == len(expected)
        assert texts(el) == text_of(el)


@pytest.mark.parametrize("page", PAGES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_every_element_text_is_its_itertext(page: Path) -> None:
    check_layout(decode_html(page.read_bytes())[0])


@pytest.mark.parametrize("name", sorted(TRICKY))
def test_tails_nesting_and_empty_elements_are_laid_out_as_itertext(name: str) -> None:
    check_layout(TRICKY[name])


def test_with_match_finds_the_elements_whose_own_text_matches_in_document_order() -> None:
    doc = parse(
        "<div>intro 2024<p>on 10.07.2020</p>tail 1999<span>x<b>12.03.21</b></span>"
        "<i>none</i></div>"
    )
    pattern = re.compile(r"\d(?:\d{3}|\.\d{1,2}\.\d{2})")
    expected = [
        el for el in doc.iter() if el.text is not None and pattern.search(el.text)
    ]
    assert [el.tag for el in expected] == ["div", "p", "b"]  # the tail "1999" is no one's
    assert Texts(doc).with_match(pattern) == expected


def test_a_tree_with_comments_is_refused_not_laid_out_wrong() -> None:
    doc = etree.fromstring("<div>a<!-- note -->b</div>")
    with pytest.raises(ValueError, match="elements only"):
        Texts(doc)
