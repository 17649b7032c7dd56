"""Checks the installed packages for known vulnerabilities with pip-audit, and says so plainly when it cannot.

pip-audit asks the PyPI JSON API about each package. Where that API is not reachable (a mirror that
serves only the simple index answers 404), pip-audit reports every package as "not found" and exits 0,
which would read as a clean audit. This wrapper treats that as "not audited" and exits 3.

    python -m project.audit
"""

import json

# pip-audit is run with fixed arguments and no shell.
import subprocess  # nosec B404
import sys
from pathlib import Path

NOT_AUDITED = 3


def main() -> int:
    pip_audit = Path(sys.executable).with_name("pip-audit")
    result = subprocess.run(  # nosec B603
        [str(pip_audit), "--format", "json", "--progress-spinner", "off", "--skip-editable"],
        capture_output=True,
        text=True,
        check=False,
    )
    try:
        report = json.loads(result.stdout)
    except json.JSONDecodeError:
        print((result.stderr.strip().splitlines() or ["pip-audit failed"])[-1], file=sys.stderr)
        print("pip-audit could not run: the vulnerability service is probably unreachable from here.", file=sys.stderr)
        return NOT_AUDITED

    dependencies = report.get("dependencies", [])
    skipped = [dep for dep in dependencies if "skip_reason" in dep]
    vulnerable = [dep for dep in dependencies if dep.get("vulns")]
    for dep in vulnerable:
        for vuln in dep["vulns"]:
            fixes = ", ".join(vuln.get("fix_versions", [])) or "no fix yet"
            print(f"{dep['name']} {dep['version']}: {vuln['id']} (fixed in {fixes})")
    if vulnerable:
        return 1
    if dependencies and len(skipped) == len(dependencies):
        print(
            f"NOT AUDITED: pip-audit could look up none of the {len(dependencies)} installed packages "
            f"({skipped[0]['skip_reason']}). The PyPI JSON API is not reachable from this machine; "
            "run `make audit` where it is.",
            file=sys.stderr,
        )
        return NOT_AUDITED
    print(f"pip-audit: no known vulnerabilities in {len(dependencies) - len(skipped)} packages", end="")
    print(f" ({len(skipped)} could not be looked up)" if skipped else "")
    return 0


if __name__ == "__main__":
    sys.exit(main())
