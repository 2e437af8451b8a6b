"""Allow ``python -m zhengai``."""

from zhengai.cli import main

main()
