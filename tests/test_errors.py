"""Every error class crosses a process boundary whole: the parsing processes send them back to the crawl."""
from __future__ import annotations

import inspect
import pickle

import pytest

import scraper.errors as errors

ARGUMENTS = {"url": "http://a.vn/x", "reason": "why", "status": 503, "retry_after": 7.0}


def error_classes():
    return [c for _, c in inspect.getmembers(errors, inspect.isclass) if issubclass(c, errors.ScraperError)]


@pytest.mark.parametrize("cls", error_classes(), ids=lambda c: c.__name__)
def test_every_error_class_survives_pickling(cls):
    names = [p for p in inspect.signature(cls.__init__).parameters if p in ARGUMENTS]
    error = cls(*[ARGUMENTS[n] for n in names]) if names else cls("message")
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is cls and str(copy) == str(error) and vars(copy) == vars(error)


def test_errors_raised_on_purpose_live_in_one_module():
    import importlib
    for name in ("scraper.config", "scraper.extract.profiles", "scraper.store.queries"):
        module = importlib.import_module(name)
        own = [c for _, c in inspect.getmembers(module, inspect.isclass)
               if issubclass(c, Exception) and c.__module__ == module.__name__]
        assert own == [], module.__name__


def test_a_dns_failure_is_transient_not_a_bad_url():
    from scraper.netguard import resolve_addresses

    def no_answer(*args, **kwargs):
        import socket
        raise socket.gaierror(-2, "Name or service not known")
    with pytest.raises(errors.TransientError, match="cannot resolve host 'gone.example'"):
        resolve_addresses("http://gone.example/a", no_answer)
