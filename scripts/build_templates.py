"""Generate the default Word report templates under templates/ (reproducibly).

Usage: python scripts/build_templates.py [OUT_DIR]   (default: templates/ of this checkout)

The layout (GB/T 9704-2012) and the text of each template are in
zhengai/render/word/styles.py and zhengai/render/word/templates/; this script only writes the files.
Running it twice gives byte-identical files; tests/word/test_templates.py checks that
the committed templates are what the code builds.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from zhengai.render.word.build import build_all  # noqa: E402


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "templates"
    for path in build_all(out):
        print(path)


if __name__ == "__main__":
    main()
