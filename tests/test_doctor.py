"""`newscrawl doctor`: each layer's findings for each field, on a saved page."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from crawler.commands import doctor
from crawler.extract import layers

FIXTURES = Path(__file__).parent / "fixtures" / "articles"


def run_doctor(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    parser = argparse.ArgumentParser()
    doctor.add_arguments(parser)
    assert doctor.run(parser.parse_args(list(argv))) == 0
    return capsys.readouterr().out


def test_doctor_shows_profile_hits_on_the_profile_template(capsys) -> None:
    out = run_doctor(capsys, str(FIXTURES / "mirror_bitrix_en_seed.html"))
    assert "* profile      The delegation of the CSTO Secretariat" in out
    assert "→ 2020-07-10" in out
    assert "selectors missed" not in out


def test_doctor_names_the_fields_the_profile_missed(capsys) -> None:
    out = run_doctor(capsys, str(FIXTURES / "mirror_legacy_ru_seed.html"), "--lang", "ru")
    assert "    profile      —" in out
    assert "* structure" in out
    assert "The profile's selectors missed: title, date, body." in out


def test_doctor_reports_an_unreadable_file(capsys, refusing_port: int) -> None:
    parser = argparse.ArgumentParser()
    doctor.add_arguments(parser)
    assert doctor.run(parser.parse_args([f"http://127.0.0.1:{refusing_port}/nothing/"])) == 2
    assert "cannot read" in capsys.readouterr().err


def test_doctor_lists_every_extraction_layer_as_available(capsys) -> None:
    out = run_doctor(capsys, str(FIXTURES / "mirror_bitrix_en_seed.html"))
    assert "    trafilatura  available:" in out
    assert "    htmldate     available:" in out
    assert "NOT AVAILABLE" not in out


def test_doctor_says_which_layer_cannot_run_and_why(capsys, monkeypatch) -> None:
    """A broken installation (lxml_html_clean missing under jusText) is said, not hidden."""
    def broken(name: str) -> str | None:
        return "ImportError: lxml.html.clean module is now a separate project" \
            if name == "trafilatura" else None

    monkeypatch.setattr(layers, "import_error", broken)
    out = run_doctor(capsys, str(FIXTURES / "mirror_bitrix_en_seed.html"))
    assert ("    trafilatura  NOT AVAILABLE (ImportError: lxml.html.clean module is now a "
            "separate project)") in out
    assert "    htmldate     available:" in out
