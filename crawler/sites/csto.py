"""The CSTO website (Bitrix), English and Russian: URLs, selectors, phrase lists.

The live site's HTML cannot be seen from where this project is built; the selectors
are those of Bitrix's stock news templates, and structural rules back them up.
"""

from __future__ import annotations

from crawler.sites import Selectors, SiteProfile

SECTIONS = ("news_odkb", "smi")

# Bitrix's default news.detail template and its common descendants. Date selectors are
# scoped to the article: the news-list component dates its items with the same classes.
SELECTORS = Selectors(
    title=("div.news-detail h1", "h1.page-title", "h1.news-detail__title", "div.news-detail h3"),
    date=("div.news-detail .news-date-time", ".news-detail__date"),
    body=("div.news-detail__text", "div.news-detail"),
)

EN = SiteProfile(
    key="csto",
    lang="en",
    base_url="https://en.odkb-csto.org",
    sections=SECTIONS,
    site_names=("CSTO", "Collective Security Treaty Organization", "ОДКБ"),
    selectors=SELECTORS,
    navigation_phrases=(
        "Go back",
        "Back",
        "Back to the section",
        "Back to the all news",
        "Back to all news",
        "Back to section",
        "Back to the list",
        "Back to list",
        "All news",
        "Print",
        "Print version",
        "Share",
        "Subscribe",
        "Read more",
        "More",
        "Advertisement",
    ),
    furniture_lines=(
        r"(?:views|hits|viewed|read)\s*:?\s*\d[\d\s,.]*(?:times)?",
        r"(?:tags|keywords)\s*:.{0,200}",
        r"(?:photo|photos)\s*:.{0,80}",  # a credit; "Source: …" is the article's own line
    ),
    generic_headings=("News", "CSTO News", "Media about the CSTO", "Mass media about CSTO"),
    not_found_phrases=("Page not found", "404 Not Found", "The page you requested was not found"),
    dateparser_languages=("en",),
    other_lang="ru",
)

RU = SiteProfile(
    key="csto",
    lang="ru",
    base_url="https://odkb-csto.org",
    sections=SECTIONS,
    site_names=("ОДКБ", "Организация Договора о коллективной безопасности", "CSTO"),
    selectors=SELECTORS,
    navigation_phrases=(
        "Назад",
        "Вернуться назад",
        "Возврат к списку",
        "Вернуться в раздел",
        "Вернуться к списку",
        "Вернуться ко всем новостям",
        "Все новости",
        "Версия для печати",
        "Печать",
        "Поделиться",
        "Подписаться",
        "Подробнее",
        "Читать далее",
        "Реклама",
    ),
    furniture_lines=(
        r"(?:просмотров|просмотры|просмотрено|прочитано)\s*:?\s*\d[\d\s]*(?:раз[а]?)?",
        r"(?:теги|метки|ключевые слова)\s*:.{0,200}",
        r"фото\s*:.{0,80}",  # a credit; "Источник: …" is the article's own line
    ),
    generic_headings=("Новости", "Новости ОДКБ", "СМИ об ОДКБ"),
    not_found_phrases=("Страница не найдена", "404 Not Found", "Запрашиваемая страница не найдена"),
    dateparser_languages=("ru",),
    other_lang="en",
)

PROFILES = {"en": EN, "ru": RU}
