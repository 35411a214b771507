"""The run machinery: what starts, bounds and records a run, in one place.

`crawl_process`: crawls in this process with the project's settings (`newscrawl`);
`exit_codes`: the exit statuses a scheduler acts on and how a finished crawl maps to one;
`run_record`: the exit status written to the run's `crawl_runs` row; `backfill_job`: the
job directory of `newscrawl backfill --resume`; `extraction_pool`: extraction in worker
processes beside the crawl; `reextraction`: stored pages through extraction and the
pipelines again, in worker processes (`newscrawl reextract`).
"""
