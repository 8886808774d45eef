"""Allow ``python -m ropa``."""

from ropa.cli import main

if __name__ == "__main__":
    main()
