"""Given names, as evidence that the capitalised word after them is a surname.

"Kâzım Karabekir", "Sergey Kirov", "Noe Jordania": an unseen surname often
has no ending a rule could know, but the given name before it is in a list.
The list is the name dictionary of Jörg Michael (``nam_dict.txt``, about
48,000 given names with their frequency in 50+ countries, among them Turkey,
Azerbaijan, Georgia, Armenia, Russia and Persia), as shipped in the
``gender-guesser`` package. Only that data file is read (GNU FDL); none of
the package's code is imported or used.
"""

from __future__ import annotations

import functools
from importlib.metadata import PackageNotFoundError, distribution
from pathlib import Path

from ..turkish import fold

DATA_FILE = "gender_guesser/data/nam_dict.txt"


def _read_lines() -> list[str]:
    try:
        path = Path(str(distribution("gender-guesser").locate_file(DATA_FILE)))
        return path.read_text(encoding="utf-8").splitlines()
    except (PackageNotFoundError, OSError):
        return []


@functools.lru_cache(maxsize=1)
def given_names() -> frozenset[str]:
    """Folded given names of three letters or more; empty if the data is missing.

    A line is ``<gender> <name, padded to column 30><frequency per country>``;
    a "+" joins the parts of a compound name ("Abu+Bakr"), written with a
    space, a hyphen or nothing."""
    names: set[str] = set()
    for line in _read_lines():
        if not line or line[0] in "#=" or len(line) < 30:
            continue
        name = line[3:29].strip()
        for spelling in {name.replace("+", sep) for sep in (" ", "-", "")}:
            if len(spelling) >= 3 and spelling[:1].isupper():
                names.add(fold(spelling))
    return frozenset(names)
