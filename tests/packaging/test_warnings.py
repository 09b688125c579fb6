"""Deprecations in bk.plone and its tests fail the suite (pyproject.toml's
filterwarnings); third-party ones are ignored by name only."""

import pytest
import warnings


def test_our_deprecations_fail():
    with pytest.raises(DeprecationWarning):
        warnings.warn("an API Plone 7 removes", DeprecationWarning, stacklevel=1)


def test_other_warnings_are_not_swallowed(recwarn):
    warnings.warn("shown in the summary", UserWarning, stacklevel=1)
    assert [str(w.message) for w in recwarn] == ["shown in the summary"]


def test_no_blanket_ignore(repo_root):
    text = (repo_root / "pyproject.toml").read_text()
    assert '"ignore::DeprecationWarning"' not in text
