"""Local mirror of the CSTO news site: generated dataset, HTML templates and an HTTP server."""

from .dataset import MirrorArticle, build_dataset
from .render import TEMPLATES
from .server import MirrorServer

__all__ = ["TEMPLATES", "MirrorArticle", "MirrorServer", "build_dataset"]
