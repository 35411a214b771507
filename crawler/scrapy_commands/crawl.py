"""`scrapy crawl` whose exit status tells a scheduler how the crawl went.

Scrapy's own command exits 0 for any crawl that started; see crawler/run/exit_codes.py.
"""

from __future__ import annotations

import argparse

from scrapy.commands.crawl import Command as ScrapyCrawl
from scrapy.exceptions import UsageError

from crawler.run.exit_codes import ERRORS, exit_status
from crawler.run.run_record import record_exit_status
from crawler.spiders.arguments import SpiderArgumentError, parse_arguments, parse_range


class Command(ScrapyCrawl):
    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        if len(args) != 1:
            raise UsageError("running 'scrapy crawl' needs exactly one spider name")
        if args[0] == "csto":
            names = ("lang", "base_url", "sections", "mode")
            spargs = opts.spargs
            try:
                parse_arguments(**{k: v for k, v in spargs.items() if k in names})
                parse_range(spargs.get("mode", "full"), spargs.get("since"), spargs.get("until"))
            except SpiderArgumentError as error:  # Scrapy's usage error: exit status 2
                raise UsageError(str(error)) from None
        assert self.crawler_process
        crawler = self.crawler_process.create_crawler(args[0])
        self.crawler_process.crawl(crawler, **opts.spargs)
        self.crawler_process.start()
        if self.crawler_process.bootstrap_failed:
            self.exitcode = ERRORS
        elif crawler.stats is not None:
            self.exitcode = exit_status(crawler.stats.get_stats())
            record_exit_status(crawler, self.exitcode)
