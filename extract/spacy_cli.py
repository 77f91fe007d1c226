"""spaCy's command line, imported when first used instead of with spaCy: a run never uses it.

``import spacy`` imports ``spacy.cli`` (for ``spacy.info``), and with it typer, weasel, httpx, requests
and urllib3: about 0.15 s of the 0.5 s that spaCy costs every start, for commands a pipeline never
runs. ``defer()`` puts a finder in front of the import system that answers the imports of ``spacy.cli``
and ``spacy.cli.info`` with stand-in modules. The first name read from a stand-in (``spacy.cli.download``,
``from spacy.cli import setup_cli``, a call of ``spacy.info()``) imports the real command line, which
then replaces the stand-ins everywhere, so spaCy's CLI works as before, only later.
"""

from __future__ import annotations

import importlib
import sys
from importlib.machinery import ModuleSpec
from types import ModuleType
from typing import Any

_DEFERRED = ("spacy.cli", "spacy.cli.info")


class DeferredModule(ModuleType):
    """Stands in for a module of spaCy's CLI until a name is read from it, then hands over to the real one."""

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):  # introspection (__file__, __wrapped__...) is no reason to import the CLI
            raise AttributeError(name)
        return getattr(load_real(self.__name__), name)


class DeferredPackage(DeferredModule):
    """The stand-in of ``spacy.cli`` itself: like the real package, its ``info`` is the function."""

    def __setattr__(self, name: str, value: Any) -> None:
        # the import system binds each loaded submodule on its package; spaCy's package rebinds
        # ``info`` to the function of that name, and so does its stand-in
        super().__setattr__(name, _info if name == "info" and isinstance(value, DeferredModule) else value)


def load_real(name: str) -> ModuleType:
    """Import the real module ``name`` of spaCy's CLI, replacing the stand-ins in ``sys.modules`` and on spaCy."""
    _FINDER.active = False
    for deferred in _DEFERRED:
        if isinstance(sys.modules.get(deferred), DeferredModule):
            del sys.modules[deferred]
    cli = importlib.import_module("spacy.cli")
    spacy = sys.modules["spacy"]
    spacy.cli = cli  # type: ignore[attr-defined]
    spacy.info = cli.info  # type: ignore[attr-defined]
    return importlib.import_module(name)


def _info(*args: Any, **kwargs: Any) -> Any:
    """``spacy.info``: spaCy's own function, its CLI imported on the first call."""
    return load_real("spacy.cli.info").info(*args, **kwargs)


class _Finder:
    """Meta-path finder that answers ``spacy.cli`` and ``spacy.cli.info`` with stand-ins while active."""

    active = True

    def find_spec(self, fullname: str, path: Any = None, target: Any = None) -> ModuleSpec | None:
        """A stand-in's spec for the two deferred names; None (the usual search) for every other module."""
        if not self.active or fullname not in _DEFERRED:
            return None
        spec = ModuleSpec(fullname, self, is_package=fullname == "spacy.cli")
        if fullname == "spacy.cli" and path:
            # submodules (``import spacy.cli.train``) are still found in spaCy's own folder
            spec.submodule_search_locations = [f"{folder}/cli" for folder in path]
        return spec

    def create_module(self, spec: ModuleSpec) -> ModuleType:
        """The stand-in module."""
        return DeferredPackage(spec.name) if spec.name == "spacy.cli" else DeferredModule(spec.name)

    def exec_module(self, module: ModuleType) -> None:
        """Give the stand-in of ``spacy.cli.info`` the one name spaCy imports from it at import time."""
        if module.__name__ == "spacy.cli.info":
            module.info = _info  # type: ignore[attr-defined]


_FINDER = _Finder()


def defer() -> None:
    """Make the next ``import spacy`` leave its CLI for later (nothing to do once spaCy is imported)."""
    if "spacy" in sys.modules or _FINDER in sys.meta_path:
        return
    sys.meta_path.insert(0, _FINDER)
