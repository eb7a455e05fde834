"""showroom.brain stays pure: no database, ORM, HTTP or other showroom code (but the standard-library-only
showroom.vocabulary), directly or through its imports."""

import subprocess
import sys

_CHECK = """
import importlib, pkgutil, sys
import showroom.brain as brain
for module in pkgutil.walk_packages(brain.__path__, "showroom.brain."):
    importlib.import_module(module.name)
forbidden = ("sqlalchemy", "psycopg", "psycopg_pool", "httpx", "fastapi", "starlette", "pydantic_settings")
print(" ".join(sorted(
    name for name in sys.modules
    if name.split(".")[0] in forbidden
    or (name.startswith("showroom.") and not name.startswith(("showroom.brain", "showroom.vocabulary")))
)))
"""


def test_brain_imports_no_database_http_or_other_showroom_code_but_the_vocabulary() -> None:
    result = subprocess.run([sys.executable, "-c", _CHECK], capture_output=True, text=True, check=True)
    assert result.stdout.split() == []


_VOCABULARY = """
import sys
before = set(sys.modules)
import showroom.vocabulary
print(" ".join(sorted(
    name for name in set(sys.modules) - before
    if name.split(".")[0] not in sys.stdlib_module_names and name not in ("showroom", "showroom.vocabulary")
)))
"""


def test_the_vocabulary_imports_only_the_standard_library() -> None:
    result = subprocess.run([sys.executable, "-c", _VOCABULARY], capture_output=True, text=True, check=True)
    assert result.stdout.split() == []
