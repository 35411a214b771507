"""Feed exporters of the crawl (`FEED_EXPORTERS`): `csv_exporter`, CSV with list and dict
cells as JSON."""
