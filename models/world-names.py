"""Writes models/world-names.txt: first names and surnames from many countries, for the tagger's
name features (`newsdex ner train --world-names models/world-names.txt`).

The names come from the person providers of Faker (https://pypi.org/project/Faker/, MIT licence,
Copyright (c) 2012 Daniele Faraglia), 80-odd locales. Only names written in the Latin alphabet are
kept (accents allowed), one word each; Chinese and Japanese names come from Faker's romanized
lists. Usage (the registry is the only network this needs):

    pip download --no-deps faker==40.63.0 -d /tmp/faker
    python3 models/world-names.py /tmp/faker/faker-40.63.0-py3-none-any.whl > models/world-names.txt

Output: one `first<TAB>Name` or `last<TAB>Name` line per name, sorted, each pair once.
"""

import importlib
import pkgutil
import sys
import tempfile
import unicodedata
import zipfile

FIRST = ("first_names", "first_names_male", "first_names_female", "first_names_nonbinary",
         "first_romanized_names", "first_names_male_romanized", "first_names_female_romanized")
LAST = ("last_names", "last_romanized_names", "last_names_male", "last_names_female",
        "last_names_romanized")


def latin_word(name):
    """True if and only if `name` is one word of Latin letters (hyphen and apostrophe allowed)."""
    if len(name) < 2 or not name[0].isupper():
        return False
    for c in name:
        if c in "-'":
            continue
        if not c.isalpha() or "LATIN" not in unicodedata.name(c, ""):
            return False
    return True


def names(value):
    """The names of a provider attribute: a tuple, a list, or a dict of name → weight."""
    if isinstance(value, dict):
        return list(value.keys())
    if isinstance(value, (list, tuple)):
        return [v for v in value if isinstance(v, str)]
    return []


def main(wheel):
    out = set()
    with tempfile.TemporaryDirectory() as tmp:
        zipfile.ZipFile(wheel).extractall(tmp)
        sys.path.insert(0, tmp)
        import faker.providers.person as person
        for info in pkgutil.iter_modules(person.__path__):
            provider = importlib.import_module(f"faker.providers.person.{info.name}").Provider
            for kind, attrs in (("first", FIRST), ("last", LAST)):
                for attr in attrs:
                    for name in names(getattr(provider, attr, ())):
                        name = unicodedata.normalize("NFC", name.strip())
                        if latin_word(name):
                            out.add((kind, name))
    for kind, name in sorted(out):
        print(f"{kind}\t{name}")


if __name__ == "__main__":
    main(sys.argv[1])
