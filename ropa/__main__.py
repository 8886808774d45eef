"""Allow ``python -m ropa``."""

from ropa.cli.entry import run

if __name__ == "__main__":
    run()
