"""Reference data kept in ``ropa/data/`` and its readers: ``adequacy`` (the dated adequacy
decisions, Art. 45), ``countries`` (ISO 3166-1 and the EEA), ``languages`` (ISO 639-1) and ``labels`` (the label
catalogue in English, Swedish, Dutch, German and French)."""
