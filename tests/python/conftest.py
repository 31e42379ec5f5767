"""Fixtures for the Python package's tests: one seed build per session."""

import pathlib

import pytest

import orbita

ROOT = pathlib.Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def root():
    return ROOT


@pytest.fixture(scope="session")
def seed(tmp_path_factory):
    out = tmp_path_factory.mktemp("seed")
    return orbita.build(ROOT / "data/raw", out=out)
