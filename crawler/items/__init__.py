"""What the crawl hands to the pipelines (layer 2: above extraction, below the pipelines).

Three kinds of item, told apart by type: an `ArticleItem` is cleaned, dated, validated
and stored; a `RejectItem` says why a listed article gave no article (a `rejects` row);
a `GoneItem` marks a stored article gone. `article_item` is the one function that turns
a fetched article page into an item, for the spider and for `newscrawl reextract` alike.
"""

from crawler.items.fetched import FetchedPage, listing_record
from crawler.items.from_page import article_item, extraction_failure
from crawler.items.kinds import EXPORTED_FIELDS, ArticleItem, GoneItem, RejectItem

__all__ = [
    "EXPORTED_FIELDS",
    "ArticleItem",
    "FetchedPage",
    "GoneItem",
    "RejectItem",
    "article_item",
    "extraction_failure",
    "listing_record",
]
