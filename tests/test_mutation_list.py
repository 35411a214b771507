"""The mutation check's list stays true to the code: a mutant whose snippet is no longer in
its file (the code changed since it was written) would be skipped as "snippet not found"
and its bug no longer checked, so the suite fails instead, naming the mutant to update."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.tools.mutation_check import MUTANTS, ROOT


@pytest.mark.parametrize("mutant", MUTANTS, ids=[mutant.name for mutant in MUTANTS])
def test_every_mutant_applies_once_and_names_tests_that_exist(mutant) -> None:
    source = (ROOT / mutant.path).read_text(encoding="utf-8")
    assert source.count(mutant.old) == 1, f"{mutant.name}: snippet not once in {mutant.path}"
    assert mutant.new != mutant.old
    for test in mutant.tests:
        path = Path(test.split("::")[0])
        assert (ROOT / path).exists(), test
        if "::" in test:
            name = test.split("::")[1].split("[")[0]
            assert f"def {name}(" in (ROOT / path).read_text(encoding="utf-8"), test
