"""The packages installed are the ones constraints.txt pins, so a fresh clone runs what CI tested."""

import re
from importlib import metadata
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
# Installed by the virtualenv itself, not by the archive's requirements.
NOT_PINNED = {"setuptools", "wheel"}


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def pins() -> dict[str, str]:
    found = {}
    for line in (BASE_DIR / "constraints.txt").read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            name, _, version = line.partition("==")
            found[canonical(name.split("[")[0])] = version
    return found


def test_every_installed_package_is_pinned_at_the_version_installed():
    pinned = pins()
    installed = {canonical(d.metadata["Name"]): d.version for d in metadata.distributions()}
    unpinned = sorted(set(installed) - set(pinned) - NOT_PINNED)
    assert not unpinned, f"installed but not in constraints.txt (run `make lock`): {unpinned}"
    drifted = {
        name: (installed[name], pinned[name])
        for name in installed
        if name in pinned and installed[name] != pinned[name]
    }
    assert not drifted, f"installed version differs from constraints.txt (installed, pinned): {drifted}"


def test_every_requirement_is_pinned_exactly():
    for requirements in ("requirements.txt", "requirements-dev.txt"):
        for line in (BASE_DIR / requirements).read_text().splitlines():
            line = line.split("#", 1)[0].strip()
            if line and not line.startswith("-r"):
                assert "==" in line, f"{requirements}: {line} is not pinned with =="
