"""The mirror's page layouts, one module each; `TEMPLATES` lists them in a fixed order."""

from __future__ import annotations

from crawler.mirror.templates.agency import AgencyTemplate
from crawler.mirror.templates.base import SiteInfo, _Template
from crawler.mirror.templates.bitrix import BitrixTemplate
from crawler.mirror.templates.cards import CardsTemplate
from crawler.mirror.templates.drupal import DrupalTemplate
from crawler.mirror.templates.flat import FlatTemplate
from crawler.mirror.templates.gov import GovTemplate
from crawler.mirror.templates.joomla import JoomlaTemplate
from crawler.mirror.templates.legacy import LegacyTemplate
from crawler.mirror.templates.modern import ModernTemplate
from crawler.mirror.templates.portal import PortalTemplate
from crawler.mirror.templates.press import PressTemplate
from crawler.mirror.templates.spa import SpaTemplate
from crawler.mirror.templates.tilda import TildaTemplate
from crawler.mirror.templates.typed import TypedTemplate
from crawler.mirror.templates.wp import WpTemplate

_CLASSES: dict[str, type[_Template]] = {
    "bitrix": BitrixTemplate,
    "modern": ModernTemplate,
    "legacy": LegacyTemplate,
    "cards": CardsTemplate,
    "portal": PortalTemplate,
    "spa": SpaTemplate,
    "flat": FlatTemplate,
    "gov": GovTemplate,
    "wp": WpTemplate,
    "agency": AgencyTemplate,
    "tilda": TildaTemplate,
    "joomla": JoomlaTemplate,
    "drupal": DrupalTemplate,
    "press": PressTemplate,
    "typed": TypedTemplate,
}
TEMPLATES = tuple(_CLASSES)


def get_template(site: SiteInfo) -> _Template:
    """Instantiate the layout named by ``site.template``."""
    try:
        return _CLASSES[site.template](site)
    except KeyError:
        raise ValueError(f"unknown template {site.template!r}; choose from {TEMPLATES}") from None
