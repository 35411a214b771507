"""Every setting of the crawler, in one place, each with the reason it has its value.

Override any of them on the command line (`-s NAME=value`) or from `newscrawl`.
Storage's defaults are storage's own (pipelines/storage), named here.
"""

# Modules, not their constants: Scrapy takes every upper-case name here for a setting.
from pipelines.storage import defaults

BOT_NAME = "csto-newscrawl"  # the project's name in logs and stats
SPIDER_MODULES = ["crawler.spiders"]  # where `scrapy crawl csto` finds the spider
NEWSPIDER_MODULE = "crawler.spiders"  # where `scrapy genspider` would put a new one
COMMANDS_MODULE = "crawler.scrapy_commands"  # `scrapy crawl` with meaningful exit statuses

# --- politeness toward the real site ------------------------------------------------------
ROBOTSTXT_OBEY = True  # never fetch what robots.txt disallows
USER_AGENT = (  # say who we are and why, so the site's admins can reach us
    "csto-newscrawl/0.1 (research news archive; polite crawler; "
    "+https://github.com/csto-newscrawl/csto-newscrawl)"
)
# The site is one host: a cap above the per-host one only queues requests behind the
# politeness delay, and Scrapy waits for every queued request before it closes, so at
# --max-runtime or on SIGTERM a deeper queue meant that many delays more.
CONCURRENT_REQUESTS = 2  # overall cap, the same as the per-host one
CONCURRENT_REQUESTS_PER_DOMAIN = 2  # at most two requests in flight to the site
DOWNLOAD_DELAY = 1.0  # seconds between requests to the site (AutoThrottle adapts it)
AUTOTHROTTLE_ENABLED = True  # slow down when the site slows down
AUTOTHROTTLE_START_DELAY = 1.0  # first delay before the site's latency is known
AUTOTHROTTLE_MAX_DELAY = 30.0  # never wait longer than this between requests
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0  # on average one request in flight
DOWNLOAD_TIMEOUT = 30  # seconds before a stalled response counts as failed
DOWNLOAD_MAXSIZE = 8 * 1024 * 1024  # a news page is never 8 MB: refuse larger ones
DOWNLOAD_WARNSIZE = 2 * 1024 * 1024  # log pages larger than this
DNS_TIMEOUT = 10  # fail fast without a network instead of hanging

# --- retries with backoff -----------------------------------------------------------------
RETRY_ENABLED = True  # transient errors (5xx, 429, timeouts, resets) are retried
RETRY_TIMES = 3  # retries after the first attempt
RETRY_BACKOFF_BASE = 1.0  # seconds before the first retry; doubles on each retry
RETRY_BACKOFF_MAX = 60.0  # cap on the backoff between two attempts
RETRY_AFTER_MAX = 120.0  # cap on how long a `Retry-After` header may make us wait
DOWNLOADER_MIDDLEWARES = {  # crawler/middlewares/: one module each
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,  # replaced by the next line
    # same slot as Scrapy's retry
    "crawler.middlewares.backoff_retry.BackoffRetryMiddleware": 550,
    "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,  # crawls all on 5xx
    # replaces it: 5xx, crawl nothing (RFC 9309)
    "crawler.middlewares.robotstxt.StrictRobotsTxtMiddleware": 100,
    # loops, offsite: errback, not silence
    "crawler.middlewares.redirect_guard.RedirectGuardMiddleware": 610,
}
DOWNLOAD_HANDLERS = {  # crawler/download_handlers/: Scrapy's, but no fetch once the run ends
    "http": "crawler.download_handlers.run_aware_http.RunAwareHTTPDownloadHandler",
    "https": "crawler.download_handlers.run_aware_http.RunAwareHTTPDownloadHandler",
}

# --- pipelines: each does one job, in this order ------------------------------------------
ITEM_PIPELINES = {
    "pipelines.articles_only.ArticlesOnlyPipeline": 50,  # rejects, gone pages: to storage
    "pipelines.text.TextPipeline": 100,  # Unicode NFC, spaces, paragraphs
    "pipelines.boilerplate.BoilerplatePipeline": 200,  # navigation lines, repeated title
    "pipelines.dates.DatesPipeline": 300,  # ISO dates, listing cross-check
    "pipelines.validation.ValidationPipeline": 400,  # drop incomplete items with a reason
    "pipelines.storage.pipeline.StoragePipeline": 900,  # upsert into SQLite
}

# --- throughput (what matters on a fast mirror, a cache or a backfill) ---------------------
CONCURRENT_ITEMS = 16  # one asyncio task per slot per response (scrapy#5182): 100 wastes CPU
EXTRACT_WORKERS = 1  # processes extracting article pages beside the crawl (0: in the crawl's own)

# --- storage ------------------------------------------------------------------------------
SQLITE_PATH = defaults.DEFAULT_SQLITE_PATH  # the database the crawl writes: output/news.db
STORAGE_BATCH_SIZE = defaults.DEFAULT_BATCH_SIZE  # rows per transaction at most: 200
STORAGE_COMMIT_INTERVAL = defaults.DEFAULT_COMMIT_INTERVAL  # seconds between commits at most: 5
STORAGE_LOCK = True  # refuse to run while another run writes the same database
KNOWN_URLS_LOADER = "pipelines.storage.known_urls.load_known_urls"  # incremental crawls ask this

# --- crawl modes --------------------------------------------------------------------------
INCREMENTAL_EXTRA_PAGES = 1  # listing pages read past the last one with anything new

# --- extensions: extraction health, reachability, the storage guard -----------------------
EXTENSIONS = {  # crawler/extensions/: one module each
    # layer shares and the template-change alarm
    "crawler.extensions.extraction_health.ExtractionHealth": 500,
    # one clear line when the site is unreachable
    "crawler.extensions.reachability.Reachability": 510,
    # disk full / read-only: stop at the first failure
    "crawler.extensions.storage_guard.StorageGuard": 520,
    "scrapy.extensions.telnet.TelnetConsole": None,  # no open port on a scheduled job
}
REMOTE_CONTROL_ENABLED = False  # no code-execution port on a scheduled job either
HEALTH_MAX_PROFILE_MISS = 0.5  # alarm when the profile's selectors miss on more pages
HEALTH_MIN_PAGES = 5  # ...out of at least this many article pages

# --- housekeeping -------------------------------------------------------------------------
LOG_LEVEL = "INFO"  # per-page lines at DEBUG only
FEED_EXPORT_ENCODING = "utf-8"  # `-o` exports keep Cyrillic readable
# lists as JSON, not reprs
FEED_EXPORTERS = {"csv": "crawler.exporters.csv_exporter.CsvItemExporter"}
REQUEST_FINGERPRINTER_IMPLEMENTATION = "2.7"  # the current fingerprinting, no warning
